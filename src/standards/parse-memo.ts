// What YAML texts parsed to on earlier runs of the same build of the CLI, kept beside its code cache.
// A run reads the standards' 100 KB of YAML again each time, unchanged: js-yaml took 15-17 ms of
// a typical pull request's check on that (bench/RESULTS.md, fifteenth pass), where looking the
// texts up takes about one.
//
// Keyed by the whole text, compared whole, and holding what js-yaml made of it: an entry can only
// ever give a text's own parse by this build, whichever run and whichever standards folder wrote
// it, and the value is validated as a fresh parse is. The file lives only in the code cache's folder (inside
// the installed package, or a folder no other user can write): whoever can write there can
// already change the code the CLI runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeStale, writeAtomically } from '../startup/cache-files.ts';

const FORMAT = 'standards-bot yaml parses 1';

/**
 * The memo of one install and build of the CLI (`build` as the code cache names it): a parse is
 * the parser's, and another build may parse otherwise, so it reads a memo of its own.
 */
export function parsesFileFor(dir: string, build: string): string {
  return join(dir, `yaml-parses-${build}.json`);
}

// <install>-<bundle>, as src/startup/code-cache.ts names a build.
const MEMO_NAME = /^yaml-parses-([0-9a-f]{8})-[0-9a-f]{20}\.json$/;

// Past these, a run learns nothing more: the file is read whole at every start. An org keeps
// hundreds of exemption files: a cap of 200 entries left a folder of 500 exemptions parsing 300
// of them at every start (62 ms of a PR check; bench/RESULTS.md, sixteenth pass). The text cap
// bounds what a start reads.
export const MAX_ENTRIES = 5_000;
const MAX_TEXT_CHARS = 4 * 1024 * 1024;

export class ParseMemo {
  // Text → its value as JSON, as read from the file.
  readonly #known: Map<string, string>;
  // What this run parsed or recalled: what the file will hold if it is written.
  readonly #used = new Map<string, string>();
  #learned = false;
  #chars = 0;

  private constructor(known: Map<string, string>) {
    this.#known = known;
  }

  /** The memo kept in `file`; empty when there is none, or it cannot be read. */
  static read(file: string): ParseMemo {
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; entries?: unknown };
      if (stored.format === FORMAT && Array.isArray(stored.entries)) {
        const known = new Map<string, string>();
        for (const entry of stored.entries) if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string') known.set(entry[0], entry[1]);
        return new ParseMemo(known);
      }
    } catch {
      // Missing, unreadable or not ours: start empty.
    }
    return new ParseMemo(new Map());
  }

  /** What `text` parsed to before, as a new value; undefined when it was not seen. */
  recall(text: string): { value: unknown } | undefined {
    const json = this.#known.get(text);
    if (json === undefined) return undefined;
    this.#use(text, json);
    return { value: JSON.parse(json) };
  }

  /** Remembers that `text` parsed to `value`, when JSON gives the value back exactly. */
  learn(text: string, value: unknown): void {
    const json = exactJson(value);
    if (json === undefined || this.#used.size >= MAX_ENTRIES || this.#chars + text.length > MAX_TEXT_CHARS) return;
    this.#use(text, json);
    this.#learned = true;
  }

  /**
   * Writes what this run used to `file`, when it parsed a text the file did not hold: texts not
   * read by this run are dropped. Never throws: a memo not written only costs the next run.
   */
  write(file: string): void {
    if (!this.#learned) return;
    try {
      writeAtomically(file, JSON.stringify({ format: FORMAT, entries: [...this.#used] }));
      // A build's first memo: its install's earlier builds' go, as the code cache's do.
      removeStale(file, MEMO_NAME);
    } catch {
      // Unwritable: the next run parses again.
    }
  }

  #use(text: string, json: string): void {
    if (!this.#used.has(text)) this.#chars += text.length;
    this.#used.set(text, json);
  }
}

/**
 * `value` as JSON when JSON.parse gives it back exactly; undefined when it holds what JSON
 * cannot carry (YAML's .inf and .nan, -0) or what is not plain data.
 */
export function exactJson(value: unknown): string | undefined {
  let exact = true;
  const json = JSON.stringify(value, function (this: Record<string, unknown>, key: string, item: unknown) {
    // `item` is what toJSON made of the value (a Date's string); the holder still has the value.
    const original = key === '' ? value : this[key];
    if (typeof item === 'number' ? !Number.isFinite(item) || Object.is(item, -0) : item === undefined || typeof item === 'function' || typeof item === 'symbol' || typeof item === 'bigint') exact = false;
    else if (typeof original === 'object' && original !== null && !Array.isArray(original) && Object.getPrototypeOf(original) !== Object.prototype && Object.getPrototypeOf(original) !== null) exact = false;
    return item;
  });
  return exact ? json : undefined;
}

let current: ParseMemo | undefined;

/** Has `parseYamlFile` recall and remember what the standards folder's files parse to in `memo`, or stop with undefined. */
export function useParseMemo(memo: ParseMemo | undefined): void {
  current = memo;
}

export function currentParseMemo(): ParseMemo | undefined {
  return current;
}
