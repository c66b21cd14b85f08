import spdxSatisfies from 'spdx-satisfies';
import { matchesGlob } from '../../globs.ts';
import type { Severity } from '../types.ts';
import type { DependencyChange } from './diff.ts';
import { normalisePythonName, type Dependency, type Ecosystem } from './model.ts';
import { declaredVersions, describeSet, lowestBound, ORDER, overlaps, policyIntervals, within } from './version-sets.ts';

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

const NO_VERDICTS: readonly Verdict[] = Object.freeze([]);

function anyRuleMatches(rules: readonly NameRule[] | undefined, dependency: Dependency): boolean {
  if (rules) for (const rule of rules) if (ruleMatches(rule, dependency)) return true;
  return false;
}

const asRule = (entry: string | NameRule): NameRule => (typeof entry === 'string' ? { name: entry } : entry);
const insteadText = (instead?: string) => (instead ? `; use ${instead} instead` : '');
const reasonText = (reason?: string) => (reason ? ` (${reason})` : '');

function describe(dependency: Dependency): Record<string, string> {
  return { name: dependency.name, ecosystem: dependency.ecosystem, version: dependency.version ?? 'any version', file: dependency.file };
}

/**
 * Deny, allow-list, deprecation and version rules for one added or changed dependency. A rule
 * about versions that meets a version it cannot read says so, at the standard's severity: a
 * deny list must never pass a dependency it could not check.
 */
export function judgeDependency(change: DependencyChange, options: DependenciesOptions, today: string): readonly Verdict[] {
  const { dependency } = change;
  // Most dependencies of a large manifest meet no rule. They return here, apart from the closures
  // in `judgeNamed`: V8 makes the variables a function's closures share as the function starts,
  // so this same test at the top of that function still cost an object per call, for each of
  // 200,000 dependencies and two standards (bench/RESULTS.md, fourteenth pass).
  const allowListed = change.kind === 'added' && options.allow !== undefined;
  if (!allowListed && !anyRuleMatches(options.deny, dependency) && !anyRuleMatches(options.deprecated, dependency) && !anyRuleMatches(options.versions, dependency)) return NO_VERDICTS;
  return judgeNamed(change, options, today);
}

/** judgeDependency for a dependency that some rule names, or that an allow-list must judge. */
function judgeNamed(change: DependencyChange, options: DependenciesOptions, today: string): Verdict[] {
  const { dependency } = change;
  // Described for a verdict only: most dependencies of a large manifest get none.
  const data = () => describe(dependency);
  const verdicts: Verdict[] = [];
  // What the declared version allows, worked out only for a rule about versions that names this
  // dependency: parsing every requirement of a 200,000-dependency manifest into intervals took
  // 1.5 s, for rules that name a handful of packages (bench/RESULTS.md, thirteenth pass).
  let declaredOnce: ReturnType<typeof declaredVersions> | undefined;
  const declared = () => (declaredOnce ??= declaredVersions(dependency));
  const compare = ORDER[dependency.ecosystem];
  // As written, then what it means when that differs (~> 2.2.0 is >=2.2.0 <2.3).
  const shown = () => {
    const set = declared();
    const meaning = set.kind === 'unknown' ? '' : describeSet(set.intervals);
    return !dependency.version || meaning === dependency.version.trim() ? meaning || data().version! : `${dependency.version}, that is ${meaning},`;
  };
  const pinned = () => {
    const set = declared();
    return set.kind !== 'unknown' && set.intervals.length === 1 && set.intervals[0]!.low !== undefined && set.intervals[0]!.low.version === set.intervals[0]!.high?.version;
  };
  const cannotVerify = (policy: string): Verdict => {
    const set = declared();
    return { messageId: 'cannotVerify', data: { ...data(), policy, reason: set.kind === 'unknown' ? set.reason : '' } };
  };

  for (const rule of options.deny ?? []) {
    if (!ruleMatches(rule, dependency)) continue;
    if (!rule.versions) {
      verdicts.push({ messageId: 'denied', data: { ...data(), reason: rule.reason, instead: insteadText(rule.instead) } });
      continue;
    }
    const denied = policyIntervals(rule.versions)!;
    const set = declared();
    if (set.kind === 'unknown') verdicts.push(cannotVerify(`the denied versions ${rule.versions} (${rule.reason})`));
    else if (overlaps(set.intervals, denied, compare)) verdicts.push({ messageId: pinned() ? 'deniedPinned' : 'deniedVersion', data: { ...data(), version: shown(), versions: rule.versions, reason: rule.reason, instead: insteadText(rule.instead) } });
  }

  if (change.kind === 'added' && options.allow && !options.allow.some((entry) => ruleMatches(asRule(entry), dependency))) {
    verdicts.push({ messageId: 'notAllowed', data: data() });
  }

  for (const rule of options.deprecated ?? []) {
    if (!ruleMatches(rule, dependency)) continue;
    const deprecation = { ...data(), sunset: rule.sunset, instead: insteadText(rule.instead), reason: reasonText(rule.reason) };
    if (change.kind === 'added') verdicts.push({ messageId: 'deprecatedAdded', data: deprecation });
    else verdicts.push({ messageId: today <= rule.sunset ? 'deprecatedKept' : 'deprecatedPastSunset', data: deprecation, severity: today <= rule.sunset ? 'warn' : undefined });
  }

  for (const rule of options.versions ?? []) {
    if (!ruleMatches(rule, dependency)) continue;
    const reason = reasonText(rule.reason);
    const set = declared();
    if (set.kind === 'unknown') {
      verdicts.push(cannotVerify([rule.range ? `the range ${rule.range}` : '', rule.minimum ? `the minimum ${rule.minimum}` : ''].filter(Boolean).join(' and ')));
      continue;
    }
    if (rule.range && !within(set.intervals, policyIntervals(rule.range)!, compare)) {
      verdicts.push({ messageId: 'outsideRange', data: { ...data(), version: shown(), range: rule.range, reason } });
    }
    if (rule.minimum) {
      const lowest = lowestBound(set.intervals, compare);
      if (!lowest) verdicts.push({ messageId: 'noLowerBound', data: { ...data(), version: shown(), minimum: rule.minimum, reason } });
      else if (compare(lowest.version, rule.minimum) < 0) verdicts.push({ messageId: pinned() ? 'tooOld' : 'rangeTooLow', data: { ...data(), lowest: lowest.version, minimum: rule.minimum, reason } });
    }
  }
  return verdicts;
}

