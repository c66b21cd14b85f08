import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  daysLeft,
  exemptionStatus
} from "./chunk-EK3ESDIM.js";

// src/report/exemptions-table.ts
function exemptionRows(exemptions, standards, today, warnDays) {
  const byId = new Map(standards.map((s) => [s.id, s]));
  return exemptions.map((e) => ({
    id: e.id,
    standard: e.standard,
    standard_title: byId.get(e.standard)?.title ?? "",
    standard_owner: byId.get(e.standard)?.owner ?? "",
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
    file: e.file
  })).sort((a, b) => a.expires.localeCompare(b.expires) || a.id.localeCompare(b.id));
}
function filterRows(rows, filter) {
  const team = filter.team?.toLowerCase();
  return rows.filter(
    (row) => (!team || row.requested_by?.toLowerCase() === team || row.standard_owner.toLowerCase() === team) && (!filter.standard || row.standard.toLowerCase() === filter.standard.toLowerCase()) && (!filter.status || row.status === filter.status)
  );
}
function pad(cells) {
  const widths = cells[0].map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells.map((row) => row.map((cell, i) => i === row.length - 1 ? cell : cell.padEnd(widths[i])).join("  ").trimEnd());
}
function renderExemptionsText(rows, total) {
  if (!rows.length) return `No exemptions match (${total} in all).
`;
  const shorten = (text, max) => text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
  const table = pad([
    ["ID", "STANDARD", "STATUS", "EXPIRES", "DAYS", "REPOS", "PATHS", "TEAM", "APPROVER", "REASON"],
    ...rows.map((r) => [r.id, r.standard, r.status, r.expires, String(r.days_left), r.repos.join(","), r.paths?.join(",") ?? "(all)", r.requested_by ?? "-", r.approved_by, shorten(r.reason.replace(/\s+/g, " "), 60)])
  ]);
  const counts = ["active", "expiring", "expired"].map((status) => `${rows.filter((r) => r.status === status).length} ${status}`).join(", ");
  return `${table.join("\n")}

${rows.length} of ${total} exemptions: ${counts}
`;
}

export {
  exemptionRows,
  filterRows,
  renderExemptionsText
};
