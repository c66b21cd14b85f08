import type { Report } from '../engine/finding.ts';

const indent = (json: string, spaces: string) => json.replace(/\n/g, `\n${spaces}`);

/**
 * The stable JSON contract documented in the README, in pieces: the same text as
 * JSON.stringify(report, null, 2), but a finding at a time, so a report with tens of thousands
 * of findings is never one string in memory.
 */
export function* jsonChunks(report: Report): Generator<string> {
  const entries = Object.entries(report) as [keyof Report, unknown][];
  yield '{';
  for (const [i, [key, value]] of entries.entries()) {
    const separator = i ? ',' : '';
    if (key === 'findings' && report.findings.length) {
      yield `${separator}\n  "findings": [`;
      for (const [j, finding] of report.findings.entries()) yield `${j ? ',' : ''}\n    ${indent(JSON.stringify(finding, null, 2), '    ')}`;
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
