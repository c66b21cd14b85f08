import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CodeownersIndex, codeownersPath, compilePattern, globPattern, ownersOf, parseCodeowners, patternParts, ruleFor } from './codeowners.ts';

// Rules quoted from GitHub's "About code owners" documentation
// (docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners).
const DOCS = {
  everything: '"These owners will be the default owners for everything in the repo": `*`',
  extension: '"*.js @js-owner": a pattern without a slash matches files at any depth',
  anchoredDir: '"/build/logs/ @doctocat owns any files in the build/logs directory at the root of the repository and any of its subdirectories"',
  directChildren: '"The docs/* pattern will match files like docs/getting-started.md but not further nested files like docs/build-app/troubleshooting.md"',
  anywhereDir: '"apps/ @octocat owns any file in an apps directory anywhere in your repository"',
  rootDocs: '"/docs/ @doctocat owns any file in the /docs directory in the root of your repository and any of its subdirectories"',
  globstar: '"**/logs @octocat owns any file in a /logs directory such as /build/logs, /scripts/logs, and /deeply/nested/logs"',
  unowned: '"/apps/ @octocat ... /apps/github: the /apps/github subdirectory has no owners"',
  lastMatch: '"Order is important; the last matching pattern takes the most precedence"',
  caseSensitive: '"CODEOWNERS paths are case sensitive"',
  star: 'gitignore: "*" matches anything except "/"',
  doubleStar: 'gitignore: "a/**/b" matches "a/b", "a/x/b", "a/x/y/b"',
  trailingStars: 'gitignore: "abc/**" matches all files inside directory "abc"',
  middleSlash: 'gitignore: a pattern with a slash at the beginning or middle is relative to the root',
};

describe('pattern matching, as GitHub documents it', () => {
  test.each([
    ['*', 'README.md', true, DOCS.everything],
    ['*', 'deeply/nested/file.go', true, DOCS.everything],
    ['*', '.github/workflows/ci.yml', true, DOCS.everything],
    ['*.js', 'index.js', true, DOCS.extension],
    ['*.js', 'src/lib/index.js', true, DOCS.extension],
    ['*.js', 'src/lib/index.ts', false, DOCS.extension],
    ['*.js', 'index.jsx', false, DOCS.extension],
    ['/build/logs/', 'build/logs/out.txt', true, DOCS.anchoredDir],
    ['/build/logs/', 'build/logs/2026/11/out.txt', true, DOCS.anchoredDir],
    ['/build/logs/', 'src/build/logs/out.txt', false, DOCS.anchoredDir],
    ['/build/logs/', 'build/logs', false, DOCS.anchoredDir],
    ['docs/*', 'docs/getting-started.md', true, DOCS.directChildren],
    ['docs/*', 'docs/build-app/troubleshooting.md', false, DOCS.directChildren],
    ['docs/*', 'src/docs/getting-started.md', false, DOCS.middleSlash],
    ['apps/', 'apps/web/index.js', true, DOCS.anywhereDir],
    ['apps/', 'services/apps/web/index.js', true, DOCS.anywhereDir],
    ['apps/', 'apps', false, DOCS.anywhereDir],
    ['apps/', 'myapps/index.js', false, DOCS.anywhereDir],
    ['/docs/', 'docs/index.md', true, DOCS.rootDocs],
    ['/docs/', 'docs/guides/deep/a.md', true, DOCS.rootDocs],
    ['/docs/', 'packages/docs/index.md', false, DOCS.rootDocs],
    ['**/logs', 'build/logs/a.txt', true, DOCS.globstar],
    ['**/logs', 'scripts/logs/a.txt', true, DOCS.globstar],
    ['**/logs', 'deeply/nested/logs/a.txt', true, DOCS.globstar],
    ['**/logs', 'logs/a.txt', true, DOCS.globstar],
    ['**/logs', 'catalogs/a.txt', false, DOCS.globstar],
    ['/apps/github', 'apps/github/index.js', true, DOCS.unowned],
    ['/apps/github', 'apps/githubber/index.js', false, DOCS.unowned],
    ['README.md', 'README.md', true, DOCS.extension],
    ['README.md', 'docs/README.md', true, DOCS.extension],
    ['README.md', 'readme.md', false, DOCS.caseSensitive],
    ['/Docs/', 'docs/a.md', false, DOCS.caseSensitive],
    ['src/*.ts', 'src/a.ts', true, DOCS.star],
    ['src/*.ts', 'src/sub/a.ts', false, DOCS.star],
    ['src/**/test/', 'src/test/a.ts', true, DOCS.doubleStar],
    ['src/**/test/', 'src/x/y/test/a.ts', true, DOCS.doubleStar],
    ['src/**', 'src/a/b/c.ts', true, DOCS.trailingStars],
    ['src/**', 'lib/src/a.ts', false, DOCS.middleSlash],
    ['/scripts/', 'scripts/deploy.sh', true, DOCS.rootDocs],
    ['.github/', '.github/CODEOWNERS', true, DOCS.anywhereDir],
    ['*.md', 'docs/guide.md', true, DOCS.extension],
    ['config', 'config/app.yaml', true, DOCS.anywhereDir],
    ['config', 'pkg/config', true, DOCS.extension],
  ])('%s ~ %s → %s (%s)', (pattern, path, expected) => {
    expect(compilePattern(pattern)(path)).toBe(expected);
  });
});

