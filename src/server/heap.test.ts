import { getHeapStatistics } from 'node:v8';
import { describe, expect, test } from 'vitest';
import { collectorAfterChecks, exposedGc } from './heap.ts';

describe('collectorAfterChecks', () => {
  // Each row: the number of checks still running after each finished one, and after which
  // finished checks a collection happens (1-based), with a collection every 3 checks.
  test.each([
    { name: 'idle after every check', running: [0, 0, 0], collects: [1, 2, 3] },
    { name: 'busy: every third check', running: [5, 4, 3, 2, 1, 6, 5], collects: [3, 6] },
    { name: 'idle resets the count', running: [5, 0, 5, 5, 5], collects: [2, 5] },
    { name: 'only when idle, never while busy (the main thread)', running: [5, 4, 3, 2, 1, 0, 7, 6, 0], collects: [6, 9], every: Number.POSITIVE_INFINITY },
  ])('$name', ({ running, collects, every = 3 }) => {
    const at: number[] = [];
    let finished = 0;
    const afterCheck = collectorAfterChecks(() => at.push(finished), every);
    for (const stillRunning of running) {
      finished++;
      afterCheck(stillRunning);
    }
    expect(at).toEqual(collects);
  });

  test('does nothing where no collection can be had', () => {
    const afterCheck = collectorAfterChecks(undefined, 1);
    expect(() => afterCheck(0)).not.toThrow();
  });
});

describe('exposedGc', () => {
  test("gives V8's full collection, which frees what is no longer alive", () => {
    const gc = exposedGc();
    expect(gc).toBeTypeOf('function');
    let garbage: string[] | undefined = Array.from({ length: 200_000 }, (_, i) => `garbage ${i}`.repeat(4));
    const withGarbage = getHeapStatistics().used_heap_size;
    garbage = undefined;
    gc!();
    expect(garbage).toBeUndefined();
    expect(getHeapStatistics().used_heap_size).toBeLessThan(withGarbage - 10 * 1024 * 1024);
  });
});
