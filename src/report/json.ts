import type { Finding, Report } from '../engine/finding.ts';
import { jsonInPieces } from './json-pieces.ts';

const FINDINGS_PER_CHUNK = 256;

/**
 * A finding as plain data, the same JSON text. A finding's exemption link is a getter, made when
 * read (engine/links.ts), and JSON.stringify leaves its fast path for an object with an accessor:
 * stringifying a 100,000-file scan's 65,506 findings as they are took 430–530 ms, copied first
 * 340 (bench/RESULTS.md, twentieth pass).
 */
const plainFinding = (finding: Finding): Finding => ({ ...finding, links: { ...finding.links } });

/**
 * The stable JSON contract documented in the README, in pieces: the same text as
 * JSON.stringify(report, null, 2), but a few hundred findings at a time, so a report with tens
 * of thousands of findings is never one string in memory.
 */
export function* jsonChunks(report: Report): Generator<string> {
  yield* jsonInPieces(report, ['findings'], report.findings, plainFinding, FINDINGS_PER_CHUNK);
  yield '\n';
}

/** The stable JSON contract documented in the README. */
export function renderJson(report: Report): string {
  return [...jsonChunks(report)].join('');
}
