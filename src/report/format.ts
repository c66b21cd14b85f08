import type { Finding, Report } from '../engine/finding.ts';

export const SEVERITY_LABEL = { fail: 'failing', warn: 'warning', info: 'info' } as const;

export function location(finding: Pick<Finding, 'file' | 'line'>): string {
  if (!finding.file) return '';
  return finding.line ? `${finding.file}:${finding.line}` : finding.file;
}

/**
 * A count with its thousands grouped, as `toLocaleString('en')` writes it (25,000), without
 * starting ICU's number formatter: its first call took about 20 ms of a run that prints a
 * handful of counts (bench/RESULTS.md, fourteenth pass).
 */
export function groupDigits(count: number): string {
  return Number.isSafeInteger(count) ? String(count).replace(/\B(?=(\d{3})+$)/g, ',') : count.toLocaleString('en');
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${groupDigits(count)} ${count === 1 ? one : many}`;
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

/** Findings of one standard at one severity, in report order: what every grouped output prints under one heading. */
export interface StandardGroup {
  standard: string;
  title: string;
  severity: Finding['severity'];
  remediation: string;
  links: Pick<Finding['links'], 'standard' | 'propose'>;
  findings: Finding[];
}

/** Consecutive findings of the same standard and severity, grouped; the order is the report's. */
export function byStandard(findings: readonly Finding[]): StandardGroup[] {
  const out: StandardGroup[] = [];
  for (const finding of findings) {
    const last = out.at(-1);
    if (last && last.standard === finding.standard && last.severity === finding.severity) last.findings.push(finding);
    else out.push({ standard: finding.standard, title: finding.title, severity: finding.severity, remediation: finding.remediation, links: finding.links, findings: [finding] });
  }
  return out;
}

/** "2 failing, 3 warnings" for a slice of findings (those left out of a budgeted output). */
export function countLine(findings: readonly Finding[]): string {
  const fail = findings.filter((f) => f.severity === 'fail' && !f.pre_existing && !f.exemption).length;
  const warn = findings.filter((f) => f.severity === 'warn' && !f.pre_existing && !f.exemption).length;
  const other = findings.length - fail - warn;
  return [fail ? `${groupDigits(fail)} failing` : '', warn ? plural(warn, 'warning') : '', other ? `${groupDigits(other)} other` : ''].filter(Boolean).join(', ');
}

/**
 * Lines as pieces to write, each with its newline: a report of tens of thousands of findings
 * goes out as it is made, never as one text (bench/RESULTS.md, sixteenth pass).
 */
export function* piecesOfLines(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}
