// Runs a CommonJS bundle from a V8 code cache, so a process that starts again skips parsing and
// compiling the code it ran last time. Node 22 has this built in (module.enableCompileCache); Node
// 20, which these machines run, does not. v8-compile-cache does it for require(), but it saves the
// cache right after compiling, before anything runs, so only top-level code is in it: measured on
// a 10-file pull request, its way took 0.26–0.33 s against 0.28 s with no cache at all, while a
// cache saved after the command has run (every function it called compiled) took 0.19–0.22 s.
import { isAscii } from 'node:buffer';
import type { Hash } from 'node:crypto';
import { accessSync, closeSync, constants as fsConstants, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { removeStale, writeAtomically } from './cache-files.ts';
import { getHeapCodeStatistics, getHeapStatistics } from 'node:v8';
import { Script, constants as vmConstants } from 'node:vm';

/** What happened to the cache on this load. */
export type CacheUse = 'off' | 'missing' | 'used' | 'rejected';

export interface CachedModule<Exports> {
  exports: Exports;
  use: CacheUse;
  /** The cache file this load read or will write; undefined when the cache is off. */
  cacheFile: string | undefined;
  /**
   * This install and build of the file (`<install>-<bundle>`, hex), as the cache's name has it;
   * undefined when the cache is off. What else a run keeps for the next is named by it too.
   */
  build: string | undefined;
  /**
   * Whether this run asks V8 what it compiled beyond a used cache: it does until a run finds
   * the cache lacked little, and then again once a day (see `RECHECK_AFTER_MS`).
   */
  examined: boolean;
  /**
   * Writes the cache when none was used, or when this run compiled much that the cache lacked,
   * after the work is done, so it holds every function the work compiled. Never throws: a cache
   * that cannot be written only costs the next start.
   */
  save(): void;
}

export interface CodeCacheOptions {
  /** The folder the cache lives in, or undefined for no cache. */
  dir: string | undefined;
  /** Which of several caches of the same file this is (one per command: each compiles its own functions). */
  name: string;
}

/**
 * Loads and runs the CommonJS file `file`, from a code cache in `options.dir` when one was saved
 * for exactly this source. The cache is keyed by the source (see `cacheKey`), the Node version
 * and the architecture: V8 itself checks only the source's length and its own version and flags,
 * so a rebuilt bundle of the same length would otherwise run stale code. A cache file starts with
 * a header of this module's own (see `MAGIC`).
 */
export function loadWithCodeCache<Exports>(file: string, options: CodeCacheOptions): CachedModule<Exports> {
  const bytes = readFileSync(file);
  // esbuild writes the bundle in ASCII, which as Latin-1 is a copy where UTF-8 is a decode (~3 ms of 2 MB).
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const build = options.dir === undefined ? undefined : `${installKey(file)}-${cacheKey(file, bytes)}`;
  const cacheFile = options.dir === undefined ? undefined : join(options.dir, `${options.name}-${build}.v8cache`);
  const stored = cacheFile === undefined ? undefined : readIfPresent(cacheFile);
  const cachedData = stored && storedCodeCache(stored);
  // A used cache is examined until a run finds it lacked little, then once a day: asking V8 walks
  // the whole heap, 1 ms at the start and 3-5 ms at a typical pull request's end, every run.
  const sinceChecked = cachedData === undefined ? 0 : Date.now() - checkedAt(stored!);
  const examined = cachedData !== undefined && !(sinceChecked >= 0 && sinceChecked < RECHECK_AFTER_MS);
  const bytecodeBefore = examined ? bytecodeSize() : 0;
  const script = new Script(Module.wrap(source), {
    filename: file,
    cachedData,
    // A dynamic import() inside the bundle (of a package it leaves outside) resolves as it would in a module file.
    importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const use: CacheUse = cacheFile === undefined ? 'off' : stored === undefined ? 'missing' : cachedData === undefined || script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as Exports };
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  const bytecodeLoaded = examined ? bytecodeSize() : 0;
  return {
    exports: module.exports,
    use,
    cacheFile,
    build,
    examined: examined && use === 'used',
    save() {
      if (cacheFile === undefined) return;
      try {
        if (use === 'used') {
          if (!examined) return;
          // Past this much heap the run is left unexamined: see LARGE_HEAP_BYTES.
          if (largeHeap()) return;
          // A cache that was used is saved again only when this run compiled much that it lacked:
          // one saved after a short run (a change with nothing to compare) would otherwise stay
          // thin. Saving costs ~35 ms, more than the functions a full cache's run still compiles.
          if (bytecodeSize() - bytecodeLoaded <= RESAVE_GROWTH * (bytecodeLoaded - bytecodeBefore)) return markChecked(cacheFile);
        }
        writeAtomically(cacheFile, Buffer.concat([header(NEVER_CHECKED), script.createCachedData()]));
        removeStale(cacheFile, cachesNamed(options.name));
      } catch {
        // Unwritable: the next start compiles again, which is all a cache saves.
      }
    },
  };
}

// A cache file is this header, then V8's code cache. The header says when a run last found that
// the cache lacked little of what it compiled (milliseconds since 1970; 0 for never), so that
// later runs need not ask, and a file that does not start with it is no cache of this version.
const MAGIC = Buffer.from('sbcache\u0001', 'latin1');
const HEADER_BYTES = MAGIC.length + 8;
const NEVER_CHECKED = 0;

// How long a cache a run found complete goes unexamined. Examining costs a few milliseconds a
// run; a cache that two thin runs in a row left lacking (an empty change, twice) costs ~10-20 ms
// a run until it is examined again and saved.
const RECHECK_AFTER_MS = 24 * 60 * 60 * 1000;

function header(checked: number): Buffer {
  const bytes = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(bytes);
  bytes.writeDoubleLE(checked, MAGIC.length);
  return bytes;
}

function storedCodeCache(stored: Buffer): Buffer | undefined {
  return stored.length > HEADER_BYTES && stored.subarray(0, MAGIC.length).equals(MAGIC) ? stored.subarray(HEADER_BYTES) : undefined;
}

function checkedAt(stored: Buffer): number {
  return stored.readDoubleLE(MAGIC.length);
}

// In place: the code cache is the same, and a process reading the file meanwhile sees the old
// time or the new one, either of which is a time.
function markChecked(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, header(Date.now()), MAGIC.length, 8, MAGIC.length);
  } finally {
    closeSync(fd);
  }
}

