import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OrgConfig } from '../config.ts';
import { ConfigError, type Diagnostic } from '../diagnostics.ts';
import type { Report } from '../engine/finding.ts';
import type { Exemption } from '../standards/exemptions.ts';
import type { Standard } from '../standards/standard.ts';
import { dashboardData, type DashboardData } from './data.ts';
import type { ScanSummary } from './history.ts';
import { renderDashboard } from './html.ts';

/** Reads a folder of `standards scan --format json` reports; a file that is not one is an error naming it. */
export async function readReports(dir: string): Promise<Report[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch {
    throw new ConfigError([{ file: dir, line: 1, column: 1, field: '', message: 'cannot read this reports folder' }]);
  }
  const reports: Report[] = [];
  const problems: Diagnostic[] = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      const report = JSON.parse(await readFile(file, 'utf8')) as Report;
      if (!report || !Array.isArray(report.findings) || !report.summary || !report.context) throw new Error('not a standards report (no findings, summary and context)');
      report.exemptions ??= { applied: [], expired: [], expiring: [], unused: [] };
      report.facts ??= {};
      reports.push(report);
    } catch (error) {
      problems.push({ file, line: 1, column: 1, field: '', message: `${(error as Error).message}; expected the output of \`standards scan --format json\`` });
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return reports;
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
export async function buildDashboard(out: string, input: { config: OrgConfig; standards: readonly Standard[]; exemptions: readonly Exemption[]; reports: readonly Report[]; today: string; history?: readonly ScanSummary[] }): Promise<{ index: string; data: DashboardData }> {
  const data = dashboardData(input);
  return { index: await writeDashboard(out, data), data };
}
