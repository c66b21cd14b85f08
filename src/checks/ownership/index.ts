import type { CheckFamily } from '../types.ts';
import { ownership } from './ownership.ts';

export const ownershipFamily: CheckFamily = {
  name: 'ownership',
  description: 'Who owns each file: CODEOWNERS as GitHub reads it, and the service catalog.',
  checks: [ownership],
};
