import semver from 'semver';
import spdxSatisfies from 'spdx-satisfies';
import { matchesGlob } from '../../globs.ts';
import type { Severity } from '../types.ts';
import type { DependencyChange } from './diff.ts';
import { normalisePythonName, type Dependency, type Ecosystem } from './model.ts';
import { isPinned, lowestVersion, mayResolveInto, staysWithin } from './versions.ts';

export interface NameRule {
  name: string;
  ecosystem?: Ecosystem;
}

export interface DependenciesOptions {
  ecosystems?: Ecosystem[];
  scope?: 'change' | 'repo';
  dev?: boolean;
  transitive?: boolean;
  deny?: (NameRule & { versions?: string; reason: string; instead?: string })[];
  allow?: (string | NameRule)[];
  deprecated?: (NameRule & { sunset: string; instead?: string; reason?: string })[];
  versions?: (NameRule & { range?: string; minimum?: string; reason?: string })[];
  licenses?: { allow: string[]; unknown?: 'fail' | 'warn' | 'ignore' };
}

export interface Verdict {
  messageId: string;
  data: Record<string, string>;
  severity?: Severity;
}

/** Whether a rule's name (a glob: @acme/*, org.apache.*:*) and ecosystem select a dependency. */
export function ruleMatches(rule: NameRule, dependency: Dependency): boolean {
  if (rule.ecosystem && rule.ecosystem !== dependency.ecosystem) return false;
  const pattern = dependency.ecosystem === 'pypi' ? normalisePythonName(rule.name) : rule.name;
  return matchesGlob(dependency.name, pattern, { nocase: dependency.ecosystem === 'pypi' });
}

const asRule = (entry: string | NameRule): NameRule => (typeof entry === 'string' ? { name: entry } : entry);
const insteadText = (instead?: string) => (instead ? `; use ${instead} instead` : '');
const reasonText = (reason?: string) => (reason ? ` (${reason})` : '');

function describe(dependency: Dependency): Record<string, string> {
  return { name: dependency.name, ecosystem: dependency.ecosystem, version: dependency.version ?? 'any version', file: dependency.file };
}

/** Deny, allow-list, deprecation and version rules for one added or changed dependency. */
export function judgeDependency(change: DependencyChange, options: DependenciesOptions, today: string): Verdict[] {
  const { dependency } = change;
  const data = describe(dependency);
  const verdicts: Verdict[] = [];

  for (const rule of options.deny ?? []) {
    if (!ruleMatches(rule, dependency)) continue;
    if (!rule.versions) verdicts.push({ messageId: 'denied', data: { ...data, reason: rule.reason, instead: insteadText(rule.instead) } });
    else if (mayResolveInto(dependency, rule.versions)) verdicts.push({ messageId: 'deniedVersion', data: { ...data, versions: rule.versions, reason: rule.reason, instead: insteadText(rule.instead) } });
  }

  if (change.kind === 'added' && options.allow && !options.allow.map(asRule).some((rule) => ruleMatches(rule, dependency))) {
    verdicts.push({ messageId: 'notAllowed', data });
  }

  for (const rule of options.deprecated ?? []) {
    if (!ruleMatches(rule, dependency)) continue;
    const deprecation = { ...data, sunset: rule.sunset, instead: insteadText(rule.instead), reason: reasonText(rule.reason) };
    if (change.kind === 'added') verdicts.push({ messageId: 'deprecatedAdded', data: deprecation });
    else verdicts.push({ messageId: today <= rule.sunset ? 'deprecatedKept' : 'deprecatedPastSunset', data: deprecation, severity: today <= rule.sunset ? 'warn' : undefined });
  }

  for (const rule of options.versions ?? []) {
    if (!ruleMatches(rule, dependency)) continue;
    const reason = reasonText(rule.reason);
    if (rule.range) {
      const within = staysWithin(dependency, rule.range);
      if (within === undefined) verdicts.push({ messageId: 'unpinned', data: { ...data, required: rule.range }, severity: 'warn' });
      else if (!within) verdicts.push({ messageId: 'outsideRange', data: { ...data, range: rule.range, reason } });
    }
    if (rule.minimum) {
      const lowest = lowestVersion(dependency);
      const minimum = semver.coerce(rule.minimum, { loose: true })?.version ?? rule.minimum;
      if (!lowest) verdicts.push({ messageId: 'unpinned', data: { ...data, required: `>= ${rule.minimum}` }, severity: 'warn' });
      else if (semver.lt(lowest, minimum, { loose: true })) verdicts.push({ messageId: isPinned(dependency) ? 'tooOld' : 'rangeTooLow', data: { ...data, lowest, minimum: rule.minimum, reason } });
    }
  }
  return verdicts;
}

/** Whether an SPDX expression is satisfied by the allowed licences; undefined when it is not valid SPDX. */
export function licenceAllowed(expression: string, allowed: readonly string[]): boolean | undefined {
  try {
    return spdxSatisfies(expression, [...allowed]);
  } catch {
    return undefined;
  }
}

/** The licence policy for one dependency that carries (or should carry) licence data. */
export function judgeLicence(dependency: Dependency, policy: NonNullable<DependenciesOptions['licenses']>): Verdict | undefined {
  const data = { ...describe(dependency), allowed: policy.allow.join(', ') };
  const unknown = policy.unknown ?? 'fail';
  if (!dependency.license) {
    return unknown === 'ignore' ? undefined : { messageId: 'licenceUnknown', data: { ...data, license: 'no licence data' }, severity: unknown === 'warn' ? 'warn' : undefined };
  }
  const allowed = licenceAllowed(dependency.license, policy.allow);
  if (allowed === undefined) {
    return unknown === 'ignore' ? undefined : { messageId: 'licenceUnknown', data: { ...data, license: `"${dependency.license}", which is not an SPDX expression` }, severity: unknown === 'warn' ? 'warn' : undefined };
  }
  return allowed ? undefined : { messageId: 'licenceNotAllowed', data: { ...data, license: dependency.license } };
}
