import { randomBytes } from 'node:crypto';
import type { Finding, Report } from '../engine/finding.ts';
import { location, piecesOfLines, plural } from './format.ts';
import { terminalSafe } from './untrusted.ts';

/** GitHub shows at most this many annotations of each kind (error, warning, notice) from one step. */
export const ANNOTATIONS_PER_KIND = 10;

// Workflow command escaping, as @actions/core does it: data escapes %, CR and LF; properties
// also escape : and ,.
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

type Kind = 'error' | 'warning' | 'notice';

const kindOf = (finding: Finding): Kind => (finding.exemption || finding.pre_existing || finding.severity === 'info' ? 'notice' : finding.severity === 'fail' ? 'error' : 'warning');

function annotation(finding: Finding): string {
  const properties = [
    finding.file ? `file=${escapeProperty(terminalSafe(finding.file))}` : '',
    finding.file && finding.line ? `line=${finding.line}` : '',
    `title=${escapeProperty(terminalSafe(`${finding.standard} ${finding.title}${finding.exemption ? ` (exempted by ${finding.exemption.id})` : finding.pre_existing ? ' (pre-existing)' : ''}`))}`,
  ].filter(Boolean);
  const body = `${finding.message}\nHow to fix: ${finding.remediation}\nWhy: ${finding.links.standard}\nPropose a change: ${finding.links.propose}\nRequest an exemption: ${finding.links.exemption}`;
  return `::${kindOf(finding)} ${properties.join(',')}::${escapeData(terminalSafe(body))}`;
}

/**
 * GitHub Actions workflow commands: one annotation per finding, inline on the PR's files, at most
 * ten of each kind (what GitHub shows per step), failing findings with a file first. The rest are
 * listed in the log between stop-commands markers, so no text from the pull request there can
 * act as a workflow command, and a notice says how many were not annotated.
 */
export function* githubLines(report: Report): Generator<string> {
  const used: Record<Kind, number> = { error: 0, warning: 0, notice: 0 };
  const rest: Finding[] = [];
  // Findings on a file first: an annotation on a file shows inline in the pull request.
  const ordered = [...report.findings.filter((f) => f.file), ...report.findings.filter((f) => !f.file)];
  for (const finding of ordered) {
    const kind = kindOf(finding);
    if (used[kind] < ANNOTATIONS_PER_KIND) {
      used[kind]++;
      yield annotation(finding);
    } else rest.push(finding);
  }
  for (const notice of report.notices) yield `::warning title=standards::${escapeData(terminalSafe(notice))}`;
  if (rest.length) {
    yield `::notice title=standards::${escapeData(`${plural(rest.length, 'more finding')} listed in this log, not as annotations: GitHub shows ${ANNOTATIONS_PER_KIND} annotations of each kind per step. The job summary has the full report.`)}`;
    const token = randomBytes(16).toString('hex');
    yield `::stop-commands::${token}`;
    for (const finding of rest) yield `${kindOf(finding)}: ${finding.standard} ${terminalSafe(location(finding))}${finding.file ? ': ' : ''}${terminalSafe(finding.message).replace(/\n/g, '\n    ')}`;
    yield `::${token}::`;
  }
  const { fail, warn, info } = report.summary;
  yield `::notice title=standards::${escapeData(`${report.verdict === 'fail' ? 'Failing' : 'Passing'}: ${fail} failing, ${plural(warn, 'warning')}, ${info} info`)}`;
}

/** The workflow commands as pieces to write, a line each. */
export function githubPieces(report: Report): Iterable<string> {
  return piecesOfLines(githubLines(report));
}

/** The workflow commands as one text. */
export function renderGithub(report: Report): string {
  return [...githubPieces(report)].join('');
}
