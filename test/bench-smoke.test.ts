// `npm run bench` at its smallest size, one run of every scenario: the harness keeps working
// and every scenario still runs end to end. Timings are not judged here (a timed unit test
// measures the machine); `npm run bench` prints them, and bench/RESULTS.md records them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

test('npm run bench -- --size smoke runs every scenario and prints its table', { timeout: 600_000 }, () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'bench/run.mjs'), '--size', 'smoke', '--skip-build', '--cache', mkdtempSync(join(tmpdir(), 'bench-cache-'))], { cwd: ROOT, encoding: 'utf8', timeout: 590_000 });
  expect(run.status, run.stderr).toBe(0);
  for (const scenario of ['startup', 'S1', 'S2', 'S3', 'S4', 'S5', 'owners', 'big-file', 'dashboard', 'S6']) expect(run.stdout, scenario).toMatch(new RegExp(`^\\| ${scenario} \\|`, 'm'));
  expect(run.stdout).toMatch(/0 lost, 0 over GitHub's limits/);
  expect(run.stdout).not.toContain('(stopped)');
});

// The bench's own command line: a name that runs nothing is an error, not an empty table that
// passes, and every mistake exits 2 with the usage and no stack trace, as the CLI does.
describe('npm run bench -- <options>', () => {
  const bench = (...argv: string[]) => spawnSync(process.execPath, [join(ROOT, 'bench/run.mjs'), ...argv], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

  test('--help prints the usage, naming every scenario, and exits 0', () => {
    const run = bench('--help');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run bench -- \[options\]/);
    for (const name of ['startup', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'codeowners', 'bigFile', 'dashboard', 'repolinter', 'hugeScan', 'hugeDashboard', '--cache', '--runs']) expect(run.stdout, name).toContain(name);
  });

  test.each([
    [['--only', 'S1,S9'], /^bench: --only S9: no such scenario; choose from startup, S1, /],
    [['--profile', 'S9'], /^bench: --profile S9: no such scenario/],
    [['--only', 'hugeScan'], /^bench: --only hugeScan: the 368,000-file scan and its dashboard run only with --size big/],
    [['--only', 'huge-dashboard'], /^bench: --only huge-dashboard: the 368,000-file scan and its dashboard run only with --size big/],
    [['--size', 'huge'], /^bench: --size huge: use smoke, full or big/],
    [['--runs', '0'], /^bench: --runs 0: a whole number, 1 or more/],
    [['--timeout', 'soon'], /^bench: --timeout soon: a whole number/],
    [['--frobnicate'], /^bench: Unknown option '--frobnicate'/],
    [['S1'], /^bench: Unexpected argument 'S1'/],
  ])('%j is a usage error', (argv, message) => {
    const run = bench(...argv);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('usage: npm run bench');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stdout).toBe('');
  });

  test('a usage error changes nothing: the code cache of a bench already running stays', () => {
    const cache = mkdtempSync(join(tmpdir(), 'bench-cache-'));
    mkdirSync(join(cache, 'compile-cache'));
    writeFileSync(join(cache, 'compile-cache', 'check.v8cache'), 'kept');
    expect(bench('--only', 'S9', '--cache', cache).status).toBe(2);
    expect(readFileSync(join(cache, 'compile-cache', 'check.v8cache'), 'utf8')).toBe('kept');
    rmSync(cache, { recursive: true, force: true });
  });

  test('the table\'s row names choose their scenarios', { timeout: 120_000 }, () => {
    const cache = mkdtempSync(join(tmpdir(), 'bench-cache-'));
    const run = spawnSync(process.execPath, [join(ROOT, 'bench/run.mjs'), '--size', 'smoke', '--skip-build', '--only', 'owners,big-file', '--cache', cache], { cwd: ROOT, encoding: 'utf8', timeout: 110_000 });
    rmSync(cache, { recursive: true, force: true });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\| owners \|/m);
    expect(run.stdout).toMatch(/^\| big-file \|/m);
    expect(run.stdout).not.toMatch(/^\| S1 \|/m);
  });
});
