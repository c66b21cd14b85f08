import type { Finding, Report } from '../engine/finding.ts';
import { firstParagraph, groups, location, summaryLine } from './format.ts';

type Paint = (code: string, text: string) => string;

const ICON = { fail: '✖', warn: '⚠', info: 'ℹ' } as const;
const COLOUR = { fail: '31', warn: '33', info: '36' } as const;

function renderFinding(finding: Finding, paint: Paint, tag?: string): string[] {
  const where = location(finding);
  const head = `${paint(COLOUR[finding.severity], ICON[finding.severity])} ${paint('1', finding.standard)} ${finding.title}${tag ? paint('2', ` [${tag}]`) : ''}`;
  const message = finding.message.replace(/\n/g, '\n    ');
  const lines = [`  ${head}`, `    ${where ? `${paint('4', where)}: ` : ''}${message}`];
  if (finding.exemption) lines.push(`    exempted by ${finding.exemption.id}, approved by ${finding.exemption.approved_by}, until ${finding.exemption.expires}`);
  lines.push(`    how to fix: ${firstParagraph(finding.remediation)}`);
  lines.push(`    ${paint('2', 'why:')}                  ${finding.links.standard}`);
  lines.push(`    ${paint('2', 'propose a change:')}     ${finding.links.propose}`);
  lines.push(`    ${paint('2', 'request an exemption:')} ${finding.links.exemption}`);
  return lines;
}

/** Terminal output grouped by severity; colour only when the caller says the stream is a TTY. */
export function renderText(report: Report, options: { color: boolean }): string {
  const paint: Paint = options.color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
  const g = groups(report);
  const out: string[] = [];
  const verdict = report.verdict === 'fail' ? paint('1;31', 'FAIL') : paint('1;32', 'PASS');
  const where = [report.context.repository, report.context.mode === 'scan' ? `scan of ${report.context.head}` : `${report.context.base} → ${report.context.head}`].filter(Boolean).join(', ');
  out.push(`standards: ${verdict}: ${summaryLine(report)} (${report.context.standards} standards; ${where})`);
  for (const notice of report.notices) out.push(paint('33', `note: ${notice}`));

  const section = (title: string, findings: Finding[], tag?: string) => {
    if (!findings.length) return;
    out.push('', paint('1', `${title} (${findings.length})`));
    for (const finding of findings) out.push(...renderFinding(finding, paint, tag), '');
    out.pop();
  };
  section('Failing', g.fail);
  section('Warnings', g.warn);
  section('Info', g.info);
  section('Exempted', g.exempted, 'exempted');
  section('Pre-existing (already true at base; does not fail this change)', g.preExisting, 'pre-existing');

  if (report.skipped.length) {
    out.push('', paint('2', 'Not evaluated:'));
    for (const s of report.skipped) out.push(paint('2', `  ${s.standard} ${s.title}: ${s.reason}`));
  }
  if (!report.findings.length) out.push('', 'No findings: this change meets every standard that applies to it.');
  return `${out.join('\n')}\n`;
}