// Verdicts by allow-list, then by expression. An allow-list is a standard's own array, which
// lives as long as the standard: keyed by it, a lookup builds no string of the whole list, as
// one per dependency did (110 ms for a lockfile of 100,000 packages).
const licenceVerdicts = new WeakMap<readonly string[], Map<string, boolean | undefined>>();

/**
 * Whether an SPDX expression is satisfied by the allowed licences; undefined when it is not valid
 * SPDX. A lockfile repeats a handful of expressions across thousands of packages, so each
 * expression and allow-list pair is evaluated once.
 */
export function licenceAllowed(expression: string, allowed: readonly string[]): boolean | undefined {
  let verdicts = licenceVerdicts.get(allowed);
  if (!verdicts) licenceVerdicts.set(allowed, (verdicts = new Map()));
  if (verdicts.has(expression)) return verdicts.get(expression);
  let verdict: boolean | undefined;
  try {
    verdict = spdxSatisfies(expression, [...allowed]);
  } catch {
    verdict = undefined;
  }
  // Bounded: a server judges lockfiles for as long as it runs.
  if (verdicts.size >= 10_000) verdicts.clear();
  verdicts.set(expression, verdict);
  return verdict;
}

/** The licence policy for one dependency that carries (or should carry) licence data. */
export function judgeLicence(dependency: Dependency, policy: NonNullable<DependenciesOptions['licenses']>): Verdict | undefined {
  const unknown = policy.unknown ?? 'fail';
  const allowed = dependency.license ? licenceAllowed(dependency.license, policy.allow) : undefined;
  if (allowed) return undefined;
  const data = { ...describe(dependency), allowed: policy.allow.join(', ') };
  if (!dependency.license) {
    return unknown === 'ignore' ? undefined : { messageId: 'licenceUnknown', data: { ...data, license: 'no licence data' }, severity: unknown === 'warn' ? 'warn' : undefined };
  }
  if (allowed === undefined) {
    return unknown === 'ignore' ? undefined : { messageId: 'licenceUnknown', data: { ...data, license: `"${dependency.license}", which is not an SPDX expression` }, severity: unknown === 'warn' ? 'warn' : undefined };
  }
  return { messageId: 'licenceNotAllowed', data: { ...data, license: dependency.license } };
}
