// The standards dashboard, as a platform lead uses it: generated data (40 exemptions, 20
// repositories, 12 weekly history points), checked against the CLI, then driven in headless
// Chromium at a desktop and a phone size. Screenshots go to test-output/ as artifacts.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildDashboard } from '../src/dashboard/build.ts';
import { digestReport, type DashboardData } from '../src/dashboard/data.ts';
import { loadTrusted } from '../src/standards/trusted.ts';
import { runCli } from './helpers/cli.ts';
import { fixtureExemptions, fixtureHistory, fixtureReports, FIXTURE_TODAY, writeExemptions } from './helpers/dashboard-fixture.ts';
import { standardsCopy } from './helpers/standards.ts';

// Real headless Chromium from Debian (.ci/run installs it with apt-get). Outside CI a machine
// without it skips these tests, saying so; in CI a missing browser fails them.
const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && !process.env.CI) console.warn(`dashboard browser tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);
const ROOT = join(import.meta.dirname, '..');
const ARTIFACTS = join(ROOT, 'test-output');
const require = createRequire(import.meta.url);

let standardsDir: string;
let site: string;
let data: DashboardData;

beforeAll(async () => {
  standardsDir = standardsCopy();
  rmSync(join(standardsDir, 'exemptions'), { recursive: true });
  const base = await loadTrusted(ROOT);
  const exemptions = fixtureExemptions(base);
  writeExemptions(standardsDir, exemptions);
  const trusted = await loadTrusted(standardsDir);
  const out = join(mkdtempSync(join(tmpdir(), 'dashboard-')), 'site');
  ({ index: site, data } = await buildDashboard(out, { ...trusted, reports: fixtureReports(exemptions).map(digestReport), today: FIXTURE_TODAY, history: fixtureHistory() }));
});

describe('one status for an exemption, shared by the CLI and the page', () => {
  test('standards exemptions and the dashboard agree on every one of the 40 exemptions', async () => {
    const cli = await runCli(['exemptions', '--standards', standardsDir, '--format', 'json', '--date', FIXTURE_TODAY]);
    expect(cli.code, cli.stderr).toBe(0);
    const fromCli = Object.fromEntries((JSON.parse(cli.stdout).exemptions as { id: string; status: string }[]).map((e) => [e.id, e.status]));
    const fromPage = Object.fromEntries(data.rows.map((r) => [r.id, r.status]));
    expect(Object.keys(fromCli)).toHaveLength(40);
    expect(fromPage).toEqual(fromCli);
    const counts = (statuses: string[]) => ({ active: statuses.filter((s) => s === 'active').length, expiring: statuses.filter((s) => s === 'expiring').length, expired: statuses.filter((s) => s === 'expired').length });
    expect(counts(Object.values(fromPage))).toEqual({ active: 20, expiring: 12, expired: 8 });
    // Unused is a fact beside the status, never instead of it.
    expect(data.rows.filter((r) => r.unused && r.status === 'expiring').length).toBeGreaterThan(0);
    expect(data.triage).toMatchObject({ expiringSoon: 12, expiredStillUsed: 8 });
  });
});

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

describe.skipIf(!available && !process.env.CI).each(VIEWPORTS)('the dashboard in headless Chromium at $width×$height', (viewport) => {
  let browser: Browser;
  let page: Page;
  const url = () => pathToFileURL(site).href;
  const shownIds = () => page.locator('#exemptions tbody tr:not([hidden]) th a').allTextContents();
  const shownStatuses = () => page.locator('#exemptions tbody tr:not([hidden])').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.status));

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } });
    await page.goto(url());
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('triage comes first: its cards are links that filter the table, and the filter is in the URL', async () => {
    const headings = await page.locator('h2').allTextContents();
    expect(headings[0]).toBe('Needs attention');
    const expiring = page.locator('a.card', { hasText: 'expiring within 30 days' });
    expect(await expiring.locator('strong').textContent()).toBe('12');
    await expiring.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#status=expiring');
    expect(await shownStatuses()).toEqual(Array(12).fill('expiring'));
    const still = page.locator('a.card', { hasText: 'expired, still matching findings' });
    expect(await still.locator('strong').textContent()).toBe('8');
    await still.click();
    await expect.poll(() => page.locator('#exemptions tbody tr:not([hidden])').count()).toBe(8);
    expect(await page.locator('#exemptions tbody tr:not([hidden]) .badge-still').count()).toBe(8);
  });

  test('every column sorts, both ways, and the order is in the URL', async () => {
    await page.goto(`${url()}#`);
    const sortBy = async (key: string) => {
      if (viewport.width > 720) await page.locator(`#exemptions th[data-key="${key}"] button`).click();
      else {
        const current = await page.locator('#sort-by').inputValue();
        if (current !== key) await page.selectOption('#sort-by', key);
        else await page.selectOption('#sort-dir', (await page.locator('#sort-dir').inputValue()) === 'asc' ? 'desc' : 'asc');
      }
    };
    const days = () => page.locator('#exemptions tbody tr:not([hidden]) td[data-label="Days left"]').allTextContents();
    await sortBy('days');
    const ascending = (await days()).map(Number);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await sortBy('days');
    const descending = (await days()).map(Number);
    expect(descending).toEqual([...ascending].reverse());
    expect(await page.evaluate(() => location.hash)).toBe('#sort=days&dir=desc');
    expect(await page.locator('#sort-caption').textContent()).toBe('Sorted by Days left, descending.');
    for (const key of ['id', 'standard', 'repos', 'paths', 'team', 'reason', 'approved', 'created', 'expires', 'status']) {
      await sortBy(key);
      const values = await page.locator('#exemptions tbody tr').evaluateAll((rows, k) => rows.map((row) => (row.querySelector(`[data-label]:nth-child(${['id', 'standard', 'repos', 'paths', 'team', 'reason', 'approved', 'created', 'expires', 'days', 'status'].indexOf(k as string) + 1})`) as HTMLElement).dataset.sort!), key);
      expect(values, key).toEqual([...values].sort((a, b) => (key === 'status' ? Number(a) - Number(b) : a.localeCompare(b, undefined, { numeric: true }))));
    }
  });

  test('no match says so and offers to clear the filters', async () => {
    await page.goto(`${url()}#`);
    await page.fill('#f-q', 'no exemption says this');
    await expect.poll(() => page.locator('#no-match').isVisible()).toBe(true);
    expect(await page.locator('#exemptions').isVisible()).toBe(false);
    await page.click('#clear');
    await expect.poll(() => shownIds().then((ids) => ids.length)).toBe(40);
    expect(await page.evaluate(() => location.hash)).toBe('');
  });

  test('a shared link opens the same view: filters and sort from the URL, kept on reload', async () => {
    await page.goto(`${url()}#team=${encodeURIComponent('@acme/billing')}&sort=id&dir=desc`);
    expect(await page.locator('#f-team').inputValue()).toBe('@acme/billing');
    const ids = await shownIds();
    expect(ids.length).toBe(data.rows.filter((r) => r.team === '@acme/billing').length);
    expect(ids).toEqual([...ids].sort().reverse());
    await page.reload();
    expect(await shownIds()).toEqual(ids);
  });

  test('nothing is cut off: no sideways scrolling of the page, and chart text stays readable', async () => {
    await page.goto(`${url()}#`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(viewport.width);
    const smallest = await page.locator('svg text').evaluateAll((texts) => Math.min(...texts.filter((t) => t.textContent).map((t) => (t as SVGTextElement).getBoundingClientRect().height)));
    expect(smallest).toBeGreaterThanOrEqual(10);
    // The history is there, with a text alternative for each chart.
    expect(await page.locator('#history').textContent()).toContain('History: 12 scans');
    expect(await page.locator('figure.chart svg title').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('figure.chart details table').count()).toBeGreaterThanOrEqual(3);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `dashboard-${viewport.name}.png`), fullPage: true });
  });

  test('axe-core finds no violations', async () => {
    await page.goto(`${url()}#`);
    await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const violations = await page.evaluate(async () => (await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run()).violations.map((v) => `${v.id} (${v.nodes.length})`));
    expect(violations).toEqual([]);
  });
});

