import { expect, test } from 'vitest';
import { changeSet, fileChange, memoryTree, noTeams } from '../../../test/helpers/changes.ts';
import { prSize, type PrSizeOptions } from './pr-size.ts';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i}`);

test.each([
  { name: 'under the limit', files: [fileChange('a.ts', { added: lines(40), removed: lines(10) })], options: { max_lines: 50 }, expected: [] },
  {
    name: 'over the limit counting removals',
    files: [fileChange('a.ts', { added: lines(40), removed: lines(11) })],
    options: { max_lines: 50 },
    expected: [{ messageId: 'tooLarge', data: { lines: 51, files: 1, max: 50 } }],
  },
  { name: 'additions only ignores removals', files: [fileChange('a.ts', { added: lines(40), removed: lines(100) })], options: { max_lines: 50, count: 'additions' }, expected: [] },
  {
    name: 'sums across files',
    files: [fileChange('a.ts', { added: lines(30) }), fileChange('b.ts', { status: 'deleted', removed: lines(30) })],
    options: { max_lines: 50 },
    expected: [{ messageId: 'tooLarge', data: { lines: 60, files: 2, max: 50 } }],
  },
])('$name', async ({ files, options, expected }) => {
  const results = await prSize.evaluate({ options: options as PrSizeOptions, files, tree: memoryTree({}), changeSet: changeSet({ files }), today: '2026-11-26', teams: noTeams });
  expect(results).toEqual(expected);
});
