import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lineHashes, Occurrences } from './line-hash.ts';

// GitHub's own expected values for these inputs, from the tests of the upload that computes
// primaryLocationLineHash (github/codeql-action, fingerprints.test.ts).
const VECTORS: [string, string[]][] = [
  ['', ['c129715d7a2bc9a3:1']],
  [' a\nb\n  \t\tc\n d', ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']],
  [' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End', ['8b7cf3e952e7aeb2:1', 'b1ae1287ec4718d9:1', 'bff680108adb0fcc:1', 'c6805c5e1288b612:1', 'b86d3392aea1be30:1', 'e6ceba753e1a442:1']],
  [' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n', ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1']],
  [' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r', ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1']],
  [' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n', ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1']],
  [
    'Lorem ipsum dolor sit amet.\n'.repeat(10),
    ['a7f2ff13bc495cf2:1', 'a7f2ff13bc495cf2:2', 'a7f2ff13bc495cf2:3', 'a7f2ff13bc495cf2:4', 'a7f2ff13bc495cf2:5', 'a7f2ff13bc495cf2:6', 'a7f2ff1481e87703:1', 'a9cf91f7bbf1862b:1', '55ec222b86bcae53:1', 'cc97dc7b1d7d8f7b:1', 'c129715d7a2bc9a3:1'],
  ],
];

/** The same hash in BigInt, written from the description alone, to check the 32-bit halves against. */
function reference(text: string): string[] {
  const mask = (1n << 64n) - 1n;
  let first = 1n;
  for (let i = 0; i < 100; i++) first = (first * 37n) & mask;
  const window = new Array<bigint>(100).fill(0n);
  const lineAt = new Array<number>(100).fill(-1);
  const counts = new Map<string, number>();
  const out: string[] = [];
  let hash = 0n;
  let index = 0;
  let lineStart = true;
  let afterCr = false;
  let line = 0;
  const emit = () => {
    const hex = hash.toString(16);
    counts.set(hex, (counts.get(hex) ?? 0) + 1);
    out[lineAt[index]! - 1] = `${hex}:${counts.get(hex)}`;
    lineAt[index] = -1;
  };
  const update = (c: bigint) => {
    const begin = window[index]!;
    window[index] = c;
    hash = (((37n * hash + c - first * begin) % (1n << 64n)) + (1n << 64n)) & mask;
    index = (index + 1) % 100;
  };
  const take = (code: number) => {
    if (code === 32 || code === 9 || (afterCr && code === 10)) {
      afterCr = false;
      return;
    }
    afterCr = code === 13;
    if (lineAt[index] !== -1) emit();
    if (lineStart) {
      lineStart = false;
      lineAt[index] = ++line;
    }
    if (code === 13 || code === 10) lineStart = true;
    update(BigInt(code === 13 ? 10 : code));
  };
  for (const ch of text) for (let i = 0; i < ch.length; i++) take(ch.charCodeAt(i));
  take(65535);
  for (let i = 0; i < 100; i++) {
    if (lineAt[index] !== -1) emit();
    update(0n);
  }
  return out;
}

describe('primaryLocationLineHash', () => {
  test.each(VECTORS)('%j hashes as GitHub hashes it', (text, expected) => {
    expect([...lineHashes(text).entries()].sort(([a], [b]) => a - b).map(([, hash]) => hash)).toEqual(expected);
  });

  test('only the lines asked for are returned', () => {
    expect([...lineHashes(' a\nb\n  \t\tc\n d', new Set([2, 4])).entries()]).toEqual([
      [2, '54703d4cd895b18:1'],
      [4, 'a23a3dc5e078b07b:1'],
    ]);
  });

  test('the lines asked for hash as they do among all lines, though the text is read only as far as the last of them (fast-check)', () => {
    const unit = fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r', 'x'.repeat(60), '{');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 5 }), (text, lines) => {
        const all = lineHashes(text);
        const wanted = new Set(lines);
        expect(lineHashes(text, wanted)).toEqual(new Map([...all].filter(([line]) => wanted.has(line))));
      }),
      { numRuns: 300 },
    );
  });

  test('counts a hash by both halves: another high half under the same low half is another hash', () => {
    const seen = new Occurrences();
    expect([seen.add(1, 5), seen.add(2, 5), seen.add(1, 5), seen.add(2, 5), seen.add(1, 6), seen.add(2, 5)]).toEqual([1, 1, 2, 2, 1, 3]);
  });

  test('the 32-bit halves agree with a BigInt reference on any text (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r', 'é', '{', '\u{1F600}'), maxLength: 400 }), (text) => {
        expect([...lineHashes(text).entries()].sort(([a], [b]) => a - b).map(([, hash]) => hash)).toEqual(reference(text));
      }),
      { numRuns: 300 },
    );
  });
});
