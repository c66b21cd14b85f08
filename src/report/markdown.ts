import type { Finding, Report } from '../engine/finding.ts';
import { firstParagraph, groups, location, summaryLine } from './format.ts';

const EMOJI = { fail: '❌', warn: '⚠️', info: 'ℹ️' } as const;

/** Escapes text for a GitHub Markdown table cell. */
export function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .split(/\r?\n/)
    .map((line, i) => (i === 0 ? line : line.replace(/^ +/, (spaces) => '&nbsp;'.repeat(spaces.length))))
    .join('<br>');
}

function code(text: string): string {
  return text ? `<code>${cell(text).replace(/`/g, '&#96;')}</code>` : '';
}

export function linksCell(finding: Finding): string {
  const { standard, propose, exemption } = finding.links;
  return `[why](${standard}) · [propose a change](${propose}) · [request an exemption](${exemption})`;
}

function table(findings: Finding[]): string[] {
  return [
    '| | Standard | Where | Finding | How to fix | Links |',
    '|---|---|---|---|---|---|',
    ...findings.map((f) => {
      const exemption = f.exemption ? ` _(exempted by ${cell(f.exemption.id)} until ${f.exemption.expires})_` : '';
      return `| ${EMOJI[f.severity]} | [${f.standard}](${f.links.standard}) ${cell(f.title)} | ${code(location(f))} | ${cell(f.message)}${exemption} | ${cell(firstParagraph(f.remediation))} | ${linksCell(f)} |`;
    }),
  ];
}

/** A pull-request comment body: verdict, one table, and the context collapsed. */
export function renderMarkdown(report: Report, options: { proposalProcess?: string } = {}): string {
  const g = groups(report);
  const icon = report.verdict === 'fail' ? '❌' : g.warn.length ? '⚠️' : '✅';
  const out = [`## ${icon} Standards: ${report.verdict === 'fail' ? 'failing' : 'passing'}`, '', summaryLine(report), ''];
  for (const notice of report.notices) out.push(`> **Note:** ${cell(notice)}`, '');
  const current = [...g.fail, ...g.warn, ...g.info];
  if (current.length) out.push(...table(current), '');
  else out.push('No findings: this change meets every standard that applies to it.', '');
  const details = (summary: string, findings: Finding[]) => {
    if (findings.length) out.push(`<details><summary>${summary} (${findings.length})</summary>`, '', ...table(findings), '', '</details>', '');
  };
  details('Exempted', g.exempted);
  details('Pre-existing: already true at base, not failing this change', g.preExisting);
  if (report.skipped.length) {
    out.push(`<details><summary>Not evaluated (${report.skipped.length})</summary>`, '');
    for (const s of report.skipped) out.push(`- **${s.standard}** ${cell(s.title)}: ${cell(s.reason)}`);
    out.push('', '</details>', '');
  }
  const footer = [`Checked ${report.context.standards} standards on ${report.context.date}`];
  if (options.proposalProcess) footer.push(`disagree with a standard? [propose a change](${options.proposalProcess})`);
  out.push(`<sub>${footer.join(' · ')}</sub>`);
  return `${out.join('\n')}\n`;
}