describe('a pattern with no glob in it is compared as text, and means what minimatch means by it', () => {
  const throughGlob = (pattern: string) => {
    const parts = patternParts(pattern);
    return parts ? globPattern(parts) : () => false;
  };
  // Names that differ by a character, case, a dot or a dash, so a prefix or suffix that is not
  // a whole segment shows; '.', '..' and empty segments, which minimatch normalises.
  const segment = fc.constantFrom('a', 'ab', 'b', 'A', '.a', 'a.b', 'a-b', 'svc-1', 'svc-10', '.', '..', '');
  const pattern = fc
    .tuple(fc.constantFrom('', '/', '//'), fc.array(segment, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '/', '//'))
    .map(([lead, parts, trail]) => `${lead}${parts.join('/')}${trail}`);
  const path = fc.array(segment.filter((s) => s !== '' && s !== '.' && s !== '..'), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('/'));

  test('on random literal patterns and paths (fast-check)', () => {
    fc.assert(
      fc.property(pattern, fc.array(path, { minLength: 1, maxLength: 20 }), (source, paths) => {
        const fast = compilePattern(source);
        const slow = throughGlob(source);
        for (const p of paths) expect(fast(p), `${source} ~ ${p}`).toBe(slow(p));
      }),
      { numRuns: 2000 },
    );
  });

  test.each([
    ['/services/svc-1/', 'services/svc-10/a.ts', false],
    ['/services/svc-1/', 'services/svc-1/a.ts', true],
    ['/services/svc-1/', 'services/svc-1', false],
    ['/services/svc-1', 'services/svc-1', true],
    ['svc-1', 'x/svc-1', true],
    ['svc-1/', 'x/svc-1', false],
    ['svc-1/', 'x/svc-1/y', true],
    ['svc-1', 'x/asvc-1/y', false],
  ])('%s ~ %s → %s, as minimatch has it', (source, p, expected) => {
    expect(compilePattern(source)(p)).toBe(expected);
    expect(throughGlob(source)(p)).toBe(expected);
  });
});

describe('owners and precedence', () => {
  const file = parseCodeowners(
    [
      '# This is a comment.',
      '*       @global-owner1 @global-owner2',
      '*.js    @js-owner #This is an inline comment.',
      '*.go docs@example.com',
      '*.txt @octo-org/octocats',
      '/apps/ @octocat',
      '/apps/github',
      '/scripts/ @doctocat @octocat',
    ].join('\n'),
  );

  test.each([
    ['README.md', ['@global-owner1', '@global-owner2'], 2, DOCS.everything],
    ['src/app.js', ['@js-owner'], 3, DOCS.lastMatch],
    ['main.go', ['docs@example.com'], 4, 'owners may be email addresses'],
    ['notes/todo.txt', ['@octo-org/octocats'], 5, 'teams are @org/team-name'],
    ['apps/web/index.ts', ['@octocat'], 6, DOCS.rootDocs],
    ['apps/web/index.js', ['@octocat'], 6, DOCS.lastMatch],
    ['apps/github/index.js', [], 7, DOCS.unowned],
    ['scripts/run.sh', ['@doctocat', '@octocat'], 8, 'several owners on one line'],
  ])('%s is owned by %j (line %i: %s)', (path, owners, line) => {
    expect(ownersOf(file, path)).toEqual(owners);
    expect(ruleFor(file, path)!.line).toBe(line);
  });

  test('no rule at all is different from an explicitly unowned rule', () => {
    const onlyApps = parseCodeowners('/apps/ @octocat\n/apps/github\n');
    expect(ruleFor(onlyApps, 'README.md')).toBeUndefined();
    expect(ruleFor(onlyApps, 'apps/github/x')!.owners).toEqual([]);
  });
});

