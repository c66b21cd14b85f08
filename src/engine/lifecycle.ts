import type { Severity } from '../checks/types.ts';
import type { Standard } from '../standards/standard.ts';

const RANK: Record<Severity, number> = { info: 0, warn: 1, fail: 2 };

export function lowerOf(a: Severity, b: Severity): Severity {
  return RANK[a] <= RANK[b] ? a : b;
}

export function severityRank(severity: Severity): number {
  return RANK[severity];
}

/** Why a standard is not evaluated at all, or undefined when it is. */
export function notEvaluatedReason(standard: Standard): string | undefined {
  if (standard.status === 'superseded') return `superseded by ${standard.superseded_by}`;
  return undefined;
}

/**
 * The severity a result is reported with once the standard's lifecycle is applied, and the notes
 * that explain any softening. Proposed standards only inform; a fail standard warns until its
 * enforce_from date.
 */
export function applyLifecycle(standard: Standard, requested: Severity, today: string): { severity: Severity; notes: string[] } {
  let severity = lowerOf(standard.severity, requested);
  const notes: string[] = [];
  if (standard.status === 'proposed') {
    severity = 'info';
    notes.push('proposed standard, reported for information only');
  }
  if (standard.status === 'deprecated') notes.push('this standard is deprecated');
  if (severity === 'fail' && standard.enforce_from && today < standard.enforce_from) {
    severity = 'warn';
    notes.push(`enforced from ${standard.enforce_from}`);
  }
  return { severity, notes };
}
