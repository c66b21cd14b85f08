import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { TreeView } from '../../changeset.ts';
import { RepoBuilder } from '../../demo/repo-builder.ts';
import { BlobReader } from '../../sources/git.ts';
import { gitTree } from '../../sources/git-source.ts';
import { memoryTree } from '../../../test/helpers/changes.ts';
import { Gitattributes, type LinguistAttributes } from './gitattributes.ts';

// .gitattributes files in several folders, with the syntax git accepts: bare and quoted
// patterns, anchored and floating ones, **, set, unset, unspecified and valued attributes,
// a macro, and a deeper file overriding a shallower one.
const FILES: Record<string, string> = {
  '.gitattributes': [
    '# comment',
    '[attr]third-party linguist-vendored linguist-detectable=false',
    'vendor/** third-party',
    '*.gen.go linguist-generated',
    '/docs/** linguist-documentation',
    'docs/keep.md -linguist-documentation',
    '"with space.pl" linguist-language=Prolog',
    '*.inc linguist-language=PHP',
    'build/ linguist-generated',
    'lib/**/*.js linguist-vendored=true',
    'lib/own/*.js !linguist-vendored',
    '!negated.txt linguist-generated',
  ].join('\n'),
  'vendor/.gitattributes': 'ours/** -linguist-vendored\n',
  'src/.gitattributes': '*.inc linguist-language=C++\n/top.inc linguist-language=Pawn\n',
};

const PATHS = [
  'vendor/a/b.js',
  'vendor/ours/c.js',
  'api/x.gen.go',
  'deep/api/y.gen.go',
  'docs/a.md',
  'docs/keep.md',
  'sub/docs/b.md',
  'with space.pl',
  'x/with space.pl',
  'a.inc',
  'src/b.inc',
  'src/top.inc',
  'src/deeper/top.inc',
  'build/out.js',
  'lib/x/y/z.js',
  'lib/own/a.js',
  'negated.txt',
  'plain.ts',
];

const NAMES = ['linguist-vendored', 'linguist-generated', 'linguist-documentation', 'linguist-language', 'linguist-detectable'] as const;

const work = mkdtempSync(join(tmpdir(), 'gitattributes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What git itself says, from a scratch repository holding the same files. */
function gitCheckAttr(): Map<string, LinguistAttributes> {
  execFileSync('git', ['init', '-q', work]);
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), text);
  }
  const output = execFileSync('git', ['-C', work, 'check-attr', '--stdin', '-z', ...NAMES], {
    input: PATHS.join('\0'),
    encoding: 'utf8',
    env: { ...process.env, GIT_ATTR_NOSYSTEM: '1', HOME: work, XDG_CONFIG_HOME: work },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const fields = output.split('\0');
  const result = new Map<string, LinguistAttributes>(PATHS.map((p) => [p, {}]));
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const [path, name, value] = [fields[i]!, fields[i + 1]!, fields[i + 2]!];
    if (value === 'unspecified') continue;
    result.get(path)![name as keyof LinguistAttributes] = value === 'set' ? true : value === 'unset' ? false : value === 'true' ? true : value === 'false' ? false : value;
  }
  return result;
}

let oracle: Map<string, LinguistAttributes> | undefined;

