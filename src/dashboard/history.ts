// The org scan's history: one compact, dated summary per scan (a few KB, whatever the number of
// findings), kept in git between runs. The dashboard plots them as lines over time: divergence
// per standard, files left in each deprecated language against its sunset date, and active
// exemptions.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DashboardData } from './data.ts';
import { readJsonFolder } from './json-folder.ts';

export interface ScanSummary {
  version: 1;
  /** YYYY-MM-DD of the scan. */
  date: string;
  repositories: Record<string, { fail: number; warn: number; info: number; exempted: number }>;
  standards: Record<string, { findings: number; repositories: number }>;
  teams: Record<string, { exemptions: number }>;
  languages: Record<string, { files: number; repositories: number; sunset: string }>;
  exemptions: { active: number; expiring: number; expired: number; unused: number; expired_still_used: number };
}

/** Today's summary, from the same data the page shows. */
export function summarise(data: DashboardData): ScanSummary {
  const count = (status: string) => data.rows.filter((r) => r.status === status).length;
  return {
    version: 1,
    date: data.generated,
    repositories: Object.fromEntries(data.compliance.map((c) => [c.repository, { fail: c.fail, warn: c.warn, info: c.info, exempted: c.exempted }])),
    standards: Object.fromEntries(data.divergence.map((d) => [d.standard, { findings: d.findings, repositories: d.repositories }])),
    teams: Object.fromEntries(data.perTeam.map((t) => [t.team, { exemptions: t.exemptions }])),
    languages: Object.fromEntries(data.deprecatedLanguages.map((l) => [l.language, { files: l.files, repositories: l.repositories, sunset: l.sunset }])),
    exemptions: { active: count('active'), expiring: count('expiring'), expired: count('expired'), unused: data.rows.filter((r) => r.unused).length, expired_still_used: data.triage.expiredStillUsed },
  };
}

const DATE_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;

/** Writes `DIR/YYYY-MM-DD.json`; a second scan on the same day replaces the first. */
export async function recordSummary(dir: string, summary: ScanSummary): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${summary.date}.json`);
  await writeFile(file, `${JSON.stringify(summary)}\n`);
  return file;
}

/** Every summary in a history folder, oldest first; a file that is not one is an error naming it. */
export function readHistory(dir: string): Promise<ScanSummary[]> {
  return readJsonFolder(dir, {
    select: (name) => DATE_FILE.test(name),
    what: 'history',
    expected: 'what `standards dashboard --record` writes',
    missingIsEmpty: true,
    accept(value, name) {
      const summary = value as ScanSummary;
      const date = DATE_FILE.exec(name)![1];
      if (summary?.version !== 1 || summary.date !== date || typeof summary.standards !== 'object' || typeof summary.exemptions !== 'object') throw new Error(`not a version 1 scan summary dated ${date}`);
      return summary;
    },
  });
}
