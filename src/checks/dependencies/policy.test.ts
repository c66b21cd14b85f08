import { describe, expect, test } from 'vitest';
import { diffDependencies, type DependencyChange } from './diff.ts';
import type { Dependency } from './model.ts';
import { judgeDependency, judgeLicence, licenceAllowed, ruleMatches, type DependenciesOptions } from './policy.ts';
import { declaredVersions, describeSet, lowestBound, ORDER } from './version-sets.ts';

function dep(name: string, version: string | undefined, extra: Partial<Dependency> = {}): Dependency {
  return { ecosystem: 'npm', name, version, dev: false, direct: true, line: 3, file: 'package.json', key: name, source: 'manifest', ...extra };
}
const added = (d: Dependency): DependencyChange => ({ kind: 'added', dependency: d });
const bumped = (d: Dependency, from: string): DependencyChange => ({ kind: 'changed', dependency: d, from });
const ids = (options: DependenciesOptions, change: DependencyChange, today = '2026-11-26') => judgeDependency(change, options, today).map((v) => v.messageId + (v.severity ? `/${v.severity}` : ''));

describe('diffDependencies', () => {
  test('added, removed and changed, by file and key', () => {
    const base = [dep('a', '1.0.0'), dep('b', '1.0.0'), dep('c', '1.0.0')];
    const head = [dep('a', '1.0.0'), dep('b', '2.0.0'), dep('d', '1.0.0')];
    expect(diffDependencies(base, head).map((c) => [c.kind, c.dependency.name, c.from])).toEqual([
      ['changed', 'b', '1.0.0'],
      ['added', 'd', undefined],
      ['removed', 'c', undefined],
    ]);
  });

  test('the same name in two manifests is two dependencies', () => {
    const changes = diffDependencies([dep('a', '1')], [dep('a', '1'), dep('a', '1', { file: 'web/package.json' })]);
    expect(changes.map((c) => c.dependency.file)).toEqual(['web/package.json']);
  });

  test('a key declared twice counts once, as its last declaration, wherever its manifest comes again', () => {
    const web = { file: 'web/package.json' };
    const head = [dep('a', '1'), dep('x', '1', web), dep('a', '2'), dep('y', '1', { ecosystem: 'pypi' as const })];
    expect(diffDependencies([dep('a', '1'), dep('x', '1', web)], head).map((c) => [c.kind, c.dependency.ecosystem, c.dependency.name, c.dependency.version])).toEqual([
      ['changed', 'npm', 'a', '2'],
      ['added', 'pypi', 'y', '1'],
    ]);
  });
});

