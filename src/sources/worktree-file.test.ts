import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blobId, READ_AT_ONCE, readCheckedOut } from './worktree-file.ts';

// Ids come from git itself (`git hash-object`), not from blobId, so a wrong hash cannot agree
// with itself.
const hashObject = (file: string, format: 'sha1' | 'sha256' = 'sha1') => {
  const dir = mkdtempSync(join(tmpdir(), `hash-${format}-`));
  try {
    execFileSync('git', ['init', '-q', `--object-format=${format}`, dir]);
    return execFileSync('git', ['-C', dir, 'hash-object', '--no-filters', file], { encoding: 'utf8' }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

let top: string;
beforeAll(() => {
  top = mkdtempSync(join(tmpdir(), 'worktree-file-'));
});
afterAll(() => rmSync(top, { recursive: true, force: true }));

describe('blobId', () => {
  test.each([
    ['empty', ''],
    ['text', 'package main\n'],
    ['a NUL byte', 'a\0b'],
    ['non-ASCII', 'naïve — ü\n'],
  ])('is git hash-object of %s, SHA-1 and SHA-256', (_name, text) => {
    const file = join(top, 'hashed');
    writeFileSync(file, text);
    const bytes = Buffer.from(text);
    expect(blobId(bytes, 40)).toBe(hashObject(file, 'sha1'));
    expect(blobId(bytes, 64)).toBe(hashObject(file, 'sha256'));
  });
});

describe('readCheckedOut', () => {
  const committed = 'const a = 1;\n';
  const id = () => {
    writeFileSync(join(top, 'committed.ts'), committed);
    return hashObject(join(top, 'committed.ts'));
  };

  test('gives the bytes of a file that is its blob', () => {
    writeFileSync(join(top, 'same.ts'), committed);
    expect(readCheckedOut(top, 'same.ts', id())?.toString()).toBe(committed);
  });

  test('reads a path in folders', () => {
    mkdirSync(join(top, 'a/b'), { recursive: true });
    writeFileSync(join(top, 'a/b/c.ts'), committed);
    expect(readCheckedOut(top, 'a/b/c.ts', id())?.toString()).toBe(committed);
  });

  test('knows a SHA-256 id', () => {
    writeFileSync(join(top, 'sha256.ts'), committed);
    expect(readCheckedOut(top, 'sha256.ts', hashObject(join(top, 'sha256.ts'), 'sha256'))?.toString()).toBe(committed);
  });

  // Each of these is on disk as something other than the blob: the caller reads git instead.
  test.each([
    ['edited since the checkout', (path: string) => writeFileSync(path, 'const a = 2;\n')],
    ['checked out with CRLF line endings', (path: string) => writeFileSync(path, committed.replace('\n', '\r\n'))],
    ['one byte longer', (path: string) => writeFileSync(path, `${committed} `)],
    ['empty', (path: string) => writeFileSync(path, '')],
    ['missing', () => undefined],
    ['a folder', (path: string) => mkdirSync(path)],
    ['a link to a file holding the blob', (path: string) => symlinkSync(join(top, 'committed.ts'), path)],
    ['a link to /dev/zero', (path: string) => symlinkSync('/dev/zero', path)],
    ['a FIFO, which must not be waited on', (path: string) => execFileSync('mkfifo', [path])],
  ])('gives undefined for a file %s', (name, make) => {
    const path = `case-${name.replace(/\W+/g, '-')}`;
    const objectId = id();
    make(join(top, path));
    expect(readCheckedOut(top, path, objectId)).toBeUndefined();
  });

  // A file that fits the first read is hashed where it was read; a larger one is read at its size.
  test.each([
    ['empty', 0],
    ['one byte', 1],
    ['one byte short of a single read', READ_AT_ONCE - 1],
    ['exactly a single read', READ_AT_ONCE],
    ['one byte over a single read', READ_AT_ONCE + 1],
    ['a mebibyte', 1024 * 1024],
  ])('gives the bytes of a %s file that is its blob, and undefined once its last byte changes', (_name, size) => {
    const bytes = Buffer.alloc(size, 'x');
    if (size) bytes[size - 1] = 0x0a;
    const path = `sized-${size}`;
    writeFileSync(join(top, path), bytes);
    const objectId = hashObject(join(top, path));
    expect(readCheckedOut(top, path, objectId)?.equals(bytes)).toBe(true);
    if (!size) return;
    bytes[size - 1] = 0x21;
    writeFileSync(join(top, path), bytes);
    expect(readCheckedOut(top, path, objectId)).toBeUndefined();
  });

  test('gives each file bytes of its own: a later read does not change an earlier file', () => {
    writeFileSync(join(top, 'first.ts'), 'first\n');
    writeFileSync(join(top, 'second.ts'), 'second\n');
    const first = readCheckedOut(top, 'first.ts', hashObject(join(top, 'first.ts')));
    readCheckedOut(top, 'second.ts', hashObject(join(top, 'second.ts')));
    expect(first?.toString()).toBe('first\n');
  });

  test('gives undefined for a path under a file', () => {
    writeFileSync(join(top, 'plain'), committed);
    expect(readCheckedOut(top, 'plain/inner.ts', id())).toBeUndefined();
  });
});
