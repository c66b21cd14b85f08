import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OrgConfig } from '../config.ts';
import type { Report } from '../engine/finding.ts';
import type { Exemption } from '../standards/exemptions.ts';
import type { Standard } from '../standards/standard.ts';
import { dashboardData, digestFrame, digestReport, type DashboardData, type ReportDigest } from './data.ts';
import type { ScanSummary } from './history.ts';
import { renderDashboard } from './html.ts';
import { readJsonFolder } from './json-folder.ts';
import { streamReport } from './report-stream.ts';

/**
 * Above this size a report is read as it streams in (report-stream.ts), not parsed whole: the
 * whole parse holds about three times the file's size, and Node cannot hold a text of more than
 * 512 MB at all. Up to 128 MB the whole parse peaks near 450 MB and is twice as fast; the stream
 * holds about 100 MB whatever the size.
 */
export const STREAM_REPORTS_OVER = 128 * 1024 * 1024;

/** The value read from a file of the reports folder, as a report; throws when it is not one. */
function asReport(value: unknown): Report {
  const report = value as Report | null;
  if (!report || !Array.isArray(report.findings) || !report.summary || !report.context) throw new Error('not a standards report (no findings, summary and context)');
  return report;
}

/**
 * Reads a folder of `standards scan --format json` reports, each digested as it is read and let
 * go; a file that is not one is an error naming it. `streamOver` is for tests.
 */
export function readReports(dir: string, streamOver = STREAM_REPORTS_OVER): Promise<ReportDigest[]> {
  return readJsonFolder(dir, {
    select: (name) => name.endsWith('.json'),
    what: 'reports',
    expected: 'the output of `standards scan --format json`',
    accept: (value) => digestReport(asReport(value)),
    large: {
      over: streamOver,
      async read(file) {
        const { frame, divergence } = await streamReport(file);
        return digestFrame(asReport(frame), divergence);
      },
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
