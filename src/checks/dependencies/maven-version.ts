// Maven's version order (org.apache.maven.artifact.versioning.ComparableVersion) and version
// range syntax, written from Maven's documentation of the algorithm: versions are lists of
// numbers and qualifiers, compared item by item, with known qualifiers in the order
// alpha < beta < milestone < rc = cr < snapshot < (release) = ga = final < sp, and unknown
// qualifiers after them, alphabetically. No npm package implements it (checked: the registry has
// no maintained one; Renovate keeps its own inside its monorepo).

type Item = { kind: 'int'; value: bigint } | { kind: 'string'; value: string } | { kind: 'list'; items: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_INDEX = QUALIFIERS.indexOf('');
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };

function stringItem(value: string, followedByDigit: boolean): Item {
  let text = value;
  if (followedByDigit && text.length === 1) text = { a: 'alpha', b: 'beta', m: 'milestone' }[text] ?? text;
  return { kind: 'string', value: ALIASES[text] ?? text };
}

function parseItem(isDigit: boolean, text: string): Item {
  return isDigit ? { kind: 'int', value: BigInt(text) } : stringItem(text, false);
}

function isNull(item: Item): boolean {
  if (item.kind === 'int') return item.value === 0n;
  if (item.kind === 'string') return item.value === '';
  return item.items.length === 0;
}

/** Drops trailing null items (0, "", empty lists) up to the last non-list item, as Maven does. */
function normalise(list: Item & { kind: 'list' }): void {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const item = list.items[i]!;
    if (isNull(item)) list.items.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
}

/** A version string as Maven's item tree. */
export function parseMavenVersion(version: string): Item & { kind: 'list' } {
  const text = version.toLowerCase();
  const root: Item & { kind: 'list' } = { kind: 'list', items: [] };
  let list = root;
  const stack = [root];
  let isDigit = false;
  let start = 0;
  const sublist = () => {
    const next: Item & { kind: 'list' } = { kind: 'list', items: [] };
    list.items.push(next);
    list = next;
    stack.push(next);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '.' || c === '-') {
      list.items.push(i === start ? { kind: 'int', value: 0n } : parseItem(isDigit, text.slice(start, i)));
      start = i + 1;
      if (c === '-') sublist();
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        list.items.push(stringItem(text.slice(start, i), true));
        start = i;
        sublist();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(parseItem(true, text.slice(start, i)));
        start = i;
        sublist();
      }
      isDigit = false;
    }
  }
  if (text.length > start) list.items.push(parseItem(isDigit, text.slice(start)));
  while (stack.length) normalise(stack.pop()!);
  return root;
}

function qualifierKey(value: string): string {
  const index = QUALIFIERS.indexOf(value);
  return index < 0 ? `${QUALIFIERS.length}-${value}` : String(index);
}

function compareItem(left: Item | undefined, right: Item | undefined): number {
  if (!left) return right ? -compareItem(right, undefined) : 0;
  if (left.kind === 'int') {
    if (!right) return left.value === 0n ? 0 : 1;
    if (right.kind === 'int') return left.value < right.value ? -1 : left.value > right.value ? 1 : 0;
    return 1;
  }
  if (left.kind === 'string') {
    // Qualifier keys compare as strings, as Maven compares them.
    const a = qualifierKey(left.value);
    if (!right) return a < String(RELEASE_INDEX) ? -1 : a > String(RELEASE_INDEX) ? 1 : 0;
    if (right.kind === 'string') {
      const b = qualifierKey(right.value);
      return a < b ? -1 : a > b ? 1 : 0;
    }
    return -1;
  }
  if (!right) return left.items.length ? compareItem(left.items[0], undefined) : 0;
  if (right.kind === 'int') return -1;
  if (right.kind === 'string') return 1;
  for (let i = 0; i < Math.max(left.items.length, right.items.length); i++) {
    const result = compareItem(left.items[i], right.items[i]);
    if (result) return result;
  }
  return 0;
}

/** Maven's order: negative when a sorts before b. */
export function compareMavenVersions(a: string, b: string): number {
  return compareItem(parseMavenVersion(a), parseMavenVersion(b));
}

export interface MavenBound {
  version: string;
  inclusive: boolean;
}

/** One interval of a Maven range; an absent bound is unbounded. */
export interface MavenInterval {
  low?: MavenBound;
  high?: MavenBound;
}

/**
 * A Maven version specification: a plain version (a soft requirement, which resolves to itself)
 * or one or more ranges such as `[1.0,2.0)`, `(,1.0]`, `[1.2]` and `(,1.0],[1.2,)`. Undefined
 * when it is neither.
 */
export function parseMavenRange(spec: string): MavenInterval[] | undefined {
  const text = spec.trim();
  if (!text) return undefined;
  if (!/^[[(]/.test(text)) return /^[\w.+-]+$/.test(text) ? [{ low: { version: text, inclusive: true }, high: { version: text, inclusive: true } }] : undefined;
  const intervals: MavenInterval[] = [];
  const pattern = /\s*([[(])([^\][()]*)([\])])\s*(,|$)/y;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = pattern.exec(text))) {
    end = pattern.lastIndex;
    const [, open, body, close] = match;
    const parts = body!.split(',').map((p) => p.trim());
    if (parts.length === 1) {
      // [1.2] is exactly 1.2; (1.2) means nothing.
      if (open !== '[' || close !== ']' || !parts[0]) return undefined;
      intervals.push({ low: { version: parts[0], inclusive: true }, high: { version: parts[0], inclusive: true } });
    } else if (parts.length === 2) {
      const [low, high] = parts as [string, string];
      intervals.push({ low: low ? { version: low, inclusive: open === '[' } : undefined, high: high ? { version: high, inclusive: close === ']' } : undefined });
    } else return undefined;
    if (end === text.length) break;
  }
  return end === text.length && intervals.length ? intervals : undefined;
}

/** Whether a string is a Maven property reference or holds one, which only a pom can resolve. */
export function hasPropertyReference(value: string): boolean {
  return /\$\{[^}]*\}/.test(value);
}
