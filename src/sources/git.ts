import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { isAbsolute } from 'node:path';

export class GitError extends Error {
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

// Output must not depend on the user's git config: no pagers, colours, external diff tools or
// quoted paths, and no attributes from the user's or the system's attribute files.
const FIXED_CONFIG = ['-c', 'core.quotepath=off', '-c', 'color.ui=false', '-c', 'diff.external=', '-c', 'core.attributesFile=/dev/null', '--no-pager'];
const FIXED_ENV = { GIT_ATTR_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };

interface Place {
  /** The repository's git directory, bare or not; undefined outside one. */
  gitDir: string | undefined;
  /** The top of the work tree holding the folder; undefined outside one (a bare repository, a git directory). */
  top: string | undefined;
}

const places = new Map<string, Promise<Place>>();

/**
 * Where the folder `cwd` is, from one process (each costs the main thread ~3 ms to start):
 * `rev-parse --absolute-git-dir --show-toplevel` prints the git directory, then the top, or,
 * where there is no work tree, exits with an error having printed the git directory. Asked of git
 * in `cwd` itself, not bare: it reads no attributes. An answer of another shape (a path holding
 * a line break) is asked for again, one question a process.
 */
function placeOf(cwd: string): Promise<Place> {
  let found = places.get(cwd);
  if (!found) {
    found = runGit(cwd, [...FIXED_CONFIG, 'rev-parse', '--absolute-git-dir', '--show-toplevel']).then(async ({ code, stdout }) => {
      const lines = stdout.toString('utf8').split('\n');
      if (lines.at(-1) === '') lines.pop();
      if (code !== 0 && lines.length === 0) return { gitDir: undefined, top: undefined };
      if (lines.length <= (code === 0 ? 2 : 1) && lines.every(isAbsolute)) return { gitDir: lines[0], top: code === 0 ? lines[1] : undefined };
      return { gitDir: await askOne(cwd, '--absolute-git-dir'), top: await askOne(cwd, '--show-toplevel') };
    }).catch(() => ({ gitDir: undefined, top: undefined }));
    places.set(cwd, found);
  }
  return found;
}

async function askOne(cwd: string, option: string): Promise<string | undefined> {
  const { code, stdout } = await runGit(cwd, [...FIXED_CONFIG, 'rev-parse', option]);
  return code === 0 ? stdout.toString('utf8').trim() || undefined : undefined;
}

/** The git directory of the repository at `cwd` (bare or not), or undefined outside one. */
export async function gitDirOf(cwd: string): Promise<string | undefined> {
  return (await placeOf(cwd)).gitDir;
}

/** The top of the work tree that holds `cwd`, or undefined outside one. */
export async function workTreeTop(cwd: string): Promise<string | undefined> {
  return (await placeOf(cwd)).top;
}

/**
 * Where git runs for a folder: its git directory, as a bare repository, from inside it. A
 * repository under review controls its own `.gitattributes` files, which can mark text as
 * binary or route it through a filter; git reads them from the work tree (and, when bare, from
 * the current folder). Running bare from inside the git directory, where no checkout writes,
 * means nothing in the tree under review can change what git prints.
 */
async function invocation(cwd: string, args: readonly string[]): Promise<{ cwd: string; args: string[] }> {
  const gitDir = await gitDirOf(cwd);
  // Outside a repository the command fails as git would say, from the folder given.
  if (!gitDir) return { cwd, args: [...FIXED_CONFIG, ...args] };
  return { cwd: gitDir, args: ['--git-dir', gitDir, '--bare', ...FIXED_CONFIG, ...args] };
}

function spawnGit(cwd: string, args: readonly string[]): Promise<Buffer> {
  return runGit(cwd, args).then(({ code, stdout, stderr }) => {
    if (code === 0) return stdout;
    throw new GitError(stderr.split('\n')[0] || `git ${args[0]} exited with ${code}`, args, stderr);
  });
}

/** Runs git; rejects only when it cannot be started. */
function runGit(cwd: string, args: readonly string[]): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...FIXED_ENV } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new GitError(`could not run git: ${error.message}`, args, '')));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8').trim() }));
  });
}

/** Runs git with an argument array (never a shell) on the repository at `cwd`, and returns stdout as bytes. */
export async function gitBuffer(cwd: string, args: readonly string[]): Promise<Buffer> {
  const run = await invocation(cwd, args);
  return spawnGit(run.cwd, run.args);
}

