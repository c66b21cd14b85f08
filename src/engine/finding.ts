import type { ExemptionUsage } from './exemptions.ts';
import type { Severity } from '../checks/types.ts';
import type { FindingLinks } from './links.ts';

export interface ExemptionRef {
  id: string;
  expires: string;
  approved_by: string;
}

/** The one shape every reporter reads. Its JSON form is a documented, stable contract. */
export interface Finding {
  standard: string;
  title: string;
  severity: Severity;
  message: string;
  /** How to fix, from the standard, so every output can tell the author without a click. */
  remediation: string;
  file: string | null;
  line: number | null;
  links: FindingLinks;
  /** A repo-scoped finding that already held at base: reported, never fails the verdict. */
  pre_existing: boolean;
  exemption: ExemptionRef | null;
  /** The check type and message id that produced it, for tooling that groups findings. */
  check: string;
  message_id: string;
  /** Lifecycle notes such as "enforced from 2027-01-01"; already folded into `message`. */
  notes: string[];
}

export interface SkippedStandard {
  standard: string;
  title: string;
  reason: string;
}

export interface Report {
  verdict: 'pass' | 'fail';
  summary: { fail: number; warn: number; info: number; exempted: number; pre_existing: number };
  findings: Finding[];
  skipped: SkippedStandard[];
  /** Facts families report about the whole change set, by family name (for example `language` counts in a scan). */
  facts: Record<string, unknown>;
  /** Which exemptions applied, expired, are expiring, or (in a scan) went unused. */
  exemptions: ExemptionUsage;
  /** What a reader must know about how this report was made: nothing to compare, example standards in use. */
  notices: string[];
  context: {
    mode: 'diff' | 'scan';
    repository: string | null;
    base: string;
    head: string;
    date: string;
    standards: number;
  };
}

/** Whether a finding counts toward the verdict and the summary's severity counts. */
export function counts(finding: Finding): boolean {
  return !finding.pre_existing && finding.exemption === null;
}
