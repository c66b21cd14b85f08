import type { CheckFamily } from '../types.ts';
import { languageFacts } from './facts.ts';
import { language } from './language.ts';

export const languageFamily: CheckFamily = {
  name: 'language',
  description: 'Which programming languages new code may be written in, and which are on their way out.',
  checks: [language],
  facts: languageFacts,
};