export async function git(cwd: string, args: readonly string[]): Promise<string> {
  return (await gitBuffer(cwd, args)).toString('utf8');
}

/** Like `git`, but a non-zero exit means "no answer" rather than an error. */
export async function gitMaybe(cwd: string, args: readonly string[]): Promise<string | undefined> {
  try {
    return (await git(cwd, args)).trim();
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}

/** An object git holds: its type (blob, tree, commit) and its bytes. */
export interface GitObject {
  type: string;
  data: Buffer;
}

/** Object ids (SHA-1 or SHA-256), alone or as a commit id then a path: names whose object never changes. */
const IMMUTABLE_NAME = /^(?:[0-9a-f]{40}|[0-9a-f]{64})(?::|$)/;
const RECENT_OBJECT_MAX = 1024 * 1024;

/** A read asked of git: the object's name, and who waits for it. */
interface Request {
  name: string;
  resolve: (object: GitObject | undefined) => void;
  reject: (error: Error) => void;
}

/**
 * Set once a git has refused `cat-file --batch-command` (it came in git 2.36): every reader after
 * it asks with `--batch`, without trying again.
 */
let batchCommandRefused = false;

/**
 * Reads many objects through one `git cat-file` process instead of one process per file: blobs
 * by id or by `commit:path`, and tree objects for directory listings. Requests are answered in
 * order, so a FIFO of pending reads is enough. Chunks of an object are gathered and joined once:
 * joining on every chunk is quadratic in the object's size.
 *
 * git is asked with `--batch-command --buffer`, each turn's names followed by `flush`: git then
 * writes each object's header together with the newline before it, where `--batch` writes the
 * header, the bytes and the newline apart (git writes a blob's bytes by itself either way). In a
 * 100,000-file scan git wrote 232,000 times instead of 324,000, this process read 30,000 times
 * instead of 45,000, and git took 7% less CPU (bench/RESULTS.md, eleventh pass). A git before
 * 2.36 refuses the option, and is asked again with `--batch`.
 */
export class BlobReader {
  private child: ChildProcessWithoutNullStreams | undefined;
  private starting: Promise<ChildProcessWithoutNullStreams> | undefined;
  /** Whether the running git was asked with `--batch-command`. */
  private commands = false;
  /** Requests in the order git answers them; a head index, since shifting a long array is costly. */
  private pending: Request[] = [];
  private answered = 0;
  private chunks: Buffer[] = [];
  /** Where reading resumes: a chunk index and an offset into it. */
  private first = 0;
  private offset = 0;
  private buffered = 0;
  /** The object being read: its type and size, once its header has arrived. */
  private expected: { type: string; size: number } | undefined;
  private failure: Error | undefined;
  private closed = false;
  /** Names asked for in this turn of the event loop, written together at its end. */
  private queued: string[] = [];

  /**
   * @param recentBytes how many bytes of recently read objects to keep for a second read: a
   *   change's checks read its files more than once; a scan reads each file once, and keeps none.
   */
  constructor(
    private readonly cwd: string,
    private readonly recentBytes = 0,
  ) {}

  /** A blob's bytes, or undefined when the name is missing or not a blob. */
  async read(name: string): Promise<Buffer | undefined> {
    const object = await this.readObject(name);
    return object?.type === 'blob' ? object.data : undefined;
  }

  /** Names asked for and not yet answered: two checks asking for one object share one read. */
  private inFlight = new Map<string, Promise<GitObject | undefined>>();
  /**
   * Objects read lately by a name that always means the same object (an id, or a full commit id
   * and a path), up to `recentBytes`: the checks of a change read a changed file once to tell
   * text from binary and again for its text.
   */
  private recent = new Map<string, GitObject>();
  /** Their names, oldest first from `oldest`: the order they are let go in. */
  private recentNames: string[] = [];
  private oldest = 0;
  /**
   * What the kept objects hold in memory: each is a view of the chunk of git's output it came in,
   * kept whole, and each such chunk is counted once, with how many kept objects it holds.
   * Copying each object out of its chunk instead cost a 10,000-file change 14,000 copies.
   */
  private recentChunks = new Map<ArrayBufferLike, number>();
  private recentTotal = 0;

  /** Any object by name (an id, `commit:path`, `commit^{tree}`); undefined when git has none by that name. */
  readObject(name: string): Promise<GitObject | undefined> {
    const remembered = this.recent.get(name);
    if (remembered) return Promise.resolve(remembered);
    let reading = this.inFlight.get(name);
    if (!reading) {
      reading = this.request(name);
      this.inFlight.set(name, reading);
      reading.then(
        (object) => {
          this.inFlight.delete(name);
          if (object) this.remember(name, object);
        },
        () => this.inFlight.delete(name),
      );
    }
    return reading;
  }

  private remember(name: string, object: GitObject): void {
    if (!this.recentBytes || object.data.length > Math.min(RECENT_OBJECT_MAX, this.recentBytes) || !IMMUTABLE_NAME.test(name)) return;
    this.recent.set(name, object);
    this.recentNames.push(name);
    this.hold(object.data.buffer, 1);
    while (this.recentTotal > this.recentBytes) {
      const oldest = this.recentNames[this.oldest++]!;
      this.hold(this.recent.get(oldest)!.data.buffer, -1);
      this.recent.delete(oldest);
    }
    if (this.oldest > 1024 && this.oldest * 2 > this.recentNames.length) {
      this.recentNames = this.recentNames.slice(this.oldest);
      this.oldest = 0;
    }
  }

  /** Counts a kept object in (1) or out (-1) of the chunk it is a view of. */
  private hold(chunk: ArrayBufferLike, change: 1 | -1): void {
    const before = this.recentChunks.get(chunk) ?? 0;
    const after = before + change;
    if (after) this.recentChunks.set(chunk, after);
    else this.recentChunks.delete(chunk);
    if (!before) this.recentTotal += chunk.byteLength;
    if (!after) this.recentTotal -= chunk.byteLength;
  }

  private request(name: string): Promise<GitObject | undefined> {
    // A name is one line of input: a newline would be read as a second request.
    if (name.includes('\n')) return Promise.reject(new Error(`cannot ask git cat-file for a name with a newline: ${JSON.stringify(name)}`));
    if (this.failure) return Promise.reject(this.failure);
    // A second git would answer into the same parser as the first, which may still be answering.
    if (this.closed) return Promise.reject(new Error('the git cat-file reader is closed'));
    // Queued at once once git runs, so that a close() in the same turn finds it queued.
    if (this.child) return this.enqueue(this.child, name);
    return this.start().then((child) => this.enqueue(child, name));
  }

  private enqueue(child: ChildProcessWithoutNullStreams, name: string): Promise<GitObject | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.ask(child, { name, resolve, reject }));
  }

  private ask(child: ChildProcessWithoutNullStreams, request: Request): void {
    this.pending.push(request);
    // Requests made in one turn of the event loop go to git in one write, not one each.
    if (!this.queued.length) process.nextTick(() => this.write(child));
    this.queued.push(request.name);
  }

  private write(child: ChildProcessWithoutNullStreams): void {
    // A git that refused --batch-command was replaced, and its names asked of the new one.
    if (child !== this.child) return;
    const names = this.queued.splice(0);
    child.stdin.write(this.commands ? `${names.map((name) => `contents ${name}\n`).join('')}flush\n` : `${names.join('\n')}\n`);
    // Closed while these were queued: git answers them, then ends.
    if (this.closed) child.stdin.end();
  }

  /** Ends git's input: the reads already asked for are still answered, and no read is taken after. */
  close(): void {
    this.closed = true;
    // Names still queued for this turn, or waiting for git to start, are written first, and
    // that write ends the input.
    if (!this.queued.length) this.child?.stdin.end();
  }

  private start(): Promise<ChildProcessWithoutNullStreams> {
    const commands = !batchCommandRefused;
    return (this.starting ??= invocation(this.cwd, ['cat-file', ...(commands ? ['--batch-command', '--buffer'] : ['--batch'])]).then((run) => this.spawn(run, commands)));
  }

  private spawn(run: { cwd: string; args: string[] }, commands: boolean): ChildProcessWithoutNullStreams {
    const child = spawn('git', run.args, { cwd: run.cwd, env: { ...process.env, ...FIXED_ENV } });
    let heard = false;
    child.stdout.on('data', (chunk: Buffer) => {
      heard = true;
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      this.drain();
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    // A write to a git that has ended fails (EPIPE); its end is reported by 'close' below.
    child.stdin.on('error', () => undefined);
    const fail = (error: Error) => {
      this.failure = error;
      for (const request of this.pending.splice(this.answered)) request.reject(error);
      this.pending = [];
      this.answered = 0;
    };
    child.on('error', (error) => fail(new GitError(`could not run git cat-file: ${error.message}`, ['cat-file'], '')));
    child.on('close', (code) => {
      if (this.child === child) {
        this.child = undefined;
        this.starting = undefined;
      }
      // git before 2.36 stops at the option, with a usage error (129), before reading a name.
      if (commands && code === 129 && !heard && stderr.includes('batch-command')) {
        batchCommandRefused = true;
        this.askAgain();
        return;
      }
      if (this.pending.length > this.answered) {
        const said = stderr.trim().split('\n')[0];
        fail(new GitError(`git cat-file ${commands ? '--batch-command' : '--batch'} exited with ${code}${said ? `: ${said}` : ''}`, ['cat-file'], stderr));
      }
    });
    this.child = child;
    this.commands = commands;
    return child;
  }

  /** Asks a new git, started with `--batch`, for every read the one before it did not answer. */
  private askAgain(): void {
    const unanswered = this.pending.splice(this.answered);
    this.pending = [];
    this.answered = 0;
    this.queued = [];
    if (!unanswered.length) return;
    this.start().then(
      (child) => {
        for (const request of unanswered) this.ask(child, request);
      },
      (error: Error) => {
        for (const request of unanswered) request.reject(error);
      },
    );
  }

  /**
   * Takes `length` bytes off the front of the gathered chunks. Bytes inside one chunk are not
   * copied: the caller gets a view of the chunk, which lives as long as the view does (a read's
   * caller releases it when done with the file; `remember` copies what it keeps). Bytes spread
   * over chunks are joined once, so a large backlog is never joined again for each object.
   */
  private take(length: number): Buffer {
    const first = this.chunks[this.first]!;
    let out: Buffer;
    if (first.length - this.offset >= length) {
      out = first.subarray(this.offset, this.offset + length);
      this.offset += length;
    } else {
      out = Buffer.allocUnsafe(length);
      let filled = 0;
      while (filled < length) {
        const chunk = this.chunks[this.first]!;
        const piece = Math.min(chunk.length - this.offset, length - filled);
        chunk.copy(out, filled, this.offset, this.offset + piece);
        filled += piece;
        this.offset += piece;
        if (this.offset === chunk.length) this.advance();
      }
    }
    if (this.chunks[this.first] && this.offset === this.chunks[this.first]!.length) this.advance();
    this.buffered -= length;
    return out;
  }

  /** Moves past a fully read chunk; the list is compacted now and then rather than shifted each time. */
  private advance(): void {
    this.first++;
    this.offset = 0;
    if (this.first > 64 && this.first * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.first);
      this.first = 0;
    }
  }

  /** The oldest request not yet answered; the queue is compacted now and then. */
  private nextRequest() {
    const request = this.pending[this.answered++]!;
    if (this.answered > 1024 && this.answered * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.answered);
      this.answered = 0;
    }
    return request;
  }

  private drain(): void {
    while (this.pending.length > this.answered) {
      if (this.expected === undefined) {
        const newline = this.headerEnd();
        if (newline < 0) return;
        const header = this.take(newline + 1).toString('utf8').trimEnd();
        // "<name> missing" or "<name> ambiguous" carry no object.
        const [, type, size] = header.split(' ');
        if (size === undefined || !/^\d+$/.test(size)) {
          this.nextRequest().resolve(undefined);
          continue;
        }
        this.expected = { type: type!, size: Number(size) };
      }
      // The object, then a newline. They are taken apart: git writes a blob's bytes by itself and
      // the newline with what follows, so the two often arrive in different chunks, and taken
      // together they would be copied out of them.
      const { type, size } = this.expected;
      if (this.buffered < size + 1) return;
      const data = this.take(size);
      this.take(1);
      this.expected = undefined;
      this.nextRequest().resolve({ type, data });
    }
  }

  /** The offset of the header's newline from the read position, across the gathered chunks. */
  private headerEnd(): number {
    let offset = 0;
    for (let i = this.first; i < this.chunks.length; i++) {
      const start = i === this.first ? this.offset : 0;
      const index = this.chunks[i]!.indexOf(10, start);
      if (index >= 0) return offset + index - start;
      offset += this.chunks[i]!.length - start;
    }
    return -1;
  }
}
