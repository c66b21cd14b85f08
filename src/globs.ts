import { Minimatch } from 'minimatch';

export type PathTest = (path: string) => boolean;

// Each (pattern, case) pair is compiled once: compiling per match dominated large scans. One map
// per case, keyed by the pattern itself: a key made per call was a new string per file and glob.
const compiled = { exact: new Map<string, PathTest>(), nocase: new Map<string, PathTest>() };

const GLOB_CHARS = /[*?[\]{}()!+@\\]/;

/** The test of `**`, and of any list that holds it: one function, so a caller can tell that every path is selected and skip asking. */
export const EVERY_PATH: PathTest = () => true;

// A plain string test for the shapes most rule globs take: everything, a literal path, a name
// at any depth, an extension at any depth, and everything below a folder. A large scan asks
// about each file once per standard; anything else goes to minimatch. Each shape means what
// minimatch means by it, dotfiles included (globs.test.ts holds them to that). The tests
// allocate nothing when the case is exact: a scan calls them millions of times.
function simpleMatcher(pattern: string, nocase: boolean): PathTest | undefined {
  const fold = nocase ? (text: string) => text.toLowerCase() : (text: string) => text;
  if (pattern === '**') return EVERY_PATH;
  if (!GLOB_CHARS.test(pattern)) {
    const literal = fold(pattern);
    return (path) => fold(path) === literal;
  }
  const anywhere = /^\*\*\/([^/]+)$/.exec(pattern);
  if (anywhere && !GLOB_CHARS.test(anywhere[1]!)) {
    const name = fold(anywhere[1]!);
    const nested = `/${name}`;
    return (path) => {
      const folded = fold(path);
      return folded === name || folded.endsWith(nested);
    };
  }
  const extension = /^\*\*\/\*([^/]+)$/.exec(pattern);
  if (extension && !GLOB_CHARS.test(extension[1]!)) {
    // The suffix holds no "/", so a path that ends with it ends so within its file name.
    const suffix = fold(extension[1]!);
    return (path) => fold(path).endsWith(suffix);
  }
  const below = /^([^*]+)\/\*\*$/.exec(pattern);
  if (below && !GLOB_CHARS.test(below[1]!)) {
    const prefix = `${fold(below[1]!)}/`;
    return (path) => fold(path).startsWith(prefix);
  }
  return undefined;
}

/**
 * A quick test that is false for paths a glob cannot match, from the literal text every match
 * has: the glob's leading folders, the end and the start of its last segment, and a folder that
 * follows a leading globstar. It answers most paths with a few string comparisons, where
 * minimatch splits the path and walks it: minimatch took 5% of a 10,000-file change's run, most
 * of it on paths that cannot match.
 *
 * Undefined when the glob has no such text. Every character minimatch may read as magic, under
 * any options, ends the literal text: taking too little only screens out fewer paths. Braces and
 * extglobs may hold a `/`, so a glob with them is split into segments only where that cannot
 * matter. Case is compared as written, so a case-insensitive glob is not screened (minimatch does
 * not fold case as `toLowerCase` does). minimatch reads a path's `a//b` as `a/b` and lets a
 * trailing `/` end any match, so such paths (never git's) go to it.
 */
