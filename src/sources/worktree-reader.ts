import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CONTROL_SLOTS, Control, kibOf, NOT_WAITING, roomFor, type ReadBatch, type ReaderData, type ReaderWindow } from './worktree-reader-protocol.ts';

/**
 * How far the reader runs ahead: enough to keep the engine's 64 files in flight fed, little
 * enough that a tree of large files holds at most about 16 MiB read and not yet judged.
 *
 * A batch holds four times the files in flight. The scan takes a delivered file at once
 * (`take`), but a batch is received only between turns of the event loop: in batches of 64, the
 * 64 files in flight had always asked before theirs was received, so every file waited. In
 * batches of 256, about three in four are at hand when asked, and judged without waiting: the
 * main thread's CPU fell from 4.69 to 4.17 s, medians of seven alternated scans of the S3 checkout
 * (bench/RESULTS.md, twenty-first pass). 512 in a window of 2,048 gave no more.
 */
export const DEFAULT_WINDOW: ReaderWindow = { files: 1024, kib: 16 * 1024, batchFiles: 256, batchBytes: 1024 * 1024 };

/**
 * The reader thread's file, found beside this module as built: next to the CLI's bundle, above a
 * chunk of the split bundle, beside the compiled sources, or, from the sources themselves (the
 * tests), in the compiled ones. A build without it (the Action's bundle) reads git alone.
 */
function readerEntry(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of ['worktree-reader-worker.js', '../worktree-reader-worker.js', '../../dist/sources/worktree-reader-worker.js']) {
    if (existsSync(join(here, candidate))) return join(here, candidate);
  }
  return undefined;
}

/**
 * A scan's files read from the work tree by a thread of their own, where git checked them out.
 *
 * A scan read every blob through one `git cat-file` process: git inflated 100,000 objects (2.7 s
 * of the second core's CPU) and this thread parsed its output (bench/RESULTS.md, nineteenth pass).
 * A checkout already holds the same bytes. The reader thread reads each file, keeps it only if its
 * git id is the blob's, and posts files in batches; `read` answers undefined for any other, and
 * the caller reads that one from git. So the judged bytes are always the commit's.
 */
export class WorktreeReader {
  private readonly control: Int32Array;
  private readonly worker: Worker;
  /** Files delivered and not yet asked for, by index, in index order. */
  private readonly delivered = new Map<number, Buffer | undefined>();
  /** The scan's requests for files not yet delivered; two questions about one file share one answer. */
  private readonly waiting = new Map<number, { answer: Promise<Buffer | undefined>; resolve(bytes: Buffer | undefined): void }>();
  /** Indexes delivered so far: a file asked for again, or let go unasked, is read from git. */
  private deliveredUpTo = 0;
  private asked = -1;
  private releasedKib = 0;
  private stopped = false;

  private constructor(
    entry: string,
    data: Omit<ReaderData, 'control'>,
    private readonly window: ReaderWindow,
  ) {
    const shared = new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
    this.control = new Int32Array(shared);
    Atomics.store(this.control, Control.Asked, -1);
    Atomics.store(this.control, Control.Begin, -1);
    Atomics.store(this.control, Control.WaitIndex, NOT_WAITING);
    this.worker = new Worker(entry, { workerData: { ...data, control: shared } satisfies ReaderData });
    this.worker.on('message', (batch: ReadBatch) => this.receive(batch));
    // A reader that fails leaves every file it has not delivered to git: slower, never different.
    this.worker.on('error', () => this.finish());
    this.worker.on('exit', () => this.finish());
    // The thread keeps the process alive only while the scan waits for a file (`await`): a
    // source that is never closed must not hold the process open.
    this.worker.unref();
  }

  /**
   * A reader for the files at `paths` under `top`, each to be the blob of the same index in
   * `objectIds` (an empty id is never read here), or undefined when the reader thread is not built.
   */
  static start(top: string, paths: readonly string[], objectIds: readonly string[], window: ReaderWindow = DEFAULT_WINDOW): WorktreeReader | undefined {
    const entry = readerEntry();
    if (!entry || !paths.length) return undefined;
    return new WorktreeReader(entry, { top, paths, objectIds, window }, window);
  }

