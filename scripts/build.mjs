// `npm run build`, and the tests' global setup before they run the built CLI: compile, then the
// files generated from what tsc built, then the bundles made from all of it, in that order.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STEPS = [
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  [join(root, 'scripts/build-validators.mjs')],
  [join(root, 'scripts/build-language-table.mjs')],
  [join(root, 'scripts/bundle.mjs')],
];
for (const step of STEPS) execFileSync(process.execPath, step, { cwd: root, stdio: 'inherit' });
