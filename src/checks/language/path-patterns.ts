// linguist's path rules (vendor.yml, documentation.yml, generated.rb's paths), tested as one
// union each, as linguist's Regexp.union, but compiling only the patterns a path could match.
//
// As one regular expression, the vendored union alone is 4,000 characters that V8 compiled on
// a run's first classification and again, to machine code, on its second: ~10 ms of a typical
// pull request's check (bench/RESULTS.md, fifteenth pass), to learn that `src/app.ts` is none
// of them. Most patterns start at a path segment with a literal name (`(^|/)node_modules/`,
// `^[Dd]ocs?/`), which a path can only match where one of its segments starts with that name.
// A pattern runs only on a path where its name does; the few that start otherwise
// (`(\.|-)min\.(js|css)$`) form one small union that every path meets. The answer is the
// union's: path-patterns.test.ts compares the two on linguist's samples and generated paths.

// A leading group that can match nothing ((.*?), ([^\s]*)) changes no yes-or-no answer, but
// tried from every character it makes the test quadratic in the path's length.
const MATCHES_NOTHING_FIRST = /^\((?:\[[^\]]*\]|\.)\*\??\)/;
const SEGMENT_ANCHOR = /^\((?:\?:)?\^\|\\?\/\)/;

// Literal prefixes are read up to this many alternatives ([Dd][Ss]_[Ss]tore makes 8).
const MAX_PREFIXES = 16;

interface Prefixed {
  prefix: string;
  pattern: number;
}

export class PathPatterns {
  readonly #sources: string[] = [];
  readonly #compiled: (RegExp | undefined)[] = [];
  // Patterns anchored at a segment or at the path's start, by the first character of their names.
  readonly #atSegment = new Map<string, Prefixed[]>();
  readonly #atStart = new Map<string, Prefixed[]>();
  readonly #elsewhere: string[] = [];
  #elsewhereUnion: RegExp | null | undefined;

  constructor(patterns: readonly string[]) {
    for (const raw of patterns) {
      const pattern = raw.replace(MATCHES_NOTHING_FIRST, '');
      const anchor = SEGMENT_ANCHOR.exec(pattern);
      const [index, body] = anchor ? [this.#add(`(?:^|\\/)(?:${pattern.slice(anchor[0].length)})`), pattern.slice(anchor[0].length)] : pattern.startsWith('^') ? [this.#add(`^(?:${pattern.slice(1)})`), pattern.slice(1)] : [-1, pattern];
      const prefixes = index === -1 ? undefined : literalPrefixes(body);
      if (!prefixes) {
        this.#elsewhere.push(index === -1 ? `(?:${pattern})` : this.#sources[index]!);
        continue;
      }
      const byFirst = anchor ? this.#atSegment : this.#atStart;
      for (const prefix of prefixes) {
        const list = byFirst.get(prefix[0]!);
        if (list) list.push({ prefix, pattern: index });
        else byFirst.set(prefix[0]!, [{ prefix, pattern: index }]);
      }
    }
  }

  /** Whether any of the patterns matches `path`. */
  test(path: string): boolean {
    if (this.#candidates(this.#atStart.get(path[0]!), path, 0)) return true;
    for (let start = 0; start !== -1 && start < path.length; ) {
      if (this.#candidates(this.#atSegment.get(path[start]!), path, start)) return true;
      const slash = path.indexOf('/', start);
      start = slash === -1 ? -1 : slash + 1;
    }
    this.#elsewhereUnion ??= this.#elsewhere.length ? new RegExp(this.#elsewhere.join('|')) : null;
    return this.#elsewhereUnion !== null && this.#elsewhereUnion.test(path);
  }

  #candidates(list: Prefixed[] | undefined, path: string, at: number): boolean {
    if (list) for (const { prefix, pattern } of list) if (path.startsWith(prefix, at) && this.#regex(pattern).test(path)) return true;
    return false;
  }

  #add(source: string): number {
    return this.#sources.push(source) - 1;
  }

  #regex(index: number): RegExp {
    return (this.#compiled[index] ??= new RegExp(this.#sources[index]!));
  }
}

/**
 * The literal texts every match of `pattern` starts with (one of them), read from its start: plain
 * characters, escaped punctuation, and classes of a few plain characters. Undefined when it starts
 * otherwise, or holds an alternation at its top level.
 */
export function literalPrefixes(pattern: string): string[] | undefined {
  if (topLevelAlternation(pattern)) return undefined;
  let prefixes = [''];
  let i = 0;
  while (i < pattern.length) {
    // The element at i: the characters it may be, and where the next one starts.
    let choices = '';
    let next = i + 1;
    const c = pattern[i]!;
    if (c === '\\') {
      const escaped = pattern[i + 1];
      if (escaped !== undefined && !isAlphanumeric(escaped)) [choices, next] = [escaped, i + 2];
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close !== -1 && close - i - 1 <= 4 && isWord(pattern, i + 1, close)) [choices, next] = [pattern.slice(i + 1, close), close + 1];
    } else if (isWord(c, 0, 1) || c === '-' || c === '~' || c === '/') choices = c;
    if (choices === '') break;
    const quantifier = pattern[next];
    // Optional or repeated from zero, the element may be absent: the prefix ends before it.
    if (quantifier === '?' || quantifier === '*' || quantifier === '{') break;
    if (prefixes.length * choices.length > MAX_PREFIXES) break;
    if (choices.length === 1) for (let p = 0; p < prefixes.length; p++) prefixes[p] += choices;
    else prefixes = prefixes.flatMap((prefix) => Array.from(choices, (choice) => prefix + choice));
    i = next;
    // Repeated from one, it is there once at least: the prefix ends after it.
    if (quantifier === '+') break;
  }
  return prefixes[0] === '' ? undefined : prefixes;
}

// Compared by code, not with regular expressions: this runs for every character of ~230
// patterns at start-up.
function isAlphanumeric(c: string): boolean {
  const code = c.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Whether text[from, to) is one or more letters, digits and underscores. */
function isWord(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) if (!isAlphanumeric(text[i]!) && text[i] !== '_') return false;
  return true;
}

function topLevelAlternation(pattern: string): boolean {
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[') {
      // A class ends at the first `]` after its first member (`[]a]` holds `]`).
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) return true;
      i = close;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}
