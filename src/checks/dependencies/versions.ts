import semver from 'semver';
import type { Dependency } from './model.ts';

/** Cargo reads a bare requirement "1.2" as "^1.2"; commas separate comparators. */
export function cargoRange(requirement: string): string {
  return requirement
    .split(',')
    .map((part) => part.trim())
    .map((part) => (/^\d/.test(part) ? `^${part}` : part))
    .join(' ');
}

/** The declared requirement as a node-semver range, for the ecosystems whose ranges are semver. */
export function semverRange(dependency: Dependency): string | undefined {
  if (!dependency.version) return undefined;
  const range = dependency.ecosystem === 'cargo' ? cargoRange(dependency.version) : dependency.version;
  return semver.validRange(range, { loose: true }) ?? undefined;
}

/** The lowest version a declaration allows (the pinned one when it is pinned), as semver. */
export function lowestVersion(dependency: Dependency): string | undefined {
  const declared = dependency.version;
  if (!declared) return undefined;
  if (dependency.ecosystem === 'npm' || dependency.ecosystem === 'cargo') {
    if (semver.valid(declared, { loose: true })) return semver.clean(declared, { loose: true }) ?? undefined;
    const range = semverRange(dependency);
    return range ? semver.minVersion(range, { loose: true })?.version : undefined;
  }
  // pip (==1.2, >=1.2, ~=1.2), Go (v1.2.3), RubyGems (~> 1.2), Maven (1.2 or [1.2,2.0)): the first version written.
  const first = /(\d+(?:\.\d+)*(?:[-+.][0-9A-Za-z.]+)?)/.exec(declared.replace(/^\s*[<!]=?[^,]*,?/, ''));
  return first ? semver.coerce(first[1]!, { loose: true })?.version : undefined;
}

/** Whether the declaration can resolve to a version in `range`. */
export function mayResolveInto(dependency: Dependency, range: string): boolean {
  const declared = dependency.source === 'lockfile' ? dependency.version : semverRange(dependency);
  if (declared && semver.validRange(declared, { loose: true })) return semver.intersects(declared, range, { loose: true });
  const lowest = lowestVersion(dependency);
  return lowest ? semver.satisfies(lowest, range, { loose: true }) : false;
}

/** Whether every version the declaration allows lies in `range`. */
export function staysWithin(dependency: Dependency, range: string): boolean | undefined {
  const declared = dependency.source === 'lockfile' ? dependency.version : semverRange(dependency);
  if (!declared) return undefined;
  return semver.subset(declared, range, { loose: true });
}

/** Whether the declaration names one exact version rather than a range. */
export function isPinned(dependency: Dependency): boolean {
  const declared = dependency.version?.trim();
  if (!declared) return false;
  if (dependency.source === 'lockfile' || dependency.ecosystem === 'go') return true;
  if (dependency.ecosystem === 'npm') return semver.valid(declared, { loose: true }) !== null;
  if (dependency.ecosystem === 'cargo') return declared.startsWith('=');
  if (dependency.ecosystem === 'pypi') return /^===?[^,]+$/.test(declared);
  return /^[\d.]+[\w.-]*$/.test(declared);
}
