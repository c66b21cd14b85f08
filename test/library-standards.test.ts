// Library standards on real git repositories: each case is a pull request (a commit on a branch)
// judged by `standards check` with one dependencies standard, the way CI runs it. Every case is
// one that passed silently, or was found on the wrong line, before the standard learned it.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { RepoBuilder } from '../src/demo/repo-builder.ts';
import { runCli } from './helpers/cli.ts';
import { standardsWithOnly } from './helpers/standards.ts';

const cleanup: (() => void)[] = [];
afterAll(() => cleanup.forEach((dispose) => dispose()));

const POLICY = `
  type: dependencies
  deny:
    - name: org.apache.logging.log4j:log4j-core
      ecosystem: maven
      versions: "<2.17.1"
      reason: Log4Shell
    - name: moment
      ecosystem: npm
      reason: heavy
    - name: pycrypto
      reason: unmaintained
    - name: golang.org/x/text
      versions: "<0.3.8"
      reason: CVE-2022-32149
    - name: rack
      ecosystem: rubygems
      versions: "<2.2.8"
      reason: CVE-2023-27539
    - name: openssl
      ecosystem: cargo
      versions: "<0.10.55"
      reason: CVE-2023-35990
    - name: minitest-focus
      reason: focus left in
  versions:
    - name: lodash
      minimum: 4.17.21
    - name: requests
      minimum: 2.32.0
    - name: golang.org/x/net
      minimum: 0.23.0
    - name: tomli
      minimum: "2.0"`;


type Finding = { file: string | null; line: number | null; message: string };

async function judge(standards: string, head: Record<string, string>): Promise<Finding[]> {
  const repo = new RepoBuilder();
  cleanup.push(() => repo.dispose());
  repo.write({ 'README.md': '# svc\n' }).commit('chore: base');
  repo.branch('pr').write(head).commit('feat: change');
  const run = await runCli(['check', '--standards', standards, '--repo', repo.dir, '--format', 'json', '--date', '2026-11-26', '--repo-name', 'acme/svc']);
  expect(run.stderr).toBe('');
  const findings = (JSON.parse(run.stdout).findings as (Finding & { standard: string })[]).filter((f) => f.standard === 'STD-0100');
  expect(run.code).toBe(findings.length ? 1 : 0);
  return findings.map(({ file, line, message }) => ({ file, line, message }));
}

const pom = (dependencies: string, extra = '') =>
  `<?xml version="1.0"?>\n<project>\n  <modelVersion>4.0.0</modelVersion>\n${extra}  <dependencies>\n${dependencies}  </dependencies>\n</project>\n`;
const log4j = (version: string) =>
  `    <dependency>\n      <groupId>org.apache.logging.log4j</groupId>\n      <artifactId>log4j-core</artifactId>\n${version ? `      <version>${version}</version>\n` : ''}    </dependency>\n`;
const PARENT = '  <parent>\n    <groupId>org.springframework.boot</groupId>\n    <artifactId>spring-boot-starter-parent</artifactId>\n    <version>2.5.6</version>\n  </parent>\n';
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

interface Case {
  name: string;
  head: Record<string, string>;
  expected: [file: string, line: number, message: string][];
}

