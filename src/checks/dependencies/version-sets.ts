// What versions a declaration allows, as a union of intervals in its ecosystem's own version
// order: semver for npm and Cargo (prereleases included), Go's semver with pseudo-versions,
// PEP 440 for PyPI (@renovatebot/pep440), RubyGems' order (@renovatebot/ruby-semver), Maven's
// ComparableVersion. Policies ask set questions of it: may it resolve into a denied range, does
// it stay within a required one, what is the lowest version it allows.
import * as pep440 from '@renovatebot/pep440';
import * as rubySemver from '@renovatebot/ruby-semver';
import semver from 'semver';
import { compareMavenVersions, parseMavenRange } from './maven-version.ts';
import type { Dependency, Ecosystem } from './model.ts';

export interface Bound {
  version: string;
  inclusive: boolean;
}

/** An interval of versions; an absent bound is unbounded. */
export interface Interval {
  low?: Bound;
  high?: Bound;
}

/** The versions a declaration allows, or why they cannot be known from the files in the change. */
export type Declared = { kind: 'versions'; intervals: Interval[] } | { kind: 'unknown'; reason: string };

export type Compare = (a: string, b: string) => number;

const withoutV = (version: string) => version.replace(/^v(?=\d)/, '');

function semverCompare(a: string, b: string): number {
  const left = semver.parse(withoutV(a), { loose: true }) ?? semver.coerce(a, { includePrerelease: true });
  const right = semver.parse(withoutV(b), { loose: true }) ?? semver.coerce(b, { includePrerelease: true });
  if (!left || !right) throw new Error(`cannot compare versions "${a}" and "${b}"`);
  return semver.compare(left, right);
}

function pep440Compare(a: string, b: string): number {
  const result = pep440.compare(a, b);
  if (Number.isNaN(result)) throw new Error(`cannot compare Python versions "${a}" and "${b}"`);
  return result;
}

function rubyCompare(a: string, b: string): number {
  return rubySemver.lt(a, b) ? -1 : rubySemver.gt(a, b) ? 1 : 0;
}

/** Each ecosystem's own version order. */
export const ORDER: Record<Ecosystem, Compare> = {
  npm: semverCompare,
  cargo: semverCompare,
  go: semverCompare,
  pypi: pep440Compare,
  rubygems: rubyCompare,
  maven: compareMavenVersions,
};

const ANY: Interval[] = [{}];
const exactly = (version: string): Interval[] => [{ low: { version, inclusive: true }, high: { version, inclusive: true } }];

/** The intervals of a node-semver range, as comparators give them. */
export function semverIntervals(range: string): Interval[] | undefined {
  let parsed: semver.Range;
  try {
    parsed = new semver.Range(range, { loose: true });
  } catch {
    return undefined;
  }
  const intervals: Interval[] = [];
  for (const comparators of parsed.set) {
    let interval: Interval | undefined = {};
    for (const comparator of comparators) {
      // The "any version" comparator carries no version.
      if (!(comparator.semver instanceof semver.SemVer) || !interval) continue;
      const version = comparator.semver.version;
      const op = comparator.operator;
      const one: Interval =
        op === '' || op === '=' ? { low: { version, inclusive: true }, high: { version, inclusive: true } } : op === '>' || op === '>=' ? { low: { version, inclusive: op === '>=' } } : { high: { version, inclusive: op === '<=' } };
      interval = intersectIntervals(interval, one, semverCompare);
    }
    if (interval) intervals.push(interval);
  }
  return intervals;
}

/**
 * A policy's range (written in semver syntax) as intervals. A `-0` that node-semver adds to mean
 * "below every prerelease" is dropped: other ecosystems read it as a version of its own.
 */
export function policyIntervals(range: string): Interval[] | undefined {
  const clean = (bound?: Bound) => (bound ? { ...bound, version: bound.version.replace(/-0$/, '') } : undefined);
  return semverIntervals(range)?.map((interval) => ({ low: clean(interval.low), high: clean(interval.high) }));
}

function compareLow(a: Bound | undefined, b: Bound | undefined, compare: Compare): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return compare(a.version, b.version) || (a.inclusive === b.inclusive ? 0 : a.inclusive ? -1 : 1);
}

function compareHigh(a: Bound | undefined, b: Bound | undefined, compare: Compare): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return compare(a.version, b.version) || (a.inclusive === b.inclusive ? 0 : a.inclusive ? 1 : -1);
}

function isEmpty(interval: Interval, compare: Compare): boolean {
  if (!interval.low || !interval.high) return false;
  const order = compare(interval.low.version, interval.high.version);
  return order > 0 || (order === 0 && !(interval.low.inclusive && interval.high.inclusive));
}

