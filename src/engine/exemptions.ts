import type { OrgConfig } from '../config.ts';
import { covers, daysLeft, exemptionStatus, type Exemption } from '../standards/exemptions.ts';
import type { Standard } from '../standards/standard.ts';
import type { Finding } from './finding.ts';
import { ExemptionIndex } from './exemption-index.ts';
import { findingLinks } from './links.ts';
import { compareText } from '../text-order.ts';

export interface ExemptionUsage {
  /** Exemptions that turned at least one finding into an exempted one. */
  applied: { id: string; standard: string; findings: number }[];
  /** Expired exemptions that would otherwise have covered findings: those findings stand. */
  expired: { id: string; standard: string; expired_on: string; findings: number }[];
  /** Exemptions for this repository that expire within warn_days. */
  expiring: { id: string; standard: string; expires: string; days_left: number }[];
  /** In a scan: exemptions naming this repository that matched nothing. */
  unused: { id: string; standard: string }[];
}

function withNote(finding: Finding, note: string): Finding {
  return { ...finding, message: `${finding.message} (${note})`, notes: [...finding.notes, note] };
}

/**
 * Turns findings an active exemption covers into exempted ones, notes expired exemptions on the
 * findings they no longer cover, and warns about exemptions close to expiry.
 */
export function applyExemptions(
  findings: readonly Finding[],
  exemptions: readonly Exemption[],
  context: { repository?: string; today: string; config: OrgConfig; standards: readonly Standard[]; scan: boolean; nextExemptionId: string },
): { findings: Finding[]; usage: ExemptionUsage } {
  const { repository, today, config } = context;
  const relevant = exemptions.filter((e) => covers({ ...e, paths: undefined }, repository, null));
  const index = new ExemptionIndex(relevant);
  const counts = new Map<string, number>();
  const out = findings.map((finding) => {
    const matching = index.candidates(finding.standard, finding.file).filter((e) => covers(e, repository, finding.file));
    const active = matching.filter((e) => today <= e.expires).sort((a, b) => compareText(b.expires, a.expires))[0];
    if (active) {
      counts.set(active.id, (counts.get(active.id) ?? 0) + 1);
      return { ...finding, exemption: { id: active.id, expires: active.expires, approved_by: active.approved_by } };
    }
    const expired = matching.sort((a, b) => compareText(b.expires, a.expires))[0];
    if (!expired) return finding;
    counts.set(expired.id, (counts.get(expired.id) ?? 0) + 1);
    return withNote(finding, `exemption ${expired.id} expired on ${expired.expires}`);
  });

  const standards = new Map(context.standards.map((s) => [s.id, s]));
  const usage: ExemptionUsage = { applied: [], expired: [], expiring: [], unused: [] };
  for (const exemption of relevant) {
    const used = counts.get(exemption.id) ?? 0;
    const status = exemptionStatus(exemption, today, config.exemptions.warn_days);
    if (used && status !== 'expired') usage.applied.push({ id: exemption.id, standard: exemption.standard, findings: used });
    if (used && status === 'expired') usage.expired.push({ id: exemption.id, standard: exemption.standard, expired_on: exemption.expires, findings: used });
    if (!used && context.scan && status !== 'expired') usage.unused.push({ id: exemption.id, standard: exemption.standard });
    const standard = standards.get(exemption.standard);
    if (status === 'expiring' && standard) {
      const left = daysLeft(exemption, today);
      usage.expiring.push({ id: exemption.id, standard: exemption.standard, expires: exemption.expires, days_left: left });
      out.push({
        standard: standard.id,
        title: standard.title,
        severity: 'warn',
        message: `exemption ${exemption.id} (approved by ${exemption.approved_by}) expires on ${exemption.expires}, in ${left} ${left === 1 ? 'day' : 'days'}: fix what it covers, or renew it in ${exemption.file}`,
        remediation: standard.remediation.trim(),
        file: null,
        line: null,
        links: findingLinks(config, standard, { repository, paths: exemption.paths ?? [], today, exemptionId: context.nextExemptionId }),
        pre_existing: false,
        exemption: null,
        check: 'exemption',
        message_id: 'exemption-expiring',
        notes: [],
      });
    }
  }
  return { findings: out, usage };
}
