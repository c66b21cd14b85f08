import { diffArrays } from 'diff';
import { linesOfText, numberLines, type ChangedLine, type FileChange, type FileKind, type LineCounts, type TreeView } from '../changeset.ts';
import type { FilePatch } from './unified-diff.ts';

/** A tree whose files can also be read as bytes, as sources need to judge binary content themselves. */
export interface ContentTree extends TreeView {
  bytes(path: string): Promise<Buffer | undefined>;
}

/** How far git looks for a NUL byte to call content binary. */
export const BINARY_PROBE_BYTES = 8000;

/** Git's own heuristic, applied to the bytes: a NUL byte in the first 8,000 bytes means binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  // A file no longer than the probe is searched whole, without a view made of it for each file.
  if (bytes.length <= BINARY_PROBE_BYTES) return bytes.includes(0);
  return bytes.subarray(0, BINARY_PROBE_BYTES).includes(0);
}

/**
 * What content checks may read of a file. A binary file keeps the text before its first NUL
 * byte: a private key followed by a NUL must not vanish from every check.
 */
export function readableText(bytes: Buffer): { binary: boolean; text: string } {
  if (!looksBinary(bytes)) return { binary: false, text: bytes.toString('utf8') };
  return { binary: true, text: bytes.subarray(0, bytes.indexOf(0)).toString('utf8') };
}

/** A file's readable text as the lines `linesOfContent` gives, joined by newlines (the final one dropped), and how many there are. */
export function wholeText(bytes: Buffer): { text: string; lines: number } {
  return linesOfText(readableText(bytes).text);
}

/** Every line of a file as added, the way a scan sees it; a binary file's lines stop at its first NUL. */
export function linesOfContent(bytes: Buffer): ChangedLine[] {
  return numberLines(readableText(bytes).text);
}

/** Lines in a whole file as `git diff --numstat --text` counts them: its newlines, plus a last line without one. */
export function lineCount(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) count++;
  return bytes.length && bytes[bytes.length - 1] !== 10 ? count + 1 : count;
}

/** Reads a file's bytes by its path: one function serves every file of a source. */
export type ReadBytes = (path: string) => Promise<Buffer>;

/** A file's bytes by its path when they are at hand without waiting (a checkout read ahead); undefined otherwise, and `ReadBytes` answers. */
export type TakeBytes = (path: string) => Buffer | undefined;

/**
 * A file whose every line is added (a new file, or any file of a scan), read from its bytes when
 * a check asks. No patch is needed: its text is searched whole and split into lines only for a
 * check that wants them. The bytes are read anew for each question; the engine asks once, through
 * `headContent`, and keeps what it got for every standard.
 */
export function addedFile(meta: Pick<FileChange, 'path' | 'kind'>, read: ReadBytes, take?: TakeBytes): FileChange {
  return new AddedFile(meta.path, meta.kind, read, take);
}

/**
 * A class whose reader is shared, not an object of closures: a scan holds one for every file of
 * the tree until its report is written, and a file's seven closures with their contexts cost
 * about 590 bytes: 207 MiB of a 368,000-file scan's peak (bench/RESULTS.md, seventeenth pass).
 */
class AddedFile implements FileChange {
  readonly status = 'added';

  constructor(
    readonly path: string,
    readonly kind: FileKind | undefined,
    private readonly read: ReadBytes,
    private readonly take: TakeBytes | undefined,
  ) {}

  private bytes(): Promise<Buffer> {
    return this.read(this.path);
  }

  async lineCounts(): Promise<LineCounts> {
    return { additions: lineCount(await this.bytes()), deletions: 0 };
  }

  async isBinary(): Promise<boolean> {
    return readableText(await this.bytes()).binary;
  }

  async addedLines(): Promise<ChangedLine[]> {
    return linesOfContent(await this.bytes());
  }

  async addedText(): Promise<{ text: string; lines: number }> {
    return wholeText(await this.bytes());
  }

  async headContent(): Promise<{ binary: boolean; text: string }> {
    return readableText(await this.bytes());
  }

  headContentNow(): { binary: boolean; text: string } | undefined {
    const bytes = this.take?.(this.path);
    return bytes && readableText(bytes);
  }

