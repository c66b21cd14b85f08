import { describe, expect, test } from 'vitest';
import { TomlPositions } from './toml-positions.ts';

// Keys, headers and array strings after every kind of token the lexer steps over: inline tables
// (whose own keys are not recorded), quoted and dotted keys, escapes, and multi-line strings,
// whose newlines must still be counted.
const TEXT = [
  '[package]', // 1
  'name = "app"', // 2
  '[dependencies]', // 3
  'plain = "1.0"', // 4
  'inline = { version = "2", features = ["a", "b"] }', // 5
  '"quoted.key" = { version = "3", "we\\"ird" = \'x\', nested.dotted = "y" }', // 6
  'escaped = "a\\"b = c # not a comment"', // 7
  'multi = """', // 8
  'fake = "a line of the string, not a key"',
  'two"""', // 10
  "literal = '''", // 11
  "shadow = 'neither'''",
  'after = "4" # a comment with "quotes"', // 13
  'list = [', // 14
  '  "first",',
  '  "sec\\"ond",',
  "  'third',",
  ']', // 18
  'last = { path = "..\\\\x" }', // 19
  '[target."cfg(unix)".dependencies]', // 20
  'unixy = "5"', // 21
  'nested = [["a\\" ]", "x"]]', // 22
].join('\n');

describe('TomlPositions', () => {
  const positions = new TomlPositions(TEXT);
  const dependencies = ['dependencies'];
  test.each([
    ['header [package]', positions.headerLine(['package']), 1],
    ['header [dependencies]', positions.headerLine(dependencies), 3],
    ['header with a quoted part', positions.headerLine(['target', 'cfg(unix)', 'dependencies']), 20],
    ['a plain key', positions.keyLine(dependencies, 'plain'), 4],
    ['an inline table', positions.keyLine(dependencies, 'inline'), 5],
    ['a quoted key holding a dot', positions.keyLine(dependencies, 'quoted.key'), 6],
    ['after an inline table with escapes in its keys', positions.keyLine(dependencies, 'escaped'), 7],
    ['a multi-line basic string', positions.keyLine(dependencies, 'multi'), 8],
    ['after it: its lines counted', positions.keyLine(dependencies, 'literal'), 11],
    ['after a multi-line literal string', positions.keyLine(dependencies, 'after'), 13],
    ['an array', positions.keyLine(dependencies, 'list'), 14],
    ['after the array', positions.keyLine(dependencies, 'last'), 19],
    ['in a table with a quoted name', positions.keyLine(['target', 'cfg(unix)', 'dependencies'], 'unixy'), 21],
    ["an inline table's own key is not recorded", positions.keyLine(dependencies, 'version'), undefined],
    ['a line inside a multi-line basic string is no key', positions.keyLine(dependencies, 'fake'), undefined],
    ['nor one inside a multi-line literal string', positions.keyLine(dependencies, 'shadow'), undefined],
    ['an array string', positions.arrayStringLine(dependencies, 'list', 'first'), 15],
    ['an array string with an escape', positions.arrayStringLine(dependencies, 'list', 'sec"ond'), 16],
    ['a literal array string', positions.arrayStringLine(dependencies, 'list', 'third'), 17],
    ["an array inside an inline table is not recorded", positions.arrayStringLine(dependencies, 'inline', 'a'), undefined],
    // Ended at its escaped quote, the inner string would leave `", "` to be read as the outer array's.
    ['nor a string of a nested array, whatever it escapes', positions.arrayStringLine(['target', 'cfg(unix)', 'dependencies'], 'nested', ', '), undefined],
    ['the nested array', positions.keyLine(['target', 'cfg(unix)', 'dependencies'], 'nested'), 22],
  ])('%s', (_name, found, expected) => {
    expect(found).toBe(expected);
  });
});