describe('history', () => {
  test('--record writes a dated summary into --history, and a second run on the same day replaces it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'));
    const reports = mkdtempSync(join(tmpdir(), 'reports-'));
    const { writeFileSync, readdirSync } = await import('node:fs');
    for (const report of fixtureReports(fixtureExemptions(await loadTrusted(ROOT)))) writeFileSync(join(reports, `${report.context.repository!.replace('/', '__')}.json`), JSON.stringify(report));
    const out = join(dir, 'site');
    for (let i = 0; i < 2; i++) {
      const run = await runCli(['dashboard', '--standards', standardsDir, '--out', out, '--reports', reports, '--history', join(dir, 'summaries'), '--record', '--date', FIXTURE_TODAY]);
      expect(run.code, run.stderr).toBe(0);
    }
    expect(readdirSync(join(dir, 'summaries'))).toEqual([`${FIXTURE_TODAY}.json`]);
    const summary = JSON.parse(readFileSync(join(dir, 'summaries', `${FIXTURE_TODAY}.json`), 'utf8'));
    expect(summary).toMatchObject({ version: 1, date: FIXTURE_TODAY, exemptions: { active: 20, expiring: 12, expired: 8, expired_still_used: 8 } });
    expect(Object.keys(summary.repositories)).toHaveLength(20);
    expect(readFileSync(join(out, 'index.html'), 'utf8').length).toBeLessThan(600_000);
  });

  test('--record without --history, and a history file that is not a summary, are errors naming what is wrong', async () => {
    expect((await runCli(['dashboard', '--out', mkdtempSync(join(tmpdir(), 'site-')), '--record'])).stderr).toContain('--record needs --history DIR');
    const dir = mkdtempSync(join(tmpdir(), 'history-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, '2026-11-01.json'), '{"version": 2}');
    const run = await runCli(['dashboard', '--out', join(dir, 'site'), '--history', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('2026-11-01.json:1:1: not a version 1 scan summary dated 2026-11-01');
    // The history is not the standards configuration.
    expect(run.stderr).toContain('standards: 1 problem in the history folder; the dashboard was not written.');
  });
});
