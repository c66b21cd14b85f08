import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { blobId } from './worktree-file.ts';
import { DEFAULT_WINDOW, WorktreeReader } from './worktree-reader.ts';

// The reader thread runs from the build (dist/), which the tests' global setup makes.

let top: string;
let reader: WorktreeReader | undefined;

beforeEach(() => {
  top = mkdtempSync(join(tmpdir(), 'worktree-reader-'));
});
afterEach(() => {
  reader?.close();
  reader = undefined;
  rmSync(top, { recursive: true, force: true });
});

/** Starts a reader for `tree`, and waits for its thread to begin, at the first file. */
async function startFor(tree: readonly { path: string; objectId: string }[], window = DEFAULT_WINDOW): Promise<WorktreeReader | undefined> {
  const started = WorktreeReader.start(
    top,
    tree.map((file) => file.path),
    tree.map((file) => file.objectId),
    window,
  );
  if (started) await vi.waitFor(() => expect(started.begun).toBe(0));
  return started;
}

/** `count` files of `size` bytes each, written under `top`, with their blob ids. */
function files(count: number, size = 16): { path: string; objectId: string; text: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const text = `${i}:`.padEnd(size - 1, 'x') + '\n';
    const path = `f${i}.txt`;
    writeFileSync(join(top, path), text);
    return { path, objectId: blobId(Buffer.from(text), 40), text };
  });
}

/** How many files the reader holds once its thread has stopped reading ahead. */
async function settledHeld(current: WorktreeReader): Promise<number> {
  let last = -1;
  for (let stable = 0; stable < 5; ) {
    await new Promise((resolve) => setTimeout(resolve, 40));
    stable = current.held === last ? stable + 1 : 0;
    last = current.held;
  }
  return last;
}