describe('judgeDependency', () => {
  test.each([
    { name: 'a denied library', options: { deny: [{ name: 'moment', reason: 'unmaintained', instead: 'date-fns' }] }, change: added(dep('moment', '^2.30.0')), expected: ['denied'] },
    { name: 'deny by glob', options: { deny: [{ name: '@legacy/*', reason: 'frozen' }] }, change: added(dep('@legacy/ui', '1.0.0')), expected: ['denied'] },
    { name: 'deny only some versions: a range that can reach them', options: { deny: [{ name: 'lodash', versions: '<4.17.21', reason: 'CVE-2021-23337' }] }, change: added(dep('lodash', '^4.17.0')), expected: ['deniedVersion'] },
    { name: 'deny only some versions: a range that cannot', options: { deny: [{ name: 'lodash', versions: '<4.17.21', reason: 'CVE' }] }, change: added(dep('lodash', '^4.17.21')), expected: [] },
    { name: 'allow-list: on the list', options: { allow: ['react', '@acme/*'] }, change: added(dep('@acme/ui', '1.0.0')), expected: [] },
    { name: 'allow-list: off the list', options: { allow: ['react', '@acme/*'] }, change: added(dep('left-pad', '1.0.0')), expected: ['notAllowed'] },
    { name: 'allow-list: a bump of an existing dependency is not judged', options: { allow: ['react'] }, change: bumped(dep('left-pad', '1.1.0'), '1.0.0'), expected: [] },
    { name: 'allow-list scoped to another ecosystem', options: { allow: [{ name: 'requests', ecosystem: 'pypi' as const }] }, change: added(dep('left-pad', '1.0.0')), expected: ['notAllowed'] },
    { name: 'minimum version met', options: { versions: [{ name: 'lodash', minimum: '4.17.21' }] }, change: added(dep('lodash', '^4.17.21')), expected: [] },
    { name: 'minimum version not met by the range\'s floor', options: { versions: [{ name: 'lodash', minimum: '4.17.21' }] }, change: bumped(dep('lodash', '^4.17.0'), '^4.16.0'), expected: ['rangeTooLow'] },
    { name: 'minimum version not met by a pin', options: { versions: [{ name: 'lodash', minimum: '4.17.21' }] }, change: added(dep('lodash', '4.17.20')), expected: ['tooOld'] },
    { name: 'minimum version for a pip pin', options: { versions: [{ name: 'requests', minimum: '2.32.0' }] }, change: added(dep('requests', '==2.31.0', { ecosystem: 'pypi' })), expected: ['tooOld'] },
    { name: 'range: declared range escapes it', options: { versions: [{ name: 'lodash', range: '>=4.17.21' }] }, change: added(dep('lodash', '^4.17.0')), expected: ['outsideRange'] },
    { name: 'range: no version declared allows any version, so it escapes the range', options: { versions: [{ name: 'lodash', range: '>=4.17.21' }] }, change: added(dep('lodash', undefined)), expected: ['outsideRange'] },
    { name: 'no rules, no verdicts', options: {}, change: added(dep('anything', '1.0.0')), expected: [] },
    { name: 'rules that name other packages, no verdicts', options: { deny: [{ name: 'moment', reason: 'x' }], deprecated: [{ name: 'request', sunset: '2027-03-31' }], versions: [{ name: 'lodash', minimum: '4.17.21' }] }, change: added(dep('left-pad', '1.0.0')), expected: [] },
    { name: 'only the deprecation names it', options: { deny: [{ name: 'moment', reason: 'x' }], deprecated: [{ name: 'request', sunset: '2027-03-31' }], versions: [{ name: 'lodash', minimum: '4.17.21' }] }, change: added(dep('request', '2.88.2')), expected: ['deprecatedAdded'] },
    { name: 'only the version rule names it', options: { deny: [{ name: 'moment', reason: 'x' }], deprecated: [{ name: 'request', sunset: '2027-03-31' }], versions: [{ name: 'lodash', minimum: '4.17.21' }] }, change: added(dep('lodash', '4.17.20')), expected: ['tooOld'] },
  ])('$name', ({ options, change, expected }) => {
    expect(ids(options as DependenciesOptions, change)).toEqual(expected);
  });

  test('messages carry the reason and what to use instead', () => {
    const [verdict] = judgeDependency(added(dep('moment', '^2.30.0')), { deny: [{ name: 'moment', reason: 'unmaintained', instead: 'date-fns' }] }, '2026-11-26');
    expect(verdict!.data).toMatchObject({ name: 'moment', ecosystem: 'npm', reason: 'unmaintained', instead: '; use date-fns instead' });
  });

  describe('deprecated, with the sunset boundary', () => {
    const options: DependenciesOptions = { deprecated: [{ name: 'request', sunset: '2027-03-31', instead: 'undici' }] };
    test.each([
      { name: 'adding it fails', change: added(dep('request', '2.88.2')), today: '2026-11-26', expected: ['deprecatedAdded'] },
      { name: 'bumping it warns before the sunset', change: bumped(dep('request', '2.88.2'), '2.88.0'), today: '2027-03-30', expected: ['deprecatedKept/warn'] },
      { name: 'bumping it warns on the sunset day', change: bumped(dep('request', '2.88.2'), '2.88.0'), today: '2027-03-31', expected: ['deprecatedKept/warn'] },
      { name: 'bumping it fails after the sunset', change: bumped(dep('request', '2.88.2'), '2.88.0'), today: '2027-04-01', expected: ['deprecatedPastSunset'] },
    ])('$name', ({ change, today, expected }) => {
      expect(ids(options, change, today)).toEqual(expected);
    });
  });

  test.each([
    { rule: { name: 'Django' }, dependency: dep('django', '5.0', { ecosystem: 'pypi' }), matches: true },
    { rule: { name: 'ruamel.yaml' }, dependency: dep('ruamel-yaml', '1', { ecosystem: 'pypi' }), matches: true },
    { rule: { name: 'org.apache.logging.log4j:*' }, dependency: dep('org.apache.logging.log4j:log4j-core', '2.14.0', { ecosystem: 'maven' }), matches: true },
    { rule: { name: 'github.com/acme/*' }, dependency: dep('github.com/acme/lib/v2', 'v2.0.0', { ecosystem: 'go' }), matches: false },
    { rule: { name: 'github.com/acme/**' }, dependency: dep('github.com/acme/lib/v2', 'v2.0.0', { ecosystem: 'go' }), matches: true },
    { rule: { name: 'moment', ecosystem: 'pypi' as const }, dependency: dep('moment', '1'), matches: false },
  ])('ruleMatches $rule.name ~ $dependency.name → $matches', ({ rule, dependency, matches }) => {
    expect(ruleMatches(rule, dependency)).toBe(matches);
  });

  test.each([
    { dependency: dep('a', '^1.2.3'), lowest: '1.2.3' },
    { dependency: dep('a', '1.2', { ecosystem: 'cargo' }), lowest: '1.2.0' },
    { dependency: dep('a', '==2.31.0', { ecosystem: 'pypi' }), lowest: '2.31.0' },
    { dependency: dep('a', '>=2.0,<3', { ecosystem: 'pypi' }), lowest: '2.0' },
    { dependency: dep('a', 'v1.8.0', { ecosystem: 'go' }), lowest: 'v1.8.0' },
    { dependency: dep('a', '~> 7.1.0', { ecosystem: 'rubygems' }), lowest: '7.1.0' },
    { dependency: dep('a', '[1.2,2.0)', { ecosystem: 'maven' }), lowest: '1.2' },
    { dependency: dep('a', '<2.32', { ecosystem: 'pypi' }), lowest: undefined },
    { dependency: dep('a', undefined), lowest: undefined },
  ])('the lowest version $dependency.ecosystem "$dependency.version" allows is $lowest', ({ dependency, lowest }) => {
    const declared = declaredVersions(dependency);
    expect(declared.kind).toBe('versions');
    if (declared.kind === 'versions') expect(lowestBound(declared.intervals, ORDER[dependency.ecosystem])?.version).toBe(lowest);
  });
});

