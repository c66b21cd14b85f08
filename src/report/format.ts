import type { Finding, Report } from '../engine/finding.ts';

export const SEVERITY_LABEL = { fail: 'failing', warn: 'warning', info: 'info' } as const;

export function location(finding: Pick<Finding, 'file' | 'line'>): string {
  if (!finding.file) return '';
  return finding.line ? `${finding.file}:${finding.line}` : finding.file;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "2 failing, 1 warning, 3 exempted" — the one-line summary every reporter opens with. */
export function summaryLine(report: Report): string {
  const { fail, warn, info, exempted, pre_existing } = report.summary;
  const parts = [`${fail} failing`, plural(warn, 'warning'), `${info} info`];
  if (exempted) parts.push(`${exempted} exempted`);
  if (pre_existing) parts.push(`${pre_existing} pre-existing`);
  return parts.join(', ');
}

/** The first paragraph of a Markdown text, on one line: enough for a terminal or a table cell. */
export function firstParagraph(markdown: string): string {
  return markdown.trim().split(/\n\s*\n/)[0]!.replace(/\s*\n\s*/g, ' ');
}

/** Findings in the order people read them: what fails, what warns, then context. */
export function groups(report: Report) {
  const active = report.findings.filter((f) => !f.pre_existing && !f.exemption);
  return {
    fail: active.filter((f) => f.severity === 'fail'),
    warn: active.filter((f) => f.severity === 'warn'),
    info: active.filter((f) => f.severity === 'info'),
    exempted: report.findings.filter((f) => f.exemption),
    preExisting: report.findings.filter((f) => f.pre_existing && !f.exemption),
  };
}
