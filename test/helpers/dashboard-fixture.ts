// Generated, deterministic data for the dashboard: 40 exemptions over this repository's real
// standards and teams, scan reports of 20 repositories, and 12 weekly history points. The
// exemptions are valid files (approved by a maintainer of the standard's owner team), so the
// CLI and the page can be compared on them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Report } from '../../src/engine/finding.ts';
import type { ScanSummary } from '../../src/dashboard/history.ts';
import { addDays } from '../../src/standards/exemptions.ts';
import type { Trusted } from '../../src/standards/trusted.ts';

export const FIXTURE_TODAY = '2026-11-26';
export const REPOSITORIES = Array.from({ length: 20 }, (_, i) => `acme/service-${String(i + 1).padStart(2, '0')}`);

export interface FixtureExemption {
  id: string;
  standard: string;
  repos: string[];
  paths?: string[];
  reason: string;
  requested_by: string;
  approved_by: string;
  created: string;
  expires: string;
}

/** 40 exemptions: 8 expired, 12 expiring within 30 days, 20 active; spread over standards, teams and repositories. */
export function fixtureExemptions(trusted: Pick<Trusted, 'standards' | 'teams'>): FixtureExemption[] {
  const standards = trusted.standards.filter((s) => s.status === 'active' && (trusted.teams.get(s.owner)?.maintainers.length ?? 0) > 0);
  const requesters = ['@acme/payments', '@acme/billing', '@acme/platform-guild', '@acme/sre'];
  return Array.from({ length: 40 }, (_, i) => {
    const standard = standards[(i * 7) % standards.length]!;
    const expires = i < 8 ? addDays(FIXTURE_TODAY, -(i + 1) * 5) : i < 20 ? addDays(FIXTURE_TODAY, 1 + (i - 8) * 2) : addDays(FIXTURE_TODAY, 40 + (i - 20) * 12);
    return {
      id: `EX-${String(i + 1).padStart(4, '0')}`,
      standard: standard.id,
      repos: [REPOSITORIES[i % 20]!],
      ...(i % 3 === 0 ? { paths: [`legacy-${i}/**`] } : {}),
      reason: `Generated exemption ${i + 1}: the migration is planned for next quarter.`,
      requested_by: requesters[i % requesters.length]!,
      approved_by: trusted.teams.get(standard.owner)!.maintainers[0]!,
      created: addDays(expires, -200),
      expires,
    };
  });
}

/** Writes the exemptions as files into a standards checkout's exemptions/ folder. */
export function writeExemptions(standardsDir: string, exemptions: FixtureExemption[]): void {
  mkdirSync(join(standardsDir, 'exemptions'), { recursive: true });
  for (const e of exemptions) writeFileSync(join(standardsDir, 'exemptions', `${e.id}.yaml`), stringify(e));
}

/** Scan reports of the 20 repositories: the odd exemptions are used; expired ones still match findings in their repository. */
export function fixtureReports(exemptions: FixtureExemption[]): Report[] {
  return REPOSITORIES.map((repository, r) => {
    const mine = exemptions.filter((e) => e.repos.includes(repository));
    const expired = mine.filter((e) => e.expires < FIXTURE_TODAY);
    const applied = mine.filter((e) => e.expires >= FIXTURE_TODAY && Number(e.id.slice(3)) % 2 === 1);
    const fail = (r * 3) % 7;
    return {
      verdict: fail ? 'fail' : 'pass',
      summary: { fail, warn: r % 4, info: 0, exempted: applied.length, pre_existing: 0 },
      findings: Array.from({ length: fail }, (_, i) => ({ standard: ['STD-0003', 'STD-0012', 'STD-0016'][i % 3] }) as Report['findings'][number]),
      skipped: [],
      facts: { language: { files: { PHP: r % 5 }, deprecated: { PHP: { files: r % 5, sunset: '2027-06-30', standard: 'STD-0010' } } } },
      exemptions: {
        applied: applied.map((e) => ({ id: e.id, standard: e.standard, findings: 1 })),
        expired: expired.map((e) => ({ id: e.id, standard: e.standard, expired_on: e.expires, findings: 2 })),
        expiring: [],
        unused: [],
      },
      notices: [],
      context: { mode: 'scan', repository, base: 'empty tree', head: 'HEAD', date: FIXTURE_TODAY, standards: 19 },
    } as Report;
  });
}

/** 12 weekly summaries up to today: divergence falls, PHP burns down, exemptions come and go. */
export function fixtureHistory(): ScanSummary[] {
  return Array.from({ length: 12 }, (_, w) => {
    const date = addDays(FIXTURE_TODAY, -(11 - w) * 7);
    return {
      version: 1,
      date,
      repositories: Object.fromEntries(REPOSITORIES.map((repo, r) => [repo, { fail: Math.max(0, ((r * 3) % 7) + 11 - w - 8), warn: r % 4, info: 0, exempted: 1 }])),
      standards: { 'STD-0003': { findings: 40 - w * 3, repositories: 12 }, 'STD-0012': { findings: 25 - w, repositories: 9 }, 'STD-0016': { findings: 18 + (w % 3), repositories: 7 } },
      teams: { '@acme/payments': { exemptions: 10 + (w % 2) } },
      languages: { PHP: { files: 80 - w * 5, repositories: 8, sunset: '2027-06-30' } },
      exemptions: { active: 18 + (w % 3), expiring: 10, expired: 6 + Math.floor(w / 4), unused: 3, expired_still_used: 2 },
    } satisfies ScanSummary;
  });
}
