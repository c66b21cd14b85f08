/**
 * How many files are read and judged at once in the file-at-a-time pass: enough that git always
 * has the next blobs asked for, few enough that memory holds only them. Measured (bench/RESULTS.md,
 * ninth pass): 32 to 128 judge a 100,000-file scan in the same time, and 256 took a tenth longer,
 * its main thread waiting more for git and collecting more garbage.
 */
export const FILES_IN_FLIGHT = 64;

/**
 * Calls `work` on every item with at most `limit` in flight, in order of start. Reads from git go
 * through one `cat-file --batch` process: kept `limit` deep, it always has the next object asked
 * for, where reading one at a time waits a round trip per object. Work done at once (no promise)
 * is not awaited: the next item starts without a turn of the event loop.
 */
export async function forEachLimited<T>(items: Iterable<T>, limit: number, work: (item: T) => Promise<void> | void): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const worker = async () => {
    for (let step = iterator.next(); !step.done; step = iterator.next()) {
      const pending = work(step.value);
      if (pending) await pending;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
}