/** The overlap of two intervals, or undefined when they do not meet. */
export function intersectIntervals(a: Interval, b: Interval, compare: Compare): Interval | undefined {
  const low = compareLow(a.low, b.low, compare) >= 0 ? a.low : b.low;
  const high = compareHigh(a.high, b.high, compare) <= 0 ? a.high : b.high;
  const interval = { low, high };
  return isEmpty(interval, compare) ? undefined : interval;
}

/** The versions both sets allow. */
export function intersectSets(a: readonly Interval[], b: readonly Interval[], compare: Compare): Interval[] {
  const out: Interval[] = [];
  for (const x of a) for (const y of b) {
    const both = intersectIntervals(x, y, compare);
    if (both) out.push(both);
  }
  return out;
}

/** Whether some version is in both sets. */
export function overlaps(a: readonly Interval[], b: readonly Interval[], compare: Compare): boolean {
  return intersectSets(a, b, compare).length > 0;
}

/** Whether every version of `a` is in `b` (each interval of `a` inside one interval of `b`). */
export function within(a: readonly Interval[], b: readonly Interval[], compare: Compare): boolean {
  return a.every((x) => isEmpty(x, compare) || b.some((y) => compareLow(y.low, x.low, compare) <= 0 && compareHigh(x.high, y.high, compare) <= 0));
}

/** The lowest bound of a set; undefined when it has none (it allows versions without end below). */
export function lowestBound(set: readonly Interval[], compare: Compare): Bound | undefined {
  let lowest: Bound | undefined;
  for (const interval of set) {
    if (!interval.low) return undefined;
    if (!lowest || compareLow(interval.low, lowest, compare) < 0) lowest = interval.low;
  }
  return lowest;
}

/** PEP 440's "next" of a release prefix: 1.4 → 1.5, as the upper end of ~= and ==…*. */
function nextRelease(release: string, drop: number): string {
  const parts = release.split('.').map(Number);
  const kept = parts.slice(0, Math.max(1, parts.length - drop));
  kept[kept.length - 1]! += 1;
  return kept.join('.');
}

/** One PEP 440 clause (`>=1.2`, `~=1.4.5`, `==2.*`, `!=2.31.0`) as intervals. */
function pep440Clause(clause: string): Interval[] | undefined {
  const match = /^\s*(===|==|!=|~=|<=|>=|<|>)\s*([^\s]+)\s*$/.exec(clause);
  if (!match) return undefined;
  const [, op, raw] = match as unknown as [string, string, string];
  const wildcard = raw.endsWith('.*');
  const version = wildcard ? raw.slice(0, -2) : raw;
  if (!pep440.valid(version) && op !== '===') return undefined;
  if (wildcard) {
    const low = { version: `${version}.dev0`, inclusive: true };
    const high = { version: `${nextRelease(version, 0)}.dev0`, inclusive: false };
    if (op === '==') return [{ low, high }];
    if (op === '!=') return [{ high: { ...low, inclusive: false } }, { low: { ...high, inclusive: true } }];
    return undefined;
  }
  switch (op) {
    case '==':
    case '===':
      return exactly(version);
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return comparison(op, version);
    case '~=': {
      const release = pep440.parse(version)?.release as number[] | undefined;
      if (!release || release.length < 2) return undefined;
      return [{ low: { version, inclusive: true }, high: { version: `${nextRelease(release.join('.'), 1)}.dev0`, inclusive: false } }];
    }
  }
  return undefined;
}

/** `!=`, `<`, `<=`, `>` and `>=` read the same in every ecosystem's requirement syntax. */
function comparison(op: '!=' | '<' | '<=' | '>' | '>=', version: string): Interval[] {
  if (op === '!=') return [{ high: { version, inclusive: false } }, { low: { version, inclusive: false } }];
  if (op === '<' || op === '<=') return [{ high: { version, inclusive: op === '<=' } }];
  return [{ low: { version, inclusive: op === '>=' } }];
}

/** One RubyGems requirement (`~> 2.2`, `>= 1.0`, `!= 1.5`, `1.2.3`) as intervals. */
function rubyClause(clause: string): Interval[] | undefined {
  const match = /^\s*(~>|>=|<=|!=|=|>|<)?\s*([0-9][0-9A-Za-z.]*)\s*$/.exec(clause);
  if (!match) return undefined;
  const [, op = '=', version] = match as unknown as [string, string | undefined, string];
  switch (op) {
    case '=':
      return exactly(version);
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return comparison(op, version);
    case '~>': {
      const release = version.split('.').filter((part) => /^\d+$/.test(part));
      const upper = release.length < 2 ? String(Number(release[0]) + 1) : nextRelease(release.join('.'), 1);
      return [{ low: { version, inclusive: true }, high: { version: upper, inclusive: false } }];
    }
  }
  return undefined;
}

/**
 * A Poetry requirement in PEP 440 terms: `^1.2.3` is >=1.2.3,<2.0.0, `~1.2` is >=1.2,<1.3, a
 * bare version is exact, and `*` is any version.
 */
