// Bundles the GitHub Action (dist/action/main.js, from src/action/) into one file,
// dist/action/index.mjs, which is committed: a pull request's job runs it with the runner's own
// Node and installs nothing. `npm run build:action` rewrites it; a test fails while the committed
// file differs from what the source makes (`--out FILE` writes elsewhere, for that test).
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
await build({
  entryPoints: [join(root, 'dist/action/main.js')],
  outfile: values.out ? resolve(values.out) : join(root, 'dist/action/index.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  // The runner's Node is 24; the bundle also runs on Node 20, where the tests run it.
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'eof',
  banner: { js: "import { createRequire as __standardsRequire } from 'node:module'; const require = __standardsRequire(import.meta.url);" },
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  logLevel: 'warning',
});
