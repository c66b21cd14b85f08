import type { OrgConfig } from '../config.ts';
import type { Report } from '../engine/finding.ts';
import { proposeLink, standardLink } from '../engine/links.ts';
import { matchesGlob } from '../globs.ts';
import { exemptionRows, type ExemptionRow } from '../report/exemptions-table.ts';
import { addDays, type Exemption } from '../standards/exemptions.ts';
import type { Standard } from '../standards/standard.ts';
import type { ScanSummary } from './history.ts';
import { compareText } from '../text-order.ts';

/** An exemption's status, from the one function the CLI uses too (exemptionStatus). */
export type DashboardStatus = ExemptionRow['status'];

export interface DashboardRow extends ExemptionRow {
  /** A separate fact from the status: reports cover its repositories and none used it. */
  unused: boolean;
  /** Findings an expired exemption would still cover in the reports: expired, and still needed. */
  still_matching: number;
  team: string;
  links: { file: string; standard: string };
}

export interface DashboardData {
  organisation: string;
  generated: string;
  withReports: boolean;
  rows: DashboardRow[];
  mostExempted: { standard: string; title: string; exemptions: number; teams: number; propose: string; link: string }[];
  perTeam: { team: string; exemptions: number; active: number; expiring: number; expired: number }[];
  expiries: { month: string; count: number }[];
  pastReview: { standard: string; title: string; owner: string; review_by: string; link: string }[];
  compliance: { repository: string; fail: number; warn: number; info: number; exempted: number }[];
  divergence: { standard: string; title: string; findings: number; repositories: number; link: string }[];
  deprecatedLanguages: { language: string; files: number; repositories: number; sunset: string }[];
  /** What a lead looks at first; each entry links to the table, filtered. */
  triage: {
    expiringSoon: number;
    expiredStillUsed: number;
    pastReview: number;
    topStandardsByExemptions: { standard: string; title: string; count: number }[];
    topTeamsByExemptions: { team: string; count: number }[];
    topStandardsByDivergence: { standard: string; title: string; count: number }[];
    topTeamsByDivergence: { team: string; count: number }[];
  };
  /** Dated summaries of earlier org scans (standards dashboard --history), oldest first. */
  history: ScanSummary[];
}

/**
 * What the dashboard reads from one scan report: a few counts, whatever the report's size. Each
 * report is digested as it is read and then let go: holding every report of an org scan whole,
 * eight 119 MB reports took the command to 2.4 GiB (bench/RESULTS.md, sixteenth pass).
 */
export interface ReportDigest {
  repository: string;
  summary: Report['summary'];
  exemptions: Report['exemptions'];
  /** Findings per standard that count as divergence: neither exempted nor an exemption's own notice. */
  divergence: Record<string, number>;
  /** The language facts' deprecated languages: files left, and the sunset. */
  deprecatedLanguages: Record<string, { files: number; sunset: string }>;
}

/** A report's members other than its findings: what a digest takes besides their counts. */
export type ReportFrame = Omit<Report, 'findings'>;

/** Findings per standard, with no prototype: a report file's standard names are keys here, `__proto__` included. */
export function emptyDivergence(): Record<string, number> {
  return Object.create(null) as Record<string, number>;
}

/** Counts a finding toward its standard's divergence, unless it is exempted or an exemption's own notice. */
export function countDivergence(divergence: Record<string, number>, finding: Report['findings'][number]): void {
  if (finding.exemption || finding.message_id === 'exemption-expiring') return;
  divergence[finding.standard] = (divergence[finding.standard] ?? 0) + 1;
}

export function digestReport(report: Report): ReportDigest {
  const divergence = emptyDivergence();
  for (const finding of report.findings) countDivergence(divergence, finding);
  return digestFrame(report, divergence);
}

/** The digest of a report whose findings were counted into `divergence` as they were read. */
export function digestFrame(report: ReportFrame, divergence: Record<string, number>): ReportDigest {
  const deprecated = (report.facts?.language as { deprecated?: ReportDigest['deprecatedLanguages'] } | undefined)?.deprecated ?? {};
  return {
    repository: report.context.repository ?? '(unnamed)',
    summary: report.summary,
    exemptions: report.exemptions ?? { applied: [], expired: [], expiring: [], unused: [] },
    divergence,
    deprecatedLanguages: deprecated,
  };
}

