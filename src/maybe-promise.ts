/**
 * A value, or a promise of it when it had to be waited for. The file-at-a-time pass judges a
 * scan's file without a turn of the event loop when its bytes are at hand: awaiting each
 * standard's answer cost 100,000 files about 20 promises each (bench/RESULTS.md, twenty-first pass).
 */
export type MaybePromise<T> = T | Promise<T>;

/** Whether the value has yet to come. Every promise here is the runtime's own, so `instanceof` answers. */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return value instanceof Promise;
}

/** `next(value)`: at once when the value is at hand, else once it comes. A throw from `next` at once is thrown, not returned. */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}
