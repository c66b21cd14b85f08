import type { Finding, Report } from '../engine/finding.ts';
import { byStandard, countLine, firstParagraph, groups, location, plural, summaryLine, type StandardGroup } from './format.ts';
import { authoredInline, codeSpan, markdownCodeBlock, markdownInline, terminalSafe } from './untrusted.ts';

const EMOJI = { fail: '❌', warn: '⚠️', info: 'ℹ️' } as const;

/**
 * GitHub's limits, as its REST API documents them: an issue comment and a check run's
 * output.summary or output.text. The documentation says characters, but GitHub counts bytes in
 * practice (github/rest-api-description#5399), so callers budget this many bytes.
 */
export const COMMENT_LIMIT = 65_535;
/** A job step's summary ($GITHUB_STEP_SUMMARY), in bytes. */
export const STEP_SUMMARY_LIMIT = 1_048_576;

export interface MarkdownBudget {
  /** The most the body may hold: characters, as GitHub counts a comment, or bytes, as it counts a step summary. */
  limit: number;
  unit: 'chars' | 'bytes';
  /** Where the findings left out can be read, for the closing note: "the check run". */
  elsewhere: string;
}

export interface MarkdownOptions {
  proposalProcess?: string;
  budget?: MarkdownBudget;
  /** A "request an exemption" link covering several of a standard's paths; without it, a group links its first finding's. */
  exemptionLink?: (standard: string, paths: string[]) => string;
  /** Text before the body that counts against the budget too, such as the App's hidden marker. */
  prefix?: string;
}

/** Escapes text for a GitHub Markdown table cell (the exemptions table and STANDARDS.md). */
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

/** One finding as a list item: where, the message's first line, then any snippet as a code block. */
function findingItem(finding: Finding): string {
  const [first = '', ...rest] = finding.message.split('\n');
  const where = location(finding);
  const exemption = finding.exemption ? ` _(exempted by ${markdownInline(finding.exemption.id)} until ${finding.exemption.expires}, approved by ${markdownInline(finding.exemption.approved_by)})_` : '';
  // A message's `quoted` parts (a CODEOWNERS line, the YAML key to add) become code spans.
  const lines = [`- ${where ? `${codeSpan(terminalSafe(where))}: ` : ''}${authoredInline(first)}${exemption}`];
  if (rest.length) lines.push('', markdownCodeBlock(rest.map((line) => line.replace(/^ {4}/, '')).join('\n'), '  '));
  return lines.join('\n');
}

function groupHeading(group: StandardGroup, exemptionLink: MarkdownOptions['exemptionLink']): string {
  const paths = [...new Set(group.findings.map((f) => f.file).filter((f): f is string => f !== null))];
  const exemption = exemptionLink ? exemptionLink(group.standard, paths) : group.findings[0]!.links.exemption;
  return [
    `### ${EMOJI[group.severity]} ${group.standard} · ${markdownInline(group.title)}${group.findings.length > 1 ? ` (${group.findings.length})` : ''}`,
    '',
    `**How to fix:** ${authoredInline(firstParagraph(group.remediation))}`,
    '',
    `[Why](${group.links.standard}) · [Propose a change](${group.links.propose}) · [Request an exemption](${exemption})`,
    '',
  ].join('\n');
}

/** Adds blocks while they fit the budget; what does not fit is counted, never cut in half. */
class Budgeted {
  private readonly blocks: string[] = [];
  private used = 0;
  readonly left: Finding[] = [];

  constructor(
    private readonly budget: MarkdownBudget | undefined,
    private readonly reserve: number,
  ) {}

  private size(text: string): number {
    return this.budget?.unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : text.length;
  }

  /** Adds `text` (with the newline after it) if it fits; once something has not fitted, nothing more is added. */
  add(text: string, findings: readonly Finding[] = []): boolean {
    const size = this.size(text) + 1;
    if (this.left.length || (this.budget && this.used + size + this.reserve > this.budget.limit)) {
      for (const finding of findings) this.left.push(finding);
      return false;
    }
    this.blocks.push(text);
    this.used += size;
    return true;
  }

  /** The closing blocks, always added: their room was reserved. */
  close(text: string): void {
    this.blocks.push(text);
  }

  text(): string {
    return `${this.blocks.join('\n')}\n`;
  }
}

/**
 * A pull-request comment, check-run summary or step summary: the verdict, then each standard's
 * findings under one heading with its how-to-fix and links, failing first; exempted and
 * pre-existing findings collapsed. Within a budget, whole findings are dropped from the end and a
 * closing note says how many, and where to read them. Everything from the pull request or the
 * rules is made inert (no links, images, mentions or HTML from it render).
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const g = groups(report);
  const icon = report.verdict === 'fail' ? '❌' : g.warn.length ? '⚠️' : '✅';
  const footerParts = [`Checked ${plural(report.context.standards, 'standard')} on ${report.context.date}`];
  if (options.proposalProcess) footerParts.push(`disagree with a standard? [propose a change](${options.proposalProcess})`);
  const footer = `<sub>${footerParts.join(' · ')}</sub>`;
  // Room for the footer and the longest closing note, whatever is dropped.
  const reserve = footer.length * 4 + 400 + (options.budget?.elsewhere.length ?? 0) * 4;
  const out = new Budgeted(options.budget ? { ...options.budget, limit: options.budget.limit - (options.prefix ? (options.budget.unit === 'bytes' ? Buffer.byteLength(options.prefix) : options.prefix.length) : 0) } : undefined, reserve);

  out.add([`## ${icon} Standards: ${report.verdict === 'fail' ? 'failing' : 'passing'}`, '', `**${summaryLine(report)}**`, ''].join('\n'));
  for (const notice of report.notices) out.add(`> **Note:** ${markdownInline(notice)}\n`);

  const current = [...g.fail, ...g.warn, ...g.info];
  if (!current.length) out.add('No findings: this change meets every standard that applies to it.\n');
  for (const group of byStandard(current)) {
    if (!out.add(groupHeading(group, options.exemptionLink), group.findings.slice(0, 1))) {
      out.add('', group.findings.slice(1));
      continue;
    }
    for (const finding of group.findings) out.add(findingItem(finding), [finding]);
    out.add('');
  }

  const collapsed = (summary: string, findings: Finding[]) => {
    if (!findings.length) return;
    if (!out.add(`<details><summary>${summary} (${findings.length})</summary>\n`, findings.slice(0, 1))) {
      out.add('', findings.slice(1));
      return;
    }
    for (const group of byStandard(findings)) {
      out.add(`**${group.standard}** ${markdownInline(group.title)}\n`);
      for (const finding of group.findings) out.add(findingItem(finding), [finding]);
      out.add('');
    }
    out.close('</details>\n');
  };
  collapsed('Exempted', g.exempted);
  collapsed('Pre-existing: already true at base, not failing this change', g.preExisting);
  if (report.skipped.length) {
    out.add([`<details><summary>Not evaluated (${report.skipped.length})</summary>`, '', ...report.skipped.map((s) => `- **${s.standard}** ${markdownInline(s.title)}: ${markdownInline(s.reason)}`), '', '</details>', ''].join('\n'));
  }
  if (out.left.length) out.close(`**…and ${plural(out.left.length, 'more finding')} (${countLine(out.left)}) that did not fit here: see ${options.budget!.elsewhere}.**\n`);
  out.close(footer);
  return out.text();
}
