import type { Finding, Report } from '../engine/finding.ts';
import { byStandard, firstParagraph, groups, location, piecesOfLines, plural, summaryLine, type StandardGroup } from './format.ts';
import { terminalSafe } from './untrusted.ts';

type Paint = (code: string, text: string) => string;

const ICON = { fail: '✖', warn: '⚠', info: 'ℹ' } as const;
const COLOUR = { fail: '31', warn: '33', info: '36' } as const;
// A location wider than this does not push every message of its group to the right.
const MAX_LOCATION = 28;

export interface TextOptions {
  color: boolean;
  /** The longest line to print (160 when not given, as in a CI log). */
  width?: number;
}

/** Words of `text` in lines of at most `width`, the first indented by `first`, the rest by `rest`. */
function wrap(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/ +/)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += `${empty ? '' : ' '}${word}`;
    empty = false;
  }
  lines.push(line);
  // A single word longer than the width is cut, so no line is ever longer.
  return lines.flatMap((l) => (l.length <= width ? [l] : (l.match(new RegExp(`.{1,${width}}`, 'g')) ?? [l])));
}

/** One line, cut with an ellipsis when longer than `width`: the full text is behind the standard's link. */
function oneLine(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1).trimEnd()}…`;
}

/** `standards exempt STD-0003 --path .env …`, with as many of the group's paths as fit in `room` characters. */
function exemptCommand(group: StandardGroup, room: number): string {
  const paths = [...new Set(group.findings.map((f) => f.file).filter((f): f is string => f !== null))];
  let command = `standards exempt ${group.standard}`;
  let shown = 0;
  for (const path of paths) {
    const argument = ` --path ${/^[\w./@+-]+$/.test(path) ? path : `'${terminalSafe(path).replace(/'/g, "'\\''")}'`}`;
    const more = ` (+${paths.length - shown - 1} more)`;
    if (command.length + argument.length + (shown + 1 < paths.length ? more.length : 0) > room) break;
    command += argument;
    shown++;
  }
  return shown < paths.length ? `${command} (+${paths.length - shown} more)` : command;
}

function* renderGroup(group: StandardGroup, paint: Paint, width: number): Generator<string> {
  // The heading carries the link to the standard (why it exists); the title gives way if the line is too long.
  const count = group.findings.length > 1 ? ` (${group.findings.length})` : '';
  const title = oneLine(terminalSafe(group.title), Math.max(10, width - 2 - group.standard.length - count.length - group.links.standard.length - 4));
  yield `${paint(COLOUR[group.severity], ICON[group.severity])} ${paint('1', group.standard)} ${title}${paint('2', count)}  ${paint('2', group.links.standard)}`;
  const locations = group.findings.map((f) => terminalSafe(location(f)));
  // A loop, not Math.max(...): a standard with 150,000 findings has more locations than a call takes arguments.
  let longest = 0;
  for (const l of locations) longest = Math.max(longest, l.length);
  const column = Math.min(MAX_LOCATION, longest);
  const indent = ' '.repeat(column ? 2 + column + 2 : 2);
  for (const [i, finding] of group.findings.entries()) {
    const where = locations[i]!;
    const [first = '', ...rest] = terminalSafe(finding.message).split('\n');
    const lead = where ? `  ${where.padEnd(column)}  ` : '  ';
    const wrapped = wrap(first, width, lead, indent);
    if (where) wrapped[0] = wrapped[0]!.replace(where, paint('4', where));
    yield* wrapped;
    // Snippets (the YAML to add) keep their own indentation; a line too long is cut, not re-flowed.
    for (const line of rest) yield oneLine(`${indent}${line}`, width);
  }
  const dim = (line: string, label: string) => line.replace(label, paint('2', label));
  yield dim(oneLine(`  fix: ${terminalSafe(firstParagraph(group.remediation))}`, width), 'fix:');
  const section = `${group.links.standard}-exemption`;
  yield dim(dim(`  exempt: ${exemptCommand(group, width - '  exempt:   or see '.length - section.length)}  or see ${section}`, 'exempt:'), 'or see');
  yield dim(oneLine(`  propose a change: ${group.links.propose}`, width), 'propose a change:');
}

/** One line per finding, for exempted and pre-existing findings: context, not work. */
function compact(finding: Finding, width: number, paint: Paint): string {
  const where = terminalSafe(location(finding));
  const exemption = finding.exemption ? ` (${finding.exemption.id}, approved by ${terminalSafe(finding.exemption.approved_by)}, until ${finding.exemption.expires})` : '';
  return oneLine(`  ${paint('2', finding.standard)} ${where ? `${where}  ` : ''}${terminalSafe(finding.message.split('\n')[0]!)}${exemption}`, width);
}

/**
 * Terminal output, ESLint-stylish: each standard's findings under one heading, as
 * `file:line  message`, with its how-to-fix and links once; exempted and pre-existing findings
 * one line each; a closing line with the verdict and the counts. Colour only when the caller
 * says the stream is a TTY; text from the pull request is shown, never obeyed.
 */
export function* textLines(report: Report, options: TextOptions): Generator<string> {
  const paint: Paint = options.color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
  const width = options.width ?? 160;
  const g = groups(report);
  const verdict = report.verdict === 'fail' ? paint('1;31', 'FAIL') : paint('1;32', 'PASS');
  const where = [report.context.repository, report.context.mode === 'scan' ? `scan of ${report.context.head}` : `${report.context.base} → ${report.context.head}`].filter(Boolean).join(', ');
  yield oneLine(`standards: ${report.verdict === 'fail' ? 'FAIL' : 'PASS'} ${summaryLine(report)} (${terminalSafe(where)})`, width).replace(/^standards: (FAIL|PASS)/, `standards: ${verdict}`);
  for (const notice of report.notices) yield* wrap(`note: ${terminalSafe(notice)}`, width, '', '      ').map((l) => paint('33', l));

  // Groups follow one another without blank lines: each heading starts with its severity mark.
  const active = byStandard([...g.fail, ...g.warn, ...g.info]);
  if (active.length) yield '';
  for (const group of active) yield* renderGroup(group, paint, width);

  for (const [title, findings] of [
    ['Exempted', g.exempted],
    ['Pre-existing: already true at base, not failing this change', g.preExisting],
  ] as const) {
    if (!findings.length) continue;
    yield '';
    yield paint('1', `${title} (${findings.length})`);
    for (const finding of findings) yield compact(finding, width, paint);
  }
  if (report.skipped.length) {
    yield '';
    yield paint('1', `Not evaluated (${report.skipped.length})`);
    for (const s of report.skipped) yield oneLine(`  ${paint('2', s.standard)} ${terminalSafe(s.title)}: ${terminalSafe(s.reason)}`, width);
  }
  if (!report.findings.length) {
    yield '';
    yield 'No findings: this change meets every standard that applies to it.';
  }
  const icon = report.verdict === 'fail' ? paint('31', ICON.fail) : report.summary.warn ? paint('33', ICON.warn) : paint('32', '✔');
  yield '';
  yield `${icon} ${verdict}: ${summaryLine(report)} (${plural(report.context.standards, 'standard')} checked)`;
}

/** The terminal output as pieces to write, a line each. */
export function textPieces(report: Report, options: TextOptions): Iterable<string> {
  return piecesOfLines(textLines(report, options));
}

/** The terminal output as one text. */
export function renderText(report: Report, options: TextOptions): string {
  return [...textPieces(report, options)].join('');
}
