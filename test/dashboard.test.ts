import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildDashboard } from '../src/dashboard/build.ts';
import type { Report } from '../src/engine/finding.ts';
import type { Exemption } from '../src/standards/exemptions.ts';
import { standards as loadRules, testConfig } from './helpers/standards.ts';

// Real headless Chromium from Debian (.ci/run installs it with apt-get). Outside CI a machine
// without it skips these tests, saying so; in CI a missing browser fails them.
const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && !process.env.CI) console.warn(`dashboard browser tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);

const TODAY = '2026-11-26';
const rules = loadRules({ id: 'STD-0002', title: 'Required files' }, { id: 'STD-0003', title: 'No secrets', owner: '"@acme/security"', review_by: '2026-01-31' });

function exemption(id: string, fields: Partial<Exemption>): Exemption {
  return { id, standard: 'STD-0002', repos: ['acme/web'], reason: 'A reason long enough to pass.', approved_by: 'ana', created: '2026-06-01', expires: '2027-03-01', file: `exemptions/${id}.yaml`, ...fields };
}

const EXEMPTIONS = [
  exemption('EX-0001', { expires: '2027-03-01', requested_by: '@acme/payments' }),
  exemption('EX-0002', { expires: '2026-12-10', requested_by: '@acme/payments', standard: 'STD-0003' }),
  exemption('EX-0003', { expires: '2026-11-01', requested_by: '@acme/billing' }),
  exemption('EX-0004', { expires: '2027-06-30', requested_by: '@acme/billing', repos: ['acme/api'], paths: ['legacy/**'] }),
  exemption('EX-0005', { expires: '2027-01-15', repos: ['acme/data-*'] }),
];

function report(repository: string, applied: string[], fail: number): Report {
  return {
    verdict: fail ? 'fail' : 'pass',
    summary: { fail, warn: 1, info: 0, exempted: applied.length, pre_existing: 0 },
    findings: Array.from({ length: fail }, () => ({ standard: 'STD-0003' }) as Report['findings'][number]),
    skipped: [],
    facts: { language: { files: { PHP: 4 }, deprecated: { PHP: { files: 4, sunset: '2027-06-30', standard: 'STD-0010' } } } },
    exemptions: { applied: applied.map((id) => ({ id, standard: 'STD-0002', findings: 1 })), expired: [], expiring: [], unused: [] },
    notices: [],
    context: { mode: 'scan', repository, base: 'empty tree', head: 'HEAD', date: TODAY, standards: 2 },
  };
}

let browser: Browser;
let page: Page;
let site: string;

beforeAll(async () => {
  if (!available) return;
  const root = mkdtempSync(join(tmpdir(), 'dashboard-'));
  const reports = [report('acme/web', ['EX-0001', 'EX-0002'], 2), report('acme/api', [], 0)];
  ({ index: site } = await buildDashboard(join(root, 'site'), { config: testConfig, standards: rules, exemptions: EXEMPTIONS, reports, today: TODAY }));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  await page.goto(pathToFileURL(site).href);
});

afterAll(async () => {
  await browser?.close();
});

const visibleIds = () => page.locator('#exemptions tbody tr:not([hidden]) th a').allTextContents();

describe.skipIf(!available && !process.env.CI)('the exemptions dashboard in headless Chromium', () => {
  test('loads from file:// with one row per exemption, soonest expiry first', async () => {
    expect(await page.title()).toBe('Acme standards: exemptions');
    expect(await visibleIds()).toEqual(['EX-0003', 'EX-0002', 'EX-0005', 'EX-0001', 'EX-0004']);
    expect(await page.locator('#shown').textContent()).toBe('5 of 5 exemptions shown');
  });

  test('status badges are right for the known dates and reports', async () => {
    const badges = await page.locator('#exemptions tbody tr').evaluateAll((rows) => rows.map((row) => [row.querySelector('th')!.textContent, row.querySelector('.badge')!.textContent]));
    expect(Object.fromEntries(badges)).toEqual({
      'EX-0001': 'active',
      'EX-0002': 'expiring soon',
      'EX-0003': 'expired',
      'EX-0004': 'unused',
      'EX-0005': 'active',
    });
  });

  test('filtering by team narrows the rows, and search narrows further', async () => {
    await page.selectOption('#f-team', '@acme/payments');
    expect(await visibleIds()).toEqual(['EX-0002', 'EX-0001']);
    await page.fill('#f-q', 'ex-0001');
    expect(await visibleIds()).toEqual(['EX-0001']);
    expect(await page.locator('#shown').textContent()).toBe('1 of 5 exemptions shown');
    await page.fill('#f-q', '');
    await page.selectOption('#f-team', '');
    await page.selectOption('#f-status', 'expired');
    expect(await visibleIds()).toEqual(['EX-0003']);
    await page.selectOption('#f-status', '');
    await page.selectOption('#f-repo', 'acme/api');
    expect(await visibleIds()).toEqual(['EX-0004']);
    await page.selectOption('#f-repo', '');
  });

  test('sorting by expiry toggles the order', async () => {
    await page.click('#sort-expires');
    expect(await visibleIds()).toEqual(['EX-0004', 'EX-0001', 'EX-0005', 'EX-0002', 'EX-0003']);
    expect(await page.locator('#sort-expires').evaluate((b) => b.closest('th')!.getAttribute('aria-sort'))).toBe('descending');
    await page.click('#sort-expires');
    expect(await visibleIds()).toEqual(['EX-0003', 'EX-0002', 'EX-0005', 'EX-0001', 'EX-0004']);
  });

  test('rows link to the exemption file and the standard; most-exempted standards offer "propose a change"', async () => {
    const first = page.locator('#exemptions tbody tr').first();
    expect(await first.locator('th a').getAttribute('href')).toBe('https://github.com/acme/standards/blob/main/exemptions/EX-0003.yaml');
    expect(await first.locator('td a').first().getAttribute('href')).toBe('https://github.com/acme/standards/blob/main/STANDARDS.md#std-0002');
    const most = page.locator('section[aria-labelledby="most-exempted"] tbody tr').first();
    expect(await most.locator('th').textContent()).toBe('STD-0002');
    expect(await most.locator('a', { hasText: 'propose a change' }).getAttribute('href')).toBe('https://github.com/acme/standards/edit/main/rules/test-0.yaml');
  });

  test('reports add compliance per repository, divergence and deprecated languages; review dates are flagged', async () => {
    expect(await page.locator('section[aria-labelledby="compliance"] tbody th').allTextContents()).toEqual(['acme/web', 'acme/api']);
    expect(await page.locator('section[aria-labelledby="divergence"] tbody tr td').first().textContent()).toBe('No secrets');
    expect(await page.locator('section[aria-labelledby="languages"] tbody tr').first().textContent()).toContain('PHP');
    expect(await page.locator('section[aria-labelledby="past-review"] tbody th').allTextContents()).toEqual(['STD-0003']);
    expect(await page.locator('svg[role="img"] rect').count()).toBe(12);
  });

  test('uses real table headers and labels, and shows the full table without JavaScript', async () => {
    expect(await page.locator('#exemptions thead th[scope="col"]').count()).toBe(11);
    for (const id of ['f-team', 'f-standard', 'f-status', 'f-repo', 'f-q']) expect(await page.locator(`label[for="${id}"]`).count()).toBe(1);
    const noScript = await browser.newPage({ javaScriptEnabled: false });
    await noScript.goto(pathToFileURL(site).href);
    expect(await noScript.locator('#exemptions tbody tr').count()).toBe(5);
    await noScript.close();
  });

  test('a screenshot goes to test-output/, not into the repository', async () => {
    const out = join(import.meta.dirname, '../test-output');
    mkdirSync(out, { recursive: true });
    await page.screenshot({ path: join(out, 'dashboard.png'), fullPage: true });
    expect(existsSync(join(out, 'dashboard.png'))).toBe(true);
  });
});
