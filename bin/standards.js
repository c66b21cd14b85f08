#!/usr/bin/env node
// The CLI as one bundle (scripts/bundle.mjs), run from a code cache (src/startup/launch.ts):
// starting it loads a few files, not a thousand, and compiles nothing it compiled last time.
import { launch } from '../dist/bundle/launch.js';

process.exitCode = await launch(process.argv.slice(2));