export function poetryRequirement(requirement: string): string | undefined {
  const bump = (release: number[], at: number) => [...release.slice(0, at), release[at]! + 1].join('.');
  const out: string[] = [];
  for (const part of requirement.split(',').map((p) => p.trim())) {
    if (!part || part === '*') continue;
    const caret = /^\^\s*(\d+(?:\.\d+)*)$/.exec(part);
    const tilde = /^~(?!=)\s*(\d+(?:\.\d+)*)$/.exec(part);
    if (caret) {
      const release = caret[1]!.split('.').map(Number);
      const firstNonZero = release.findIndex((n) => n !== 0);
      out.push(`>=${caret[1]}`, `<${bump(release, firstNonZero < 0 ? release.length - 1 : firstNonZero)}`);
    } else if (tilde) {
      const release = tilde[1]!.split('.').map(Number);
      out.push(`>=${tilde[1]}`, `<${bump(release, release.length > 1 ? 1 : 0)}`);
    } else out.push(/^\d/.test(part) ? `==${part}` : part);
  }
  return out.join(',') || undefined;
}

/** ANDs the clauses of a comma-separated requirement; undefined when one cannot be read. */
function allOf(text: string, clause: (text: string) => Interval[] | undefined, compare: Compare): Interval[] | undefined {
  let set: Interval[] = ANY;
  for (const part of text.split(',')) {
    if (!part.trim()) continue;
    const one = clause(part);
    if (!one) return undefined;
    set = intersectSets(set, one, compare);
  }
  return set;
}

/** An npm version spec that names a source rather than versions: a git URL, a tarball, a path, a GitHub shorthand. */
const NPM_SOURCE = /^(?:git(?:\+[a-z]+)?:|https?:|file:|link:|github:|gitlab:|bitbucket:|gist:|workspace:|portal:|patch:|\.{0,2}\/|~\/)|^[\w.-]+\/[\w.-]+(?:#.*)?$/i;

/** The versions a dependency's declaration allows, in its ecosystem's terms. */
export function declaredVersions(dependency: Dependency): Declared {
  if (dependency.versionProblem) return { kind: 'unknown', reason: dependency.versionProblem };
  const declared = dependency.version?.trim();
  const compare = ORDER[dependency.ecosystem];
  const unreadable = (what: string): Declared => ({ kind: 'unknown', reason: `its version "${declared}" is not ${what}` });
  if (!declared) return { kind: 'versions', intervals: ANY };
  if (dependency.source === 'lockfile') return { kind: 'versions', intervals: exactly(declared) };
  switch (dependency.ecosystem) {
    case 'npm': {
      if (NPM_SOURCE.test(declared)) return { kind: 'unknown', reason: `it is installed from ${declared}, not from a version the registry resolves` };
      const intervals = semverIntervals(declared);
      if (!intervals) return { kind: 'unknown', reason: `it names "${declared}", a dist-tag or other label that moves, not a version range` };
      return { kind: 'versions', intervals };
    }
    case 'cargo': {
      const range = declared
        .split(',')
        .map((part) => part.trim())
        .map((part) => (/^\d/.test(part) ? `^${part}` : part))
        .join(' ');
      const intervals = semverIntervals(range);
      return intervals ? { kind: 'versions', intervals } : unreadable('a Cargo version requirement');
    }
    case 'go':
      return semver.valid(withoutV(declared), { loose: true }) ? { kind: 'versions', intervals: exactly(declared) } : unreadable('a Go module version');
    case 'pypi': {
      // Poetry writes ^1.2 and ~1.2 and bare versions; pip writes PEP 440 specifiers.
      const intervals = allOf(poetryRequirement(declared) ?? '', pep440Clause, compare);
      return intervals ? { kind: 'versions', intervals } : unreadable('a PEP 440 version specifier');
    }
    case 'rubygems': {
      const intervals = allOf(declared, rubyClause, compare);
      return intervals ? { kind: 'versions', intervals } : unreadable('a RubyGems requirement');
    }
    case 'maven': {
      const intervals = parseMavenRange(declared);
      return intervals ? { kind: 'versions', intervals } : unreadable('a Maven version or range');
    }
  }
}

/** A set of versions in words, for messages: "<2.32", "2.17.0", "any version". */
export function describeSet(set: readonly Interval[]): string {
  const one = (interval: Interval) => {
    const { low, high } = interval;
    if (!low && !high) return 'any version';
    if (low && high && low.version === high.version) return low.version;
    // An exclusive "-0" bound (<0.11.0-0, which keeps 0.11.0's prereleases out) reads as <0.11.0.
    const upper = high && !high.inclusive ? high.version.replace(/-0$/, '') : high?.version;
    return [low ? `${low.inclusive ? '>=' : '>'}${low.version}` : '', high ? `${high.inclusive ? '<=' : '<'}${upper}` : ''].filter(Boolean).join(' ');
  };
  return set.map(one).join(' or ') || 'no version';
}
