import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import type { ParseError } from './model.ts';

export interface JsonWithKeys {
  value?: Record<string, unknown>;
  error?: ParseError;
  /** The 1-based line of a key, by the names of its parent objects and its own: ["dependencies", "react"]. */
  keyLine(path: readonly string[]): number | undefined;
  /**
   * The lines of an object's keys, by key, the object named by its parents' keys and its own
   * (["packages"]); for a caller that looks up thousands of keys in one object.
   */
  keysIn(path: readonly string[]): ReadonlyMap<string, number> | undefined;
}

/** jsonc-parser's error codes, in words a person fixing the file reads. */
function errorMessage(code: ParseErrorCode, text: string, offset: number): string {
  const next = text.slice(offset).trimStart()[0];
  // The codes are a const enum, which isolated modules cannot read: compare their names.
  switch (printParseErrorCode(code)) {
    case 'PropertyNameExpected':
      return next === '}' ? 'trailing comma before "}"' : 'expected a property name in double quotes';
    case 'ValueExpected':
      return next === ']' ? 'trailing comma before "]"' : offset >= text.length ? 'unexpected end of input' : 'expected a value';
    case 'ColonExpected':
      return 'expected ":" after a property name';
    case 'CommaExpected':
      return 'expected ","';
    case 'CloseBraceExpected':
      return 'expected "," or "}"';
    case 'CloseBracketExpected':
      return 'expected "," or "]"';
    case 'UnexpectedEndOfString':
      return 'unterminated string';
    case 'InvalidSymbol':
      return `unexpected ${JSON.stringify(text[offset] ?? '')}`;
    case 'EndOfFileExpected':
      return 'unexpected content after the end of the JSON value';
    case 'InvalidCharacter':
      return 'control character in a string';
    case 'InvalidEscapeCharacter':
      return 'invalid escape in a string';
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return 'comments are not allowed in JSON';
    default:
      return printParseErrorCode(code);
  }
}

/** Where jsonc-parser's visitor first finds the text invalid, in words and at line and column. */
function firstError(text: string): ParseError | undefined {
  let error: ParseError | undefined;
  visit(
    text,
    {
      onError: (code, offset, _length, startLine, startCharacter) => {
        error ??= { message: errorMessage(code, text, offset), line: startLine + 1, column: startCharacter + 1 };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return error;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

// NUL cannot appear unescaped in a JSON key, and a manifest key never holds an escaped one. Each
// key is led by one, so the top level ([]) and an object under the key "" ([""]) stay apart.
const pathKey = (path: readonly string[]) => (path.length ? `\u0000${path.join('\u0000')}` : '');

/** The index of the quote that closes the string opened at `open`. */
function stringEnd(text: string, open: number): number {
  let close = text.indexOf('"', open + 1);
  for (;;) {
    // Unreachable on text JSON.parse accepted; it keeps the walk finite on anything else.
    if (close === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return close;
    close = text.indexOf('"', close + 1);
  }
}

/** An open object or array, as the walk in `keyLines` meets it. */
interface Container {
  isObject: boolean;
  /** The keys of the containers from the top level's down to this one; only where its keys can be recorded. */
  path?: string[];
  /** Where its keys' lines go, when `wanted` selects them. */
  lines?: Map<string, number>;
}

/**
 * The lines of the object keys `wanted` selects, by the path of their object and then by key,
 * walking the structure of text JSON.parse has already accepted: strings are skipped with indexOf
 * and lines counted with a cursor that only moves forward, so the cost is one pass over the text.
 * Keys come from the structure (their parents' names), never a text search, so a key nested
 * elsewhere (pnpm.packageExtensions, _shrinkwrap) is never mistaken for a top-level section.
 * Whether an object's keys are wanted is asked once, as it opens: a lockfile's "packages" holds a
 * hundred thousand keys.
 */
function keyLines(text: string, wanted: (parents: readonly string[]) => boolean, maxDepth: number): Map<string, Map<string, number>> {
  const byObject = new Map<string, Map<string, number>>();
  const open: Container[] = [];
  let pendingKey = '';
  let line = 1;
  let counted = 0;
  const lineAt = (offset: number) => {
    for (let next = text.indexOf('\n', counted); next !== -1 && next < offset; next = text.indexOf('\n', next + 1)) {
      line++;
      counted = next + 1;
    }
    return line;
  };
  // The regex engine jumps over whitespace, numbers and literals to the next character that
  // matters; test() leaves lastIndex just past it, without the match array exec() makes for each
  // of a lockfile's millions of quotes and braces.
  const STRUCTURE = /["{}[\]]/g;
  while (STRUCTURE.test(text)) {
    let i = STRUCTURE.lastIndex - 1;
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = stringEnd(text, i);
      let after = end + 1;
      while (after < text.length && text.charCodeAt(after) <= 0x20) after++;
      const depth = open.length;
      if (text.charCodeAt(after) === COLON && open[depth - 1]?.isObject) {
        // Keys deeper than maxDepth are neither recorded nor the parent of one that is.
        if (depth <= maxDepth) {
          const raw = text.slice(i + 1, end);
          const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
          pendingKey = key;
          open[depth - 1]!.lines?.set(key, lineAt(i));
        } else pendingKey = '';
        i = after;
      } else i = end;
      STRUCTURE.lastIndex = i + 1;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      const isObject = code === OPEN_BRACE;
      const index = open.length;
      // Its keys are at depth index + 1. The top-level object's path is empty; below it, a
      // container's path is its parent's and the key it is the value of.
      let container: Container = { isObject };
      if (index < maxDepth) {
        const path = index === 0 ? [] : [...open[index - 1]!.path!, pendingKey];
        container = { isObject, path, lines: isObject && wanted(path) ? linesOf(byObject, pathKey(path)) : undefined };
      }
      open.push(container);
      pendingKey = '';
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      open.pop();
    }
  }
  return byObject;
}

/** An object's map of key lines; an object repeated at the same path (JSON.parse keeps the last) shares it. */
function linesOf(byObject: Map<string, Map<string, number>>, key: string): Map<string, number> {
  let lines = byObject.get(key);
  if (!lines) byObject.set(key, (lines = new Map()));
  return lines;
}

/**
 * Parses a JSON manifest (strict JSON: no comments, no trailing commas) and records where the
 * keys that matter are written. `wanted` says which keys to record by their parents' names, and
 * `maxDepth` how deep they can be (1 is the top-level object's keys). JSON.parse reads valid text;
 * only invalid text goes through jsonc-parser, for the line, column and words of its first error.
 */
export function readJsonWithKeys(text: string, wanted: (parents: readonly string[]) => boolean, maxDepth: number): JsonWithKeys {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: firstError(text) ?? { message: 'not valid JSON', line: 1 }, keyLine: () => undefined, keysIn: () => undefined };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: { message: 'the top level must be a JSON object', line: 1 }, keyLine: () => undefined, keysIn: () => undefined };
  const byObject = keyLines(text, wanted, maxDepth);
  return {
    value: value as Record<string, unknown>,
    keyLine: (path) => (path.length ? byObject.get(pathKey(path.slice(0, -1)))?.get(path[path.length - 1]!) : undefined),
    keysIn: (path) => byObject.get(pathKey(path)),
  };
}