describe('syntax GitHub rejects is reported with its line, and the line is skipped', () => {
  test.each([
    ['!docs/ @owner', 1, 'negating a pattern with "!" does not work in CODEOWNERS; the line is ignored'],
    ['src/*.[ch] @owner', 7, 'character ranges with "[ ]" do not work in CODEOWNERS; the line is ignored'],
    ['\\#notes.md @owner', 1, 'escaping a leading "#" with "\\" does not work in CODEOWNERS; the line is ignored'],
    ['*.js @js owner', 10, '"owner" is not an owner; owners are @user, @org/team or an email address'],
    ['*.js @-bad', 6, '"@-bad" is not an owner; owners are @user, @org/team or an email address'],
  ])('%s', (line, column, message) => {
    const parsed = parseCodeowners(`* @default\n${line}\n`);
    expect(parsed.errors).toEqual([{ line: 2, column, message }]);
    expect(parsed.rules.map((r) => r.line)).toEqual([1]);
  });

  test('escaped spaces stay in the pattern', () => {
    expect(parseCodeowners('path\\ with\\ spaces/ @owner').rules[0]!.pattern).toBe('path with spaces/');
  });
});

test('GitHub uses the first of .github/CODEOWNERS, CODEOWNERS and docs/CODEOWNERS', () => {
  expect(codeownersPath(['docs/CODEOWNERS', 'CODEOWNERS'])).toBe('CODEOWNERS');
  expect(codeownersPath(['CODEOWNERS', '.github/CODEOWNERS'])).toBe('.github/CODEOWNERS');
  expect(codeownersPath(['docs/CODEOWNERS'])).toBe('docs/CODEOWNERS');
  expect(codeownersPath(['src/CODEOWNERS'])).toBeUndefined();
});

test('the parser never throws and every rule has a line (fast-check)', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('*', '@a', '@o/t', '#', '!', '[', '\\#', '/', '**', ' ', 'a@b.c')), { maxLength: 40 }).map((parts) => parts.join(fc.sample(fc.constantFrom(' ', '\n', '\t'), 1)[0])), (text) => {
      const parsed = parseCodeowners(text);
      for (const rule of parsed.rules) {
        expect(rule.line).toBeGreaterThanOrEqual(1);
        rule.matches('some/path.txt');
      }
    }),
    { numRuns: 500 },
  );
});

describe('the index finds the same rule as trying every rule, last first', () => {
  const segment = fc.constantFrom('src', 'docs', 'apps', 'github', 'logs', 'a.js', 'b.md', 'x', 'README.md', '.github');
  const pattern = fc
    .tuple(fc.boolean(), fc.array(fc.oneof(segment, fc.constantFrom('*', '**', '*.js', '*.md')), { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([anchored, parts, directory]) => `${anchored ? '/' : ''}${parts.join('/')}${directory ? '/' : ''}`);
  test('on random rules and paths (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 25 }), fc.array(fc.array(segment, { minLength: 1, maxLength: 5 }).map((p) => p.join('/')), { maxLength: 30 }), (patterns, paths) => {
        const codeowners = parseCodeowners(patterns.map((p, i) => `${p} @o${i}`).join('\n'));
        const index = new CodeownersIndex(codeowners);
        for (const path of paths) expect(index.ruleFor(path)?.line).toBe(ruleFor(codeowners, path)?.line);
      }),
      { numRuns: 400 },
    );
  });
});

const CORPUS = join(import.meta.dirname, '../../../../shared/corpus/codeowners');
describe.skipIf(!existsSync(CORPUS))('real CODEOWNERS files from ../shared/corpus', () => {
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).map((dir) => [dir, join(CORPUS, dir, 'CODEOWNERS')]) : [];
  test.each(files)('%s parses; every non-comment line is a rule or a located error', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const parsed = parseCodeowners(text);
    const meaningful = text.split(/\r?\n/).filter((line) => line.replace(/(^|\s)#.*$/, '').trim()).length;
    expect(parsed.rules.length + parsed.errors.length).toBe(meaningful);
    expect(parsed.rules.length).toBeGreaterThan(0);
  });

  test.each(files)('%s: the index agrees with trying every rule on every path its patterns name', (_name, file) => {
    const parsed = parseCodeowners(readFileSync(file, 'utf8'));
    const index = new CodeownersIndex(parsed);
    // Paths made from the file's own patterns: each literal part, nested under the others.
    const parts = [...new Set(parsed.rules.flatMap((r) => r.pattern.split('/')).filter((p) => p && !/[*?]/.test(p)))].slice(0, 60);
    const paths = parts.flatMap((a) => [a, ...parts.slice(0, 20).map((b) => `${a}/${b}`), `${a}/x/${parts[0]}.md`]);
    for (const path of paths) expect(index.ruleFor(path)?.line, path).toBe(ruleFor(parsed, path)?.line);
  });

  test('eslint: docs go to the website team, the rest to the eslint team (last match wins)', () => {
    const parsed = parseCodeowners(readFileSync(join(CORPUS, 'eslint/CODEOWNERS'), 'utf8'));
    expect(ownersOf(parsed, 'lib/linter.js')).toEqual(['@eslint/eslint-team']);
  });
});
