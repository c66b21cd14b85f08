import type { Report } from '../engine/finding.ts';

const indent = (json: string, spaces: string) => json.replace(/\n/g, `\n${spaces}`);
const FINDINGS_PER_CHUNK = 256;
// How JSON.stringify({ findings }, null, 2) opens and closes around the findings themselves.
const FINDINGS_OPEN = '{\n  "findings": [';
const FINDINGS_CLOSE = '\n  ]\n}';
// What a placeholder first element adds before the comma that ends it: `\n    0`.
const PLACEHOLDER = `\n    ${JSON.stringify(0)}`;

/**
 * The stable JSON contract documented in the README, in pieces: the same text as
 * JSON.stringify(report, null, 2), but a few hundred findings at a time, so a report with tens
 * of thousands of findings is never one string in memory.
 */
export function* jsonChunks(report: Report): Generator<string> {
  const entries = Object.entries(report) as [keyof Report, unknown][];
  yield '{';
  for (const [i, [key, value]] of entries.entries()) {
    const separator = i ? ',' : '';
    if (key === 'findings' && report.findings.length) {
      yield `${separator}\n  "findings": [`;
      // A few hundred findings at a time, stringified where they sit in the report, so that
      // JSON.stringify indents them itself: re-indenting each finding's text cost more than
      // stringifying it. Each piece after the first starts with the comma that ends the piece
      // before it: a placeholder element ahead of the findings puts that comma into the
      // stringified text, so each piece is a slice of it, which V8 makes without copying.
      // Joining a comma onto the slice made a second copy of the whole report when written.
      for (let start = 0; start < report.findings.length; start += FINDINGS_PER_CHUNK) {
        const findings = report.findings.slice(start, start + FINDINGS_PER_CHUNK);
        // The first piece leaves the comma out.
        const from = FINDINGS_OPEN.length + PLACEHOLDER.length + (start ? 0 : 1);
        yield JSON.stringify({ findings: [0, ...findings] }, null, 2).slice(from, -FINDINGS_CLOSE.length);
      }
      yield '\n  ]';
    } else {
      yield `${separator}\n  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')}`;
    }
  }
  yield '\n}\n';
}

/** The stable JSON contract documented in the README. */
export function renderJson(report: Report): string {
  return [...jsonChunks(report)].join('');
}
