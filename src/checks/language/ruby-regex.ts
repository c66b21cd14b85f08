// linguist's patterns are Ruby (Onigmo) regular expressions, and they run on the text of files a
// pull request brings in. Each one runs on re2js, whose time is linear in its input, after the
// few rewrites RE2's syntax needs. The handful RE2 cannot express (lookarounds, a subroutine call)
// run on JavaScript's engine instead, one line at a time on lines of at most MAX_FALLBACK_LINE
// characters, so a hostile file cannot make them backtrack for long: the patterns that need them
// describe a single line (a Vim modeline, a hosts entry, a template tag).
import { RE2JS } from 're2js';

export interface TextMatcher {
  test(text: string): boolean;
}

const MAX_FALLBACK_LINE = 1_000;

/**
 * Syntax both engines read differently from Ruby. Ruby's `m` flag is what RE2 and JavaScript call
 * `s` (dot matches a newline): Ruby has no multiline flag, as its ^ and $ always anchor lines.
 * Possessive quantifiers and atomic groups become plain ones; \h is a hex digit.
 */
function common(pattern: string): string {
  return pattern
    .replace(/\(\?([imx]*)(?:-([imx]*))?([:)])/g, (_group, on: string, off: string | undefined, end: string) => `(?${on.replace('m', 's')}${off === undefined ? '' : `-${off.replace('m', 's')}`}${end}`)
    .replace(/(?<!\\)((?:\\\\)*)([*+?}])\+/g, '$1$2')
    .replace(/\(\?>/g, '(?:')
    .replace(/\\h/g, '[0-9A-Fa-f]')
    .replace(/\\H/g, '[^0-9A-Fa-f]');
}

/** `(?x)` free-spacing: whitespace and `#` comments outside classes and escapes are not part of the pattern. */
function stripFreeSpacing(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      out += c + (pattern[++i] ?? '');
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '#') {
      while (i < pattern.length && pattern[i] !== '\n') i++;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}

/** Ruby's `\g<name>` calls a named group's pattern again; where it is not recursive, writing the group out is the same. */
function inlineSubroutines(pattern: string): string {
  return pattern.replace(/\\g<(\w+)>/g, (call, name: string) => {
    const start = pattern.indexOf(`(?<${name}>`);
    if (start === -1) return call;
    let depth = 0;
    for (let i = start; i < pattern.length; i++) {
      if (pattern[i] === '\\') i++;
      else if (pattern[i] === '(') depth++;
      else if (pattern[i] === ')' && --depth === 0) return `(?:${pattern.slice(start + name.length + 4, i)})`;
    }
    return call;
  });
}

/** JavaScript's engine, for the patterns RE2 cannot express; Ruby's ^ and $ are always line anchors. */
function fallback(pattern: string): TextMatcher {
  let source = inlineSubroutines(common(pattern));
  let flags = 'm';
  const leading = /^\(\?([a-z]+)\)/.exec(source);
  if (leading) {
    source = source.slice(leading[0].length);
    if (leading[1]!.includes('x')) source = stripFreeSpacing(source);
    if (leading[1]!.includes('i')) flags += 'i';
    if (leading[1]!.includes('s')) flags += 's';
  }
  // \A anchors the whole text: only the first line can match it.
  const firstLineOnly = source.startsWith('\\A');
  if (firstLineOnly) source = `^${source.slice(2)}`;
  source = source.replace(/\\z/g, '$').replace(/\\Z/g, '$');
  const regex = new RegExp(source, flags);
  return {
    test(text) {
      let start = 0;
      while (start <= text.length) {
        const newline = text.indexOf('\n', start);
        const end = newline === -1 ? text.length : newline;
        if (end - start <= MAX_FALLBACK_LINE && regex.test(text.slice(start, end))) return true;
        if (firstLineOnly || newline === -1) return false;
        start = newline + 1;
      }
      return false;
    },
  };
}

function re2Of(pattern: string): RE2JS | undefined {
  try {
    return RE2JS.compile(common(pattern), RE2JS.MULTILINE);
  } catch {
    return undefined;
  }
}

/** Which engine runs a Ruby pattern: re2js, unless RE2 cannot express it. */
export function engineOf(pattern: string): 're2js' | 'javascript' {
  return re2Of(pattern) ? 're2js' : 'javascript';
}

/** One Ruby pattern, on re2js when RE2 can express it. */
export function rubyPattern(pattern: string): TextMatcher {
  const re2 = re2Of(pattern);
  return re2 ? { test: (text) => re2.test(text) } : fallback(pattern);
}

/** Ruby's Regexp.union of several patterns: any one of them matching. */
export function rubyPatterns(patterns: string | readonly string[]): TextMatcher {
  const list = typeof patterns === 'string' ? [patterns] : patterns;
  if (list.length === 1) return rubyPattern(list[0]!);
  // One automaton for the whole union when RE2 can read every part; else each part on its own.
  try {
    const re2 = RE2JS.compile(list.map((p) => `(?:${common(p)})`).join('|'), RE2JS.MULTILINE);
    return { test: (text) => re2.test(text) };
  } catch {
    const matchers = list.map(rubyPattern);
    return { test: (text) => matchers.some((m) => m.test(text)) };
  }
}
