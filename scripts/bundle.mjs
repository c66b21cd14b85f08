// Bundles the CLI (dist/cli.js and what it imports, dependencies included) with esbuild into
// dist/bundle/, plus the library, danger and server-worker entry points. Loading ~1,000 module
// files cost more than any command's work on a typical pull request.
//
// The CLI is built twice. cli.cjs is one CommonJS file, which launch.js runs from a V8 code cache
// (src/startup/code-cache.ts): Node 20 can hand a code cache to a script, not to an ES module.
// cli.js, split into a chunk per command, serves `--help`, `--version` and `serve`
// (src/startup/launch.ts says why). The other entries are ES modules too, sharing chunks.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/bundle');
rmSync(outdir, { recursive: true, force: true });
// What both builds share.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Less to parse at start-up; names stay, so stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
  // jsonc-parser's UMD build (its "main") loads its parts with a require() esbuild cannot
  // follow; its ES module build bundles cleanly.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  logLevel: 'warning',
};
await build({
  ...common,
  // The server's check worker and the scan's work-tree reader are entries of their own, as a
  // worker thread starts from a file. The library (`standards-bot`) and the danger adapter
  // (`standards-bot/danger`) are bundled too, so the published package has no dependencies to
  // install: a product repository pulls one tarball.
  entryPoints: {
    launch: join(root, 'dist/startup/launch.js'),
    cli: join(root, 'dist/cli.js'),
    'server-worker': join(root, 'dist/server/check-worker.js'),
    'worktree-reader-worker': join(root, 'dist/sources/worktree-reader-worker.js'),
    index: join(root, 'dist/index.js'),
    danger: join(root, 'dist/adapters/danger.js'),
  },
  outdir,
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies call require(); inside an ES module bundle it must exist.
  banner: { js: "import { createRequire as __standardsRequire } from 'node:module'; const require = __standardsRequire(import.meta.url);" },
});
await build({
  ...common,
  entryPoints: [join(root, 'dist/cli.js')],
  outfile: join(outdir, 'cli.cjs'),
  format: 'cjs',
  // src/package.ts finds the package from its own URL; a CommonJS file has __filename instead.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The launcher keys the code cache by this hash (src/startup/code-cache.ts), so a run need not
// load node:crypto and hash 2 MB to find its cache.
const cjs = join(outdir, 'cli.cjs');
writeFileSync(`${cjs}.sha256`, `${createHash('sha256').update(readFileSync(cjs)).digest('hex')}\n`);
