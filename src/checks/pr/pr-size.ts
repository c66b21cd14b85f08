import type { FileChange } from '../../changeset.ts';
import { defineCheck } from '../types.ts';

export interface PrSizeOptions {
  max_lines: number;
  count?: 'changes' | 'additions';
}

/** Lines the change touches, as GitHub counts them: a binary file counts none. */
export async function changedLineCount(files: readonly FileChange[], count: 'changes' | 'additions'): Promise<number> {
  let sum = 0;
  for (const file of files) {
    if (file.status !== 'deleted' && (await file.isBinary())) continue;
    const { additions, deletions } = await file.lineCounts();
    sum += additions + (count === 'changes' ? deletions : 0);
  }
  return sum;
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
  async evaluate({ options, files }) {
    const lines = await changedLineCount(files, options.count ?? 'changes');
    if (lines <= options.max_lines) return [];
    return [{ messageId: 'tooLarge', data: { lines, files: files.length, max: options.max_lines } }];
  },
});
