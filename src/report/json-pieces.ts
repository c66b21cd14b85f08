// JSON.stringify(document, null, 2) in pieces, for reports whose one long array (a JSON report's
// findings, a SARIF run's results) would otherwise be one string in memory, tens of megabytes.

type Path = readonly (string | number)[];

/** `document` with `value` at `path`, each container on the way copied, not changed. */
function replaced(document: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  const [key, ...rest] = path;
  const container = document as Record<string | number, unknown>;
  const copy = (Array.isArray(container) ? [...container] : { ...container }) as Record<string | number, unknown>;
  copy[key!] = replaced(container[key!], rest, value);
  return copy;
}

/** `value` as deep as `path` puts it: the same indentation, with nothing around it. */
function nested(path: Path, value: unknown): unknown {
  let node = value;
  for (let i = path.length - 1; i >= 0; i--) node = typeof path[i] === 'number' ? [node] : { [path[i]!]: node };
  return node;
}

/**
 * The text of JSON.stringify(document, null, 2), where the array at `path` holds `items` (each
 * made by `toItem` as its piece is written), a few hundred items at a time.
 *
 * Each piece is stringified where it sits, so that JSON.stringify indents it itself: re-indenting
 * each item's text cost more than stringifying it. Each piece after the first starts with the
 * comma that ends the piece before it: a placeholder element ahead of the items puts that comma
 * into the stringified text, so each piece is a slice of it, which V8 makes without copying.
 * Joining a comma onto the slice made a second copy of the whole report when written.
 */
export function* jsonInPieces<T>(document: object, path: Path, items: readonly T[], toItem: (item: T) => unknown = (item) => item, perPiece = 256): Generator<string> {
  // The document around the array: stringified with 0 there, then 1, the array's place is where
  // the two texts first differ. A marker string, found by searching, could be forged by text in
  // the document from the pull request.
  const whole = JSON.stringify(replaced(document, path, 0), null, 2);
  const other = JSON.stringify(replaced(document, path, 1), null, 2);
  let at = 0;
  while (whole.charCodeAt(at) === other.charCodeAt(at)) at++;
  const after = whole.slice(at + 1);
  if (!items.length) {
    yield `${whole.slice(0, at)}[]${after}`;
    return;
  }
  // Around the placeholder: `…[\n<indent>0` before, and the closing brackets after.
  const placeholder = `\n${' '.repeat(2 * (path.length + 1))}0`;
  const bare = JSON.stringify(nested(path, [0]), null, 2);
  const from = bare.indexOf(`[${placeholder}`) + 1 + placeholder.length;
  const closing = bare.length - from;
  yield `${whole.slice(0, at)}[`;
  for (let start = 0; start < items.length; start += perPiece) {
    const piece = items.slice(start, start + perPiece).map(toItem);
    // The first piece leaves the comma out.
    const text = JSON.stringify(nested(path, [0, ...piece]), null, 2);
    yield text.slice(from + (start ? 0 : 1), text.length - closing);
  }
  yield `\n${' '.repeat(2 * path.length)}]${after}`;
}
