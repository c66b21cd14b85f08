import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { jsonInPieces } from './json-pieces.ts';

/** A document with containers along `path` (and siblings beside them), its array at the end. */
function documentAlong(path: readonly (string | number)[], siblings: Record<string, unknown>, items: unknown[]): Record<string, unknown> {
  let node: unknown = items;
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i]!;
    node = typeof key === 'number' ? [...Array.from({ length: key }, (_, j) => ({ before: j })), node, 'after'] : { ...siblings, [key]: node, last: true };
  }
  return node as Record<string, unknown>;
}

describe('jsonInPieces', () => {
  test.each([
    { name: 'a report’s findings', path: ['findings'], items: [{ a: 1 }, { b: [1, 2] }, 'three'] },
    { name: 'a SARIF run’s results, inside an array', path: ['runs', 0, 'results'], items: [{ ruleId: 'STD-0001' }, { ruleId: 'STD-0002', nested: { deep: [null] } }] },
    { name: 'an empty array', path: ['runs', 0, 'results'], items: [] },
    { name: 'an array not first in its list', path: ['runs', 2, 'results'], items: [1, 2, 3] },
  ])('$name: the same text as one JSON.stringify', ({ path, items }) => {
    const document = documentAlong(path, { tool: { name: 'x' }, empty: [] }, items);
    expect([...jsonInPieces<unknown>(document, path, items, (item) => item, 2)].join('')).toBe(JSON.stringify(document, null, 2));
  });

  test('items are made as their piece is written, by toItem', () => {
    const made: number[] = [];
    const pieces = jsonInPieces({ list: [] }, ['list'], [1, 2, 3, 4, 5], (n) => (made.push(n), { n }), 2);
    pieces.next();
    pieces.next();
    expect(made).toEqual([1, 2]);
    expect([...pieces].join('')).toContain('"n": 5');
  });

  test('any document, path and piece size (fast-check)', () => {
    const key = fc.string({ maxLength: 6 });
    const step = fc.oneof(key, fc.integer({ min: 0, max: 2 }));
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 3 }), fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), (path, siblings, items, perPiece) => {
        const document = documentAlong(path, siblings, items);
        expect([...jsonInPieces(document, path, items, (item) => item, perPiece)].join('')).toBe(JSON.stringify(document, null, 2));
      }),
      { numRuns: 500 },
    );
  });

  test('text in the document cannot pose as the array’s place', () => {
    const document = { before: '\u0000pieces\u0000 0 1 [] "0"', list: [] as number[], after: 0 };
    expect([...jsonInPieces(document, ['list'], [7, 8], (n) => n, 1)].join('')).toBe(JSON.stringify({ ...document, list: [7, 8] }, null, 2));
  });

  test('does not change the document it is given', () => {
    const document = { runs: [{ results: ['kept'] }] };
    [...jsonInPieces(document, ['runs', 0, 'results'], [1])];
    expect(document).toEqual({ runs: [{ results: ['kept'] }] });
  });
});
