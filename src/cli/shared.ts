import { ConfigError, formatDiagnostic, UsageError } from '../diagnostics.ts';

/**
 * Where a command prints. `write` returns false, as a Node stream's does, when the reader is
 * behind (a pipe to `jq` or to a CI runner's log): the reporters wait for `drain` then, rather
 * than queue the rest of a report in memory.
 */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  once?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  off?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  /** Set once the reader has gone (EPIPE): nothing written after it arrives. */
  destroyed?: boolean;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * Where a run keeps what it learned for the next: the code cache's folder (src/startup/code-cache.ts),
   * and which install and build of the CLI learned it, so another build never reads it.
   * Undefined, as in tests, for nowhere.
   */
  runCache?: { dir: string; build: string };
}

export const EXIT = { pass: 0, fail: 1, usage: 2 } as const;

export const FORMATS = ['text', 'json', 'markdown', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** Today as YYYY-MM-DD, or the `--date` given, checked. */
export function today(explicit: string | undefined): string {
  if (explicit === undefined) return new Date().toISOString().slice(0, 10);
  const parsed = new Date(`${explicit}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(explicit) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== explicit) {
    throw new UsageError(`--date ${explicit}: not a valid date; use YYYY-MM-DD`);
  }
  return explicit;
}

/** Whether a stream should get colour: a TTY, and neither NO_COLOR nor a dumb terminal. */
export function useColour(io: CliIo): boolean {
  return Boolean(io.stdout.isTTY) && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
}

/** The longest line a report should print: the terminal's width, or 160 columns when it has none (a CI log). */
export function terminalWidth(io: CliIo): number {
  const columns = io.stdout.isTTY ? io.stdout.columns : undefined;
  return Math.max(60, Math.min(columns ?? 160, 160));
}

/**
 * Prints why a command could not run, as one line per problem (configuration problems as
 * file:line:col), and returns exit code 2. A stack trace only with STANDARDS_DEBUG set.
 */
export function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof ConfigError) {
    for (const diagnostic of error.diagnostics) io.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
    io.stderr.write(`standards: ${error.diagnostics.length} ${error.diagnostics.length === 1 ? 'problem' : 'problems'} in ${error.subject}; ${error.outcome}.\n`);
    return EXIT.usage;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`standards: ${error.message}\n`);
    return EXIT.usage;
  }
  io.stderr.write(`standards: ${(error as Error)?.message ?? String(error)}\n`);
  if (io.env.STANDARDS_DEBUG) io.stderr.write(`${(error as Error)?.stack}\n`);
  return EXIT.usage;
}
