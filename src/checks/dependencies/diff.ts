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
  const before = new Map(base.map((d) => [identity(d), d]));
  const after = new Map(head.map((d) => [identity(d), d]));
  const changes: DependencyChange[] = [];
  for (const [id, dependency] of after) {
    const previous = before.get(id);
    if (!previous) changes.push({ kind: 'added', dependency });
    else if ((previous.version ?? '') !== (dependency.version ?? '') || (previous.license ?? '') !== (dependency.license ?? '')) {
      changes.push({ kind: 'changed', dependency, from: previous.version });
    }
  }
  for (const [id, dependency] of before) if (!after.has(id)) changes.push({ kind: 'removed', dependency });
  return changes;
}
