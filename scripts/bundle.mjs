// Bundles the CLI (dist/cli.js and what it imports, dependencies included) with esbuild into
// dist/bundle/: one file to start from and a chunk per lazily loaded command, plus the library
// and danger entry points. Loading ~1,000 module files cost more than any command's work on a
// typical pull request.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  // The server's check worker is an entry of its own, as a worker thread starts from a file. The
  // library (`standards-bot`) and the danger adapter (`standards-bot/danger`) are bundled too, so
  // the published package has no dependencies to install: a product repository pulls one tarball.
  entryPoints: {
    cli: join(root, 'dist/cli.js'),
    'server-worker': join(root, 'dist/server/check-worker.js'),
    index: join(root, 'dist/index.js'),
    danger: join(root, 'dist/adapters/danger.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // Less to parse at start-up; names stay, so stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
  // CommonJS dependencies call require(); inside an ES module bundle it must exist.
  banner: { js: "import { createRequire as __standardsRequire } from 'node:module'; const require = __standardsRequire(import.meta.url);" },
  // jsonc-parser's UMD build (its "main") loads its parts with a require() esbuild cannot
  // follow; its ES module build bundles cleanly.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  logLevel: 'warning',
});
