// The demo pull request in every output format, compared with the files in test/golden/: what a
// developer, a reviewer and code scanning are given, byte for byte. After an intended change,
// refresh them with `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts` and read the diff.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildDemoScenario } from '../src/demo/scenario.ts';
import { runCli } from './helpers/cli.ts';

const GOLDEN = join(import.meta.dirname, 'golden');
const ROOT = join(import.meta.dirname, '..');
const scenario = buildDemoScenario();
const work = mkdtempSync(join(tmpdir(), 'golden-'));
afterAll(() => {
  scenario.repo.dispose();
  rmSync(work, { recursive: true, force: true });
});

const ENV = { STANDARDS_DIR: ROOT };
const check = (format: string, env: Record<string, string> = {}) =>
  runCli(['check', '--repo', scenario.repo.dir, '--pr-event', scenario.eventFile, '--format', format, '--date', '2026-11-26'], { env: { ...ENV, ...env } });

// The one thing that differs between runs: the random token that stops workflow commands.
const stable = (text: string) => text.replace(/stop-commands::[0-9a-f]{32}/g, 'stop-commands::TOKEN').replace(/::[0-9a-f]{32}::/g, '::TOKEN::');

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('the demo pull request, in every format', () => {
  test('text: grouped by standard, ≤ 160 columns, ≤ 120 lines, plain when not a terminal', async () => {
    const run = await check('text');
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(160);
    expect(lines.length).toBeLessThanOrEqual(120);
    expect(run.stdout).not.toContain('\u001b');
    expect(lines.at(-1)).toBe('✖ FAIL: 19 failing, 3 warnings, 1 info, 2 pre-existing (19 standards checked)');
    golden('demo.txt', run.stdout);
  });

  test('text on a TTY is coloured; NO_COLOR keeps it plain', async () => {
    const tty = await runCli(['check', '--repo', scenario.repo.dir, '--pr-event', scenario.eventFile, '--date', '2026-11-26'], { env: ENV, tty: true });
    expect(tty.stdout).toContain('\u001b[');
    const plain = await runCli(['check', '--repo', scenario.repo.dir, '--pr-event', scenario.eventFile, '--date', '2026-11-26'], { env: { ...ENV, NO_COLOR: '1' }, tty: true });
    expect(plain.stdout).not.toContain('\u001b');
  });

  test('markdown', async () => {
    golden('demo.md', (await check('markdown')).stdout);
  });

  test('json', async () => {
    golden('demo.json', (await check('json')).stdout);
  });

  test('sarif', async () => {
    golden('demo.sarif', (await check('sarif')).stdout);
  });

  test('github: workflow commands, and the same Markdown in the step summary', async () => {
    const summary = join(work, 'summary.md');
    writeFileSync(summary, '');
    const run = await check('github', { GITHUB_STEP_SUMMARY: summary });
    golden('demo.github.txt', stable(run.stdout));
    expect(readFileSync(summary, 'utf8')).toBe(readFileSync(join(GOLDEN, 'demo.md'), 'utf8'));
  });
});