const CASES: Case[] = [
  // Maven
  {
    name: 'Maven: no <version>, managed by spring-boot-starter-parent, cannot be verified',
    head: { 'pom.xml': pom(log4j(''), PARENT) },
    expected: [['pom.xml', 10, 'cannot verify the version of org.apache.logging.log4j:log4j-core (maven) against the denied versions <2.17.1 (Log4Shell): it has no <version>: the parent pom org.springframework.boot:spring-boot-starter-parent or an imported BOM manages it, and this file does not say which version; pin it here, or add an exemption']],
  },
  {
    name: 'Maven: a ${property} only the parent pom defines cannot be verified',
    head: { 'pom.xml': pom(log4j('${log4j2.version}'), PARENT) },
    expected: [['pom.xml', 10, 'cannot verify the version of org.apache.logging.log4j:log4j-core (maven) against the denied versions <2.17.1 (Log4Shell): ${log4j2.version} is defined by no <properties> in this pom (a parent pom or the build may define it); pin it here, or add an exemption']],
  },
  {
    name: 'Maven: the range (,2.17.1) is read as a range, all of it denied',
    head: { 'pom.xml': pom(log4j('(,2.17.1)')) },
    expected: [['pom.xml', 5, 'org.apache.logging.log4j:log4j-core (,2.17.1), that is <2.17.1, may resolve to a denied version (<2.17.1): Log4Shell']],
  },
  {
    name: 'Maven: [2.17.1,3.0) lies above the deny and passes',
    head: { 'pom.xml': pom(log4j('[2.17.1,3.0)')) },
    expected: [],
  },
  {
    name: 'Maven: ComparableVersion order (2.17.1-rc1 is below 2.17.1)',
    head: { 'pom.xml': pom(log4j('2.17.1-rc1')) },
    expected: [['pom.xml', 5, 'org.apache.logging.log4j:log4j-core 2.17.1-rc1 is a denied version (<2.17.1): Log4Shell']],
  },
  {
    name: 'Maven: the finding is at the <dependency>, never at an <exclusion> of the same artifact',
    head: {
      'pom.xml': pom(
        '    <dependency>\n      <groupId>org.acme</groupId>\n      <artifactId>logging</artifactId>\n      <version>1.0</version>\n      <exclusions>\n        <exclusion>\n          <groupId>org.apache.logging.log4j</groupId>\n          <artifactId>log4j-core</artifactId>\n        </exclusion>\n      </exclusions>\n    </dependency>\n' +
          log4j('2.14.1'),
      ),
    },
    expected: [['pom.xml', 16, 'org.apache.logging.log4j:log4j-core 2.14.1 is a denied version (<2.17.1): Log4Shell']],
  },
  // npm
  {
    name: 'npm: an alias is judged as the package it installs',
    head: { 'package.json': json({ name: 'svc', dependencies: { dates: 'npm:moment@^2.30.1' } }) },
    expected: [['package.json', 4, 'moment (npm) is denied: heavy']],
  },
  {
    name: 'npm: a git dependency under a version floor cannot be verified',
    head: { 'package.json': json({ name: 'svc', dependencies: { lodash: 'github:lodash/lodash#main' } }) },
    expected: [['package.json', 4, 'cannot verify the version of lodash (npm) against the minimum 4.17.21: it is installed from github:lodash/lodash#main, not from a version the registry resolves; pin it here, or add an exemption']],
  },
  {
    name: 'npm: a nested "dependencies" key (pnpm.packageExtensions) is not the top-level section',
    head: {
      'package.json': json({ name: 'svc', pnpm: { packageExtensions: { 'react-dates': { dependencies: { moment: '*' } } } }, dependencies: { moment: '^2.30.1' } }),
    },
    expected: [['package.json', 13, 'moment (npm) is denied: heavy']],
  },
  // Go
  {
    name: 'Go: a pseudo-version is compared, and is below the floor',
    head: { 'go.mod': 'module github.com/acme/svc\n\ngo 1.22\n\nrequire golang.org/x/net v0.0.0-20220722155237-a158d28d115b\n' },
    expected: [['go.mod', 5, 'golang.org/x/net v0.0.0-20220722155237-a158d28d115b is below the minimum 0.23.0']],
  },
  {
    name: 'Go: a pseudo-version inside a version-scoped deny fails it',
    head: { 'go.mod': 'module github.com/acme/svc\n\ngo 1.22\n\nrequire golang.org/x/text v0.3.8-0.20220509174342-b4bca84b0361\n' },
    expected: [['go.mod', 5, 'golang.org/x/text v0.3.8-0.20220509174342-b4bca84b0361 is a denied version (<0.3.8): CVE-2022-32149']],
  },
  {
    name: 'Go: a replace with a local folder cannot be verified',
    head: { 'go.mod': 'module github.com/acme/svc\n\ngo 1.22\n\nrequire golang.org/x/net v0.25.0\n\nreplace golang.org/x/net => ../net\n' },
    expected: [['go.mod', 5, 'cannot verify the version of golang.org/x/net (go) against the minimum 0.23.0: go.mod line 7 replaces it with the local folder ../net, which has no version; pin it here, or add an exemption']],
  },
  // Python
  {
    name: 'Python: a constraints file installs nothing',
    head: { 'requirements.txt': '-c constraints.txt\nflask==3.0.3\n', 'constraints.txt': 'pycrypto==2.6.1\n' },
    expected: [],
  },
  {
    name: 'Python: requests<2.32 has no lower bound, so the floor fails',
    head: { 'requirements.txt': 'requests<2.32\n' },
    expected: [['requirements.txt', 1, 'requests <2.32 sets no lower bound, so it allows versions below the minimum 2.32.0; state one, such as >=2.32.0']],
  },
  {
    name: 'Python: !=2.31.0,<2.33 does not mean at least 2.33',
    head: { 'requirements.txt': 'requests!=2.31.0,<2.33\n' },
    expected: [['requirements.txt', 1, 'requests !=2.31.0,<2.33, that is <2.31.0 or >2.31.0 <2.33, sets no lower bound, so it allows versions below the minimum 2.32.0; state one, such as >=2.32.0']],
  },
  {
    name: 'Python: a URL requirement cannot be verified',
    head: { 'requirements.txt': 'requests @ https://example.com/requests-2.31.0.tar.gz\n' },
    expected: [['requirements.txt', 1, 'cannot verify the version of requests (pypi) against the minimum 2.32.0: it is installed from https://example.com/requests-2.31.0.tar.gz, not a released version; pin it here, or add an exemption']],
  },
  {
    name: 'Python: pyproject markers with escaped quotes, found on their own line',
    head: { 'pyproject.toml': '[project]\nname = "svc"\ndependencies = [\n  "httpx>=0.27",\n  "tomli>=1.2; python_version < \\"3.11\\"",\n]\n' },
    expected: [['pyproject.toml', 5, 'tomli >=1.2 allows 1.2, below the minimum 2.0']],
  },
  // Ruby
  {
    name: 'Gemfile: a requirement on the next line is read',
    head: { Gemfile: 'source "https://rubygems.org"\n\ngem "rack",\n  "~> 2.2.0"\n' },
    expected: [['Gemfile', 3, 'rack ~> 2.2.0, that is >=2.2.0 <2.3, may resolve to a denied version (<2.2.8): CVE-2023-27539']],
  },
  {
    name: 'Gemfile: a git source cannot be verified',
    head: { Gemfile: 'source "https://rubygems.org"\n\ngem "rack", git: "https://github.com/rack/rack"\n' },
    expected: [['Gemfile', 3, 'cannot verify the version of rack (rubygems) against the denied versions <2.2.8 (CVE-2023-27539): it is installed from git https://github.com/rack/rack, not a released version; pin it here, or add an exemption']],
  },
  {
    name: 'Gemfile: brace groups and optional groups are read',
    head: { Gemfile: 'source "https://rubygems.org"\n\ngroup(:test) { gem "minitest-focus" }\n\ngroup :development, optional: true do\n  gem "rack", "2.2.7"\nend\n' },
    expected: [
      ['Gemfile', 3, 'minitest-focus (rubygems) is denied: focus left in'],
      ['Gemfile', 6, 'rack 2.2.7 is a denied version (<2.2.8): CVE-2023-27539'],
    ],
  },
  // Cargo
  {
    name: 'Cargo: the legacy dev_dependencies table is read',
    head: { 'Cargo.toml': '[package]\nname = "svc"\nversion = "0.1.0"\n\n[dev_dependencies]\nopenssl = "0.10.45"\n' },
    expected: [['Cargo.toml', 6, 'openssl 0.10.45, that is >=0.10.45 <0.11.0, may resolve to a denied version (<0.10.55): CVE-2023-35990']],
  },
  {
    name: 'Cargo: a path dependency cannot be verified',
    head: { 'Cargo.toml': '[package]\nname = "svc"\nversion = "0.1.0"\n\n[build_dependencies]\nopenssl = { path = "../openssl" }\n' },
    expected: [['Cargo.toml', 6, 'cannot verify the version of openssl (cargo) against the denied versions <0.10.55 (CVE-2023-35990): it is built from the path ../openssl, not a released version; pin it here, or add an exemption']],
  },
];

describe('library standards on real pull requests', () => {
  const standards = standardsWithOnly('Libraries', POLICY);
  cleanup.push(() => rmSync(standards, { recursive: true, force: true }));
  test.each(CASES)('$name', async ({ head, expected }) => {
    const findings = await judge(standards, head);
    expect(findings.map((f) => [f.file, f.line, f.message])).toEqual(expected);
  });
});
