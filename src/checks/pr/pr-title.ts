import { compileUserRegex, regexProblem } from '../../engine/regex.ts';
import { defineCheck } from '../types.ts';

export interface PrTitleOptions {
  pattern: string;
  description?: string;
  case_insensitive?: boolean;
}

export const prTitle = defineCheck<PrTitleOptions>({
  type: 'pr-title',
  summary: 'The pull request title matches `pattern` (an RE2 regular expression).',
  scope: 'change',
  requires: ['pr'],
  options: {
    type: 'object',
    additionalProperties: false,
    required: ['pattern'],
    properties: {
      pattern: { type: 'string', minLength: 1, description: 'RE2 syntax; anchor it with ^ and $ to match the whole title.' },
      description: { type: 'string', minLength: 1, description: 'The convention in words, with an example.' },
      case_insensitive: { type: 'boolean' },
    },
  },
  messages: {
    mismatch: 'PR title "{{title}}" does not follow {{description}}',
  },
  validate(options) {
    const problem = regexProblem(options.pattern);
    return problem ? [{ path: ['pattern'], message: problem }] : [];
  },
  evaluate({ options, pr }) {
    const title = pr!.title.trim();
    if (compileUserRegex(options.pattern, { caseInsensitive: options.case_insensitive }).test(title)) return [];
    return [{ messageId: 'mismatch', data: { title, description: options.description ?? `the pattern /${options.pattern}/` } }];
  },
});
