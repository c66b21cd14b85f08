// Pull requests with 500 and 26,000 findings (a file of ticket-less TODOs on a real git
// repository), and every output's budget: GitHub's 65,535 characters for a comment or a check
// run's summary, 1 MiB for a step summary, 25,000 results per SARIF run, 10 annotations of a kind
// per step. Whole findings are dropped, never half a link, failing ones kept first, and the
// output says how many were left out and where to read them.
import { Marked } from 'marked';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { reportToDanger, type DangerReporters } from '../src/adapters/danger.ts';
import type { Report } from '../src/engine/finding.ts';
import { RepoBuilder } from '../src/demo/repo-builder.ts';
import { COMMENT_LIMIT, STEP_SUMMARY_LIMIT } from '../src/report/markdown.ts';
import { runCli } from './helpers/cli.ts';

const ROOT = join(import.meta.dirname, '..');
const repos: RepoBuilder[] = [];
afterAll(() => repos.forEach((r) => r.dispose()));

/** A pull request adding one file with `count` TODOs without a ticket, and a PR title that also fails. */
function pullRequest(count: number): RepoBuilder {
  const repo = new RepoBuilder();
  repos.push(repo);
  repo.write({ 'README.md': '# shop\n', '.github/CODEOWNERS': '* @acme/platform-guild\n', LICENSE: 'MIT\n' }).commit('chore: base');
  // Each finding quotes its line: long enough that 500 of them cannot all fit in one comment.
  repo.branch('pr').write({ 'src/todos.ts': Array.from({ length: count }, (_, i) => `// TODO: item ${i + 1} https://tracker.example/${i + 1} clean up the retry loop before the next release`).join('\n') }).commit('feat: todos');
  return repo;
}

// After 2027-01-04 STD-0005 fails, so every TODO is a failing finding; past 600 lines the size of
// the change adds one warning (STD-0008).
const run = (repo: RepoBuilder, format: string, env: Record<string, string> = {}) =>
  runCli(['check', '--repo', repo.dir, '--format', format, '--date', '2027-02-01', '--repo-name', 'acme/shop'], { env: { STANDARDS_DIR: ROOT, ...env } });

/** Findings listed in a Markdown report, and the count its closing note gives for the rest. */
function accounted(markdown: string): { listed: number; leftOut: number } {
  const listed = (markdown.match(/^- /gm) ?? []).length;
  const leftOut = Number(/…and ([\d,]+) more findings?/.exec(markdown)?.[1]?.replace(/,/g, '') ?? 0);
  return { listed, leftOut };
}

/** Every link renders whole: as many anchors as link openings, each to the standards repository. */
function linksIntact(markdown: string): void {
  const html = new Marked({ gfm: true }).parse(markdown, { async: false });
  const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!);
  expect(hrefs.length).toBe((markdown.match(/\]\(https:/g) ?? []).length);
  for (const href of hrefs) expect(href).toMatch(/^https:\/\/github\.com\/acme\/standards\//);
}

describe('a pull request with 500 findings', () => {
  const repo = pullRequest(500);

  test('the Markdown comment fits 65,535 characters, drops whole findings and says how many', async () => {
    const { code, stdout } = await run(repo, 'markdown');
    expect(code).toBe(1);
    expect(Buffer.byteLength(stdout)).toBeLessThanOrEqual(COMMENT_LIMIT);
    const { listed, leftOut } = accounted(stdout);
    expect(listed).toBeGreaterThan(100);
    expect(listed + leftOut).toBe(500);
    expect(stdout).toMatch(/…and [\d,]+ more findings \([\d,]+ failing\) that did not fit here: see the full report, `standards check --format json`\./);
    linksIntact(stdout);
  });

  test('the step summary takes what is left of 1 MiB after earlier steps', async () => {
    const summary = join(repo.dir, '..', `${repo.dir.split('/').pop()}-summary.md`);
    writeFileSync(summary, 'x'.repeat(STEP_SUMMARY_LIMIT - 30_000));
    await run(repo, 'github', { GITHUB_STEP_SUMMARY: summary });
    const written = readFileSync(summary);
    expect(written.length).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    const ours = written.subarray(STEP_SUMMARY_LIMIT - 30_000).toString('utf8');
    const { listed, leftOut } = accounted(ours);
    expect(listed + leftOut).toBe(500);
    expect(ours).toContain("see this job's annotations and log");
  });

  test('annotations: ten of a kind, the rest in the log with a notice', async () => {
    const { stdout } = await run(repo, 'github');
    expect(stdout.match(/^::error /gm)).toHaveLength(10);
    expect(stdout).toContain('::notice title=standards::490 more findings listed in this log, not as annotations');
    expect(stdout.match(/^error: STD-0005 src\/todos\.ts:\d+: /gm)).toHaveLength(490);
  });
});

describe('a pull request with 26,000 findings', () => {
  const repo = pullRequest(26_000);
  let report: Report;

  test('JSON has every finding', async () => {
    const { stdout } = await run(repo, 'json');
    report = JSON.parse(stdout) as Report;
    expect(report.findings.filter((f) => f.standard === 'STD-0005')).toHaveLength(26_000);
  });

  test('SARIF keeps 25,000 results, failing first, and a note result counts the rest', async () => {
    const sarif = JSON.parse((await run(repo, 'sarif')).stdout);
    const results = sarif.runs[0].results as { ruleId: string; level: string; message: { text: string } }[];
    expect(results).toHaveLength(25_000);
    expect(results.at(-1)!.ruleId).toBe('standards-bot/results-left-out');
    // 26,000 TODOs and the size warning: 26,001 findings, 24,999 kept, the warning among those left out.
    expect(results.at(-1)!.message.text).toMatch(/^1,002 more findings were left out/);
    expect(sarif.runs[0].properties.resultsLeftOut).toBe(1_002);
    expect(results.slice(0, -1).every((r) => r.level === 'error')).toBe(true);
  });

  test('Markdown and the step summary stay within their budgets', async () => {
    const { stdout } = await run(repo, 'markdown');
    expect(Buffer.byteLength(stdout)).toBeLessThanOrEqual(COMMENT_LIMIT);
    const { listed, leftOut } = accounted(stdout);
    expect(listed + leftOut).toBe(26_001);
    linksIntact(stdout);
  });

  test('danger gets the same budgeted body, with room for its own wrapping', () => {
    const calls: { kind: string; message: string }[] = [];
    const reporters = Object.fromEntries(['fail', 'warn', 'message', 'markdown'].map((kind) => [kind, (message: string) => calls.push({ kind, message })])) as unknown as DangerReporters;
    reportToDanger(report, reporters);
    expect(calls.map((c) => c.kind)).toEqual(['fail', 'markdown']);
    expect(calls[0]!.message).toBe('26,000 failing findings from the engineering standards: see the report below.');
    expect(Buffer.byteLength(calls[1]!.message)).toBeLessThanOrEqual(COMMENT_LIMIT - 5_000);
    expect(accounted(calls[1]!.message).listed + accounted(calls[1]!.message).leftOut).toBe(26_001);
  });
});