// How much the bytecode may grow, against what loading brought, before a used cache is saved
// again. Measured on a 10-file pull request: a run from a full cache compiles 6% more (V8's own
// regular expressions and the like), one from the cache of an empty change 27%.
const RESAVE_GROWTH = 0.2;

// Past this much heap, a used cache is kept without asking how much the run compiled: V8 answers
// by walking the whole heap, 65 ms at the exit of S5-cargo and 50-90 ms at S3's (bench/RESULTS.md,
// thirteenth pass), against 10 ms for a typical pull request's 30-40 MB. A thin cache costs a
// large run least, as a share of its time, and the next run of a smaller heap replaces it.
const LARGE_HEAP_BYTES = 64 * 1024 * 1024;

function largeHeap(): boolean {
  return getHeapStatistics().used_heap_size > LARGE_HEAP_BYTES;
}

function bytecodeSize(): number {
  return getHeapCodeStatistics().bytecode_and_metadata_size;
}

// Which copy of the bundle this is, by where it lives: two installs that share a cache folder (a
// global one and a project's, both falling back to the same temporary folder) each keep their own
// cache rather than removing each other's on every start. Two installs whose names collide only
// share a name: each cache is still keyed by its own bundle.
function installKey(file: string): string {
  return fnv1a(file);
}

/**
 * What a cache is keyed by besides the Node version and the architecture: the bundle's SHA-256,
 * which the build writes beside it (`cli.cjs.sha256`, scripts/bundle.mjs), with the bundle's
 * size, inode and time of change, which any write to it changes and no tool can set. Reading the
 * build's hash, a run loads no node:crypto (4-8 ms) and hashes no 2 MB (2 ms); a bundle written
 * after its build, or one with no hash beside it, is still told apart. Without the file, the
 * bundle is hashed here, as bytes: hashing the decoded text would encode it again.
 */
function cacheKey(file: string, bytes: Buffer): string {
  const runtime = `\0${process.version}\0${process.arch}`;
  const built = readIfPresent(`${file}.sha256`)?.toString('latin1').trim();
  if (built !== undefined && BUILT_HASH.test(built)) {
    const stats = statSync(file);
    return built.slice(0, 12) + fnv1a(`${stats.size}\0${stats.ino}\0${stats.ctimeMs}${runtime}`);
  }
  return sha256().update(bytes).update(runtime).digest('hex').slice(0, 20);
}

const BUILT_HASH = /^[0-9a-f]{64}$/;

// Loaded only where no build's hash was found: node:crypto is most of a run's own modules.
function sha256(): Hash {
  return (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).createHash('sha256');
}

/** FNV-1a, 32 bits, as 8 hex digits: enough to tell a few names apart, not a check against anyone. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

// Exactly this name's: a prefix alone would take `review-proposal`'s for `review`'s.
function cachesNamed(name: string): RegExp {
  return new RegExp(`^${name.replace(/[^a-z]/g, '\\$&')}-(?:([0-9a-f]{8})-)?[0-9a-f]{20}\\.v8cache$`);
}

/**
 * Where the cache lives, from the environment:
 * - `STANDARDS_COMPILE_CACHE=off` (or `0`, `false`), or Node's own `NODE_DISABLE_COMPILE_CACHE`: no cache;
 * - `STANDARDS_COMPILE_CACHE=DIR`: that folder;
 * - otherwise `node_modules/.cache/standards-bot` in the package, the folder build tools keep
 *   caches in, or, where the package cannot be written (a global install), a folder of this
 *   user's own under the system's temporary folder.
 */
export function codeCacheDir(env: NodeJS.ProcessEnv, packageRoot: string): string | undefined {
  const setting = env.STANDARDS_COMPILE_CACHE?.trim();
  if (env.NODE_DISABLE_COMPILE_CACHE || ['off', '0', 'false'].includes(setting?.toLowerCase() ?? '')) return undefined;
  if (setting) return setting;
  const inPackage = join(packageRoot, 'node_modules/.cache/standards-bot');
  if (writable(inPackage)) return inPackage;
  return privateDir(join(tmpdir(), `standards-bot-compile-cache-${process.getuid?.() ?? 'user'}`));
}

function writable(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, fsConstants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `dir`, made if missing, when this user owns it and no one else can write to it; else undefined.
 * The temporary folder is shared by every user of the machine, and a cache holds code this
 * process will run.
 */
export function privateDir(dir: string): string | undefined {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch {
    // It exists already (or cannot be made): the checks below decide.
  }
  try {
    const stats = statSync(dir);
    const ownUser = process.getuid === undefined || stats.uid === process.getuid();
    return stats.isDirectory() && ownUser && (stats.mode & 0o022) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}
