import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { RepoBuilder } from '../demo/repo-builder.ts';

// Which way BlobReader asks git for objects, seen through a `git` placed first on PATH that
// writes down each invocation and then runs the real git. The old-git stand-in refuses
// --batch-command as git before 2.36 does (parse-options: "error: unknown option `batch-command'",
// the usage, exit 129), since this machine has only a newer git.
const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

let shims: string;
let repo: RepoBuilder;
const savedPath = process.env.PATH;

beforeEach(() => {
  shims = mkdtempSync(join(tmpdir(), 'git-shim-'));
  repo = new RepoBuilder();
  repo.write({ 'a.txt': 'a\n', 'dir/with space.txt': 'spaced\n' }).commit('base');
  // Each test gets the module afresh: what a refusal teaches it lasts for the process.
  vi.resetModules();
});

afterEach(() => {
  process.env.PATH = savedPath;
  rmSync(shims, { recursive: true, force: true });
  repo.dispose();
});

/** Puts a `git` first on PATH that logs its arguments, refusing --batch-command when `old`. */
function useGit(old: boolean): () => string[][] {
  const log = join(shims, 'calls.log');
  writeFileSync(log, '');
  const refuse = old
    ? `for arg in "$@"; do if [ "$arg" = "--batch-command" ]; then echo "error: unknown option \\\`batch-command'" >&2; echo "usage: git cat-file <type> <object>" >&2; exit 129; fi; done\n`
    : '';
  writeFileSync(join(shims, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\n${refuse}exec '${realGit}' "$@"\n`);
  chmodSync(join(shims, 'git'), 0o755);
  process.env.PATH = `${shims}:${savedPath}`;
  return () =>
    readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line.includes('cat-file'))
      .map((line) => line.split(' ').slice(line.split(' ').indexOf('cat-file')));
}

/**
 * What every case reads, with a reader of its own: at once, a file by path, one with a space, a
 * missing id and a tree; then, in a second turn, a file again.
 */
async function readInTwoTurns(BlobReader: typeof import('./git.ts').BlobReader) {
  const blobs = new BlobReader(repo.dir);
  try {
    const [a, spaced, missing, tree] = await Promise.all([blobs.read('HEAD:a.txt'), blobs.read('HEAD:dir/with space.txt'), blobs.readObject('f'.repeat(40)), blobs.readObject('HEAD^{tree}')]);
    expect(a?.toString()).toBe('a\n');
    expect(spaced?.toString()).toBe('spaced\n');
    expect(missing).toBeUndefined();
    expect(tree?.type).toBe('tree');
    // A second turn's reads are answered too: without its flush, git would hold them.
    expect((await blobs.read('HEAD:a.txt'))?.toString()).toBe('a\n');
  } finally {
    blobs.close();
  }
}

describe('how the cat-file reader asks git', () => {
  test('git 2.36 and later is asked with --batch-command --buffer, and answers every kind of read', async () => {
    const calls = useGit(false);
    const { BlobReader } = await import('./git.ts');
    await readInTwoTurns(BlobReader);
    expect(calls()).toEqual([['cat-file', '--batch-command', '--buffer']]);
  });

  test('a git before 2.36 refuses --batch-command: the reads waiting are asked again with --batch, and so is every later reader', async () => {
    const calls = useGit(true);
    const { BlobReader } = await import('./git.ts');
    await readInTwoTurns(BlobReader);
    // Closed in the same turn as its only read, on the git that refuses: the read is still answered.
    const later = new BlobReader(repo.dir);
    const asked = later.read('HEAD:dir/with space.txt');
    later.close();
    expect((await asked)?.toString()).toBe('spaced\n');
    expect(calls()).toEqual([
      ['cat-file', '--batch-command', '--buffer'],
      ['cat-file', '--batch'],
      ['cat-file', '--batch'],
    ]);
  });

  test('a reader closed in the same turn as its first read, on a git before 2.36, still has the read answered by the second git, which then ends', async () => {
    const calls = useGit(true);
    const { BlobReader } = await import('./git.ts');
    const blobs = new BlobReader(repo.dir);
    const asked = [blobs.read('HEAD:a.txt'), blobs.readObject('f'.repeat(40))];
    blobs.close();
    const [a, missing] = await Promise.all(asked);
    expect(a?.toString()).toBe('a\n');
    expect(missing).toBeUndefined();
    // The second git's input was ended: it exits rather than waiting for names for ever.
    const second = (blobs as unknown as { child?: { exitCode: number | null; once(event: 'close', listener: () => void): void } }).child;
    if (second && second.exitCode === null) await new Promise<void>((resolve) => second.once('close', resolve));
    expect(calls()).toEqual([
      ['cat-file', '--batch-command', '--buffer'],
      ['cat-file', '--batch'],
    ]);
    await expect(blobs.read('HEAD:a.txt')).rejects.toThrow(/closed/);
  });

  test('a git that fails for another reason is not asked again: every read fails with what it said', async () => {
    const calls = useGit(false);
    const { BlobReader } = await import('./git.ts');
    // Not a repository: git stops before reading a name, with its own message and code (128).
    const outside = mkdtempSync(join(tmpdir(), 'not-a-repo-'));
    const blobs = new BlobReader(outside);
    try {
      await expect(blobs.read('HEAD:a.txt')).rejects.toThrow(/cat-file --batch-command exited with 128: fatal: not a git repository/);
    } finally {
      blobs.close();
      rmSync(outside, { recursive: true, force: true });
    }
    expect(calls()).toEqual([['cat-file', '--batch-command', '--buffer']]);
  });
});
