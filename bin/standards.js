#!/usr/bin/env node
// The CLI as one bundle (scripts/bundle.mjs): starting it loads a few files, not a thousand.
import { main } from '../dist/bundle/cli.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
