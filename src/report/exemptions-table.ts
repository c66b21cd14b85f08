import { daysLeft, exemptionStatus, type Exemption, type ExemptionStatus } from '../standards/exemptions.ts';
import type { Standard } from '../standards/standard.ts';
import { compareText } from '../text-order.ts';

export interface ExemptionRow {
  id: string;
  standard: string;
  standard_title: string;
  standard_owner: string;
  status: ExemptionStatus;
  days_left: number;
  repos: string[];
  paths: string[] | null;
  requested_by: string | null;
  approved_by: string;
  created: string;
  expires: string;
  reason: string;
  ticket: string | null;
  file: string;
}

export interface ExemptionFilter {
  team?: string;
  standard?: string;
  status?: ExemptionStatus;
}

/** Exemptions as rows with their status on `today`, soonest expiry first. */
export function exemptionRows(exemptions: readonly Exemption[], standards: readonly Standard[], today: string, warnDays: number): ExemptionRow[] {
  const byId = new Map(standards.map((s) => [s.id, s]));
  return exemptions
    .map((e) => ({
      id: e.id,
      standard: e.standard,
      standard_title: byId.get(e.standard)?.title ?? '',
      standard_owner: byId.get(e.standard)?.owner ?? '',
      status: exemptionStatus(e, today, warnDays),
      days_left: daysLeft(e, today),
      repos: e.repos,
      paths: e.paths ?? null,
      requested_by: e.requested_by ?? null,
      approved_by: e.approved_by,
      created: e.created,
      expires: e.expires,
      reason: e.reason.trim(),
      ticket: e.ticket ?? null,
      file: e.file,
    }))
    .sort((a, b) => compareText(a.expires, b.expires) || compareText(a.id, b.id));
}

/** A team filter matches the requesting team or the standard's owner team. */
export function filterRows(rows: readonly ExemptionRow[], filter: ExemptionFilter): ExemptionRow[] {
  const team = filter.team?.toLowerCase();
  return rows.filter(
    (row) =>
      (!team || row.requested_by?.toLowerCase() === team || row.standard_owner.toLowerCase() === team) &&
      (!filter.standard || row.standard.toLowerCase() === filter.standard.toLowerCase()) &&
      (!filter.status || row.status === filter.status),
  );
}

function pad(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}

/** The reason needs at least this many columns to say anything; narrower, the table turns into one block per exemption. */
const MIN_REASON_WIDTH = 20;

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text);

/**
 * The terminal view of `standards exemptions`, fitted to `width` columns. A table where it fits
 * (the reason takes what the other columns leave); on a narrower terminal, one block of short
 * labelled lines per exemption, so nothing is lost off the right edge.
 */
export function renderExemptionsText(rows: readonly ExemptionRow[], total: number, width = 160): string {
  if (!rows.length) return `No exemptions match (${total} in all).\n`;
  const header = ['ID', 'STANDARD', 'STATUS', 'EXPIRES', 'DAYS', 'REPOS', 'PATHS', 'TEAM', 'APPROVER'];
  const cells = rows.map((r) => [r.id, r.standard, r.status, r.expires, String(r.days_left), shorten(r.repos.join(','), 24), shorten(paths(r), 24), r.requested_by ?? '-', r.approved_by]);
  const used = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length))).reduce((sum, w) => sum + w + 2, 0);
  const lines = width - used >= MIN_REASON_WIDTH ? pad([[...header, 'REASON'], ...rows.map((r, i) => [...cells[i]!, shorten(oneLine(r.reason), width - used)])]) : blocks(rows, width);
  const counts = (['active', 'expiring', 'expired'] as const).map((status) => `${rows.filter((r) => r.status === status).length} ${status}`).join(', ');
  return `${lines.join('\n')}\n\n${rows.length} of ${total} exemptions: ${counts}\n`;
}

const paths = (row: ExemptionRow) => row.paths?.join(',') ?? '(all)';
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

function blocks(rows: readonly ExemptionRow[], width: number): string[] {
  const labelled = (label: string, value: string) => shorten(`  ${label.padEnd(9)}${value}`, width);
  return rows.flatMap((r, i) => [
    ...(i ? [''] : []),
    shorten(`${r.id}  ${r.standard}  ${r.status}  ${r.expires} (${r.days_left} days)`, width),
    labelled('repos', r.repos.join(',')),
    labelled('paths', paths(r)),
    labelled('team', r.requested_by ?? '-'),
    labelled('approver', r.approved_by),
    labelled('reason', oneLine(r.reason)),
  ]);
}