  async removedLines(): Promise<ChangedLine[]> {
    return [];
  }
}

/**
 * The added lines of a diff that lie before a binary file's first NUL byte, given the text
 * before that byte; the line holding the NUL keeps what precedes it.
 */
export function linesBeforeNul(lines: readonly ChangedLine[], textBeforeNul: string): ChangedLine[] {
  let nulLine = 1;
  for (let i = textBeforeNul.indexOf('\n'); i >= 0; i = textBeforeNul.indexOf('\n', i + 1)) nulLine++;
  const kept: ChangedLine[] = [];
  for (const line of lines) {
    if (line.line < nulLine) kept.push(line);
    else if (line.line === nulLine) {
      const nul = line.text.indexOf('\0');
      kept.push(nul < 0 ? line : { line: line.line, text: line.text.slice(0, nul) });
    }
  }
  return kept;
}

/** Beyond this many edits a line diff stops, and every head line counts as added: more to judge, never less. */
const MAX_EDITS = 20_000;

/**
 * Added and removed lines between two versions of a file, for platforms that send no patch
 * (a binary-looking, attribute-marked or very large file). Myers' diff through `diff` (jsdiff).
 */
export function changedLines(before: string, after: string): { added: ChangedLine[]; removed: ChangedLine[] } {
  const a = numberLines(before);
  const b = numberLines(after);
  const changes = diffArrays(
    a.map((l) => l.text),
    b.map((l) => l.text),
    { maxEditLength: MAX_EDITS },
  );
  if (!changes) return { added: b, removed: a };
  const added: ChangedLine[] = [];
  const removed: ChangedLine[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const change of changes) {
    for (const text of change.value) {
      if (change.added) added.push({ line: newLine++, text });
      else if (change.removed) removed.push({ line: oldLine++, text });
      else {
        oldLine++;
        newLine++;
      }
    }
  }
  return { added, removed };
}

/** Memoises a promise-returning function with no arguments. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}

/**
 * A changed file from its patch lines, with binary decided from the head's bytes when a check
 * asks (read once): every source builds its files this way, so none trusts a platform's idea of
 * binary, which the change's own `.gitattributes` can set. `patch` may be a promise, for lines
 * that must be fetched first. The line counts are the platform's where it gives them (`counts`),
 * else the patch's.
 */
export function fileFromPatch(
  meta: Pick<FileChange, 'path' | 'previousPath' | 'status' | 'kind'> & { counts?: LineCounts },
  patch: FilePatch | (() => Promise<FilePatch>),
  headBytes: () => Promise<Buffer | undefined>,
): FileChange {
  const lines = typeof patch === 'function' ? once(patch) : async () => patch;
  const inspect = once(async (): Promise<{ binary: boolean; textBeforeNul: string }> => {
    if (meta.status === 'deleted' || meta.kind === 'submodule') return { binary: false, textBeforeNul: '' };
    const bytes = await headBytes();
    if (!bytes) throw new Error(`${meta.path}: could not read its content at head`);
    // Only a binary file's text is kept here, so only a binary file is decoded.
    return looksBinary(bytes) ? { binary: true, textBeforeNul: readableText(bytes).text } : { binary: false, textBeforeNul: '' };
  });
  return {
    path: meta.path,
    previousPath: meta.previousPath,
    status: meta.status,
    kind: meta.kind,
    lineCounts: async () => meta.counts ?? (await lines().then(({ added, removed }) => ({ additions: added.length, deletions: removed.length }))),
    isBinary: async () => (await inspect()).binary,
    async addedLines() {
      const [{ binary, textBeforeNul }, { added }] = await Promise.all([inspect(), lines()]);
      return binary ? linesBeforeNul(added, textBeforeNul) : added;
    },
    removedLines: async () => (await lines()).removed,
  };
}

/** The lines of a change from both versions of the file, for platforms whose diff gave none. */
export async function patchFromContents(before: Buffer | undefined, after: Buffer | undefined): Promise<FilePatch> {
  return changedLines(before ? readableText(before).text : '', after ? readableText(after).text : '');
}
