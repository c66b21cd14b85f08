import { describe, expect, test } from 'vitest';
import { changeSet, memoryTree, noTeams } from '../../../test/helpers/changes.ts';
import { directoriesMatching, missingIn, requiredFiles, type RequiredFilesOptions } from './required-files.ts';

const LICENCE = { name: 'licence', any_of: ['LICENSE', 'LICENSE.*', 'COPYING'] };

describe('missingIn', () => {
  test.each([
    { name: 'exact file present', paths: ['README.md'], required: ['README.md'], missing: [] },
    { name: 'file absent', paths: ['src/a.ts'], required: ['README.md'], missing: ['README.md'] },
    { name: 'case-insensitive, as GitHub finds a README', paths: ['readme.MD'], required: ['README.md'], missing: [] },
    { name: 'alternative matched by glob', paths: ['LICENSE.txt'], required: [LICENCE], missing: [] },
    { name: 'no alternative present', paths: ['README.md'], required: [LICENCE], missing: ['licence'] },
    { name: 'a nested file does not satisfy the root', paths: ['docs/README.md'], required: ['README.md'], missing: ['README.md'] },
    { name: 'a nested path entry is matched', paths: ['.github/CODEOWNERS'], required: [{ any_of: ['CODEOWNERS', '.github/CODEOWNERS'] }], missing: [] },
    { name: 'a glob reaching into subfolders', paths: ['docs/guides/intro.md'], required: [{ name: 'a guide', any_of: ['docs/*/*.md'] }], missing: [] },
  ])('$name', async ({ paths, required, missing }) => {
    const tree = memoryTree(Object.fromEntries(paths.map((p) => [p, ''])));
    const names = (await missingIn(tree, '.', required)).map((entry) => (typeof entry === 'string' ? entry : entry.name));
    expect(names).toEqual(missing);
  });

  test('inside a directory only that directory counts', async () => {
    expect(await missingIn(memoryTree({ 'services/b/README.md': '', 'services/a/x.ts': '' }), 'services/a', ['README.md'])).toEqual(['README.md']);
    expect(await missingIn(memoryTree({ 'services/a/README.md': '' }), 'services/a', ['README.md'])).toEqual([]);
  });
});

describe('directoriesMatching walks only where its glob can reach', () => {
  const tree = memoryTree({ 'services/a/x.ts': '', 'services/b/deep/y.ts': '', 'lib/services/c/z.ts': '', 'README.md': '' });
  test.each([
    ['.', ['.']],
    ['services/*', ['services/a', 'services/b']],
    ['services/*/deep', ['services/b/deep']],
    ['**/services/*', ['lib/services/c', 'services/a', 'services/b']],
    ['nowhere/*', []],
  ])('%s → %j', async (glob, expected) => {
    expect(await directoriesMatching(tree, glob)).toEqual(expected);
  });

  test('a literal leading folder is looked up, never walked around', async () => {
    const asked: string[] = [];
    const listing = memoryTree({ 'services/a/x.ts': '', 'huge/1/a.ts': '', 'huge/2/b.ts': '' });
    const spy = { ...listing, list: (dir: string) => (asked.push(dir), listing.list(dir)) };
    await directoriesMatching(spy, 'services/*');
    expect(asked.sort()).toEqual(['', 'services']);
  });
});

describe('required-files check', () => {
  const run = (head: Record<string, string>, options: RequiredFilesOptions) =>
    requiredFiles.evaluate({ options, files: [], tree: memoryTree(head), changeSet: changeSet({ head }), today: '2026-11-26', teams: noTeams });

  test.each<{ name: string; head: Record<string, string>; options: RequiredFilesOptions; expected: unknown[] }>([
    { name: 'root complete', head: { 'README.md': '', LICENSE: '' }, options: { files: ['README.md', LICENCE] }, expected: [] },
    {
      name: 'root missing a licence',
      head: { 'README.md': '' },
      options: { files: ['README.md', LICENCE] },
      expected: [{ messageId: 'missing', file: undefined, data: { where: 'the repository root', name: 'licence', candidates: 'LICENSE, LICENSE.*, COPYING' } }],
    },
    {
      name: 'each matching directory is judged on its own',
      head: { 'services/a/README.md': '', 'services/b/main.go': '', 'lib/x.ts': '' },
      options: { files: ['README.md'], directories: ['services/*'] },
      expected: [{ messageId: 'missing', file: 'services/b', data: { where: 'services/b/', name: 'README.md', candidates: 'README.md' } }],
    },
  ])('$name', async ({ head, options, expected }) => {
    expect(await run(head, options)).toEqual(expected);
  });

  test.each([
    { options: { files: ['/README.md'] }, path: ['files', 0], message: /starts with "\/"/ },
    { options: { files: [{ any_of: ['LICENSE', 'docs\\LICENSE'] }] }, path: ['files', 0, 'any_of', 1], message: /use "\/"/ },
    { options: { files: ['README.md'], directories: ['services/[a'] }, path: ['directories', 0], message: /unclosed "\["/ },
  ])('rejects bad globs at $path', ({ options, path, message }) => {
    const problems = requiredFiles.validate!(options as RequiredFilesOptions);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toEqual(path);
    expect(problems[0]!.message).toMatch(message);
  });
});
