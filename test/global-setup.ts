import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI tests run the built `bin/standards.js` as users do, so build once before them, as `npm run build` does. */
export default function setup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const node = (...args: string[]) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  node(join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json');
  node(join(root, 'scripts/build-validators.mjs'));
  node(join(root, 'scripts/bundle.mjs'));
}
