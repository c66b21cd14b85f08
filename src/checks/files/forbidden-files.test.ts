import { expect, test } from 'vitest';
import { changeSet, fileChange, memoryTree, noTeams } from '../../../test/helpers/changes.ts';
import { forbiddenFiles, type ForbiddenFilesOptions } from './forbidden-files.ts';

test.each([
  { name: 'an added file is forbidden', files: [fileChange('.env')], options: {}, expected: ['.env'] },
  { name: 'a renamed-in file is forbidden', files: [fileChange('id_rsa', { status: 'renamed', previousPath: 'notes.txt' })], options: {}, expected: ['id_rsa'] },
  { name: 'a modified file is left alone by default', files: [fileChange('.env', { status: 'modified' })], options: {}, expected: [] },
  { name: 'a deleted file is the fix, not a violation', files: [fileChange('.env', { status: 'deleted' })], options: {}, expected: [] },
  { name: 'statuses can include modified', files: [fileChange('.env', { status: 'modified' })], options: { statuses: ['modified'] }, expected: ['.env'] },
])('$name', async ({ files, options, expected }) => {
  const results = await forbiddenFiles.evaluate({ options: options as ForbiddenFilesOptions, files, tree: memoryTree({}), changeSet: changeSet({ files }), today: '2026-11-26', teams: noTeams });
  expect(results.map((r) => r.file)).toEqual(expected);
  for (const result of results) expect(result).toMatchObject({ messageId: 'forbidden', data: { file: result.file } });
});
