// `npm run bench` at its smallest size, one run of every scenario: the harness keeps working
// and every scenario still runs end to end. Timings are not judged here (a timed unit test
// measures the machine); `npm run bench` prints them, and bench/RESULTS.md records them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

test('npm run bench -- --size smoke runs every scenario and prints its table', { timeout: 600_000 }, () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'bench/run.mjs'), '--size', 'smoke', '--skip-build', '--cache', mkdtempSync(join(tmpdir(), 'bench-cache-'))], { cwd: ROOT, encoding: 'utf8', timeout: 590_000 });
  expect(run.status, run.stderr).toBe(0);
  for (const scenario of ['startup', 'S1', 'S2', 'S3', 'S4', 'S5', 'owners', 'big-file', 'dashboard', 'S6']) expect(run.stdout, scenario).toMatch(new RegExp(`^\\| ${scenario} \\|`, 'm'));
  expect(run.stdout).toMatch(/0 lost, 0 over GitHub's limits/);
  expect(run.stdout).not.toContain('(stopped)');
});
