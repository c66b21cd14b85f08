import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { RepoBuilder } from '../demo/repo-builder.ts';
import { UsageError } from '../diagnostics.ts';
import { BlobReader } from './git.ts';
import { gitRangeSource, gitScanSource, gitTree, parseTreeListing, parseTreeObject, resolveCommits, WORK_TREE_MIN_FILES, type GitSource } from './git-source.ts';
import { WorktreeReader } from './worktree-reader.ts';

const repos: RepoBuilder[] = [];
const sources: GitSource[] = [];
afterEach(() => {
  for (const source of sources.splice(0)) source.close();
  for (const repo of repos.splice(0)) repo.dispose();
});

function newRepo(dir?: string): RepoBuilder {
  const repo = new RepoBuilder(dir);
  repos.push(repo);
  return repo;
}

async function range(repo: RepoBuilder, options: { base?: string; head?: string } = {}) {
  const source = await gitRangeSource({ repo: repo.dir, ...options });
  sources.push(source);
  return source.changeSet;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

describe('git range source', () => {
  test('statuses, added and removed lines with their numbers', async () => {
    const repo = newRepo();
    repo.write({ 'a.txt': 'one\ntwo\nthree\n', 'gone.txt': 'bye\n' }).commit('base');
    repo.branch('pr').write({ 'a.txt': 'one\nTWO\nthree\nfour\n', 'new.txt': 'hello\n' }).remove('gone.txt').commit('change');

    const cs = await range(repo, { base: 'main' });
    const byPath = Object.fromEntries(cs.files.map((f) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(['a.txt', 'gone.txt', 'new.txt']);
    expect(byPath['a.txt']!.status).toBe('modified');
    expect(await byPath['a.txt']!.addedLines()).toEqual([
      { line: 2, text: 'TWO' },
      { line: 4, text: 'four' },
    ]);
    expect(await byPath['a.txt']!.removedLines()).toEqual([{ line: 2, text: 'two' }]);
    expect(await byPath['a.txt']!.lineCounts()).toEqual({ additions: 2, deletions: 1 });
    expect(byPath['gone.txt']!.status).toBe('deleted');
    expect(await byPath['gone.txt']!.removedLines()).toEqual([{ line: 1, text: 'bye' }]);
    expect(byPath['new.txt']!.status).toBe('added');
  });

  test('line counts agree with git diff --numstat --text, for new files read whole and patched files alike', async () => {
    const repo = newRepo();
    repo.write({ 'a.txt': 'one\ntwo\n', 'gone.txt': 'bye\nnow\n', 'crlf.txt': 'x\r\n' }).commit('base');
    repo
      .branch('pr')
      .write({
        'a.txt': 'one\nTWO\nthree',
        'crlf.txt': 'x\r\ny\r\n',
        'new.txt': 'hello\nworld\n',
        'no-newline.txt': 'a\nb',
        'empty.txt': '',
        'lone-cr.txt': 'a\rb\n',
        'blank-lines.txt': '\n\n\n',
        'logo.png': PNG,
      })
      .remove('gone.txt')
      .commit('change');
    const cs = await range(repo, { base: 'main' });
    const numstat = new Map(
      repo
        .git('diff', '--numstat', '--text', 'main', 'pr')
        .trim()
        .split('\n')
        .map((row) => row.split('\t'))
        .map(([added, removed, path]) => [path!, { additions: Number(added), deletions: Number(removed) }]),
    );
    expect(numstat.size).toBe(9);
    // numstat prints "-" for a binary file even with --text; the patch --text prints has its three lines.
    expect(numstat.get('logo.png')).toEqual({ additions: NaN, deletions: NaN });
    numstat.set('logo.png', { additions: 3, deletions: 0 });
    for (const file of cs.files) expect([file.path, await file.lineCounts()]).toEqual([file.path, numstat.get(file.path)]);
    expect(cs.files.length).toBe(numstat.size);
  });

  test('a rename keeps its previous path, and only edited lines count as added', async () => {
    const repo = newRepo();
    const body = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    repo.write({ 'old/name.ts': `${body}\n` }).commit('base');
    repo.branch('pr').remove('old/name.ts').write({ 'new/name.ts': `${body}\nline 20\n` }).commit('rename');

    const cs = await range(repo, { base: 'main' });
    expect(cs.files).toHaveLength(1);
    expect(cs.files[0]).toMatchObject({ path: 'new/name.ts', previousPath: 'old/name.ts', status: 'renamed' });
    expect(await cs.files[0]!.addedLines()).toEqual([{ line: 21, text: 'line 20' }]);
  });

  test('binary is decided from the bytes: lines stop at the first NUL, and the file reads as undefined', async () => {
    const repo = newRepo();
    repo.write({ 'README.md': 'x\n' }).commit('base');
    repo.branch('pr').write({ 'logo.png': PNG, 'key.txt': Buffer.from('-----BEGIN RSA PRIVATE KEY-----\nMIIE\0rest\nmore\n') }).commit('binary');
    const cs = await range(repo, { base: 'main' });
    const byPath = Object.fromEntries(cs.files.map((f) => [f.path, f]));
    expect(await byPath['logo.png']!.isBinary()).toBe(true);
    // A new file is read from its bytes, as a scan reads it: "\x89PNG\r\n\x1a\n" then the NUL, so two lines.
    expect((await byPath['logo.png']!.addedLines()).map((l) => l.line)).toEqual([1, 2]);
    expect(await cs.head.read('logo.png')).toBeUndefined();
    expect(await byPath['key.txt']!.isBinary()).toBe(true);
    expect(await byPath['key.txt']!.addedLines()).toEqual([
      { line: 1, text: '-----BEGIN RSA PRIVATE KEY-----' },
      { line: 2, text: 'MIIE' },
    ]);
    expect(await byPath['README.md']?.isBinary()).toBeUndefined();
  });

  test('paths with spaces, unicode and tabs-free punctuation come through unquoted', async () => {
    const repo = newRepo();
    repo.write({ 'README.md': 'x\n' }).commit('base');
    const paths = ['docs/naïve café.md', 'src/日本語/ファイル.ts', 'weird "quoted" name.txt'];
    repo.branch('pr').write(Object.fromEntries(paths.map((p) => [p, `content of ${p}\n`]))).commit('unicode');
    const cs = await range(repo, { base: 'main' });
    expect(cs.files.map((f) => f.path).sort()).toEqual([...paths].sort());
    for (const file of cs.files) {
      expect(await file.addedLines()).toEqual([{ line: 1, text: `content of ${file.path}` }]);
      expect(await cs.head.read(file.path)).toBe(`content of ${file.path}\n`);
    }
  });

  test('CRLF line endings do not leak into line text', async () => {
    const repo = newRepo();
    repo.write({ 'README.md': 'x\n' }).commit('base');
    repo.branch('pr').write({ 'win.txt': 'a\r\nb\r\n' }).commit('crlf');
    const cs = await range(repo, { base: 'main' });
    expect(await cs.files[0]!.addedLines()).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
    ]);
  });

  test('an empty diff gives an empty change set', async () => {
    const repo = newRepo();
    repo.write({ 'README.md': 'x\n' }).commit('base');
    repo.branch('pr');
    const cs = await range(repo, { base: 'main' });
    expect(cs.files).toEqual([]);
    expect(cs.mode).toBe('diff');
  });

  test('compares from the merge-base, as GitHub shows a pull request', async () => {
    const repo = newRepo();
    repo.write({ 'README.md': 'x\n' }).commit('base');
    repo.branch('pr').write({ 'feature.ts': 'f\n' }).commit('feature');
    repo.git('checkout', '--quiet', 'main');
    repo.write({ 'later-on-main.ts': 'm\n' }).commit('main moves on');
    repo.git('checkout', '--quiet', 'pr');

    const cs = await range(repo, { base: 'main' });
    expect(cs.files.map((f) => f.path)).toEqual(['feature.ts']);
    expect(await cs.base.paths()).toEqual(['README.md']);
    expect((await cs.head.paths()).sort()).toEqual(['README.md', 'feature.ts']);
  });

  test('without --base it compares with the default branch', async () => {
    const repo = newRepo();
    repo.write({ 'README.md': 'x\n' }).commit('base');
    repo.branch('topic').write({ 'b.ts': 'b\n' }).commit('b');
    const cs = await range(repo);
    expect(cs.files.map((f) => f.path)).toEqual(['b.ts']);
    expect(cs.base.ref).toMatch(/^main \(/);
  });

  test.each([
    { name: 'unknown base', options: { base: 'no-such-branch' }, message: '--base no-such-branch: no such commit' },
    { name: 'unknown head', options: { head: 'nope' }, message: '--head nope: no such commit' },
    // Both are asked of git at once; the head is still reported first, as it was asked first.
    { name: 'unknown head and base', options: { head: 'nope', base: 'no-such-branch' }, message: '--head nope: no such commit' },
  ])('$name is a usage error', async ({ options, message }) => {
    const repo = newRepo();
    repo.write({ 'README.md': 'x\n' }).commit('base');
    const error = await gitRangeSource({ repo: repo.dir, ...options }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(message);
  });

  test('head and base are one question to git when both name commits, and each its own when not', async () => {
    const repo = newRepo();
    repo.write({ 'README.md': 'x\n' }).commit('base');
    repo.git('tag', '-a', '-m', 'release', 'v1');
    repo.branch('pr').write({ 'b.ts': 'b\n' }).commit('b');
    const id = (ref: string) => repo.git('rev-parse', `${ref}^{commit}`).trim();
    const expected = [id('pr'), id('v1')];
    const trace = join(mkdtempSync(join(tmpdir(), 'git-trace-')), 'trace');
    process.env.GIT_TRACE = trace;
    try {
      expect(await resolveCommits(repo.dir, [{ ref: 'pr', flag: '--head' }, { ref: 'v1', flag: '--base' }])).toEqual(expected);
    } finally {
      delete process.env.GIT_TRACE;
    }
    expect(readFileSync(trace, 'utf8').split('\n').filter((line) => line.includes('built-in: git rev-parse') && line.includes('{commit}'))).toHaveLength(1);
    expect(await resolveCommits(repo.dir, [{ ref: 'HEAD', flag: '--head' }])).toEqual([id('HEAD')]);
    // Plain rev-parse prints two ids for a range, and one for a tree's commit: neither is taken.
    await expect(resolveCommits(repo.dir, [{ ref: 'main..pr', flag: '--head' }, { ref: 'main', flag: '--base' }])).rejects.toThrow('--head main..pr: no such commit');
    await expect(resolveCommits(repo.dir, [{ ref: 'pr', flag: '--head' }, { ref: 'main^{tree}', flag: '--base' }])).rejects.toThrow('--base main^{tree}: no such commit');
    // A ref that starts with a dash is never read as an option.
    await expect(resolveCommits(repo.dir, [{ ref: 'pr', flag: '--head' }, { ref: '--all', flag: '--base' }])).rejects.toThrow('--base --all: no such commit');
    await expect(resolveCommits(repo.dir, [{ ref: '--git-dir', flag: '--head' }, { ref: 'pr', flag: '--base' }])).rejects.toThrow('--head --git-dir: no such commit');
  });

  test('a directory that is not a repository is a usage error', async () => {
    await expect(gitRangeSource({ repo: '/nonexistent/dir' })).rejects.toThrow(/is not a git repository/);
    // Not "no such commit", though the commits are asked of git at the same time.
    await expect(gitRangeSource({ repo: '/nonexistent/dir', head: 'x', base: 'y' })).rejects.toThrow(/is not a git repository/);
  });

  test('with several merge-bases (a criss-cross merge), the diff is from the one git merge-base names', async () => {
    const repo = newRepo();
    repo.write({ 'README.md': 'x\n' }).commit('root');
    repo.branch('a').write({ 'a.ts': 'a\n' }).commit('a1');
    repo.git('checkout', '-q', 'main');
    repo.branch('b').write({ 'b.ts': 'b\n' }).commit('b1');
    // Each branch merges the other's first commit: a1 and b1 are both best common ancestors.
    repo.git('merge', '-q', '--no-edit', 'a');
    repo.git('checkout', '-q', 'a');
    repo.git('merge', '-q', '--no-edit', 'b~1');
    repo.write({ 'c.ts': 'c\n' }).commit('a2');
    repo.git('checkout', '-q', 'b');
    repo.write({ 'd.ts': 'd\n' }).commit('b2');
    expect(repo.git('merge-base', '--all', 'a', 'b').trim().split('\n')).toHaveLength(2);

    const mergeBase = repo.git('merge-base', 'a', 'b').trim();
    const expected = repo.git('diff', '--name-only', mergeBase, 'b').trim().split('\n');
    const cs = await range(repo, { base: 'a', head: 'b' });
    expect(cs.files.map((f) => f.path).sort()).toEqual(expected.sort());
    expect(cs.base.ref).toContain(mergeBase.slice(0, 12));
  });

  test('the repository name may still be on its way when the source opens', async () => {
    const repo = newRepo();
    repo.write({ 'README.md': 'x\n' }).commit('base');
    repo.branch('topic').write({ 'b.ts': 'b\n' }).commit('b');
    const source = await gitRangeSource({ repo: repo.dir, base: 'main', head: 'topic', repository: Promise.resolve('acme/web') });
    expect(source.changeSet.repository).toBe('acme/web');
    source.close();
  });

  test('many blobs are read through one cat-file process, correctly framed', async () => {
    const repo = newRepo();
    const files = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f/${i}.txt`, `${'x'.repeat(i * 37)}\n${i}\n`]));
    repo.write(files).commit('many');
    const source = await gitScanSource({ repo: repo.dir });
    sources.push(source);
    const texts = await Promise.all(Object.keys(files).map((path) => source.changeSet.head.read(path)));
    expect(texts).toEqual(Object.values(files));
  });

  test('directories are listed by the ids their parents give, at head and at base, as git lists them', async () => {
    const repo = newRepo();
    repo.write({ 'a/b/c/one.ts': '1\n', 'a/b/two.ts': '2\n', 'a/three.ts': '3\n', 'top.md': '#\n' }).commit('base');
    repo.branch('pr').write({ 'a/b/c/new.ts': 'n\n', 'a/b/d/four.ts': '4\n' }).commit('change');
    const cs = await range(repo, { base: 'main' });
    expect(await cs.head.list('a/b')).toEqual({ files: ['two.ts'], directories: ['c', 'd'] });
    expect(await cs.head.list('a/b/c')).toEqual({ files: ['new.ts', 'one.ts'], directories: [] });
    expect(await cs.base.list('a/b')).toEqual({ files: ['two.ts'], directories: ['c'] });
    expect(await cs.base.list('a/b/d')).toEqual({ files: [], directories: [] });
    // A file, or nothing at all, lists as empty.
    expect(await cs.head.list('a/three.ts')).toEqual({ files: [], directories: [] });
    expect(await cs.head.list('no/such/dir')).toEqual({ files: [], directories: [] });
    expect(await cs.head.list('')).toEqual({ files: ['top.md'], directories: ['a'] });
    // A changed file is read by its id from the diff, the others by path: the same text either way.
    expect(await cs.head.read('a/b/c/new.ts')).toBe('n\n');
    expect(await cs.head.read('a/b/c/one.ts')).toBe('1\n');
  });

  test('one object asked for twice is read once: at the same time, or again soon after in a change', async () => {
    const { BlobReader } = await import('./git.ts');
    const repo = newRepo();
    repo.write({ 'a.txt': 'hello\n', 'empty.txt': '' }).commit('base');
    const id = repo.git('rev-parse', 'HEAD:a.txt').trim();
    const empty = repo.git('rev-parse', 'HEAD:empty.txt').trim();
    const remembering = new BlobReader(repo.dir, 1024);
    const forgetting = new BlobReader(repo.dir);
    try {
      const [first, second] = await Promise.all([remembering.read(id), remembering.read(id)]);
      expect(first!.toString()).toBe('hello\n');
      expect(second).toBe(first);
      // Kept as git sent it: every later read is that same object, not a new read.
      expect(await remembering.read(id)).toBe(first);
      const once = await forgetting.read(id);
      expect(await forgetting.read(id)).not.toBe(once);
      expect((await forgetting.read(id))!.equals(once!)).toBe(true);
      // A reader that keeps nothing keeps nothing, not even an empty file.
      await forgetting.read(empty);
      const again = await forgetting.read(empty);
      expect(again!.length).toBe(0);
      expect(await forgetting.read(empty)).not.toBe(again);
    } finally {
      remembering.close();
      forgetting.close();
    }
  });
});

describe('what the cat-file reader keeps for a second read', () => {
  // A read is a view of the chunk of git's output it arrived in, and keeping it keeps that chunk:
  // the budget counts each chunk once, whole, however many kept objects are views of it.
  const ids = ['1', '2', '3'].map((digit) => digit.repeat(40));
  const kept = (reader: BlobReader) => [...(reader as unknown as { recent: Map<string, unknown> }).recent.keys()];
  const remember = (reader: BlobReader, name: string, data: Buffer) => (reader as unknown as { remember(name: string, object: { type: string; data: Buffer }): void }).remember(name, { type: 'blob', data });

  test('two objects from one chunk count it once; the chunk is let go when the last of them is', () => {
    const reader = new BlobReader('.', 5000);
    const chunk = Buffer.alloc(4096);
    remember(reader, ids[0]!, chunk.subarray(0, 10));
    remember(reader, ids[1]!, chunk.subarray(10, 20));
    // 4,096 bytes held: both fit, though two objects of 4,096 would not.
    expect(kept(reader)).toEqual([ids[0], ids[1]]);
    // A chunk of 2,000 more is over the budget: the oldest go until it is met, and only letting go
    // of both views lets go of their chunk.
    remember(reader, ids[2]!, Buffer.alloc(2000));
    expect(kept(reader)).toEqual([ids[2]]);
    reader.close();
  });

  test("an object whose newline comes in the next chunk is still a view of its own chunk, not a copy", () => {
    // git writes a blob's bytes by itself and the newline after it with what follows: the two
    // often arrive apart. Taken together, the object was copied into Node's shared pool, whose
    // 8 KiB a small budget cannot hold.
    const reader = new BlobReader('.', 1024);
    const inside = reader as unknown as { pending: { name: string; resolve(object: unknown): void; reject(): void }[]; chunks: Buffer[]; buffered: number; drain(): void };
    let answer: { type: string; data: Buffer } | undefined;
    inside.pending.push({ name: ids[0]!, resolve: (object) => (answer = object as typeof answer), reject: () => undefined });
    const content = Buffer.alloc(6);
    content.write('hello\n');
    for (const chunk of [Buffer.from(`${ids[0]} blob 6\n`), content, Buffer.from('\n')]) {
      inside.chunks.push(chunk);
      inside.buffered += chunk.length;
      inside.drain();
    }
    expect(answer?.data.toString()).toBe('hello\n');
    expect(answer?.data.buffer).toBe(content.buffer);
    remember(reader, ids[0]!, answer!.data);
    expect(kept(reader)).toEqual([ids[0]]);
    reader.close();
  });

  test('an object whose chunk is over the budget is not kept, however small the object', () => {
    const reader = new BlobReader('.', 1024);
    remember(reader, ids[0]!, Buffer.alloc(64 * 1024).subarray(0, 10));
    expect(kept(reader)).toEqual([]);
    reader.close();
  });
});

describe('the cat-file reader when a read cannot be answered', () => {
  test('a missing object is undefined, and asked again it is asked of git again', async () => {
    const repo = newRepo();
    repo.write({ 'a.txt': 'a\n' }).commit('base');
    const blobs = new BlobReader(repo.dir, 1024);
    try {
      const missing = 'f'.repeat(40);
      expect(await blobs.readObject(missing)).toBeUndefined();
      expect(await blobs.read(missing)).toBeUndefined();
      // A tree is an object but not a blob.
      expect(await blobs.read('HEAD^{tree}')).toBeUndefined();
      expect((await blobs.readObject('HEAD^{tree}'))?.type).toBe('tree');
      expect((await blobs.read('HEAD:a.txt'))?.toString()).toBe('a\n');
    } finally {
      blobs.close();
    }
  });

  test('a name with a newline is refused without disturbing the reads around it', async () => {
    const repo = newRepo();
    repo.write({ 'a.txt': 'a\n', 'b.txt': 'b\n' }).commit('base');
    const blobs = new BlobReader(repo.dir);
    try {
      const reads = [blobs.read('HEAD:a.txt'), blobs.read('HEAD:a.txt\nHEAD:b.txt'), blobs.read('HEAD:b.txt')];
      const [a, bad, b] = await Promise.allSettled(reads);
      expect(a).toEqual({ status: 'fulfilled', value: Buffer.from('a\n') });
      expect(bad.status).toBe('rejected');
      expect(String((bad as PromiseRejectedResult).reason)).toMatch(/newline/);
      expect(b).toEqual({ status: 'fulfilled', value: Buffer.from('b\n') });
    } finally {
      blobs.close();
    }
  });

  test('when git dies, every read waiting and every later read fails with its error; none waits for ever', async () => {
    const repo = newRepo();
    repo.write({ 'a.txt': 'a\n' }).commit('base');
    const blobs = new BlobReader(repo.dir);
    expect((await blobs.read('HEAD:a.txt'))?.toString()).toBe('a\n');
    // The process is private to the reader; killing it stands for git crashing mid-run.
    const waiting = [blobs.read('HEAD:a.txt'), blobs.readObject('HEAD^{tree}')];
    (blobs as unknown as { child: { kill(signal: string): void } }).child.kill('SIGKILL');
    for (const result of await Promise.allSettled(waiting)) {
      expect(result.status).toBe('rejected');
      expect(String((result as PromiseRejectedResult).reason)).toMatch(/cat-file --batch-command exited/);
    }
    await expect(blobs.read('HEAD:a.txt')).rejects.toThrow(/cat-file --batch-command exited/);
    blobs.close();
  });

  test('closing answers the reads already asked for, even in the same turn, then git ends; a read after it is refused', async () => {
    const repo = newRepo();
    repo.write({ 'a.txt': 'a\n', 'b.txt': 'b\n' }).commit('base');
    const blobs = new BlobReader(repo.dir);
    expect((await blobs.read('HEAD:a.txt'))?.toString()).toBe('a\n');
    const git = (blobs as unknown as { child: { once(event: 'close', listener: (code: number) => void): void } }).child;
    const ended = new Promise<number>((resolve) => git.once('close', resolve));
    const asked = blobs.read('HEAD:b.txt');
    blobs.close();
    expect((await asked)?.toString()).toBe('b\n');
    expect(await ended).toBe(0);
    // A second git would answer into the parser of the first.
    await expect(blobs.read('HEAD:a.txt')).rejects.toThrow(/closed/);
    blobs.close();
  });

  test('a reader closed while git is starting still answers the read that started it, and git ends', async () => {
    const repo = newRepo();
    repo.write({ 'a.txt': 'a\n' }).commit('base');
    const blobs = new BlobReader(repo.dir);
    const asked = blobs.read('HEAD:a.txt');
    blobs.close();
    expect((await asked)?.toString()).toBe('a\n');
    const git = (blobs as unknown as { child?: { exitCode: number | null; once(event: 'close', listener: () => void): void } }).child;
    // Ended already, or ending: it must not wait on its input for ever.
    if (git && git.exitCode === null) await new Promise<void>((resolve) => git.once('close', resolve));
  });
});

describe('files found by name in a whole tree', () => {
  test('every file of that name at any depth, from git or from the listing alike, as a directory lists it; no directory, submodule, other name or other case', async () => {
    const repo = newRepo();
    repo.write({
      '.gitattributes': '* text\n',
      'a/b/.gitattributes': '*.js linguist-vendored\n',
      '.github/.gitattributes': 'x -text\n',
      'weird name/ünï/.gitattributes': 'y binary\n',
      'x/.gitattributes/inside': 'a directory of that name is not a file of that name\n',
      'my.gitattributes': 'another name\n',
      '.gitattributes.bak': 'another name\n',
      'c/.GitAttributes': 'another case\n',
      'empty/.gitattributes': '',
      '[x].txt': 'glob characters in the name are literal\n',
      'x.txt': 'what [x].txt would match as a glob\n',
    });
    mkdirSync(join(repo.dir, 'link'));
    symlinkSync('../a/b/.gitattributes', join(repo.dir, 'link/.gitattributes'));
    const first = repo.commit('tree');
    // A submodule of that name has no content here; so is a case-folding checkout (macOS's default).
    repo.git('update-index', '--add', '--cacheinfo', `160000,${first},sub/.gitattributes`);
    repo.git('commit', '--quiet', '-m', 'a submodule named .gitattributes');
    repo.git('config', 'core.ignorecase', 'true');
    const commit = repo.git('rev-parse', 'HEAD').trim();

    const blobs = new BlobReader(repo.dir);
    try {
      const tree = gitTree(repo.dir, commit, 'head', blobs);
      const found = ['.gitattributes', '.github/.gitattributes', 'a/b/.gitattributes', 'empty/.gitattributes', 'link/.gitattributes', 'weird name/ünï/.gitattributes'];
      expect((await tree.filesNamed!('.gitattributes')).sort()).toEqual(found);
      expect(await tree.filesNamed!('[x].txt')).toEqual(['[x].txt']);
      expect(await tree.filesNamed!('nothing-by-this-name')).toEqual([]);
      // What each directory's listing says agrees.
      for (const path of found) expect((await tree.list(path.slice(0, path.lastIndexOf('/') + 1).replace(/\/$/, ''))).files).toContain('.gitattributes');
      expect((await tree.list('sub')).files).toEqual([]);
      // Once the tree has been listed whole, the listing answers.
      await tree.entries();
      expect((await tree.filesNamed!('.gitattributes')).sort()).toEqual(found);
      expect(await tree.filesNamed!('[x].txt')).toEqual(['[x].txt']);
      // A search git cannot make is an error, never "none found".
      await expect(gitTree(repo.dir, 'f'.repeat(40), 'missing', blobs).filesNamed!('.gitattributes')).rejects.toThrow();
      // A tree named by a ref, not an id, offers no search.
      expect(gitTree(repo.dir, 'HEAD', 'head', blobs).filesNamed).toBeUndefined();
    } finally {
      blobs.close();
    }
  });
});

describe('a tree once listed whole', () => {
  test('reads files by their ids from the listing, answering as git does', async () => {
    const repo = newRepo();
    repo.write({ 'top.txt': 'top\n', 'a/b/deep.json': '{}\n', 'a/with space.txt': 'spaced\n', 'c/d.txt': 'd\n' });
    mkdirSync(join(repo.dir, 'c/e'));
    symlinkSync('../d.txt', join(repo.dir, 'c/e/link'));
    const first = repo.commit('tree');
    repo.git('update-index', '--add', '--cacheinfo', `160000,${first},a/sub`);
    repo.git('commit', '--quiet', '-m', 'a submodule beside files');
    const commit = repo.git('rev-parse', 'HEAD').trim();
    const paths = ['top.txt', 'a/b/deep.json', 'a/with space.txt', 'c/e/link', 'a', 'a/sub', 'missing.txt', 'a/missing'];
    const directories = ['', 'a', 'a/b', 'c', 'c/e', 'a/sub', 'missing'];
    const answers = async (tree: ReturnType<typeof gitTree>) => ({
      reads: await Promise.all(paths.map(async (path) => (await tree.bytes(path))?.toString())),
      lists: await Promise.all(directories.map((directory) => tree.list(directory))),
    });

    const blobs = new BlobReader(repo.dir);
    const asked: string[] = [];
    const readObject = blobs.readObject.bind(blobs);
    blobs.readObject = (name) => (asked.push(name), readObject(name));
    try {
      const unlisted = await answers(gitTree(repo.dir, commit, 'head', blobs));
      expect(unlisted.reads).toEqual(['top\n', '{}\n', 'spaced\n', '../d.txt', undefined, undefined, undefined, undefined]);
      expect(asked.some((name) => name.includes(':'))).toBe(true);
      asked.length = 0;
      const tree = gitTree(repo.dir, commit, 'head', blobs);
      await tree.entries();
      expect(await answers(tree)).toEqual(unlisted);
      // Files by their own ids, no walk from the root by `commit:path`; directories by tree id.
      const ids = new Set([...(await tree.entries()).values()].map((entry) => entry.objectId));
      const files = asked.filter((name) => ids.has(name));
      expect(files).toHaveLength(4);
      expect(asked.filter((name) => name.includes(':'))).toEqual([]);
    } finally {
      blobs.close();
    }
  });
});

describe('parseTreeListing', () => {
  const id = (n: number) => String(n).repeat(40).slice(0, 40);
  test.each([
    ['nothing', '', []],
    ['a file, an executable and a symlink', `100644 blob ${id(1)}\ta.ts\x00100755 blob ${id(2)}\tbin/run\x00120000 blob ${id(3)}\tlink\x00`, [['a.ts', id(1), 'file'], ['bin/run', id(2), 'file'], ['link', id(3), 'symlink']]],
    ['a submodule is left out', `160000 commit ${id(4)}\tvendor/lib\x00100644 blob ${id(5)}\tb.ts\x00`, [['b.ts', id(5), 'file']]],
    ['tabs, spaces and NUL-free oddities in a path are kept', `100644 blob ${id(6)}\tweird\tname with spaces/ünï.txt\x00`, [['weird\tname with spaces/ünï.txt', id(6), 'file']]],
    ['a last record without its NUL', `100644 blob ${id(7)}\tlast`, [['last', id(7), 'file']]],
    ['a SHA-256 id', `100644 blob ${'a'.repeat(64)}\tx\x00`, [['x', 'a'.repeat(64), 'file']]],
  ])('%s', (_name, out, expected) => {
    expect([...parseTreeListing(out)].map(([path, entry]) => [path, entry.objectId, entry.kind])).toEqual(expected);
  });

  test('agrees with git ls-files on a real tree', () => {
    const repo = newRepo();
    repo.write({ 'a.ts': 'a\n', 'dir/b c.md': 'b\n', 'dir/ünï/d.txt': 'd\n', 'tab\there.txt': 't\n' });
    symlinkSync('a.ts', join(repo.dir, 'link'));
    repo.commit('tree');
    const listed = parseTreeListing(repo.git('ls-tree', '-r', '-z', '--full-tree', 'HEAD'));
    const expected = repo
      .git('ls-files', '-s', '-z')
      .split('\x00')
      .filter(Boolean)
      .map((record) => {
        const tab = record.indexOf('\t');
        const [mode, objectId] = record.slice(0, tab).split(' ');
        return [record.slice(tab + 1), objectId, mode === '120000' ? 'symlink' : 'file'];
      });
    expect([...listed].map(([path, entry]) => [path, entry.objectId, entry.kind])).toEqual(expected);
    expect(listed.size).toBe(5);
  });
});

describe('parseTreeObject', () => {
  // Names whose bytes are not one character each, or that look like the format's own separators.
  const NAMES = ['a.txt', 'ü.txt', '日本語.md', 'emoji 🎉.txt', 'space name.txt', '100644 looks like a mode', 'new\nline.txt', 'tab\tname', 'run.sh'];

  test.each(['sha1', 'sha256'])('reads what git ls-tree lists, in a %s repository: names as UTF-8, folders with their ids, no submodule', (format) => {
    const dir = mkdtempSync(join(tmpdir(), 'standards-tree-'));
    execFileSync('git', ['init', '--quiet', `--object-format=${format}`], { cwd: dir });
    const repo = newRepo(dir);
    repo.write(Object.fromEntries([...NAMES.map((name) => [name, `${name}\n`]), ['café/x.txt', 'x\n'], ['d/e.txt', 'e\n']]));
    symlinkSync('a.txt', join(repo.dir, 'link'));
    repo.commit('names');
    const commit = repo.git('rev-parse', 'HEAD').trim();
    repo.git('update-index', '--add', '--cacheinfo', `160000,${commit},sub`);
    repo.git('commit', '--quiet', '-m', 'a submodule');

    const listing = execFileSync('git', ['ls-tree', '-z', 'HEAD'], { cwd: repo.dir }).toString('utf8').split('\0').filter(Boolean);
    const expected = { files: [] as string[], directories: [] as string[] };
    const expectedIds = new Map<string, string>();
    for (const record of listing) {
      const [mode, type, id] = record.slice(0, record.indexOf('\t')).split(' ');
      const name = record.slice(record.indexOf('\t') + 1);
      if (type === 'tree') {
        expected.directories.push(name);
        expectedIds.set(name, id!);
      } else if (mode !== '160000') expected.files.push(name);
    }
    const tree = execFileSync('git', ['cat-file', 'tree', 'HEAD^{tree}'], { cwd: repo.dir });
    const ids = new Map<string, string>();
    const parsed = parseTreeObject(tree, commit.length / 2, (name, id) => ids.set(name, id));
    expect(parsed).toEqual(expected);
    expect(ids).toEqual(expectedIds);
    expect(parsed.files).toEqual(expect.arrayContaining([...NAMES, 'link']));
    expect(parsed.directories).toEqual(['café', 'd']);
  });
});

describe('git scan source', () => {
  test('every committed file is added, with every line', async () => {
    const repo = newRepo();
    repo.write({ 'a.ts': 'one\ntwo\n', 'img.png': PNG, 'dir/b.md': 'b' }).commit('tree');
    repo.write({ 'uncommitted.ts': 'not scanned\n' });
    const source = await gitScanSource({ repo: repo.dir });
    sources.push(source);
    const cs = source.changeSet;
    expect(cs.mode).toBe('scan');
    expect(await Promise.all(cs.files.map(async (f) => [f.path, f.status, await f.isBinary()]))).toEqual([
      ['a.ts', 'added', false],
      ['dir/b.md', 'added', false],
      ['img.png', 'added', true],
    ]);
    expect(await cs.files[0]!.addedLines()).toEqual([
      { line: 1, text: 'one' },
      { line: 2, text: 'two' },
    ]);
    expect(await cs.files[1]!.addedLines()).toEqual([{ line: 1, text: 'b' }]);
    expect(await cs.base.paths()).toEqual([]);
  });

  test("a scan's files share one reader and hold no function of their own", async () => {
    // A scan holds every file of the tree until its report is written: closures made per file
    // cost 207 MiB of a 368,000-file scan's peak (bench/RESULTS.md, seventeenth pass).
    const repo = newRepo();
    repo.write({ 'a.ts': 'a\n', 'b/c.ts': 'c\n', 'd.md': 'd\n' }).commit('tree');
    const source = await gitScanSource({ repo: repo.dir });
    sources.push(source);
    const functionsOf = (file: object) => Object.values(file).filter((value) => typeof value === 'function');
    const [first, ...rest] = source.changeSet.files;
    expect(functionsOf(first!)).toHaveLength(1);
    for (const file of rest) expect(functionsOf(file)).toEqual(functionsOf(first!));
    // Methods taken from the prototype read each file's own bytes.
    expect(await Promise.all(source.changeSet.files.map((file) => file.headContent!().then((content) => content.text)))).toEqual(['a\n', 'c\n', 'd\n']);
  });
});

describe('a scan of a checkout', () => {
  afterEach(() => vi.restoreAllMocks());

  /**
   * Which files the work-tree reader answered with bytes, by index, as the scan asked for them;
   * `begun` waits for its thread to begin (before that, a small scan reads git alone).
   */
  function watchReader(): { answered: Map<number, boolean>; begun(): Promise<void> } {
    const answered = new Map<number, boolean>();
    const start = WorktreeReader.start.bind(WorktreeReader);
    let started: WorktreeReader | undefined;
    vi.spyOn(WorktreeReader, 'start').mockImplementation((...args) => {
      const reader = (started = start(...args)!);
      const read = reader.read.bind(reader);
      reader.read = async (index) => {
        const bytes = await read(index);
        answered.set(index, bytes !== undefined);
        return bytes;
      };
      return reader;
    });
    return { answered, begun: () => vi.waitFor(() => expect(started?.begun).toBe(0)) };
  }

  test("judges the commit's bytes, read from the work tree only where it holds them", async () => {
    const repo = newRepo();
    const committed = { 'clean.ts': 'clean\n', 'edited.ts': 'committed\n', 'gone.ts': 'gone\n', 'linked.ts': 'linked\n', 'crlf.txt': 'a\nb\n', 'deep/er/file.md': 'deep\n' };
    repo.write(committed).commit('tree');
    symlinkSync('clean.ts', join(repo.dir, 'link'));
    repo.commit('a link');
    repo.write({ 'edited.ts': 'edited in the work tree\n', 'crlf.txt': 'a\r\nb\r\n' }).remove('gone.ts');
    rmSync(join(repo.dir, 'linked.ts'));
    symlinkSync('/dev/zero', join(repo.dir, 'linked.ts'));
    const { answered, begun } = watchReader();
    const source = await gitScanSource({ repo: repo.dir, workTreeMinFiles: 0 });
    sources.push(source);
    await begun();
    const { files } = source.changeSet;
    const texts = Object.fromEntries(await Promise.all(files.map(async (file) => [file.path, (await file.headContent!()).text])));
    expect(texts).toEqual({ ...committed, link: 'clean.ts' });
    const fromWorkTree = files.filter((_, i) => answered.get(i)).map((file) => file.path);
    expect(fromWorkTree.sort()).toEqual(['clean.ts', 'deep/er/file.md']);
  });

  test('from a folder below the top, reads the work tree from its top', async () => {
    const repo = newRepo();
    repo.write({ 'top.ts': 'top\n', 'sub/inner.ts': 'inner\n' }).commit('tree');
    const { answered, begun } = watchReader();
    const source = await gitScanSource({ repo: join(repo.dir, 'sub'), workTreeMinFiles: 0 });
    sources.push(source);
    await begun();
    const texts = await Promise.all(source.changeSet.files.map(async (file) => (await file.headContent!()).text));
    expect(texts).toEqual(['inner\n', 'top\n']);
    expect([...answered.values()]).toEqual([true, true]);
  });

  test(`of fewer than ${WORK_TREE_MIN_FILES} files reads git alone: a thread costs more than it saves there`, async () => {
    const repo = newRepo();
    repo.write({ 'a.ts': 'a\n', 'b.ts': 'b\n' }).commit('tree');
    const started = vi.spyOn(WorktreeReader, 'start');
    const source = await gitScanSource({ repo: repo.dir });
    sources.push(source);
    expect((await source.changeSet.files[1]!.headContent!()).text).toBe('b\n');
    expect(started).not.toHaveBeenCalled();
  });

  test('of a bare repository reads git alone', async () => {
    const repo = newRepo();
    repo.write({ 'a.ts': 'a\n' }).commit('tree');
    const bare = mkdtempSync(join(tmpdir(), 'bare-'));
    try {
      execFileSync('git', ['clone', '-q', '--bare', repo.dir, bare]);
      const started = vi.spyOn(WorktreeReader, 'start');
      const source = await gitScanSource({ repo: bare, workTreeMinFiles: 0 });
      sources.push(source);
      expect((await source.changeSet.files[0]!.headContent!()).text).toBe('a\n');
      expect(started).not.toHaveBeenCalled();
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe('shallow clones', () => {
  test('a base outside the fetched history says how to fetch it', async () => {
    const origin = newRepo();
    origin.write({ 'README.md': 'x\n' }).commit('one');
    origin.write({ 'a.txt': 'a\n' }).commit('two');
    origin.branch('pr').write({ 'b.txt': 'b\n' }).commit('three');
    const clone = newRepo();
    clone.git('fetch', '--quiet', '--depth=1', `file://${origin.dir}`, 'pr:refs/heads/pr', 'main:refs/remotes/origin/main');
    clone.git('checkout', '--quiet', 'pr');
    const error = await gitRangeSource({ repo: clone.dir, base: 'origin/main' }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('origin/main and HEAD share no history in this shallow clone; fetch the history (in GitHub Actions: actions/checkout with fetch-depth: 0)');
  });
});
