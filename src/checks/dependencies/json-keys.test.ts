import { describe, expect, test } from 'vitest';
import { readJsonWithKeys } from './json-keys.ts';

const everything = () => true;

describe('readJsonWithKeys: keyLine', () => {
  const text = [
    '{', // 1
    '  "a": {', // 2
    '    "b": { "c": 1 },', // 3
    '    "list": [ { "inArray": 1 } ]', // 4
    '  },', // 5
    '  "": {', // 6
    '    "a": 2', // 7
    '  },', // 8
    '  "esc\\u0061ped": 3,', // 9
    '  "s": "a \\"quoted\\": {brace} [bracket]",', // 10
    '  "dup": 1,', // 11
    '  "dup": 2', // 12
    '}',
  ].join('\n');

  test.each([
    { path: ['a'], line: 2 },
    { path: ['a', 'b'], line: 3 },
    { path: ['a', 'b', 'c'], line: 3 },
    { path: ['a', 'list'], line: 4 },
    // A key inside an array's object has no path of keys to it.
    { path: ['a', 'list', 'inArray'], line: undefined },
    { path: [''], line: 6 },
    // The object under "" is not the top level: its "a" is not the top level's.
    { path: ['', 'a'], line: 7 },
    { path: ['escaped'], line: 9 },
    { path: ['s'], line: 10 },
    // JSON.parse keeps the last of two equal keys, and so does the line.
    { path: ['dup'], line: 12 },
    { path: ['missing'], line: undefined },
    { path: [], line: undefined },
  ])('$path → line $line', ({ path, line }) => {
    expect(readJsonWithKeys(text, everything, 3).keyLine(path)).toBe(line);
  });

  test('records no key deeper than maxDepth, and only the objects wanted selects', () => {
    expect(readJsonWithKeys(text, everything, 2).keyLine(['a', 'b', 'c'])).toBeUndefined();
    expect(readJsonWithKeys(text, everything, 2).keyLine(['a', 'b'])).toBe(3);
    const topOnly = readJsonWithKeys(text, (parents) => parents.length === 0, 3);
    expect(topOnly.keyLine(['a'])).toBe(2);
    expect(topOnly.keyLine(['a', 'b'])).toBeUndefined();
  });

  test('invalid JSON and a top level that is not an object have no lines', () => {
    for (const bad of ['{"a": 1,}', '[1, 2]']) {
      const read = readJsonWithKeys(bad, everything, 2);
      expect(read.error).toBeDefined();
      expect(read.keyLine(['a'])).toBeUndefined();
      expect(read.keysIn([])).toBeUndefined();
    }
  });
});

describe('readJsonWithKeys: keysIn', () => {
  test("an object's keys with their lines, in one map", () => {
    const text = '{\n  "packages": {\n    "": {},\n    "node_modules/a": { "version": "1" },\n    "node_modules/b": {}\n  }\n}';
    const packages = readJsonWithKeys(text, everything, 2).keysIn(['packages']);
    expect(packages && Object.fromEntries(packages)).toEqual({ '': 3, 'node_modules/a': 4, 'node_modules/b': 5 });
    expect(readJsonWithKeys(text, everything, 2).keysIn([])).toEqual(new Map([['packages', 2]]));
    expect(readJsonWithKeys(text, everything, 2).keysIn(['nothing'])).toBeUndefined();
  });

  test('an object written twice at the same path shares one map, the later line winning', () => {
    const text = '{\n"p": {"x": 1},\n"p": {\n"x": 2, "y": 3}}';
    expect(readJsonWithKeys(text, everything, 2).keysIn(['p'])).toEqual(new Map([['x', 4], ['y', 4]]));
  });
});