describe('a deny must never pass silently: versions that cannot be verified, and versions read in their own ecosystem', () => {
  const log4j = { deny: [{ name: 'org.apache.logging.log4j:log4j-core', versions: '<2.17.1', reason: 'Log4Shell' }] };
  const maven = (version: string | undefined, extra: Partial<Dependency> = {}) => dep('org.apache.logging.log4j:log4j-core', version, { ecosystem: 'maven', file: 'pom.xml', ...extra });
  test.each([
    { name: 'Maven: no <version>, managed by a parent', options: log4j, change: added(maven(undefined, { versionProblem: 'it has no <version>' })), expected: ['cannotVerify'] },
    { name: 'Maven: a ${property} no file here defines', options: log4j, change: added(maven('${log4j2.version}', { versionProblem: '${log4j2.version} is defined by no <properties> here' })), expected: ['cannotVerify'] },
    { name: 'Maven: a range that reaches below the fix', options: log4j, change: added(maven('[2.0,2.17.1)')), expected: ['deniedVersion'] },
    { name: 'Maven: a range that stays above it', options: log4j, change: added(maven('[2.17.1,3.0)')), expected: [] },
    { name: 'Maven: (,2.17.1) is a range, not a version', options: log4j, change: added(maven('(,2.17.1)')), expected: ['deniedVersion'] },
    { name: 'Maven: 2.17.1-rc1 sorts before 2.17.1', options: log4j, change: added(maven('2.17.1-rc1')), expected: ['deniedPinned'] },
    { name: 'Maven: 2.17.1.0 is 2.17.1', options: log4j, change: added(maven('2.17.1.0')), expected: [] },
    { name: 'npm: a git dependency', options: { deny: [{ name: 'lodash', versions: '<4.17.21', reason: 'CVE' }] }, change: added(dep('lodash', 'git+https://github.com/lodash/lodash.git#4.17.0')), expected: ['cannotVerify'] },
    { name: 'npm: a tarball URL', options: { deny: [{ name: 'lodash', versions: '<4.17.21', reason: 'CVE' }] }, change: added(dep('lodash', 'https://example.com/lodash-4.17.0.tgz')), expected: ['cannotVerify'] },
    { name: 'npm: a dist-tag', options: { deny: [{ name: 'lodash', versions: '<4.17.21', reason: 'CVE' }] }, change: added(dep('lodash', 'latest')), expected: ['cannotVerify'] },
    { name: 'Go: a pseudo-version below the fix', options: { deny: [{ name: 'golang.org/x/net', versions: '<0.23.0', reason: 'CVE-2023-45288' }] }, change: added(dep('golang.org/x/net', 'v0.0.0-20220722155237-a158d28d115b', { ecosystem: 'go' })), expected: ['deniedPinned'] },
    { name: 'Go: a prerelease of the fixed version is still below it', options: { deny: [{ name: 'golang.org/x/net', versions: '<0.23.0', reason: 'CVE' }] }, change: added(dep('golang.org/x/net', 'v0.23.0-rc.1', { ecosystem: 'go' })), expected: ['deniedPinned'] },
    { name: 'Go: the fix itself passes', options: { deny: [{ name: 'golang.org/x/net', versions: '<0.23.0', reason: 'CVE' }] }, change: added(dep('golang.org/x/net', 'v0.23.0', { ecosystem: 'go' })), expected: [] },
    { name: 'PyPI: no lower bound fails a minimum', options: { versions: [{ name: 'requests', minimum: '2.32.0' }] }, change: added(dep('requests', '<2.32', { ecosystem: 'pypi' })), expected: ['noLowerBound'] },
    { name: 'PyPI: !=2.31.0,<2.33 does not mean at least 2.33', options: { versions: [{ name: 'requests', minimum: '2.32.0' }] }, change: added(dep('requests', '!=2.31.0,<2.33', { ecosystem: 'pypi' })), expected: ['noLowerBound'] },
    { name: 'PyPI: ~=2.31 reaches below 2.32', options: { versions: [{ name: 'requests', minimum: '2.32.0' }] }, change: added(dep('requests', '~=2.31', { ecosystem: 'pypi' })), expected: ['rangeTooLow'] },
    { name: 'PyPI: a URL install', options: { versions: [{ name: 'requests', minimum: '2.32.0' }] }, change: added(dep('requests', undefined, { ecosystem: 'pypi', versionProblem: 'it is installed from https://example.com/r.whl' })), expected: ['cannotVerify'] },
    { name: 'RubyGems: ~> 2.2 allows 2.2 to 3', options: { deny: [{ name: 'rack', versions: '>=3.0.0', reason: 'breaks the app' }] }, change: added(dep('rack', '~> 2.2', { ecosystem: 'rubygems' })), expected: [] },
    { name: 'RubyGems: >= 2.0 reaches the denied 3', options: { deny: [{ name: 'rack', versions: '>=3.0.0', reason: 'breaks the app' }] }, change: added(dep('rack', '>= 2.0', { ecosystem: 'rubygems' })), expected: ['deniedVersion'] },
  ])('$name', ({ options, change, expected }) => {
    expect(ids(options as DependenciesOptions, change)).toEqual(expected);
  });

  test('"cannot verify" names the dependency, the policy it might break and what was missing', () => {
    const [verdict] = judgeDependency(added(maven(undefined, { versionProblem: 'it has no <version>: a parent pom or BOM manages it' })), log4j, '2026-11-26');
    expect(verdict).toEqual({
      messageId: 'cannotVerify',
      data: expect.objectContaining({ name: 'org.apache.logging.log4j:log4j-core', policy: 'the denied versions <2.17.1 (Log4Shell)', reason: 'it has no <version>: a parent pom or BOM manages it' }),
    });
    expect(verdict!.severity).toBeUndefined();
  });

  test('the declared set in words', () => {
    const declared = declaredVersions(dep('x', '>=1.2.0 <2.0.0'));
    expect(declared.kind === 'versions' && describeSet(declared.intervals)).toBe('>=1.2.0 <2.0.0');
  });
});

