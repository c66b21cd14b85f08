import { createHash, hash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Opened without following a final symbolic link, and without waiting on a FIFO or a device: a
 * path of the tree that is something else on disk gives other bytes, or none, and is read from
 * git instead.
 */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** The hash of an object format: SHA-1 for 40-digit ids, SHA-256 for 64-digit ones. */
const hashOf = (idLength: number) => (idLength === 64 ? 'sha256' : 'sha1');
/** What git hashes before a blob's bytes. */
const blobHeader = (size: number) => `blob ${size}\0`;

/** git's id of a blob holding `bytes`. */
export function blobId(bytes: Uint8Array, idLength: number): string {
  return createHash(hashOf(idLength)).update(blobHeader(bytes.length)).update(bytes).digest('hex');
}

/** Room before a file's bytes for git's header, `blob <size>\0`: one call then hashes both. */
const HEADER_ROOM = 32;
/** The bytes read in one go; nearly every file of a repository is smaller. */
export const READ_AT_ONCE = 256 * 1024;
/** Where a file is read first: reused, never handed out. */
const SCRATCH = Buffer.allocUnsafe(HEADER_ROOM + READ_AT_ONCE);

/**
 * The bytes of `path` as checked out under `top`, when they are the blob `objectId` byte for
 * byte; otherwise undefined, and the caller reads the blob from git.
 *
 * Only git's own id decides: a file edited since the checkout, converted on checkout (line
 * endings, `working-tree-encoding`, a smudge filter, LFS), replaced by a link, a FIFO or a
 * folder, or missing, has another id or none, and the judged bytes stay the commit's. The
 * repository's own attributes are never consulted, so a change under review cannot steer this.
 *
 * A file that fits the scratch buffer costs three calls to the system (open, one read, close)
 * and one hash: a read that stops short of the room has reached the file's end, and if it has
 * not (a file still being written, a FIFO, a device), the id says so. The path is joined as
 * text: however a tree spells it, only bytes with the blob's id are kept. Asking for the size
 * first, reading once more to find the end, and a hash object per file took 1.8–2.2 s of the
 * thread's time for 100,000 files, against 1.4–1.5 s (bench/RESULTS.md, twentieth pass).
 */
export function readCheckedOut(top: string, path: string, objectId: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(`${top}/${path}`, OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const got = readSync(fd, SCRATCH, HEADER_ROOM, READ_AT_ONCE, 0);
    if (got < READ_AT_ONCE) return scratchId(got, objectId.length) === objectId ? Buffer.from(SCRATCH.subarray(HEADER_ROOM, HEADER_ROOM + got)) : undefined;
    // Larger than the buffer: read at the size the file says it has, if it is a file, after
    // what the buffer holds already.
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size < READ_AT_ONCE) return undefined;
    const bytes = Buffer.allocUnsafe(stat.size);
    SCRATCH.copy(bytes, 0, HEADER_ROOM, HEADER_ROOM + READ_AT_ONCE);
    return readRest(fd, bytes, READ_AT_ONCE) && blobId(bytes, objectId.length) === objectId ? bytes : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** git's id of the `size` bytes read into the scratch buffer, its header written just before them. */
function scratchId(size: number, idLength: number): string {
  const header = blobHeader(size);
  const start = HEADER_ROOM - header.length;
  SCRATCH.write(header, start, 'latin1');
  return hash(hashOf(idLength), SCRATCH.subarray(start, HEADER_ROOM + size), 'hex');
}

/** Where `readRest` reads the byte past a file's end, if there is one; never kept. */
const PAST_END = Buffer.alloc(1);

/**
 * Fills `bytes` from `fd` beyond the first `from` bytes, already there; false if the file holds
 * more or fewer than `bytes.length` (it changed while read).
 */
function readRest(fd: number, bytes: Buffer, from: number): boolean {
  for (let read = from; read < bytes.length; ) {
    const got = readSync(fd, bytes, read, bytes.length - read, read);
    if (got === 0) return false;
    read += got;
  }
  // One byte more would mean the file grew after fstat: its id would not match anyway, but a
  // file that keeps growing must not be read without end.
  return readSync(fd, PAST_END, 0, 1, bytes.length) === 0;
}
