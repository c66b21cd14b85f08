// What `bin/standards.js` runs: the CLI bundle (dist/bundle/cli.cjs, one CommonJS file built by
// scripts/bundle.mjs), from a code cache kept per command (code-cache.ts).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../cli/shared.ts';
import { codeCacheDir, loadWithCodeCache } from './code-cache.ts';

// EXIT.usage in src/cli/shared.ts, which lives in the bundle this module loads.
const USAGE_ERROR = 2;

interface CliBundle {
  main(argv: string[], io: CliIo): Promise<number>;
}

/** The cache's name for a command line: its command, so `check` and `scan` keep the functions each compiles. */
export function commandName(argv: readonly string[]): string {
  const command = argv.find((arg) => !arg.startsWith('-'));
  return command !== undefined && /^[a-z][a-z-]{0,39}$/.test(command) ? command : 'cli';
}

/** Runs the command line `argv` and returns its exit code. */
export async function launch(argv: string[]): Promise<number> {
  const bundleDir = dirname(fileURLToPath(import.meta.url));
  const cli = loadWithCodeCache<CliBundle>(join(bundleDir, 'cli.cjs'), { dir: codeCacheDir(process.env, join(bundleDir, '../..')), name: commandName(argv) });
  const exitCode = await cli.exports.main(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
  // A usage error (exit 2) stops before the command's work: a cache saved then would hold little
  // of what the command compiles, and, being used from then on, would never be replaced.
  if (exitCode !== USAGE_ERROR) cli.save();
  return exitCode;
}