export function literalScreen(pattern: string): PathTest | undefined {
  // A leading `!` may negate the whole glob; minimatch resolves `.` and `..` segments away.
  if (pattern.startsWith('!')) return undefined;
  const segments = pattern.split('/');
  if (segments.some((segment) => segment === '.' || segment === '..')) return undefined;
  const last = segments.pop()!;
  // services/*/deploy/**: the path starts with services/.
  const prefix = literalSegments(pattern)
    .slice(0, segments.length)
    .map((segment) => `${segment}/`)
    .join('');
  // k8s/**/prod/*.yaml: the path ends with .yaml.
  let literalFrom = last.length;
  while (literalFrom > 0 && !GLOB_CHARS.test(last[literalFrom - 1]!)) literalFrom--;
  const suffix = last.slice(literalFrom);
  // **/generated/**: a folder named generated somewhere in the path.
  const folder = !prefix && segments[0] === '**' && segments[1] && !GLOB_CHARS.test(segments[1]) ? `${segments[1]}/` : '';
  const nestedFolder = `/${folder}`;
  // **/CHANGELOG*: the path's last segment starts with CHANGELOG (unless a brace or an extglob
  // could put a / inside the glob's last segment).
  const firstMagic = last.search(GLOB_CHARS);
  const lastStart = firstMagic <= 0 || /[{(\[]/.test(pattern) ? '' : last.slice(0, firstMagic);
  if (!prefix && !suffix && !folder && !lastStart) return undefined;
  return (path) =>
    path.includes('//') ||
    path.endsWith('/') ||
    ((!prefix || path.startsWith(prefix)) &&
      path.endsWith(suffix) &&
      (!folder || path.startsWith(folder) || path.includes(nestedFolder)) &&
      (!lastStart || path.startsWith(lastStart, path.lastIndexOf('/') + 1)));
}

/**
 * A glob's leading segments that hold no glob character, up to the first that does (or is empty,
 * `.` or `..`); none for a negation. Globs match case as written, segment by segment, so every
 * path the glob matches starts with these segments.
 */
function literalSegments(pattern: string): string[] {
  const literal: string[] = [];
  if (pattern.startsWith('!')) return literal;
  for (const segment of pattern.split('/')) {
    if (!segment || segment === '.' || segment === '..' || GLOB_CHARS.test(segment)) break;
    literal.push(segment);
  }
  return literal;
}

/**
 * The folders (and name) that every path a glob matches starts with, as one path:
 * `services/api/**` gives `services/api`, `legacy/x.php` itself, `services/{api,web}/**` gives
 * `services`; '' when a match may start anywhere (a leading globstar, `*.ts`, a negation).
 */
export function literalLead(pattern: string): string {
  return literalSegments(pattern).join('/');
}

/** `match`, behind the literal screen of its glob when it has one. */
export function screened(pattern: string, match: PathTest): PathTest {
  const screen = literalScreen(pattern);
  return screen ? (path) => screen(path) && match(path) : match;
}

function matcher(pattern: string, nocase: boolean): PathTest {
  const cache = nocase ? compiled.nocase : compiled.exact;
  let match = cache.get(pattern);
  if (!match) {
    match = simpleMatcher(pattern, nocase);
    if (!match) {
      // Dotfiles are ordinary files in a repository (.env, .github/); globs must see them.
      const glob = new Minimatch(pattern, { dot: true, nocase });
      const unscreened: PathTest = (path) => glob.match(path);
      // The screen compares case as written.
      match = nocase ? unscreened : screened(pattern, unscreened);
    }
    cache.set(pattern, match);
  }
  return match;
}

export function matchesGlob(path: string, pattern: string, options?: { nocase?: boolean }): boolean {
  return matcher(pattern, options?.nocase ?? false)(path);
}

const NEVER: PathTest = () => false;

interface CompiledList {
  /** The patterns the test was made from, to notice a list changed since. */
  patterns: string[];
  test: PathTest;
}

// A list of globs is compiled once into one test, keyed by the list: a standard keeps its
// `applies_to` lists for the whole run, and the engine asks about every file once per standard.
const compiledLists = { exact: new WeakMap<readonly string[], CompiledList>(), nocase: new WeakMap<readonly string[], CompiledList>() };

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function listMatcher(patterns: readonly string[], nocase: boolean): PathTest {
  const cache = nocase ? compiledLists.nocase : compiledLists.exact;
  let compiledList = cache.get(patterns);
  // Comparing a few strings costs nothing beside a match, and a list changed in place still gets a right answer.
  if (!compiledList || !sameItems(compiledList.patterns, patterns)) {
    const tests = patterns.map((pattern) => matcher(pattern, nocase));
    const test: PathTest =
      tests.length === 0
        ? NEVER
        : tests.includes(EVERY_PATH)
          ? EVERY_PATH
          : tests.length === 1
          ? tests[0]!
          : (path) => {
              for (const one of tests) if (one(path)) return true;
              return false;
            };
    compiledList = { patterns: [...patterns], test };
    cache.set(patterns, compiledList);
  }
  return compiledList.test;
}

/** Whether any of `patterns` matches `path`. */
export function matchesAny(path: string, patterns: readonly string[], options?: { nocase?: boolean }): boolean {
  return listMatcher(patterns, options?.nocase ?? false)(path);
}

/** Whether `path` is selected by `include` and not by `exclude`. */
export function inScope(path: string, include: readonly string[], exclude?: readonly string[]): boolean {
  return listMatcher(include, false)(path) && !(exclude?.length && listMatcher(exclude, false)(path));
}

/**
 * `inScope` for one pair of lists, made once: for a caller that puts every file of a change to
 * the same lists, which then finds them compiled once, not looked up again per file. Lists
 * changed after this is made are not seen.
 */
export function scopeTest(include: readonly string[], exclude?: readonly string[]): PathTest {
  const included = listMatcher(include, false);
  if (!exclude?.length) return included;
  const excluded = listMatcher(exclude, false);
  return (path) => included(path) && !excluded(path);
}

function balanced(pattern: string, open: string, close: string): boolean {
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === open) depth++;
    else if (pattern[i] === close && --depth < 0) return false;
  }
  return depth === 0;
}

/** Why `pattern` is not a usable repository-relative glob, or undefined when it is. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'is an empty glob';
  if (pattern.startsWith('/')) return `"${pattern}" starts with "/"; globs are relative to the repository root, write "${pattern.replace(/^\/+/, '')}"`;
  if (pattern.includes('\\')) return `"${pattern}" contains "\\"; use "/" as the path separator`;
  if (pattern.split('/').includes('..')) return `"${pattern}" contains ".."; globs cannot leave the repository`;
  if (!balanced(pattern, '[', ']')) return `"${pattern}" has an unclosed "["`;
  if (!balanced(pattern, '{', '}')) return `"${pattern}" has an unbalanced "{"`;
  if (pattern.startsWith('!')) return `"${pattern}" starts with "!"; list paths to leave out under exclude instead of negating`;
  if (pattern.startsWith('#')) return `"${pattern}" starts with "#", which minimatch reads as a comment that matches nothing`;
  return undefined;
}

/** Every directory that holds at least one of `paths`, root as ".". */
export function directoriesOf(paths: readonly string[]): string[] {
  const directories = new Set<string>(['.']);
  for (const path of paths) {
    // Walk up until a directory is already known: its ancestors are then known too.
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      const directory = path.slice(0, slash);
      if (directories.has(directory)) break;
      directories.add(directory);
    }
  }
  return [...directories].sort();
}
