#!/usr/bin/env node
// The CLI as one bundle (scripts/bundle.mjs), run from a code cache (src/startup/launch.ts):
// starting it loads a few files, not a thousand, and compiles nothing it compiled last time.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // Asked alone, the version is in the package.json beside this folder: loading the CLI to print
  // it took about 40 ms of the command's 140 (bench/RESULTS.md, thirteenth pass).
  const { readFileSync } = await import('node:fs');
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version ?? '0.0.0'}\n`);
} else {
  const { launch } = await import('../dist/bundle/launch.js');
  process.exitCode = await launch(argv);
}