describe('WorktreeReader', () => {
  test('gives each file that is its blob, in any order of asking', async () => {
    const tree = files(300);
    reader = (await startFor(tree))!;
    expect(reader).toBeDefined();
    const order = [...tree.keys()].sort((a, b) => (a % 7) - (b % 7) || a - b);
    for (const i of order.slice(0, 50)) expect((await reader.read(i))?.toString()).toBe(tree[i]!.text);
  });

  test('gives undefined for a file that is not its blob, an empty id, and a file asked for twice', async () => {
    const tree = files(5);
    writeFileSync(join(top, tree[1]!.path), 'edited\n');
    reader = (await startFor([tree[0]!, tree[1]!, { path: tree[2]!.path, objectId: '' }, tree[3]!]))!;
    expect((await reader.read(0))?.toString()).toBe(tree[0]!.text);
    expect(await reader.read(1)).toBeUndefined();
    expect(await reader.read(2)).toBeUndefined();
    expect((await reader.read(3))?.toString()).toBe(tree[3]!.text);
    // The scan reads a file once; a second read goes to git, and the reader holds nothing for it.
    expect(await reader.read(0)).toBeUndefined();
  });

  test('gives a delivered file at once (take), and leaves any other to read', async () => {
    const tree = files(8);
    writeFileSync(join(top, tree[2]!.path), 'edited\n');
    reader = (await startFor(tree, { ...DEFAULT_WINDOW, files: 4, batchFiles: 2 }))!;
    expect(await settledHeld(reader)).toBe(4);
    expect(reader.take(0)?.toString()).toBe(tree[0]!.text);
    // Taken is let go of: a second question goes to git.
    expect(reader.take(0)).toBeUndefined();
    expect(await reader.read(0)).toBeUndefined();
    // Not its blob: nothing to take, and read says so.
    expect(reader.take(2)).toBeUndefined();
    expect(await reader.read(2)).toBeUndefined();
    // Not yet delivered: nothing to take, and read waits for it.
    expect(reader.take(7)).toBeUndefined();
    expect((await reader.read(7))?.toString()).toBe(tree[7]!.text);
  });

  test('answers two questions about a file not yet delivered with the same bytes', async () => {
    // A file's checks may ask for its bytes at once; a second request must not strand the first.
    const tree = files(100);
    reader = (await startFor(tree, { ...DEFAULT_WINDOW, files: 1, kib: 0, batchFiles: 1 }))!;
    const [first, second] = await Promise.all([reader.read(60), reader.read(60)]);
    expect(first?.toString()).toBe(tree[60]!.text);
    expect(second).toBe(first);
  });

  test('runs ahead of the scan by at most its window of files', async () => {
    const tree = files(200);
    reader = (await startFor(tree, { ...DEFAULT_WINDOW, files: 8, batchFiles: 4 }))!;
    // Nothing asked: files 0-7.
    expect(await settledHeld(reader)).toBe(8);
    await reader.read(0);
    // Asked for file 0, which is handed over: room for one file is not room for a batch (two
    // files, a quarter of the window), so the reader is not woken for it.
    expect(await settledHeld(reader)).toBe(7);
    await reader.read(1);
    // Asked for file 1: room for two, files 8 and 9.
    expect(await settledHeld(reader)).toBe(8);
  });

  test('runs ahead by at most its window of bytes', async () => {
    const tree = files(50, 10 * 1024);
    reader = (await startFor(tree, { ...DEFAULT_WINDOW, kib: 30, batchFiles: 1 }))!;
    // 10 KiB each: three fit, and the fourth is read while the count is 30.
    expect(await settledHeld(reader)).toBe(4);
    await reader.read(0);
    await reader.read(1);
    expect(await settledHeld(reader)).toBe(4);
  });

  test('reads what the scan asks for beyond its window', async () => {
    const tree = files(100);
    reader = (await startFor(tree, { ...DEFAULT_WINDOW, files: 2, kib: 0, batchFiles: 1 }))!;
    expect((await reader.read(90))?.toString()).toBe(tree[90]!.text);
  });

  test('lets go of files the scan went past without asking, and gives those undefined', async () => {
    const tree = files(100);
    reader = (await startFor(tree, { ...DEFAULT_WINDOW, files: 4, batchFiles: 1 }))!;
    expect((await reader.read(30))?.toString()).toBe(tree[30]!.text);
    await settledHeld(reader);
    // Files 0-25 are more than 4 behind file 30: let go; 26-29 are held still.
    expect(await reader.read(10)).toBeUndefined();
    expect((await reader.read(28))?.toString()).toBe(tree[28]!.text);
    expect(reader.held).toBeLessThanOrEqual(4 + 4);
  });

  test('gives undefined for every file not yet delivered once closed', async () => {
    const tree = files(100);
    reader = (await startFor(tree, { ...DEFAULT_WINDOW, files: 2, batchFiles: 1 }))!;
    expect((await reader.read(0))?.toString()).toBe(tree[0]!.text);
    reader.close();
    expect(await reader.read(50)).toBeUndefined();
  });

  test('stops reading where the work tree does not hold the commit', async () => {
    const tree = files(400);
    for (const file of tree) rmSync(join(top, file.path));
    reader = (await startFor(tree))!;
    expect(await reader.read(300)).toBeUndefined();
    // More than half of a run of 256 missed: it stopped after 129 files, not at the window's 1,024.
    expect(reader.held).toBe(129);
  });

  test('keeps reading a work tree where some files differ', async () => {
    const tree = files(400);
    for (const file of tree.filter((_, i) => i % 3 === 0)) writeFileSync(join(top, file.path), 'edited\n');
    reader = (await startFor(tree))!;
    expect(await reader.read(0)).toBeUndefined();
    expect((await reader.read(398))?.toString()).toBe(tree[398]!.text);
  });

  test('leaves to git what the scan asks for before the thread has begun, and begins after it', async () => {
    // Starting a thread takes tens of milliseconds; a small scan must not wait for it.
    const tree = files(20);
    reader = WorktreeReader.start(
      top,
      tree.map((file) => file.path),
      tree.map((file) => file.objectId),
    )!;
    const begunWhenAsked = reader.begun;
    const first = await reader.read(0);
    if (begunWhenAsked === undefined) expect(first).toBeUndefined();
    else expect(first?.toString()).toBe(tree[0]!.text);
    await vi.waitFor(() => expect(reader!.begun).toBeDefined());
    // The thread began at file 0 or 1 (after the last file asked for when it started); from
    // file 1 on, it answers.
    expect(reader.begun).toBeLessThanOrEqual(1);
    expect((await reader.read(1))?.toString()).toBe(tree[1]!.text);
  });

  test('starts no thread for no files', () => {
    expect(WorktreeReader.start(top, [], [])).toBeUndefined();
  });
});
