import type { Dependency } from './model.ts';

export interface DependencyChange {
  kind: 'added' | 'removed' | 'changed';
  /** The declaration at head; for a removal, the one at base. */
  dependency: Dependency;
  /** The base version, for `changed`. */
  from?: string;
}

const identity = (d: Dependency) => `${d.ecosystem}\u0000${d.file}\u0000${d.key}`;

/** What a change does to one repository's dependencies: added, removed, or with a new version. */
export function diffDependencies(base: readonly Dependency[], head: readonly Dependency[]): DependencyChange[] {
  // Filled and walked without [key, value] pairs: a manifest of 200,000 dependencies made 400,000
  // of them, for the garbage collector (bench/RESULTS.md, fourteenth pass).
  const before = byIdentity(base);
  const after = byIdentity(head);
  const changes: DependencyChange[] = [];
  after.forEach((dependency, id) => {
    const previous = before.get(id);
    if (!previous) changes.push({ kind: 'added', dependency });
    else if ((previous.version ?? '') !== (dependency.version ?? '') || (previous.license ?? '') !== (dependency.license ?? '')) {
      changes.push({ kind: 'changed', dependency, from: previous.version });
    }
  });
  before.forEach((dependency, id) => {
    if (!after.has(id)) changes.push({ kind: 'removed', dependency });
  });
  return changes;
}

/** The last declaration of each identity, in the order each identity first appears. */
function byIdentity(dependencies: readonly Dependency[]): Map<string, Dependency> {
  const found = new Map<string, Dependency>();
  for (const dependency of dependencies) found.set(identity(dependency), dependency);
  return found;
}
