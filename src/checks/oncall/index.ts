import type { CheckFamily } from '../types.ts';
import { oncall } from './oncall.ts';

export const oncallFamily: CheckFamily = {
  name: 'oncall',
  description: 'What a service needs before it goes to production: who is paged, and what they read.',
  checks: [oncall],
};
