import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { codeCacheDir, loadWithCodeCache, privateDir } from './code-cache.ts';
import { commandName } from './launch.ts';

const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'code-cache-'));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// A CommonJS module with a function that only runs when called, as the CLI's commands do.
const moduleSource = (answer: number) => `exports.answer = function () { return ${answer}; };\nexports.file = __filename;\n`;

function moduleFile(source: string): string {
  const file = join(tempDir(), 'bundle.cjs');
  writeFileSync(file, source);
  return file;
}

// Each load runs in a process of its own, as each start of the CLI does: within one process V8
// reuses the script it compiled already and never looks at the cache.
const BUILT = join(dirname(fileURLToPath(import.meta.url)), '../../dist/startup/code-cache.js');
interface ChildLoad {
  use: string;
  examined: boolean;
  crypto: boolean;
  answer: number;
  file: string;
  cacheFile: string | null;
}
function loadInChild(file: string, dir: string | undefined, name = 'check', work = 'answer'): ChildLoad {
  const script = `
    const { loadWithCodeCache } = await import(${JSON.stringify(pathToFileURL(BUILT).href)});
    const loaded = loadWithCodeCache(${JSON.stringify(file)}, { dir: ${JSON.stringify(dir)}, name: ${JSON.stringify(name)} });
    const answer = loaded.exports[${JSON.stringify(work)}]();
    loaded.save();
    console.log(JSON.stringify({ use: loaded.use, examined: loaded.examined, crypto: process.moduleLoadList.includes('NativeModule crypto'), answer, file: loaded.exports.file, cacheFile: loaded.cacheFile ?? null }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as ChildLoad;
}

// An export `name` that calls `count` functions no other export compiles.
function heavy(name: string, count: number, from = 0, before = ''): string {
  const inner = Array.from({ length: count }, (_, i) => `function f${from + i}(x) { return x.map((y) => y * ${from + i} + 1).filter((y) => y % 3).length; }`);
  return `exports.${name} = function () {\n${before}\n${inner.join('\n')}\nreturn [${inner.map((_, i) => `f${from + i}([1, 2, 3])`).join(', ')}].length; };\n`;
}

// The cache file's layout (code-cache.ts): 8 bytes of magic, the time it was last found complete, V8's code cache.
const codeCacheIn = (cacheFile: string) => readFileSync(cacheFile).subarray(16);
function writeCheckedAt(cacheFile: string, time: number): void {
  const bytes = readFileSync(cacheFile);
  expect(bytes.subarray(0, 8).toString('latin1')).toBe('sbcache\u0001');
  bytes.writeDoubleLE(time, 8);
  writeFileSync(cacheFile, bytes);
}

describe('loadWithCodeCache', () => {
  it('compiles on the first start, saves after the work, and starts from the cache the next time', () => {
    const file = moduleFile(moduleSource(41));
    const dir = tempDir();
    expect(loadInChild(file, dir)).toMatchObject({ use: 'missing', answer: 41, file });
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^check-[0-9a-f]{8}-[0-9a-f]{20}\.v8cache$/)]);
    expect(loadInChild(file, dir)).toMatchObject({ use: 'used', answer: 41 });
  });

  it('never runs a stale cache: a rebuilt file of the same length gets a cache of its own', () => {
    const file = moduleFile(moduleSource(41));
    const dir = tempDir();
    loadInChild(file, dir);
    writeFileSync(file, moduleSource(42)); // same length, different code: V8 alone would accept the old cache
    expect(loadInChild(file, dir)).toMatchObject({ use: 'missing', answer: 42 });
    expect(readdirSync(dir)).toHaveLength(1); // the old bundle's cache is removed
    expect(loadInChild(file, dir)).toMatchObject({ use: 'used', answer: 42 });
  });

  it("keys the cache by the build's hash beside the bundle, and loads no node:crypto to find it", () => {
    const file = moduleFile(moduleSource(41));
    writeFileSync(`${file}.sha256`, `${createHash('sha256').update(readFileSync(file)).digest('hex')}\n`);
    const dir = tempDir();
    expect(loadInChild(file, dir)).toMatchObject({ use: 'missing', answer: 41, crypto: false });
    expect(loadInChild(file, dir)).toMatchObject({ use: 'used', answer: 41, crypto: false });
    // Written after its build, the bundle no longer is what the hash beside it says: a cache of its own.
    writeFileSync(file, moduleSource(42));
    expect(loadInChild(file, dir)).toMatchObject({ use: 'missing', answer: 42 });
    expect(loadInChild(file, dir)).toMatchObject({ use: 'used', answer: 42 });
    // Without the hash, the bundle is hashed here.
    rmSync(`${file}.sha256`);
    expect(loadInChild(file, dir)).toMatchObject({ use: 'missing', answer: 42, crypto: true });
    expect(loadInChild(file, dir)).toMatchObject({ use: 'used', answer: 42 });
  });

  it('keeps one cache per name, so one command does not evict another', () => {
    const file = moduleFile(moduleSource(1));
    const dir = tempDir();
    loadInChild(file, dir, 'check');
    loadInChild(file, dir, 'review-proposal');
    expect(readdirSync(dir).sort()).toEqual([expect.stringMatching(/^check-/), expect.stringMatching(/^review-proposal-/)]);
    expect(loadInChild(file, dir, 'check').use).toBe('used');
    // A rebuilt file: saving `review`'s cache removes its own old one, not review-proposal's.
    loadInChild(file, dir, 'review');
    writeFileSync(file, moduleSource(2));
    loadInChild(file, dir, 'review');
    expect(readdirSync(dir).filter((entry) => entry.startsWith('review')).map((entry) => entry.replace(/-[0-9a-f]{8}-[0-9a-f]{20}\.v8cache$/, '')).sort()).toEqual(['review', 'review-proposal']);
  });

  it('keeps one cache per install: two copies of the bundle sharing a folder do not evict each other', () => {
    const dir = tempDir();
    const installed = moduleFile(moduleSource(1));
    const other = moduleFile(moduleSource(2)); // another version, installed elsewhere
    loadInChild(installed, dir);
    loadInChild(other, dir);
    expect(readdirSync(dir)).toHaveLength(2);
    for (let round = 0; round < 2; round++) {
      expect(loadInChild(installed, dir)).toMatchObject({ use: 'used', answer: 1 });
      expect(loadInChild(other, dir)).toMatchObject({ use: 'used', answer: 2 });
    }
  });

  it("removes another install's cache once no run has written it for a month, and caches named before installs were", () => {
    const dir = tempDir();
    const gone = loadInChild(moduleFile(moduleSource(1)), dir).cacheFile!;
    const recent = loadInChild(moduleFile(moduleSource(2)), dir).cacheFile!;
    const monthAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    utimesSync(gone, monthAgo, monthAgo);
    const unkeyed = join(dir, 'check-0123456789abcdef0123.v8cache');
    writeFileSync(unkeyed, 'old');
    const { cacheFile } = loadInChild(moduleFile(moduleSource(3)), dir);
    expect(readdirSync(dir).sort()).toEqual([basename(cacheFile!), basename(recent)].sort());
  });

  it('saves a used cache again only when the run compiled much that it lacked', () => {
    const file = moduleFile(`${moduleSource(9)}${heavy('heavy', 300)}`);
    const dir = tempDir();
    const { cacheFile } = loadInChild(file, dir, 'check', 'answer');
    const thin = statSync(cacheFile!);
    expect(loadInChild(file, dir, 'check', 'heavy')).toMatchObject({ use: 'used', examined: true, answer: 300 });
    const full = statSync(cacheFile!);
    expect(full.size).toBeGreaterThan(thin.size);
    const fullCode = codeCacheIn(cacheFile!);
    expect(loadInChild(file, dir, 'check', 'heavy')).toMatchObject({ use: 'used', examined: true });
    const again = statSync(cacheFile!);
    // Not saved again: the same file, holding the same code cache.
    expect([again.ino, again.size]).toEqual([full.ino, full.size]);
    expect(codeCacheIn(cacheFile!).equals(fullCode)).toBe(true);
  });

  it('examines a cache it found complete again only after a day: asking V8 walks the heap, every run', () => {
    const file = moduleFile(`${moduleSource(9)}${heavy('heavy', 300)}${heavy('heavier', 300, 1000)}`);
    const dir = tempDir();
    const { cacheFile } = loadInChild(file, dir, 'check', 'heavy');
    expect(loadInChild(file, dir, 'check', 'heavy')).toMatchObject({ use: 'used', examined: true });
    const checked = statSync(cacheFile!);
    // Found complete, it is not examined, and so not saved, though this run compiles 300 more functions.
    expect(loadInChild(file, dir, 'check', 'heavier')).toMatchObject({ use: 'used', examined: false, answer: 300 });
    expect([statSync(cacheFile!).ino, statSync(cacheFile!).size]).toEqual([checked.ino, checked.size]);
    // A day later it is.
    writeCheckedAt(cacheFile!, Date.now() - 25 * 60 * 60 * 1000);
    expect(loadInChild(file, dir, 'check', 'heavier')).toMatchObject({ use: 'used', examined: true });
    expect(statSync(cacheFile!).size).toBeGreaterThan(checked.size);
    // So is one whose time lies ahead of the clock.
    loadInChild(file, dir, 'check', 'heavier');
    writeCheckedAt(cacheFile!, Date.now() + 60 * 60 * 1000);
    expect(loadInChild(file, dir, 'check', 'heavier')).toMatchObject({ use: 'used', examined: true });
  });

  it('keeps a used cache, without asking V8 what the run compiled, once the heap is large', () => {
    // V8 answers by walking the heap; a run that holds 100 MB does not wait for it.
    const held = 'globalThis.held = Array.from({ length: 3_000_000 }, (_, i) => ({ i }));';
    const file = moduleFile(`${moduleSource(9)}${heavy('large', 300, 0, held)}`);
    const dir = tempDir();
    const { cacheFile } = loadInChild(file, dir, 'check', 'answer');
    const thin = statSync(cacheFile!);
    expect(loadInChild(file, dir, 'check', 'large')).toMatchObject({ use: 'used', answer: 300 });
    const after = statSync(cacheFile!);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([thin.ino, thin.mtimeMs, thin.size]);
  });

  it('runs correctly from a corrupt cache, and replaces it', () => {
    const file = moduleFile(moduleSource(7));
    const dir = tempDir();
    const { cacheFile } = loadInChild(file, dir);
    writeFileSync(cacheFile!, Buffer.from('not a code cache'));
    expect(loadInChild(file, dir)).toMatchObject({ use: 'rejected', answer: 7 });
    expect(loadInChild(file, dir).use).toBe('used');
  });

  it('writes nothing when the cache is off', () => {
    const file = moduleFile(moduleSource(3));
    expect(loadInChild(file, undefined)).toMatchObject({ use: 'off', answer: 3, cacheFile: null });
  });

  it('runs, and does not throw, when the cache cannot be written', () => {
    const file = moduleFile(moduleSource(5));
    const blocked = join(tempDir(), 'a-file-not-a-folder');
    writeFileSync(blocked, '');
    expect(loadInChild(file, join(blocked, 'cache'))).toMatchObject({ use: 'missing', answer: 5 });
    // In this process too: save() swallows the error.
    const loaded = loadWithCodeCache<{ answer(): number }>(file, { dir: join(blocked, 'cache'), name: 'check' });
    expect(loaded.exports.answer()).toBe(5);
    expect(() => loaded.save()).not.toThrow();
  });
});

describe('codeCacheDir', () => {
  const packageRoot = tempDir;

  it.each([
    ['STANDARDS_COMPILE_CACHE=off', { STANDARDS_COMPILE_CACHE: 'off' }],
    ['STANDARDS_COMPILE_CACHE=0', { STANDARDS_COMPILE_CACHE: '0' }],
    ['STANDARDS_COMPILE_CACHE=FALSE', { STANDARDS_COMPILE_CACHE: 'FALSE' }],
    ["Node's NODE_DISABLE_COMPILE_CACHE=1", { NODE_DISABLE_COMPILE_CACHE: '1' }],
  ])('is off with %s', (_, env) => {
    expect(codeCacheDir(env, packageRoot())).toBeUndefined();
  });

  it('is the folder STANDARDS_COMPILE_CACHE names', () => {
    expect(codeCacheDir({ STANDARDS_COMPILE_CACHE: '/var/cache/standards' }, packageRoot())).toBe('/var/cache/standards');
  });

  it("is node_modules/.cache/standards-bot in the package by default, the folder build tools keep caches in", () => {
    const root = packageRoot();
    expect(codeCacheDir({}, root)).toBe(join(root, 'node_modules/.cache/standards-bot'));
    expect(existsSync(join(root, 'node_modules/.cache/standards-bot'))).toBe(true);
  });

  it.skipIf(process.getuid?.() === 0)("falls back to this user's own temporary folder where the package cannot be written", () => {
    const root = packageRoot();
    chmodSync(root, 0o555);
    try {
      expect(codeCacheDir({}, root)).toBe(join(tmpdir(), `standards-bot-compile-cache-${process.getuid!()}`));
    } finally {
      chmodSync(root, 0o755);
    }
  });
});

describe('privateDir', () => {
  it("is a folder only this user can write to, or nothing: the cache holds code this process runs", () => {
    const mine = join(tempDir(), 'mine');
    expect(privateDir(mine)).toBe(mine);
    const shared = join(tempDir(), 'shared');
    expect(privateDir(shared)).toBe(shared);
    chmodSync(shared, 0o777);
    expect(privateDir(shared)).toBeUndefined();
    chmodSync(shared, 0o775);
    expect(privateDir(shared)).toBeUndefined();
    const notAFolder = join(tempDir(), 'file');
    writeFileSync(notAFolder, '');
    expect(privateDir(notAFolder)).toBeUndefined();
  });
});

describe('commandName', () => {
  it.each([
    [['check', '--repo', '.'], 'check'],
    [['--version'], 'cli'],
    [[], 'cli'],
    [['../../etc'], 'cli'],
    [['Check'], 'cli'],
  ])('names %j %s', (argv, name) => {
    expect(commandName(argv)).toBe(name);
  });
});

describe('the CLI from its code cache', () => {
  const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../bin/standards.js');
  const run = (argv: string[], cacheDir: string) =>
    spawnSync(process.execPath, [BIN, ...argv], { encoding: 'utf8', env: { ...process.env, STANDARDS_COMPILE_CACHE: cacheDir } });

  it("has its SHA-256 beside it, which keys its cache", () => {
    const bundle = join(dirname(BIN), '../dist/bundle/cli.cjs');
    expect(readFileSync(`${bundle}.sha256`, 'utf8')).toBe(`${createHash('sha256').update(readFileSync(bundle)).digest('hex')}\n`);
  });

  it('is ASCII, which the launcher reads as Latin-1: a copy, where UTF-8 is a decode', () => {
    const bundle = readFileSync(join(dirname(BIN), '../dist/bundle/cli.cjs'));
    const first = bundle.findIndex((byte) => byte > 0x7f);
    expect(first === -1 ? '' : bundle.subarray(Math.max(0, first - 40), first + 8).toString('utf8')).toBe('');
    expect(isAscii(bundle)).toBe(true);
  });

  it('saves a cache per command after it has run, and answers the same from it', () => {
    const dir = tempDir();
    const first = run(['validate'], dir);
    expect(first.status).toBe(0);
    expect(readdirSync(dir).filter((entry) => entry.endsWith('.v8cache'))).toEqual([expect.stringMatching(/^validate-[0-9a-f]{8}-[0-9a-f]{20}\.v8cache$/)]);
    const second = run(['validate'], dir);
    expect({ status: second.status, stdout: second.stdout, stderr: second.stderr }).toEqual({ status: first.status, stdout: first.stdout, stderr: first.stderr });
  });

  it('loads its cache under the V8 flags it was saved under, so V8 takes it rather than compiling again', () => {
    // V8 refuses a cache made under other flags, and a refused cache is compiled and saved
    // again: a cache file written anew by the second run is one V8 refused.
    const dir = tempDir();
    expect(run(['validate'], dir).status).toBe(0);
    const [name] = readdirSync(dir).filter((entry) => entry.endsWith('.v8cache'));
    const cache = join(dir, name!);
    const saved = { ino: statSync(cache).ino, code: codeCacheIn(cache) };
    expect(run(['validate'], dir).status).toBe(0);
    // Not written anew: the same file, holding the same code cache.
    expect(statSync(cache).ino).toBe(saved.ino);
    expect(codeCacheIn(cache).equals(saved.code)).toBe(true);
  });

  it('keeps what the standards files parsed to beside the cache, and parses a changed file anew', () => {
    const repoRoot = join(dirname(BIN), '..');
    const standards = join(tempDir(), 'standards');
    for (const entry of ['rules', 'exemptions', 'teams.yaml', 'standards.config.yaml']) cpSync(join(repoRoot, entry), join(standards, entry), { recursive: true });
    const dir = tempDir();
    const first = run(['validate', '--standards', standards], dir);
    expect(first.status).toBe(0);
    const memos = readdirSync(dir).filter((entry) => entry.startsWith('yaml-parses-'));
    const build = readdirSync(dir).find((entry) => entry.endsWith('.v8cache'))!.replace(/^validate-|\.v8cache$/g, '');
    // Named by the build that parsed, as the code cache is.
    expect(memos).toEqual([`yaml-parses-${build}.json`]);
    const memo = join(dir, memos[0]!);
    const written = statSync(memo);
    const rules = (JSON.parse(readFileSync(memo, 'utf8')) as { entries: [string, string][] }).entries;
    expect(rules.length).toBeGreaterThan(10);
    // Nothing new to learn: answered the same, and the memo is not written again.
    expect(run(['validate', '--standards', standards], dir)).toMatchObject({ status: 0, stdout: first.stdout });
    expect(statSync(memo).ino).toBe(written.ino);
    // A rule changed since: read as it is now, with its mistake located.
    const rule = join(standards, 'rules/general/todo-needs-ticket.yaml');
    writeFileSync(rule, readFileSync(rule, 'utf8').replace(/^severity: \w+$/m, 'severity: sometimes'));
    const changed = run(['validate', '--standards', standards], dir);
    expect(changed.status).toBe(2);
    expect(changed.stderr + changed.stdout).toMatch(/todo-needs-ticket\.yaml:\d+:\d+.*severity/);
  });

  it('answers --version alone from package.json, as the CLI itself answers it', () => {
    const { version } = JSON.parse(readFileSync(join(dirname(BIN), '../package.json'), 'utf8')) as { version: string };
    const dir = tempDir();
    for (const flag of ['--version', '-V']) expect(run([flag], dir)).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: '' });
    // Not alone, the flag goes to commander in the bundle, which must give the same answer.
    expect(run(['--version', '--version'], dir)).toMatchObject({ status: 0, stdout: `${version}\n` });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('answers --version and --help from the split bundle, with no cache', () => {
    const dir = tempDir();
    expect(run(['--version'], dir).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(run(['--help'], dir).stdout).toContain('Usage: standards');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('saves none after a usage error, which stops before the work a cache should hold', () => {
    const dir = tempDir();
    expect(run(['check', '--format', 'yaml'], dir).status).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});
