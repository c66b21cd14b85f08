import type { CheckFamily } from '../types.ts';
import { prBodySections } from './pr-body-sections.ts';
import { prSize } from './pr-size.ts';
import { prTitle } from './pr-title.ts';

export const prFamily: CheckFamily = {
  name: 'pr',
  description: 'The shape of the pull request itself: title, description and size.',
  checks: [prTitle, prBodySections, prSize],
};