  /** File `index`'s bytes if the work tree holds its blob, else undefined: read it from git. */
  read(index: number): Promise<Buffer | undefined> {
    const held = this.delivered.has(index);
    const bytes = this.delivered.get(index);
    if (held) {
      this.delivered.delete(index);
      this.release(bytes);
    }
    if (index > this.asked) {
      this.asked = index;
      // After the file is let go of, so that the room the reader waits for counts it.
      this.wake();
    }
    if (held) return Promise.resolve(bytes);
    if (index < this.deliveredUpTo || this.stopped) return Promise.resolve(undefined);
    // Before the thread has begun, and for the files it began after, git answers.
    const begin = Atomics.load(this.control, Control.Begin);
    if (begin < 0 || index < begin) return Promise.resolve(undefined);
    const asked = this.waiting.get(index);
    if (asked) return asked.answer;
    if (!this.waiting.size) this.worker.ref();
    let resolve!: (bytes: Buffer | undefined) => void;
    const answer = new Promise<Buffer | undefined>((settle) => (resolve = settle));
    this.waiting.set(index, { answer, resolve });
    return answer;
  }

  /**
   * File `index`'s bytes at once, when they are delivered and are its blob; undefined when they
   * have yet to come or must be read from git, which `read` then answers.
   */
  take(index: number): Buffer | undefined {
    const bytes = this.delivered.get(index);
    if (!bytes) return undefined;
    this.delivered.delete(index);
    this.release(bytes);
    if (index > this.asked) {
      this.asked = index;
      this.wake();
    }
    return bytes;
  }

  /** Stops the reader; what it has not delivered is read from git. */
  close(): void {
    Atomics.store(this.control, Control.Closed, 1);
    Atomics.add(this.control, Control.Wakes, 1);
    Atomics.notify(this.control, Control.Wakes);
    this.finish();
    this.delivered.clear();
    void this.worker.terminate();
  }

  /** The first file the thread reads, once it has begun (files before it are read from git). */
  get begun(): number | undefined {
    const begin = Atomics.load(this.control, Control.Begin);
    return begin < 0 ? undefined : begin;
  }

  /** How many files are held, delivered and not asked for: for tests of the window. */
  get held(): number {
    return this.delivered.size;
  }

  private receive({ first, lengths, buffer }: ReadBatch): void {
    let offset = 0;
    for (let i = 0; i < lengths.length; i++) {
      const length = lengths[i]!;
      const bytes = length < 0 ? undefined : Buffer.from(buffer, offset, length);
      if (length > 0) offset += length;
      const index = first + i;
      const asked = this.waiting.get(index);
      if (asked) {
        this.waiting.delete(index);
        this.release(bytes);
        asked.resolve(bytes);
      } else this.delivered.set(index, bytes);
    }
    if (!this.waiting.size) this.worker.unref();
    this.deliveredUpTo = first + lengths.length;
    // A file the scan has gone `window.files` past without asking for it (it judges 64 at a time,
    // in order) is let go, and read from git if asked later: one no standard reads is not held.
    for (const [index, bytes] of this.delivered) {
      if (index >= this.asked - this.window.files) break;
      this.delivered.delete(index);
      this.release(bytes);
    }
    this.wake();
  }

  private release(bytes: Buffer | undefined): void {
    if (bytes?.length) this.releasedKib += kibOf(bytes.length);
  }

  /** Writes how far the scan has got; the reader, if it waits, is woken once it has room for a batch. */
  private wake(): void {
    const control = this.control;
    Atomics.store(control, Control.Asked, this.asked);
    Atomics.store(control, Control.ReleasedKib, this.releasedKib);
    Atomics.add(control, Control.Wakes, 1);
    const waitIndex = Atomics.load(control, Control.WaitIndex);
    if (waitIndex !== NOT_WAITING && roomFor(waitIndex, Atomics.load(control, Control.WakeAt), Atomics.load(control, Control.WakeKib), this.asked, this.releasedKib)) Atomics.notify(control, Control.Wakes);
  }

  /** No more files will come: what was delivered is still given, anything else is read from git. */
  private finish(): void {
    this.stopped = true;
    for (const asked of this.waiting.values()) asked.resolve(undefined);
    this.waiting.clear();
    this.worker.unref();
  }
}
