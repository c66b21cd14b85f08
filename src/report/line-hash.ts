// partialFingerprints.primaryLocationLineHash, the way GitHub's SARIF upload computes it for each
// line of a file: a rolling hash (base 37, modulo 2^64) over the 100 characters from the line's
// start, spaces and tabs left out and line endings read as \n, then `:n` for the n-th line with
// that hash. Results that carry it keep their alert identity when lines above them move.
//
// The 64-bit arithmetic is done on two 32-bit halves held in doubles (each product stays below
// 2^53): BigInt would cost several times as much on a large file.

const WINDOW = 100;
const BASE = 37;
const TWO_32 = 4_294_967_296;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
// What the hash sees after the last character.
const END = 65_535;

/** BASE^WINDOW modulo 2^64, as [high, low] 32-bit halves. */
const [FIRST_HIGH, FIRST_LOW] = (() => {
  let high = 0;
  let low = 1;
  for (let i = 0; i < WINDOW; i++) {
    const product = low * BASE;
    low = product % TWO_32;
    high = (high * BASE + Math.floor(product / TWO_32)) % TWO_32;
  }
  return [high, low];
})();

/**
 * How many times each hash has been seen so far, keyed by its low half (a number, not a string),
 * each low half listing the high halves seen with it: hashes that share a low half are as rare
 * as 1 in 2^32, so a list is almost always one entry long.
 */
export class Occurrences {
  private readonly byLow = new Map<number, number[]>();

  /** Counts one more of the hash, and returns how many have now been seen. */
  add(high: number, low: number): number {
    const list = this.byLow.get(low);
    if (!list) {
      this.byLow.set(low, [high, 1]);
      return 1;
    }
    for (let i = 0; i < list.length; i += 2) if (list[i] === high) return ++list[i + 1]!;
    list.push(high, 1);
    return 1;
  }
}

/**
 * The hashes of the requested 1-based lines of `text` (every line when none is asked for), keyed
 * by line number, written as GitHub writes them: `hex:occurrence`.
 *
 * A line's hash and count are final once the window has passed its first 100 characters, so the
 * text is read only as far as the last line asked for: most of a scan's findings are about a
 * whole file, at line 1, and hashing every line of 25,000 files took a scan's SARIF from 10 to
 * 16 s (bench/RESULTS.md, sixteenth pass). Only the lines returned are written as hex.
 */
export function lineHashes(text: string, wanted?: ReadonlySet<number>): Map<number, string> {
  const out = new Map<number, string>();
  const window = new Array<number>(WINDOW).fill(0);
  const lineAt = new Array<number>(WINDOW).fill(-1);
  const seen = new Occurrences();
  let high = 0;
  let low = 0;
  let index = 0;
  let line = 0;
  let lineStart = true;
  let afterCr = false;
  let left = wanted ? wanted.size : Infinity;

  const emit = () => {
    const count = seen.add(high, low);
    const number = lineAt[index]!;
    if (!wanted || wanted.has(number)) {
      const hex = high ? `${high.toString(16)}${low.toString(16).padStart(8, '0')}` : low.toString(16);
      out.set(number, `${hex}:${count}`);
      left--;
    }
    lineAt[index] = -1;
  };

  // hash = hash * BASE + current - BASE^WINDOW * leaving, modulo 2^64.
  const update = (current: number) => {
    const leaving = window[index]!;
    window[index] = current;
    let product = low * BASE;
    let newLow = (product % TWO_32) + current;
    let newHigh = high * BASE + Math.floor(product / TWO_32) + Math.floor(newLow / TWO_32);
    newLow %= TWO_32;
    product = FIRST_LOW * leaving;
    const subLow = product % TWO_32;
    const subHigh = FIRST_HIGH * leaving + Math.floor(product / TWO_32);
    newLow -= subLow;
    if (newLow < 0) {
      newLow += TWO_32;
      newHigh -= 1;
    }
    newHigh = (((newHigh - subHigh) % TWO_32) + TWO_32) % TWO_32;
    high = newHigh;
    low = newLow;
    index = (index + 1) % WINDOW;
  };

  const take = (code: number) => {
    if (code === SPACE || code === TAB || (afterCr && code === LF)) {
      afterCr = false;
      return;
    }
    afterCr = code === CR;
    const current = code === CR ? LF : code;
    if (lineAt[index] !== -1) emit();
    if (lineStart) {
      lineStart = false;
      lineAt[index] = ++line;
    }
    if (current === LF) lineStart = true;
    update(current);
  };

  for (let i = 0; i < text.length && left > 0; i++) take(text.charCodeAt(i));
  if (left <= 0) return out;
  take(END);
  for (let i = 0; i < WINDOW && left > 0; i++) {
    if (lineAt[index] !== -1) emit();
    update(0);
  }
  return out;
}
