import type { CheckFamily } from '../types.ts';
import { forbiddenContent } from './forbidden-content.ts';

export const contentFamily: CheckFamily = {
  name: 'content',
  description: 'What added lines of text may contain.',
  checks: [forbiddenContent],
};