describe('licences', () => {
  const policy = { allow: ['MIT', 'Apache-2.0', 'BSD-3-Clause', 'ISC'] };
  test.each([
    { license: 'MIT', expected: undefined },
    { license: '(MIT OR GPL-3.0-only)', expected: undefined },
    { license: 'GPL-3.0-only', expected: 'licenceNotAllowed' },
    { license: 'MIT AND GPL-3.0-only', expected: 'licenceNotAllowed' },
    { license: 'SEE LICENSE IN LICENSE.txt', expected: 'licenceUnknown' },
    { license: undefined, expected: 'licenceUnknown' },
  ])('$license → $expected', ({ license, expected }) => {
    expect(judgeLicence(dep('x', '1.0.0', { license, source: 'lockfile' }), policy)?.messageId).toBe(expected);
  });

  test('unknown licences can warn or be ignored instead of failing', () => {
    expect(judgeLicence(dep('x', '1'), { ...policy, unknown: 'warn' })).toMatchObject({ messageId: 'licenceUnknown', severity: 'warn' });
    expect(judgeLicence(dep('x', '1'), { ...policy, unknown: 'ignore' })).toBeUndefined();
  });

  test('licenceAllowed is undefined for text that is not SPDX', () => {
    expect(licenceAllowed('UNLICENSED', ['MIT'])).toBeUndefined();
  });

  test('licenceAllowed remembers a verdict per allow-list, never across lists', () => {
    const permissive = ['MIT', 'Apache-2.0'];
    const copyleft = ['GPL-3.0-only'];
    for (let round = 0; round < 2; round++) {
      expect(licenceAllowed('GPL-3.0-only', permissive)).toBe(false);
      expect(licenceAllowed('GPL-3.0-only', copyleft)).toBe(true);
      expect(licenceAllowed('MIT OR GPL-3.0-only', permissive)).toBe(true);
      expect(licenceAllowed('MIT', copyleft)).toBe(false);
      // An equal list in another array is judged the same.
      expect(licenceAllowed('GPL-3.0-only', [...copyleft])).toBe(true);
    }
  });
});