describe('Gitattributes', () => {
  test.each(PATHS)('%s gets the linguist attributes git check-attr gives it', async (path) => {
    const expected = (oracle ??= gitCheckAttr()).get(path);
    const ours = await new Gitattributes(memoryTree(FILES)).linguist(path);
    expect(ours).toEqual(expected);
  });

  test('spot checks, so the oracle itself is seen to work', async () => {
    const attributes = new Gitattributes(memoryTree(FILES));
    expect(await attributes.linguist('vendor/a/b.js')).toEqual({ 'linguist-vendored': true, 'linguist-detectable': false });
    expect(await attributes.linguist('vendor/ours/c.js')).toEqual({ 'linguist-vendored': false, 'linguist-detectable': false });
    expect(await attributes.linguist('src/top.inc')).toEqual({ 'linguist-language': 'Pawn' });
    expect(await attributes.linguist('build/out.js')).toEqual({});
  });

  test('a tree without .gitattributes gives nothing', async () => {
    expect(await new Gitattributes(memoryTree({ 'a.js': '' })).linguist('a.js')).toEqual({});
  });

  /** The same files in a tree that can also be searched whole, counting what is asked of it. */
  function searchableTree(files: Record<string, string>): { tree: TreeView; asked: { list: number; search: number } } {
    const plain = memoryTree(files);
    const asked = { list: 0, search: 0 };
    const tree: TreeView = {
      ...plain,
      list: (directory) => (asked.list++, plain.list(directory)),
      filesNamed: async (name) => (asked.search++, Object.keys(files).filter((path) => path === name || path.endsWith(`/${name}`))),
    };
    return { tree, asked };
  }

  test.each(PATHS)('%s gets the same attributes when a large run searches the tree whole', async (path) => {
    const expected = (oracle ??= gitCheckAttr()).get(path);
    const { tree, asked } = searchableTree(FILES);
    expect(await new Gitattributes(tree, 10_000).linguist(path)).toEqual(expected);
    expect(asked).toEqual({ list: 0, search: 1 });
  });

  test('once the tree is searched, later paths are answered from it, nested files and macros included', async () => {
    const expected = (oracle ??= gitCheckAttr());
    const { tree, asked } = searchableTree(FILES);
    const attributes = new Gitattributes(tree, 10_000);
    // One at a time, so that every path after the first meets a finished search.
    for (const path of [...PATHS, ...PATHS.slice().reverse()]) expect([path, await attributes.linguist(path)]).toEqual([path, expected.get(path)]);
    expect(asked).toEqual({ list: 0, search: 1 });
  });

  test('a small run lists directories and never searches the whole tree', async () => {
    const { tree, asked } = searchableTree(FILES);
    const attributes = new Gitattributes(tree, 10);
    expect(await attributes.linguist('src/deeper/top.inc')).toEqual({ 'linguist-language': 'C++' });
    expect(asked.search).toBe(0);
    expect(asked.list).toBeGreaterThan(0);
  });

  test('a search that fails fails the lookup, so the file is not judged as unattributed', async () => {
    const { tree } = searchableTree(FILES);
    const failing: TreeView = { ...tree, filesNamed: async () => Promise.reject(new Error('git grep: bad object')) };
    await expect(new Gitattributes(failing, 10_000).linguist('vendor/a/b.js')).rejects.toThrow('bad object');
  });

  test('in a git tree, small and large runs agree with git, which reads a .gitattributes that is a symbolic link as its blob', async () => {
    const repo = new RepoBuilder();
    const blobs = new BlobReader(repo.dir);
    try {
      repo.write({ 'real/.gitattributes': '*.js linguist-generated\n', 'real/a.js': '', 'linked/a.js': '' });
      // A link's blob is its target, here text that reads as a line of attributes.
      symlinkSync('*.js linguist-vendored', join(repo.dir, 'linked/.gitattributes'));
      const commit = repo.commit('tree');
      const git = (path: string) => repo.git('check-attr', 'linguist-vendored', 'linguist-generated', '--', path);
      // git does not follow the link in the work tree, and reads its blob from the index instead.
      expect(git('real/a.js')).toContain('linguist-generated: set');
      expect(git('linked/a.js')).toContain('linguist-vendored: set');
      for (const paths of [1, 10_000]) {
        const attributes = new Gitattributes(gitTree(repo.dir, commit, 'base', blobs), paths);
        expect([paths, await attributes.linguist('real/a.js')]).toEqual([paths, { 'linguist-generated': true }]);
        expect([paths, await attributes.linguist('linked/a.js')]).toEqual([paths, { 'linguist-vendored': true }]);
      }
    } finally {
      blobs.close();
      repo.dispose();
    }
  });
});
