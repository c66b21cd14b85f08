import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Opened without following a final symbolic link, and without waiting on a FIFO or a device: a
 * path of the tree that is something else on disk is read from git instead.
 */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** git's id of a blob holding `bytes`: SHA-1 for 40-digit ids, SHA-256 for 64-digit ones. */
export function blobId(bytes: Uint8Array, idLength: number): string {
  return createHash(idLength === 64 ? 'sha256' : 'sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}

/**
 * The bytes of `path` as checked out under `top`, when they are the blob `objectId` byte for
 * byte; otherwise undefined, and the caller reads the blob from git.
 *
 * Only git's own id decides: a file edited since the checkout, converted on checkout (line
 * endings, `working-tree-encoding`, a smudge filter, LFS), replaced by a link, a FIFO or a
 * folder, or missing, has another id or none, and the judged bytes stay the commit's. The
 * repository's own attributes are never consulted, so a change under review cannot steer this.
 */
export function readCheckedOut(top: string, path: string, objectId: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(join(top, path), OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    const bytes = readWhole(fd, stat.size);
    return bytes && blobId(bytes, objectId.length) === objectId ? bytes : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Where `readWhole` reads the byte past a file's end, if there is one; never kept. */
const PAST_END = Buffer.alloc(1);

/** Exactly `size` bytes from `fd`, or undefined if the file holds more or fewer (it changed while read). */
function readWhole(fd: number, size: number): Buffer | undefined {
  const bytes = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const got = readSync(fd, bytes, read, size - read, read);
    if (got === 0) return undefined;
    read += got;
  }
  // One byte more would mean the file grew after fstat: its id would not match anyway, but a
  // file that keeps growing must not be read without end.
  return readSync(fd, PAST_END, 0, 1, size) === 0 ? bytes : undefined;
}
