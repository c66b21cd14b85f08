import type { CheckFamily } from '../types.ts';
import { forbiddenFiles } from './forbidden-files.ts';
import { requiredFiles } from './required-files.ts';

export const filesFamily: CheckFamily = {
  name: 'files',
  description: 'Which files a repository must have, and which it must never hold.',
  checks: [requiredFiles, forbiddenFiles],
};
