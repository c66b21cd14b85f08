import fc from 'fast-check';
import { minimatch } from 'minimatch';
import { describe, expect, test } from 'vitest';
import { inScope, literalLead, literalScreen, matchesAny, matchesGlob, scopeTest } from './globs.ts';

// The shapes matched without minimatch must mean exactly what minimatch means by them.
test('simple glob shapes agree with minimatch on every path (fast-check)', () => {
  const segment = fc.constantFrom('a', 'b.md', '.env', 'README.md', 'x.ts', '.github', 'dir', 'A.MD', '.md', 'b');
  const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
  const pattern = fc.oneof(
    fc.constant('**'),
    path,
    segment.map((name) => `**/${name}`),
    fc.constantFrom('.md', '.ts', '.env', 'md', '').map((ext) => `**/*${ext}`),
    path.map((dir) => `${dir}/**`),
  );
  fc.assert(
    fc.property(pattern, path, fc.boolean(), (glob, candidate, nocase) => {
      expect(matchesGlob(candidate, glob, { nocase }), `${glob} ~ ${candidate}`).toBe(minimatch(candidate, glob, { dot: true, nocase }));
    }),
    { numRuns: 3000 },
  );
});

// The screen may only turn away paths minimatch would turn away too, under every option a
// caller gives minimatch (CODEOWNERS and .gitattributes read braces and extglobs literally).
test('the literal screen never turns away a path minimatch matches (fast-check)', () => {
  const segment = fc.constantFrom('a', 'b.md', '.env', 'x.ts', 'dir', 'prod', 'deploy', 'a.b.c', '..x', 'x.yaml', 'generated', '{a,b}', 'a*', '.', '..', '');
  const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'));
  const token = fc.constantFrom('*', '**', '?', '*.md', '{a,b}', '[ab]', '.env.*', 'CHANGELOG*', '*.{ts,md}', '+(a|b)', '@(x|y).ts', '!(a)', '[!a]*', 'x.?s', '\\*', 'a\\.md', '{a,b/c}', '{,.md}', 'a{b,/c}*', 'x+(a|/b)', 'a[/]b', 'CHANGE{LOG,S/x}*');
  const glob = fc.array(fc.oneof(token, segment), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
  const options = fc.record({ nobrace: fc.boolean(), noext: fc.boolean(), nonegate: fc.boolean(), nocomment: fc.boolean() });
  fc.assert(
    fc.property(glob, path, options, (pattern, candidate, extra) => {
      const screen = literalScreen(pattern);
      if (screen && !screen(candidate)) expect(minimatch(candidate, pattern, { dot: true, ...extra }), `${pattern} ~ ${candidate}`).toBe(false);
    }),
    { numRuns: 20000 },
  );
});

test.each([
  { pattern: 'services/*/deploy/**', passes: ['services/a/deploy/x.yaml', 'services//deploy', 'x/'], turnsAway: ['packages/a/deploy/x.yaml', 'servicesX/a'] },
  { pattern: 'k8s/**/prod/*.yaml', passes: ['k8s/prod/a.yaml', 'k8s/x/prod/b.yaml'], turnsAway: ['k8s/prod/a.yml', 'helm/prod/a.yaml'] },
  { pattern: 'src/*/index.ts', passes: ['src/a/index.ts', 'src/a/myindex.ts'], turnsAway: ['src/a/index.js'] },
  { pattern: '**/*.{ts,md}', passes: ['anything'], turnsAway: [] },
  { pattern: '**/generated/**', passes: ['generated/a.ts', 'src/generated/b/c.ts'], turnsAway: ['src/generated.ts', 'src/generatedx/a.ts'] },
  { pattern: '**/CHANGELOG*', passes: ['CHANGELOG', 'docs/CHANGELOG.md'], turnsAway: ['CHANGELOG/notes.md', 'docs/OLD-CHANGELOG.md'] },
  { pattern: '**/CHANGE{LOG,S/x}*', passes: ['CHANGES/x.md'], turnsAway: [] },
  { pattern: 'a/b/..', passes: ['a'], turnsAway: [] },
  { pattern: 'a/./b.md', passes: ['a/b.md'], turnsAway: [] },
  { pattern: '!(a)/x.md', passes: ['a'], turnsAway: [] },
])('the literal screen of $pattern', ({ pattern, passes, turnsAway }) => {
  const screen = literalScreen(pattern) ?? (() => true);
  for (const path of passes) expect(screen(path), path).toBe(true);
  for (const path of turnsAway) expect(screen(path), path).toBe(false);
});

test.each([
  { name: 'no pattern selects nothing', path: 'a.ts', include: [], exclude: undefined, selected: false },
  { name: 'one pattern', path: 'src/a.ts', include: ['**/*.ts'], exclude: undefined, selected: true },
  { name: 'any of several patterns', path: 'docs/a.md', include: ['**/*.ts', 'docs/**'], exclude: [], selected: true },
  { name: 'none of several patterns', path: 'lib/a.py', include: ['**/*.ts', 'docs/**'], exclude: [], selected: false },
  { name: 'excluded by any exclude pattern', path: 'vendor/a.ts', include: ['**'], exclude: ['dist/**', 'vendor/**'], selected: false },
  { name: 'a minimatch-only pattern among simple ones', path: 'src/a.test.ts', include: ['**/*.{test,spec}.ts', 'docs/**'], exclude: undefined, selected: true },
])('inScope, and the test scopeTest makes once: $name', ({ path, include, exclude, selected }) => {
  expect(inScope(path, include, exclude)).toBe(selected);
  expect(scopeTest(include, exclude)(path)).toBe(selected);
});

// A list's compiled test is kept for the list; one changed in place must not answer for its old patterns.
test('matchesAny follows a list changed after its first use', () => {
  const patterns = ['docs/**'];
  expect(matchesAny('docs/a.md', patterns)).toBe(true);
  expect(matchesAny('src/a.ts', patterns)).toBe(false);
  patterns.push('src/**');
  expect(matchesAny('src/a.ts', patterns)).toBe(true);
  patterns.splice(0, 2, 'lib/**');
  expect(matchesAny('docs/a.md', patterns)).toBe(false);
  expect(matchesAny('lib/x', patterns)).toBe(true);
  expect(matchesAny('LIB/X', patterns, { nocase: true })).toBe(true);
  expect(matchesAny('LIB/X', patterns)).toBe(false);
});

describe('literalLead', () => {
  test.each([
    ['services/api/**', 'services/api'],
    ['legacy/x.php', 'legacy/x.php'],
    ['services/*/deploy/**', 'services'],
    ['services/{api,web}/**', 'services'],
    ['**/generated/**', ''],
    ['*.ts', ''],
    ['!legacy/**', ''],
    ['/legacy/**', ''],
    ['a//b', 'a'],
    ['./a/**', ''],
    ['docs/@(a|b).md', 'docs'],
    ['src/file\\*.ts', 'src'],
  ])('%s → %j', (glob, lead) => {
    expect(literalLead(glob)).toBe(lead);
  });
});
