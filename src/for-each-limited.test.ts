import { describe, expect, test } from 'vitest';
import { forEachLimited } from './for-each-limited.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('forEachLimited', () => {
  test.each([
    { name: 'more items than the limit', items: 10, limit: 3, most: 3 },
    { name: 'fewer items than the limit', items: 2, limit: 64, most: 2 },
    { name: 'a limit of one is one at a time', items: 5, limit: 1, most: 1 },
    { name: 'no items', items: 0, limit: 4, most: 0 },
  ])('$name', async ({ items, limit, most }) => {
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    await forEachLimited(Array.from({ length: items }, (_, i) => i), limit, async (item) => {
      started.push(item);
      peak = Math.max(peak, ++running);
      await tick();
      running--;
    });
    expect(started).toEqual(Array.from({ length: items }, (_, i) => i));
    expect(peak).toBe(most);
  });

  test('takes items from any iterable, once each', async () => {
    const seen: string[] = [];
    await forEachLimited(new Map([['a', 1], ['b', 2], ['c', 3]]).keys(), 2, async (key) => {
      await tick();
      seen.push(key);
    });
    expect(seen.sort()).toEqual(['a', 'b', 'c']);
  });

  test('work done at once is not awaited: the items after it start before anything is waited for', async () => {
    const done: number[] = [];
    // Items 0-4 at once, 5 waits a tick, 6-9 at once after it.
    const running = forEachLimited(Array.from({ length: 10 }, (_, i) => i), 1, (item) => {
      if (item !== 5) return void done.push(item);
      return tick().then(() => void done.push(item));
    });
    expect(done).toEqual([0, 1, 2, 3, 4]);
    await running;
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('a failing item fails the whole', async () => {
    await expect(forEachLimited([1, 2, 3], 2, async (item) => { if (item === 2) throw new Error('two'); })).rejects.toThrow('two');
  });
});
