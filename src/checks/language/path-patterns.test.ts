import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import data from './linguist-data.json' with { type: 'json' };
import { literalPrefixes, PathPatterns } from './path-patterns.ts';

describe('literalPrefixes', () => {
  test.each<[string, string[] | undefined]>([
    ['node_modules/', ['node_modules/']],
    ['\\.yarn/releases/', ['.yarn/releases/']],
    ['[Dd]ocs?/', ['Doc', 'doc']],
    ['[Vv]+endor/', ['V', 'v']],
    ['jquery\\-\\d\\.\\d+(\\.\\d+)?\\.js$', ['jquery-']],
    ['d3(\\.v\\d+)?([^.]*)\\.js$', ['d3']],
    ['\\.[Dd][Ss]_[Ss]tore$', ['.DS_Store', '.DS_store', '.Ds_Store', '.Ds_store', '.dS_Store', '.dS_store', '.ds_Store', '.ds_store']],
    ['font-?awesome\\.(css|less)$', ['font']],
    ['tiny_mce/(langs|plugins)', ['tiny_mce/']],
    // Nothing literal to start with, or an alternation at the top: no prefix.
    ['(3rd|[Tt]hird)[-_]?[Pp]arty/', undefined],
    ['a/|b/', undefined],
    ['.*\\.js$', undefined],
    ['[^/]+\\.js$', undefined],
    ['[a-z]+/', undefined],
    ['\\d+/', undefined],
    ['s?rc/', undefined],
    // A class holding `|` hides no alternation.
    ['x[|]y', ['x']],
  ])('%s starts with %j', (pattern, expected) => {
    expect(literalPrefixes(pattern)).toEqual(expected);
  });
});

// What linguist does (Regexp.union): every pattern as it is, in one expression.
const lists = { vendor: data.vendor, generated: data.generated, documentation: data.documentation };
const unions = Object.fromEntries(Object.entries(lists).map(([kind, patterns]) => [kind, new RegExp(patterns.join('|'))]));
const built = Object.fromEntries(Object.entries(lists).map(([kind, patterns]) => [kind, new PathPatterns(patterns)]));
function disagreements(paths: Iterable<string>): string[] {
  const found: string[] = [];
  for (const path of paths) for (const kind of Object.keys(lists)) if (built[kind]!.test(path) !== unions[kind]!.test(path)) found.push(`${kind}: ${path}`);
  return found;
}

describe('PathPatterns answers as the union of its patterns', () => {
  test('for paths that are vendored, generated or documentation, and paths that are none', () => {
    const paths = ['node_modules/x/index.js', 'a/node_modules/b.js', 'vendor/github.com/x/y.go', 'Vendor/a.c', 'vvendor/a.c', 'third_party/x.c', 'ThirdParty/x.c', 'web/app.min.js', 'x/jquery-1.12.4.js', 'types/index.d.ts', 'docs/_build/html/index.html', 'doc/static/x.css', 'docs/guide.md', 'Docs/x', 'src/docs/guide.md', 'README', 'README.md', 'pkg/README.txt', 'LICENSE', 'COPYING.LIB', 'CHANGELOG.md', '.DS_Store', 'a/.ds_store', 'package-lock.json', 'a/Cargo.lock', 'x/__generated__/a.ts', '.idea/workspace.xml', 'Pods/A/a.m', 'x/Pods/a.m', 'gradlew', 'tools/gradlew.bat', 'src/app.ts', 'services/payments/src/main/java/com/acme/Payment.java', '', '/', 'a//b', 'dist/', 'a/dist', 'cache', 'cache/'];
    expect(disagreements(paths)).toEqual([]);
    expect(paths.filter((path) => built.vendor!.test(path)).length).toBeGreaterThan(10);
    expect(paths.filter((path) => built.documentation!.test(path)).length).toBeGreaterThan(5);
  });

  test("for every file in this repository", () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: join(import.meta.dirname, '../../..'), encoding: 'utf8' }).split('\0').filter(Boolean);
    expect(files.length).toBeGreaterThan(100);
    expect(disagreements(files)).toEqual([]);
  });

  const CORPUS = join(import.meta.dirname, '../../../../shared/corpus');
  test.skipIf(!existsSync(CORPUS))("for every path in the shared corpus, linguist's samples among them", () => {
    const paths = (readdirSync(CORPUS, { recursive: true }) as string[]).map((entry) => relative('.', entry));
    expect(paths.length).toBeGreaterThan(1000);
    expect(disagreements(paths)).toEqual([]);
  });

  test('for generated paths made of the names in the patterns and of anything else', () => {
    const names = [...new Set(Object.values(lists).flat().flatMap((pattern) => pattern.replace(/\\(.)/g, '$1').split(/[^0-9A-Za-z_.~-]+/)).filter(Boolean))];
    const segment = fc.oneof(fc.constantFrom(...names), fc.constantFrom(...names).map((name) => `${name}.js`), fc.string({ unit: fc.constantFrom('a', 'B', '.', '-', '_', 's', 'd', '1', 'v') , maxLength: 8 }));
    fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }).map((segments) => segments.join('/')), (path) => disagreements([path]).length === 0), { numRuns: 20000 });
  });
});
