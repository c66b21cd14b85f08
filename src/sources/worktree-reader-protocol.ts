// What the scan's main thread and the work-tree reader's thread share (worktree-reader.ts and
// worktree-reader-worker.ts): imported by both, so neither loads the other.

/** Slots of the shared Int32Array through which the main thread paces the reader. */
export const Control = {
  /** The highest index of a file the scan has asked for (-1 before the first). */
  Asked: 0,
  /** Kibibytes of read files the main thread has let go of, counted as `kibOf` counts them. */
  ReleasedKib: 1,
  /**
   * Bumped on every change above, what the reader waits on: a change made after it last looked
   * moves the count, so it never sleeps through one. It is notified only as `WaitIndex` says.
   */
  Wakes: 2,
  /** Set to 1 when the scan is over: the reader stops. */
  Closed: 3,
  /**
   * The first file the reader reads, once its thread has started (-1 until then). Until it has,
   * the scan reads from git; any file before it is read from git.
   */
  Begin: 4,
  /**
   * While the reader waits for room, the file it waits to read; `NOT_WAITING` otherwise. The scan
   * bumps `Wakes` on every change above, and notifies the reader only once the room it waits for
   * is there (`roomFor`): woken for every file the scan takes, it read one file, posted it alone,
   * and waited again, a lock, a message and two switches of thread per file (bench/RESULTS.md,
   * twentieth pass).
   */
  WaitIndex: 5,
  /** While it waits, the `Asked` at which the reader has room for a batch of files... */
  WakeAt: 6,
  /** ...and the `ReleasedKib` at which it has room for a batch of bytes. */
  WakeKib: 7,
} as const;
export const CONTROL_SLOTS = 8;
export const NOT_WAITING = 0x7fffffff;

/**
 * Whether a reader waiting to read file `waitIndex` is to go on: the scan has asked for that file,
 * which is read whatever the window, or has taken enough for a batch to fit.
 */
export function roomFor(waitIndex: number, wakeAt: number, wakeKib: number, asked: number, releasedKib: number): boolean {
  return asked >= waitIndex || (asked >= wakeAt && releasedKib >= wakeKib);
}

/** How far the reader runs ahead of the scan, and how it batches. */
export interface ReaderWindow {
  /** Files read beyond the last one asked for; and how far behind it one not asked for is let go. */
  files: number;
  /** Kibibytes read and not yet let go of by the scan. */
  kib: number;
  /** A batch is posted at this many files or bytes, or when the reader waits. */
  batchFiles: number;
  batchBytes: number;
}

export interface ReaderData {
  top: string;
  paths: readonly string[];
  /** Each path's blob id, or '' for one never to read from the work tree (a symbolic link). */
  objectIds: readonly string[];
  control: SharedArrayBuffer;
  window: ReaderWindow;
}

/** Files `first`, `first + 1`, … : each length's bytes follow the previous one's in `buffer`; -1 for none. */
export interface ReadBatch {
  first: number;
  lengths: number[];
  buffer: ArrayBuffer;
}

/** A file's size in the window's unit, rounded up. */
export const kibOf = (bytes: number): number => Math.ceil(bytes / 1024);
