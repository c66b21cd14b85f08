import type { FileChange } from '../../changeset.ts';
import { defineCheck } from '../types.ts';

export interface PrSizeOptions {
  max_lines: number;
  count?: 'changes' | 'additions';
}

export function changedLineCount(files: readonly FileChange[], count: 'changes' | 'additions'): number {
  return files.reduce((sum, file) => sum + file.additions + (count === 'changes' ? file.deletions : 0), 0);
}

export const prSize = defineCheck<PrSizeOptions>({
  type: 'pr-size',
  summary: 'The change touches at most `max_lines` lines in the files the standard applies to.',
  scope: 'change',
  requires: ['diff'],
  options: {
    type: 'object',
    additionalProperties: false,
    required: ['max_lines'],
    properties: {
      max_lines: { type: 'integer', minimum: 1 },
      count: { enum: ['changes', 'additions'], description: 'changes (added + removed, the default) or additions only.' },
    },
  },
  messages: {
    tooLarge: 'this change touches {{lines}} lines in {{files}} files, above the limit of {{max}}; split it into smaller pull requests',
  },
  evaluate({ options, files }) {
    const lines = changedLineCount(files, options.count ?? 'changes');
    if (lines <= options.max_lines) return [];
    return [{ messageId: 'tooLarge', data: { lines, files: files.length, max: options.max_lines } }];
  },
});
