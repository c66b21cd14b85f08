import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
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
});
