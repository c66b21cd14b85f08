import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OrgConfig } from '../config.ts';
import type { Report } from '../engine/finding.ts';
import type { Exemption } from '../standards/exemptions.ts';
import type { Standard } from '../standards/standard.ts';
import { dashboardData, digestReport, type DashboardData, type ReportDigest } from './data.ts';
import type { ScanSummary } from './history.ts';
import { renderDashboard } from './html.ts';
import { readJsonFolder } from './json-folder.ts';

/**
 * Reads a folder of `standards scan --format json` reports, each digested as it is read and let
 * go; a file that is not one is an error naming it.
 */
export function readReports(dir: string): Promise<ReportDigest[]> {
  return readJsonFolder(dir, {
    select: (name) => name.endsWith('.json'),
    what: 'reports',
    expected: 'the output of `standards scan --format json`',
    accept(value) {
      const report = value as Report;
      if (!report || !Array.isArray(report.findings) || !report.summary || !report.context) throw new Error('not a standards report (no findings, summary and context)');
      return digestReport(report);
    },
  });
}

/** Writes index.html (self-contained) and data.json into `out`, from data already computed. */
export async function writeDashboard(out: string, data: DashboardData): Promise<string> {
  await mkdir(out, { recursive: true });
  const index = join(out, 'index.html');
  await writeFile(index, renderDashboard(data));
  await writeFile(join(out, 'data.json'), `${JSON.stringify(data, null, 2)}\n`);
  return index;
}

/** Computes the dashboard's data and writes it into `out`. */
export async function buildDashboard(out: string, input: { config: OrgConfig; standards: readonly Standard[]; exemptions: readonly Exemption[]; reports: readonly ReportDigest[]; today: string; history?: readonly ScanSummary[] }): Promise<{ index: string; data: DashboardData }> {
  const data = dashboardData(input);
  return { index: await writeDashboard(out, data), data };
}
