// The Action's entry point, bundled into dist/action/index.mjs by scripts/bundle-action.mjs.
import { runAction } from './run.ts';

process.exitCode = await runAction({ stdout: process.stdout, env: process.env, cwd: process.cwd() });
