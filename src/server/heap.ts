// Memory the check worker gives back. V8 lets an isolate's heap grow to several times what is
// alive before it collects: under the bench's burst the worker's heap reached 94-118 MB while a
// heap snapshot found 22 MB alive. A full collection when the worker falls idle, and every so
// many checks while it is busy, returns the rest: the server's RSS before the bench's unsigned
// bodies fell from 315 to 245 MiB, with the same throughput. It runs in the worker, between
// checks, so it never delays a delivery's acknowledgement. The main thread, which answers the
// deliveries, collects when the queue has emptied, never during a burst, and after bodies it
// drops (src/server/app.ts): the bench's peak, with its unsigned bodies, fell from 271-285 MiB
// to 240-262 MiB.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8's full collection, or undefined where it cannot be had. Node starts without --expose-gc;
 * set at run time, the flag gives `gc` to contexts created afterwards (the way the expose-gc
 * package does it), so one new context is made to fetch it.
 */
export function exposedGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** How often a busy worker collects: every this many finished checks. */
export const CHECKS_PER_COLLECTION = 50;

/**
 * What to call after each check: collects when no check is left running, or after `every`
 * checks since the last collection.
 */
export function collectorAfterChecks(collect: (() => void) | undefined, every = CHECKS_PER_COLLECTION): (stillRunning: number) => void {
  let sinceLast = 0;
  return (stillRunning) => {
    if (!collect) return;
    sinceLast++;
    if (stillRunning > 0 && sinceLast < every) return;
    sinceLast = 0;
    collect();
  };
}
