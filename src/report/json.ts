import type { Report } from '../engine/finding.ts';

/** The stable JSON contract documented in the README. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
