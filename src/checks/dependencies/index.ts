import type { CheckFamily } from '../types.ts';
import { dependencies } from './dependencies.ts';

export const dependenciesFamily: CheckFamily = {
  name: 'dependencies',
  description: 'Which libraries a change may bring in, at which versions and under which licences.',
  checks: [dependencies],
};
