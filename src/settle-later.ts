/** `promise`, awaited later: until then its rejection is not reported as unhandled. */
export function settleLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
