import type { Report } from '../engine/finding.ts';
import { jsonInPieces } from './json-pieces.ts';

const FINDINGS_PER_CHUNK = 256;

/**
 * The stable JSON contract documented in the README, in pieces: the same text as
 * JSON.stringify(report, null, 2), but a few hundred findings at a time, so a report with tens
 * of thousands of findings is never one string in memory.
 */
export function* jsonChunks(report: Report): Generator<string> {
  yield* jsonInPieces(report, ['findings'], report.findings, (finding) => finding, FINDINGS_PER_CHUNK);
  yield '\n';
}

/** The stable JSON contract documented in the README. */
export function renderJson(report: Report): string {
  return [...jsonChunks(report)].join('');
}
