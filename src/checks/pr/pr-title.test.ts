import { expect, test } from 'vitest';
import { changeSet, memoryTree, pullRequest, noTeams } from '../../../test/helpers/changes.ts';
import { prTitle } from './pr-title.ts';

const CONVENTIONAL = '^(?:feat|fix|docs|chore)(?:\\([a-z0-9._/-]+\\))?!?: \\S';

test.each([
  { title: 'feat(billing): add export', ok: true },
  { title: 'fix: handle empty cart', ok: true },
  { title: 'feat!: drop node 18', ok: true },
  { title: '  chore: trim surrounding spaces  ', ok: true },
  { title: 'Update stuff', ok: false },
  { title: 'feat:missing space', ok: false },
  { title: 'FEAT: shouting', ok: false },
  { title: '', ok: false },
])('"$title" → $ok', async ({ title, ok }) => {
  const pr = pullRequest({ title });
  const results = await prTitle.evaluate({ options: { pattern: CONVENTIONAL, description: 'Conventional Commits' }, files: [], tree: memoryTree({}), changeSet: changeSet({ pr }), pr, today: '2026-11-26', teams: noTeams });
  expect(results).toEqual(ok ? [] : [{ messageId: 'mismatch', data: { title: title.trim(), description: 'Conventional Commits' } }]);
});

test('case_insensitive lets FEAT through', async () => {
  const pr = pullRequest({ title: 'FEAT: shouting' });
  const results = await prTitle.evaluate({ options: { pattern: CONVENTIONAL, case_insensitive: true }, files: [], tree: memoryTree({}), changeSet: changeSet({ pr }), pr, today: '2026-11-26', teams: noTeams });
  expect(results).toEqual([]);
});