/** Everything the dashboard shows, computed once so the page and data.json agree. */
export function dashboardData(options: { config: OrgConfig; standards: readonly Standard[]; exemptions: readonly Exemption[]; reports: readonly ReportDigest[]; today: string; history?: readonly ScanSummary[] }): DashboardData {
  const { config, standards, exemptions, reports, today } = options;
  const stillMatching = new Map<string, number>();
  for (const report of reports) for (const e of report.exemptions.expired) stillMatching.set(e.id, (stillMatching.get(e.id) ?? 0) + e.findings);
  const byId = new Map(standards.map((s) => [s.id, s]));
  const used = new Set(reports.flatMap((r) => [...r.exemptions.applied, ...r.exemptions.expired].map((e) => e.id)));
  const reported = reports.map((r) => r.repository);

  const rows: DashboardRow[] = exemptionRows(exemptions, standards, today, config.exemptions.warn_days).map((row) => {
    const covered = reported.some((repo) => row.repos.some((glob) => matchesGlob(repo, glob, { nocase: true })));
    const standard = byId.get(row.standard);
    return {
      ...row,
      unused: covered && !used.has(row.id),
      still_matching: stillMatching.get(row.id) ?? 0,
      team: row.requested_by ?? row.standard_owner,
      links: { file: `${config.repository.url}/blob/${config.repository.default_branch}/${row.file}`, standard: standard ? standardLink(config, standard) : '' },
    };
  });

  const grouped = new Map<string, DashboardRow[]>();
  for (const row of rows) grouped.set(row.standard, [...(grouped.get(row.standard) ?? []), row]);
  const mostExempted = [...grouped.entries()]
    .map(([id, list]) => ({
      standard: id,
      title: byId.get(id)?.title ?? '',
      exemptions: list.length,
      teams: new Set(list.map((r) => r.team)).size,
      propose: byId.get(id) ? proposeLink(config, byId.get(id)!) : '',
      link: byId.get(id) ? standardLink(config, byId.get(id)!) : '',
    }))
    .sort((a, b) => b.exemptions - a.exemptions || b.teams - a.teams || compareText(a.standard, b.standard));

  const teams = new Map<string, DashboardRow[]>();
  for (const row of rows) teams.set(row.team, [...(teams.get(row.team) ?? []), row]);
  const perTeam = [...teams.entries()]
    .map(([team, list]) => ({ team, exemptions: list.length, active: list.filter((r) => r.status === 'active').length, expiring: list.filter((r) => r.status === 'expiring').length, expired: list.filter((r) => r.status === 'expired').length }))
    .sort((a, b) => b.exemptions - a.exemptions || compareText(a.team, b.team));

  const expiries = Array.from({ length: 12 }, (_, i) => {
    const first = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 + i, 1)).toISOString().slice(0, 7);
    return { month: first, count: rows.filter((r) => r.expires.startsWith(first) && r.expires >= today && r.expires <= addDays(today, 366)).length };
  });

  const pastReview = standards
    .filter((s) => s.status !== 'superseded' && s.review_by < today)
    .map((s) => ({ standard: s.id, title: s.title, owner: s.owner, review_by: s.review_by, link: standardLink(config, s) }));

  const compliance = reports
    .map((r) => ({ repository: r.repository, fail: r.summary.fail, warn: r.summary.warn, info: r.summary.info, exempted: r.summary.exempted }))
    .sort((a, b) => b.fail - a.fail || b.warn - a.warn || compareText(a.repository, b.repository));

  const divergenceBy = new Map<string, { findings: number; repositories: Set<string> }>();
  for (const report of reports) {
    for (const [standard, findings] of Object.entries(report.divergence)) {
      const entry = divergenceBy.get(standard) ?? { findings: 0, repositories: new Set<string>() };
      entry.findings += findings;
      entry.repositories.add(report.repository);
      divergenceBy.set(standard, entry);
    }
  }
  const divergence = [...divergenceBy.entries()]
    .map(([id, entry]) => ({ standard: id, title: byId.get(id)?.title ?? '', findings: entry.findings, repositories: entry.repositories.size, link: byId.get(id) ? standardLink(config, byId.get(id)!) : '' }))
    .sort((a, b) => b.findings - a.findings || compareText(a.standard, b.standard));

  const languages = new Map<string, { files: number; repositories: number; sunset: string }>();
  for (const report of reports) {
    for (const [language, { files, sunset }] of Object.entries(report.deprecatedLanguages)) {
      const entry = languages.get(language) ?? { files: 0, repositories: 0, sunset };
      entry.files += files;
      if (files) entry.repositories++;
      languages.set(language, entry);
    }
  }
  const deprecatedLanguages = [...languages.entries()].map(([language, entry]) => ({ language, ...entry })).sort((a, b) => b.files - a.files);

  // Divergence per team: findings of the standards each team owns.
  const divergenceByTeam = new Map<string, number>();
  for (const d of divergence) {
    const owner = byId.get(d.standard)?.owner;
    if (owner) divergenceByTeam.set(owner, (divergenceByTeam.get(owner) ?? 0) + d.findings);
  }
  const triage = {
    expiringSoon: rows.filter((r) => r.status === 'expiring').length,
    expiredStillUsed: rows.filter((r) => r.status === 'expired' && r.still_matching > 0).length,
    pastReview: pastReview.length,
    topStandardsByExemptions: mostExempted.slice(0, 5).map((m) => ({ standard: m.standard, title: m.title, count: m.exemptions })),
    topTeamsByExemptions: perTeam.slice(0, 5).map((t) => ({ team: t.team, count: t.exemptions })),
    topStandardsByDivergence: divergence.slice(0, 5).map((d) => ({ standard: d.standard, title: d.title, count: d.findings })),
    topTeamsByDivergence: [...divergenceByTeam.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).slice(0, 5).map(([team, count]) => ({ team, count })),
  };
  const history = [...(options.history ?? [])].sort((a, b) => compareText(a.date, b.date));
  return { organisation: config.organisation, generated: today, withReports: reports.length > 0, rows, mostExempted, perTeam, expiries, pastReview, compliance, divergence, deprecatedLanguages, triage, history };
}
