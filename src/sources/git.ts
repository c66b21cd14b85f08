import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

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

// Output must not depend on the user's git config: no pagers, colours, external diff tools or quoted paths.
const FIXED_CONFIG = ['-c', 'core.quotepath=off', '-c', 'color.ui=false', '-c', 'diff.external=', '--no-pager'];

/** Runs git with an argument array (never a shell) and returns stdout as bytes. */
export function gitBuffer(cwd: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...FIXED_CONFIG, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new GitError(`could not run git: ${error.message}`, args, '')));
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8').trim();
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(stderr.split('\n')[0] || `git ${args[0]} exited with ${code}`, args, stderr));
    });
  });
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

/**
 * Reads many blobs through one `git cat-file --batch` process instead of one process per file.
 * Requests are answered in order, so a FIFO of pending reads is enough.
 */
export class BlobReader {
  private child: ChildProcessWithoutNullStreams | undefined;
  private pending: { resolve: (blob: Buffer | undefined) => void; reject: (error: Error) => void }[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private failure: Error | undefined;

  constructor(private readonly cwd: string) {}

  read(objectId: string): Promise<Buffer | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    const child = this.start();
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      child.stdin.write(`${objectId}\n`);
    });
  }

  close(): void {
    this.child?.stdin.end();
    this.child = undefined;
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', [...FIXED_CONFIG, 'cat-file', '--batch'], { cwd: this.cwd });
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.drain();
    });
    child.stderr.resume();
    const fail = (error: Error) => {
      this.failure = error;
      for (const request of this.pending.splice(0)) request.reject(error);
    };
    child.on('error', (error) => fail(new GitError(`could not run git cat-file: ${error.message}`, ['cat-file'], '')));
    child.on('close', (code) => {
      if (this.pending.length) fail(new GitError(`git cat-file --batch exited with ${code}`, ['cat-file'], ''));
      if (this.child === child) this.child = undefined;
    });
    this.child = child;
    return child;
  }

  private drain(): void {
    while (this.pending.length) {
      const newline = this.buffer.indexOf(10);
      if (newline < 0) return;
      const header = this.buffer.subarray(0, newline).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        this.buffer = this.buffer.subarray(newline + 1);
        this.pending.shift()!.resolve(undefined);
        continue;
      }
      const size = Number(header.split(' ')[2]);
      const end = newline + 1 + size;
      if (this.buffer.length < end + 1) return;
      const blob = Buffer.from(this.buffer.subarray(newline + 1, end));
      this.buffer = this.buffer.subarray(end + 1);
      this.pending.shift()!.resolve(blob);
    }
  }
}

/** Git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
export function looksBinary(blob: Buffer): boolean {
  return blob.subarray(0, 8000).includes(0);
}
