import type { Standard } from '../standards/standard.ts';

export type Direction = 'same' | 'stricter' | 'looser' | 'changed';

// Option names whose growth lets more through, and whose growth catches more.
const LOOSENING = /^(allow|allowed|allow_pattern|exclude|allow_individuals)$/;
const TIGHTENING = /^(deny|banned|deprecated|files|sections|directories|deploy_paths|versions|paths|requirements|ecosystems|statuses|require_owner|owners_must_be_known|no_ownership_loss|catalog_owner|transitive|dev|syntax)$/;

function combine(directions: Direction[]): Direction {
  const moved = directions.filter((d) => d !== 'same');
  if (!moved.length) return 'same';
  return moved.every((d) => d === moved[0]) ? moved[0]! : 'changed';
}

function compareValue(key: string, before: unknown, after: unknown): Direction {
  if (JSON.stringify(before) === JSON.stringify(after)) return 'same';
  const growth = LOOSENING.test(key) ? 'looser' : TIGHTENING.test(key) ? 'stricter' : undefined;
  const shrink = growth === 'looser' ? 'stricter' : growth === 'stricter' ? 'looser' : undefined;
  if (typeof before === 'number' && typeof after === 'number') {
    if (/^max_/.test(key)) return after < before ? 'stricter' : 'looser';
    if (/^min_/.test(key)) return after > before ? 'stricter' : 'looser';
    return 'changed';
  }
  if (before === undefined || after === undefined) {
    if (!growth) return 'changed';
    return after === undefined || after === false ? shrink! : growth;
  }
  if (typeof before === 'boolean' && typeof after === 'boolean' && growth) return after ? growth : shrink!;
  if (Array.isArray(before) && Array.isArray(after) && growth) {
    const a = new Set(before.map((x) => JSON.stringify(x)));
    const b = new Set(after.map((x) => JSON.stringify(x)));
    const added = [...b].some((x) => !a.has(x));
    const removed = [...a].some((x) => !b.has(x));
    if (added && !removed) return growth;
    if (removed && !added) return shrink!;
    return 'changed';
  }
  if (before && after && typeof before === 'object' && typeof after === 'object' && !Array.isArray(before) && !Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    // A map such as `deprecated: { PHP: … }` grows like a list under its own key.
    const nested = [...keys].map((k) => {
      const inner = compareValue(k, (before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k]);
      if (inner === 'changed' && growth && (!(k in before) || !(k in after))) return k in after ? growth : shrink!;
      return inner;
    });
    return combine(nested);
  }
  return 'changed';
}

/** Whether a standard's check and scope now catch more (stricter), less (looser), or something else. */
export function compareStrictness(before: Standard, after: Standard): Direction {
  if (before.check.type !== after.check.type) return 'changed';
  const { type: _a, ...beforeOptions } = before.check;
  const { type: _b, ...afterOptions } = after.check;
  return combine([
    compareOptions(beforeOptions, afterOptions),
    compareValue('paths', before.applies_to.paths, after.applies_to.paths),
    compareValue('exclude', before.applies_to.exclude, after.applies_to.exclude),
  ]);
}

function compareOptions(before: Record<string, unknown>, after: Record<string, unknown>): Direction {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return combine([...keys].map((key) => compareValue(key, before[key], after[key])));
}
