import { literalLead } from '../globs.ts';
import type { Exemption } from '../standards/exemptions.ts';

interface Placed {
  exemption: Exemption;
  /** Its place in the list given, which breaks ties between exemptions as the list did. */
  order: number;
}

interface ForStandard {
  /** No paths: the whole repository, findings with no file included. */
  whole: Placed[];
  /** A path glob that may match anywhere. */
  anywhere: Placed[];
  /** By a path glob's literal lead. */
  byLead: Map<string, Placed[]>;
}

/**
 * The exemptions that could cover a finding, found by its standard and its file's folders, so
 * that each finding is held to a few exemptions, not all of them: a scan's 65,000 findings
 * against 500 exemptions spent 5.6 s doing that (bench/RESULTS.md, sixteenth pass). It only
 * narrows the list: whether one covers the finding is still `covers`' answer.
 */
export class ExemptionIndex {
  private readonly byStandard = new Map<string, ForStandard>();

  constructor(exemptions: readonly Exemption[]) {
    exemptions.forEach((exemption, order) => {
      let forStandard = this.byStandard.get(exemption.standard);
      if (!forStandard) this.byStandard.set(exemption.standard, (forStandard = { whole: [], anywhere: [], byLead: new Map() }));
      const placed = { exemption, order };
      if (!exemption.paths) return void forStandard.whole.push(placed);
      for (const lead of new Set(exemption.paths.map(literalLead))) {
        if (!lead) forStandard.anywhere.push(placed);
        else (forStandard.byLead.get(lead) ?? forStandard.byLead.set(lead, []).get(lead)!).push(placed);
      }
    });
  }

  /** The exemptions of `standard` that could cover a finding on `file` (null: about no file), in the order given. */
  candidates(standard: string, file: string | null): Exemption[] {
    const forStandard = this.byStandard.get(standard);
    if (!forStandard) return [];
    if (file === null) return forStandard.whole.map((p) => p.exemption);
    const found = [...forStandard.whole, ...forStandard.anywhere];
    if (forStandard.byLead.size) {
      // Every folder the file is in, then the file itself.
      for (let slash = file.indexOf('/'); ; slash = file.indexOf('/', slash + 1)) {
        const under = forStandard.byLead.get(slash === -1 ? file : file.slice(0, slash));
        if (under) found.push(...under);
        if (slash === -1) break;
      }
    }
    // An exemption with several globs may be found more than once.
    found.sort((a, b) => a.order - b.order);
    return found.filter((p, i) => i === 0 || p !== found[i - 1]).map((p) => p.exemption);
  }
}
