// What `bin/standards.js` runs: a command from the one-file CLI bundle (dist/bundle/cli.cjs,
// built by scripts/bundle.mjs) and a code cache kept per command (code-cache.ts).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import type { CliIo } from '../cli/shared.ts';
import { codeCacheDir, loadWithCodeCache } from './code-cache.ts';
import { tieringFlag } from './tiering.ts';

// A variable, so that esbuild leaves this import of another entry point's output alone.
const SPLIT_BUNDLE = './cli.js';

// EXIT.usage in src/cli/shared.ts, which lives in the bundle this module loads: also the exit
// code of a report that could not be written whole.
const USAGE_ERROR = 2;

interface CliBundle {
  main(argv: string[], io: CliIo): Promise<number>;
}

/** The cache's name for a command line: its command, so `check` and `scan` keep the functions each compiles. */
export function commandName(argv: readonly string[]): string {
  const command = argv.find((arg) => !arg.startsWith('-'));
  return command !== undefined && /^[a-z][a-z-]{0,39}$/.test(command) ? command : 'cli';
}

// Run from the split ES module bundle (dist/bundle/cli.js) instead: `--help` and `--version`
// (no command) load commander and little else there, less than the whole CLI from a cache, and
// `serve` runs for days, where start-up does not count and memory does (the one-file bundle
// held ~7 MiB more).
const WITHOUT_CODE_CACHE = new Set(['cli', 'serve']);

/**
 * What a failed write to stdout means for the run. A reader that stops early (`standards scan |
 * head`) closes the pipe: the rest of the report has nowhere to go, and the exit code still gives
 * the verdict. Any other failure leaves a report cut short, which must not pass for one with
 * failing findings (exit 1): it is said, and the run ends with 2. Unheard, either ended the run
 * with a stack trace and exit 1; a 368,000-file scan piped to a slower reader did so with ENOBUFS,
 * after 451 KB of its 858 MB report (bench/RESULTS.md, sixteenth pass).
 */
export function outputFailure(error: NodeJS.ErrnoException, stderr: { write(text: string): unknown }): number | undefined {
  if (error.code === 'EPIPE') return undefined;
  stderr.write(`standards: could not write the report to stdout (${error.code ?? error.message}); what was written is incomplete.\n`);
  return USAGE_ERROR;
}

/** Runs the command line `argv` and returns its exit code. */
export async function launch(argv: string[]): Promise<number> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    const exitCode = outputFailure(error, process.stderr);
    if (exitCode !== undefined) process.exit(exitCode);
  });
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
  const name = commandName(argv);
  if (WITHOUT_CODE_CACHE.has(name)) return ((await import(SPLIT_BUNDLE)) as CliBundle).main(argv, io);
  // Before the bundle is compiled: its functions take their budget when they are made, and V8
  // keys the code cache to its flags, so every run must load it under the same ones.
  const flag = tieringFlag(process.versions.v8, process.execArgv, process.env.NODE_OPTIONS);
  if (flag) setFlagsFromString(flag);
  const bundleDir = dirname(fileURLToPath(import.meta.url));
  const cacheDir = codeCacheDir(process.env, join(bundleDir, '../..'));
  const cli = loadWithCodeCache<CliBundle>(join(bundleDir, 'cli.cjs'), { dir: cacheDir, name });
  // The command keeps what else it learns for the next run (parsed YAML) in the same folder.
  const exitCode = await cli.exports.main(argv, cacheDir === undefined || cli.build === undefined ? io : { ...io, runCache: { dir: cacheDir, build: cli.build } });
  // A usage error (exit 2) stops before the command's work: a cache saved then would hold little
  // of what the command compiles, and, being used from then on, would never be replaced.
  if (exitCode !== USAGE_ERROR) cli.save();
  return exitCode;
}
