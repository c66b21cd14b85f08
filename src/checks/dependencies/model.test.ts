import { expect, test } from 'vitest';
import { declarationLine, scopedKey } from './model.ts';

test.each([
  ['the scope moved into the name', ['a', 'b:c'], ['a:b', 'c']],
  ['a target named to match a table', ['target.a.dependencies', 'z.dependencies:w'], ['target.a.dependencies:z.dependencies', 'w']],
  ['an empty scope against a name that looks scoped', ['', '3:dev:x'], ['dev', 'x']],
  ['an empty name', ['a:', ''], ['a', ':']],
  ['a backslash that would escape the separator', ['a\\', 'b:c'], ['a:b', 'c']],
])('scopedKey keeps two declarations apart: %s', (_name, [scopeA, nameA], [scopeB, nameB]) => {
  expect(scopedKey(scopeA!, nameA!)).not.toBe(scopedKey(scopeB!, nameB!));
});

test.each([
  ['dependencies', 'serde', 'dependencies:serde'],
  ['target.a.dependencies:z', 'w', 'target.a.dependencies\\:z:w'],
  ['a\\', ':b', 'a\\\\::b'],
  ['', 'requests', ':requests'],
])('scopedKey(%j, %j) is %j', (scope, name, key) => {
  expect(scopedKey(scope, name)).toBe(key);
});

test('declarationLine reads a line as given, or asks for it by key', () => {
  expect(declarationLine({ line: 7, key: 'k' })).toBe(7);
  expect(declarationLine({ line: { lineOf: (key) => key.length }, key: 'four' })).toBe(4);
});
