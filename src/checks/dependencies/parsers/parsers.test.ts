import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MANIFEST_KINDS, manifestKind, parseManifest } from './index.ts';
import { declarationLine, type DependencyDraft } from '../model.ts';
import { parseCargoToml } from './cargo.ts';
import { parseGemfile } from './gemfile.ts';
import { parseGoMod } from './go.ts';
import { parsePom } from './maven.ts';
import { lockPathName, parsePackageJson, parsePackageLock } from './npm.ts';
import { parsePep508, parsePyproject, parseRequirements } from './python.ts';

type Brief = [name: string, version: string | undefined, line: number, dev?: boolean];
const lineOf = (draft: DependencyDraft) => declarationLine({ line: draft.line, key: draft.key ?? draft.name });
const brief = (drafts: DependencyDraft[]): Brief[] => drafts.map((d) => [d.name, d.version, lineOf(d), d.dev]);

describe('npm', () => {
  test('package.json sections, with lines and dev flags', () => {
    const text = `{
  "name": "app",
  "dependencies": {
    "react": "^18.2.0",
    "@acme/ui": "workspace:*"
  },
  "devDependencies": { "vitest": "^4.0.0" },
  "peerDependencies": {
    "react": ">=17"
  },
  "optionalDependencies": { "fsevents": "2.3.3" }
}`;
    expect(brief(parsePackageJson(text).drafts)).toEqual([
      ['react', '^18.2.0', 4, false],
      ['@acme/ui', 'workspace:*', 5, false],
      ['fsevents', '2.3.3', 11, false],
      ['react', '>=17', 9, false],
      ['vitest', '^4.0.0', 7, true],
    ]);
  });

  test('a broken package.json reports the parser\'s line and column', () => {
    const { drafts, error } = parsePackageJson('{\n  "dependencies": {\n    "a": "1.0.0",\n  }\n}\n');
    expect(drafts).toEqual([]);
    expect(error).toEqual({ message: 'trailing comma before "}"', line: 4, column: 3 });
  });

  test('package-lock v3: install paths, versions, licences, direct and dev', () => {
    const text = JSON.stringify(
      {
        lockfileVersion: 3,
        packages: {
          '': { name: 'app', dependencies: { lodash: '^4.17.0' }, devDependencies: { vitest: '^4' } },
          'node_modules/lodash': { version: '4.17.21', license: 'MIT' },
          'node_modules/vitest': { version: '4.1.0', license: 'MIT', dev: true },
          'node_modules/vitest/node_modules/@scope/inner': { version: '1.0.0', license: { type: 'ISC' }, dev: true },
          'node_modules/linked': { link: true },
          'packages/local': { version: '0.0.0' },
        },
      },
      null,
      2,
    );
    const { drafts } = parsePackageLock(text);
    expect(drafts.map((d) => [d.key, d.name, d.version, d.license, d.direct, d.dev, d.line])).toEqual([
      ['node_modules/lodash', 'lodash', '4.17.21', 'MIT', true, false, 13],
      ['node_modules/vitest', 'vitest', '4.1.0', 'MIT', true, true, 17],
      ['node_modules/vitest/node_modules/@scope/inner', '@scope/inner', '1.0.0', 'ISC', false, true, 22],
    ]);
    expect(lockPathName('node_modules/a/node_modules/@s/b')).toBe('@s/b');
  });

  test('aliases are judged as the package they install, and a lockfile entry\'s own name wins over its path', () => {
    const json = '{\n  "dependencies": {\n    "lodash4": "npm:lodash@^4.17.21",\n    "left": "npm:left-pad",\n    "plain": "1.0.0"\n  }\n}';
    expect(parsePackageJson(json).drafts.map((d) => [d.name, d.version, d.line])).toEqual([
      ['lodash', '^4.17.21', 3],
      ['left-pad', undefined, 4],
      ['plain', '1.0.0', 5],
    ]);
    const lock = JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { lodash4: 'npm:lodash@^4' } }, 'node_modules/lodash4': { name: 'lodash', version: '4.17.21' } } }, null, 2);
    expect(parsePackageLock(lock).drafts.map((d) => [d.name, d.version, d.direct])).toEqual([['lodash', '4.17.21', true]]);
  });

  test('a lockfile v1 is reported, not silently empty', () => {
    expect(parsePackageLock('{"lockfileVersion": 1, "dependencies": {}}').error!.message).toMatch(/lockfileVersion 1 has no "packages" map/);
  });
});

test.each([
  ['{"a": 1,}', 'trailing comma before "}"', 1, 9],
  ['{\n  "a" 1\n}', 'expected ":" after a property name', 2, 7],
  ['[1, 2', 'expected "," or "]"', 1, 6],
  ['{"a": "unterminated}', 'unterminated string', 1, 7],
  ['{"a": 1} x', 'unexpected "x"', 1, 10],
  ['{"a": [1,]}', 'trailing comma before "]"', 1, 10],
  ['{"a": 1, // no\n}', 'comments are not allowed in JSON', 1, 10],
  ['{"a": tru}', 'unexpected "t"', 1, 7],
])('broken JSON %j is located precisely', (text, message, line, column) => {
  expect(parsePackageJson(text).error).toEqual({ message, line, column });
});

describe('python', () => {
  test.each([
    ['requests>=2.31,<3', { name: 'requests', extras: [], specifier: '>=2.31,<3' }],
    ['uvicorn[standard] == 0.30.0', { name: 'uvicorn', extras: ['standard'], specifier: '== 0.30.0' }],
    ['async_timeout==4.0.3; python_version <= "3.10"', { name: 'async_timeout', extras: [], specifier: '==4.0.3', marker: 'python_version <= "3.10"' }],
    ['pkg @ https://example.com/pkg-1.0.tar.gz', { name: 'pkg', extras: [], url: 'https://example.com/pkg-1.0.tar.gz' }],
    ['name (>=1.0)', { name: 'name', extras: [], specifier: '>=1.0' }],
    ['not a requirement!', undefined],
  ])('PEP 508: %s', (line, expected) => {
    expect(parsePep508(line)).toEqual(expected === undefined ? undefined : { marker: undefined, specifier: undefined, ...expected });
  });

  test('requirements: comments, continuations with hashes, markers, includes, editable installs', () => {
    const text = [
      '# pinned by pip-compile',
      '-r base.txt',
      '--index-url https://pypi.example.com/simple',
      'Django==5.0.1 \\',
      '    --hash=sha256:aaaa \\',
      '    --hash=sha256:bbbb',
      '    # via -r requirements.in',
      'ruamel.yaml==0.18.6 # dashboard_import',
      'async_timeout==4.0.3; python_version <= "3.10"',
      '-e git+https://github.com/acme/tool.git@main#egg=acme_tool',
      '-e .[brotli,cli]',
      '-c ../constraints.txt',
    ].join('\n');
    const { drafts, includes, constraints } = parseRequirements(text, 'app/requirements.txt');
    expect(brief(drafts)).toEqual([
      ['django', '==5.0.1', 4, false],
      ['ruamel-yaml', '==0.18.6', 8, false],
      ['async-timeout', '==4.0.3', 9, false],
      ['acme-tool', undefined, 10, false],
    ]);
    expect(drafts[3]!.versionProblem).toBe('it is an editable install of git+https://github.com/acme/tool.git@main#egg=acme_tool, not a released version');
    // -r adds requirements; -c only narrows versions of requirements declared elsewhere.
    expect(includes).toEqual(['app/base.txt']);
    expect(constraints).toEqual(['constraints.txt']);
  });

  test('requirements-dev.txt is development-only', () => {
    expect(parseRequirements('pytest==8.0', 'requirements-dev.txt').drafts[0]!.dev).toBe(true);
  });

  test('pyproject: PEP 621 dependencies and optional groups, and Poetry tables', () => {
    const text = `[project]
name = "svc"
dependencies = [
  "httpx>=0.27",
  'rich==13.7.1',
]

[project.optional-dependencies]
test = ["pytest>=8"]
postgres = ["psycopg[binary]>=3.1"]

[tool.poetry.dependencies]
python = "^3.11"
fastapi = "^0.110"
sqlalchemy = { version = "^2.0", extras = ["asyncio"] }

[tool.poetry.group.dev.dependencies]
ruff = "^0.4"
`;
    expect(brief(parsePyproject(text).drafts)).toEqual([
      ['httpx', '>=0.27', 4, false],
      ['rich', '==13.7.1', 5, false],
      ['pytest', '>=8', 9, true],
      ['psycopg', '>=3.1', 10, false],
      ['fastapi', '^0.110', 14, false],
      ['sqlalchemy', '^2.0', 15, false],
      ['ruff', '^0.4', 18, true],
    ]);
  });

  test('pyproject markers with escaped quotes are found on their own line', () => {
    const text = '[project]\nname = "x"\ndependencies = [\n  "tomli>=2; python_version < \\"3.11\\"",\n  "httpx>=0.27",\n]\n';
    expect(brief(parsePyproject(text).drafts)).toEqual([
      ['tomli', '>=2', 4, false],
      ['httpx', '>=0.27', 5, false],
    ]);
  });

  test('a broken pyproject reports the TOML parser\'s line', () => {
    const { error } = parsePyproject('[project]\nname = "x"\ndependencies = [\n  "a",\n  = \n]\n');
    expect(error!.line).toBe(5);
  });
});

describe('go.mod', () => {
  test('require blocks, single requires, indirect, and replace directives applied', () => {
    const text = `module github.com/acme/svc

go 1.22

require github.com/pkg/errors v0.9.1

require (
\tgithub.com/spf13/cobra v1.8.0
\tgolang.org/x/sys v0.20.0 // indirect
\t"github.com/quoted/mod" v1.0.0
)

replace github.com/pkg/errors => ../errors

replace (
\tgolang.org/x/net v0.1.0 => golang.org/x/net v0.2.0
\tgithub.com/spf13/cobra => github.com/acme/cobra-fork v1.8.1-acme
)

exclude golang.org/x/crypto v0.1.0
`;
    const { drafts, error } = parseGoMod(text);
    expect(error).toBeUndefined();
    // What is built is what counts: a fork is judged as the fork, a local folder cannot be.
    expect(drafts.map((d) => [d.name, d.version, d.line, d.direct, d.versionProblem])).toEqual([
      ['github.com/pkg/errors', 'v0.9.1', 5, true, 'go.mod line 13 replaces it with the local folder ../errors, which has no version'],
      ['github.com/acme/cobra-fork', 'v1.8.1-acme', 17, true, undefined],
      ['golang.org/x/sys', 'v0.20.0', 9, false, undefined],
      ['github.com/quoted/mod', 'v1.0.0', 10, true, undefined],
    ]);
  });

  test('an unclosed block is an error at its opening line', () => {
    expect(parseGoMod('module x\n\nrequire (\n\ta v1.0.0\n').error).toEqual({ message: 'the require block opened here is never closed with ")"', line: 3 });
  });
});

describe('Cargo.toml', () => {
  test('plain, table, renamed, dev, build, target-specific and workspace dependencies', () => {
    const text = `[package]
name = "tool"

[dependencies]
serde = { version = "1.0", features = ["derive"] }
tokio = "1.37"
http02 = { package = "http", version = "0.2" }

[dependencies.regex]
version = "1.10"

[dev-dependencies]
insta = "1"

[build-dependencies]
cc = "1.0"

[target.'cfg(unix)'.dependencies]
nix = "0.28"

[workspace.dependencies]
anyhow = "1"
`;
    const { drafts } = parseCargoToml(text);
    // Found only when asked: a finding needs a line, and most of a large manifest's dependencies get none.
    expect(drafts.every((d) => typeof d.line === 'object')).toBe(true);
    expect(brief(drafts)).toEqual([
      ['serde', '1.0', 5, false],
      ['tokio', '1.37', 6, false],
      ['http', '0.2', 7, false],
      ['regex', '1.10', 9, false],
      ['cc', '1.0', 16, false],
      ['insta', '1', 13, true],
      ['anyhow', '1', 22, false],
      ['nix', '0.28', 19, false],
    ]);
  });

  test('legacy underscore tables are read, and git or path dependencies cannot be verified', () => {
    const text = `[package]
name = "old"

[dev_dependencies]
quickcheck = "1"

[build_dependencies]
cc = "1.0"

[dependencies]
mine = { git = "https://github.com/acme/mine" }
local = { path = "../local" }
both = { path = "../both", version = "2.1" }
`;
    const drafts = parseCargoToml(text).drafts;
    expect(drafts.map((d) => [d.name, d.version, lineOf(d), d.dev, d.versionProblem])).toEqual([
      ['mine', undefined, 11, false, 'it is built from git https://github.com/acme/mine, not a released version'],
      ['local', undefined, 12, false, 'it is built from the path ../local, not a released version'],
      ['both', '2.1', 13, false, undefined],
      ['cc', '1.0', 8, false, undefined],
      ['quickcheck', '1', 5, true, undefined],
    ]);
  });
});

describe('Gemfile', () => {
  test('gems with requirements, groups, inline groups and conditionals', () => {
    const text = `source "https://rubygems.org"

gem "rails", "~> 7.1.0"
gem 'pg', '>= 1.1', '< 2.0'
gem "bootsnap", require: false

group :development, :test do
  gem "rspec-rails"
  gem "pry-byebug" unless RUBY_ENGINE == "jruby"
  if RUBY_VERSION >= "3.4"
    gem "mutex_m"
  end
end

group :production do
  gem "puma"
end

gem "debug", group: :development
`;
    expect(brief(parseGemfile(text).drafts)).toEqual([
      ['rails', '~> 7.1.0', 3, false],
      ['pg', '>= 1.1, < 2.0', 4, false],
      ['bootsnap', undefined, 5, false],
      ['rspec-rails', undefined, 8, true],
      ['pry-byebug', undefined, 9, true],
      ['mutex_m', undefined, 11, true],
      ['puma', undefined, 16, false],
      ['debug', undefined, 19, true],
    ]);
  });

  test.each([
    { name: 'a requirement on the next line', text: 'gem "rack",\n  "~> 2.2"\n', expected: [['rack', '~> 2.2', 1, false]] },
    { name: 'group(:test) { … } on one line', text: 'group(:test) { gem "capybara" }\ngem "rails"\n', expected: [['capybara', undefined, 1, true], ['rails', undefined, 2, false]] },
    { name: 'a brace block over lines', text: 'group(:test) {\n  gem "webmock"\n}\n', expected: [['webmock', undefined, 2, true]] },
    { name: 'group :development, optional: true do', text: 'group :development, optional: true do\n  gem "rubocop"\nend\n', expected: [['rubocop', undefined, 2, true]] },
  ])('$name', ({ text, expected }) => {
    const { drafts, error } = parseGemfile(text);
    expect(error).toBeUndefined();
    expect(brief(drafts)).toEqual(expected);
  });

  test('git, github and path sources cannot be verified', () => {
    const { drafts } = parseGemfile('gem "rack", git: "https://github.com/rack/rack"\ngem "local", path: "../local"\ngem :x\n');
    expect(drafts.map((d) => d.versionProblem)).toEqual(['it is installed from git https://github.com/rack/rack, not a released version', 'it is installed from path ../local, not a released version']);
  });
});

describe('pom.xml', () => {
  test('dependencies and dependencyManagement with ${property} versions resolved', () => {
    const text = `<?xml version="1.0"?>
<project>
  <groupId>com.acme</groupId>
  <artifactId>svc</artifactId>
  <version>1.4.0</version>
  <properties>
    <jackson.version>2.17.0</jackson.version>
    <bom.version>\${jackson.version}</bom.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>com.fasterxml.jackson</groupId>
        <artifactId>jackson-bom</artifactId>
        <version>\${bom.version}</version>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
      <version>\${jackson.version}</version>
    </dependency>
    <dependency>
      <groupId>\${project.groupId}</groupId>
      <artifactId>shared</artifactId>
      <version>\${project.version}</version>
    </dependency>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <scope>test</scope>
    </dependency>
  </dependencies>
</project>
`;
    // Each at its own <dependency> element.
    expect(brief(parsePom(text).drafts)).toEqual([
      ['com.fasterxml.jackson.core:jackson-databind', '2.17.0', 20, false],
      ['com.acme:shared', '1.4.0', 25, false],
      ['org.junit.jupiter:junit-jupiter', undefined, 30, true],
      ['com.fasterxml.jackson:jackson-bom', '2.17.0', 12, false],
    ]);
    expect(parsePom(text).drafts[2]!.versionProblem).toBe('it has no <version>: a parent pom or an imported BOM manages it, and this file does not say which version');
  });

  test.each([
    {
      name: 'a dependency and an exclusion of another with the same artifact id: the dependency\'s line',
      body: '<dependency>\n<groupId>a</groupId>\n<artifactId>x</artifactId>\n<version>1</version>\n<exclusions><exclusion><groupId>b</groupId><artifactId>y</artifactId></exclusion></exclusions>\n</dependency>\n<dependency>\n<groupId>b</groupId>\n<artifactId>y</artifactId>\n<version>2</version>\n</dependency>',
      expected: [['a:x', '1', 3], ['b:y', '2', 9]],
    },
    {
      name: 'another group\'s artifact with the same id: each at its own <dependency>',
      body: '<dependency>\n<groupId>org.other</groupId>\n<artifactId>log4j-core</artifactId>\n<version>9</version>\n</dependency>\n<dependency>\n<groupId>org.apache.logging.log4j</groupId>\n<artifactId>log4j-core</artifactId>\n<version>2.14.1</version>\n</dependency>',
      expected: [['org.other:log4j-core', '9', 3], ['org.apache.logging.log4j:log4j-core', '2.14.1', 8]],
    },
    {
      name: 'a version managed in this pom\'s own <dependencyManagement>',
      body: '<dependency><groupId>a</groupId><artifactId>x</artifactId></dependency>',
      management: '<dependency><groupId>a</groupId><artifactId>x</artifactId><version>3.1</version></dependency>',
      expected: [['a:x', '3.1', 4], ['a:x', '3.1', 2]],
    },
  ])('$name', ({ body, management, expected }) => {
    const text = `<project>\n${management ? `<dependencyManagement><dependencies>${management}</dependencies></dependencyManagement>\n` : ''}<dependencies>\n${body}\n</dependencies>\n</project>\n`;
    expect(parsePom(text).drafts.map((d) => [d.name, d.version, d.line])).toEqual(expected);
  });

  test('a property only a parent pom defines cannot be verified, and a property name is never read as a version', () => {
    const text = '<project><dependencies><dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>${log4j2.version}</version></dependency></dependencies></project>';
    const [draft] = parsePom(text).drafts;
    expect(draft).toMatchObject({ name: 'org.apache.logging.log4j:log4j-core', versionProblem: '${log4j2.version} is defined by no <properties> in this pom (a parent pom or the build may define it)' });
  });

  test('an expansion bomb (each property repeats the next 40 times) stops in well under a second, unverifiable', () => {
    const properties = Array.from({ length: 9 }, (_, i) => `<p${i}>${`\${p${i + 1}}`.repeat(40)}</p${i}>`).join('') + '<p9>x</p9>';
    const text = `<project><properties>${properties}</properties><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>\${p0}</version></dependency></dependencies></project>`;
    const started = performance.now();
    const [draft] = parsePom(text).drafts;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(draft!.versionProblem).toMatch(/expands past 1000 characters/);
  });

  test('malformed XML reports its line', () => {
    const { error } = parsePom('<project>\n  <dependencies>\n    <dependency>\n  </dependencies>\n</project>\n');
    expect(error!.line).toBe(4);
  });
});

// The real-world corpus in ../shared/corpus, read in place (never copied into the project).
const CORPUS = join(import.meta.dirname, '../../../../../shared/corpus');
function corpusFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(path);
    }
  };
  walk(CORPUS);
  return found.filter((path) => MANIFEST_KINDS.some((kind) => kind.matches(path.slice(path.lastIndexOf('/') + 1))));
}

describe.skipIf(!existsSync(CORPUS))('real manifests from ../shared/corpus', () => {
  const files = existsSync(CORPUS) ? corpusFiles() : [];

  test('the corpus has a manifest of every ecosystem', () => {
    const ecosystems = new Set(files.map((file) => parseManifest(file.slice(CORPUS.length + 1), readFileSync(file, 'utf8')).ecosystem));
    expect([...ecosystems].sort()).toEqual(['cargo', 'go', 'maven', 'npm', 'pypi', 'rubygems']);
  });

  test.each(files.map((file) => [file.slice(CORPUS.length + 1), file]))('%s parses without error, every dependency on a line that names it', (relative, file) => {
    const text = readFileSync(file, 'utf8');
    const lines = text.split(/\r?\n/);
    const result = parseManifest(relative, text);
    expect(result.error).toBeUndefined();
    expect(result.dependencies.length).toBeGreaterThan(0);
    for (const dependency of result.dependencies) {
      const line = declarationLine(dependency);
      // A Maven dependency is placed at its <dependency> element, whose artifact id follows within it.
      const at = result.ecosystem === 'maven' ? lines.slice(line - 1, line + 6).join(' ') : lines[line - 1]!;
      if (result.ecosystem === 'maven') expect(lines[line - 1], `${dependency.name} at line ${line}`).toContain('<dependency>');
      const lastPart = dependency.name.split(/[:/]/).pop()!.toLowerCase().replace(/[-_.]+/g, '-');
      expect(at.toLowerCase().replace(/[-_.]+/g, '-'), `${dependency.name} at line ${line}`).toContain(lastPart);
    }
  });

  test('known entries are read as published', () => {
    const read = (path: string) => parseManifest(path, readFileSync(join(CORPUS, path), 'utf8')).dependencies;
    expect(read('go/etcd/go.mod').some((d) => d.name === 'github.com/VividCortex/ewma' && d.version === 'v1.2.0' && !d.direct)).toBe(true);
    expect(read('python/esphome/requirements.txt').find((d) => d.name === 'async-timeout')).toMatchObject({ version: '==4.0.3', line: 1 });
    expect(read('ruby/devise/Gemfile').find((d) => d.name === 'minitest')).toMatchObject({ version: '< 6', dev: true });
    expect(read('npm/stylelint/package-lock.json').filter((d) => d.license).length).toBeGreaterThan(100);
  });
});

describe('parsers never throw, whatever the input (fast-check)', () => {
  const names = ['package.json', 'package-lock.json', 'requirements.txt', 'pyproject.toml', 'go.mod', 'Cargo.toml', 'Gemfile', 'pom.xml'];
  test.each(names)('%s', (name) => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json(), fc.lorem({ mode: 'sentences' })), (text) => {
        const result = parseManifest(name, text);
        expect(Array.isArray(result.dependencies)).toBe(true);
        for (const dependency of result.dependencies) expect(declarationLine(dependency)).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

// Found by a lookup of the name, or by the one kind with a pattern: the same kind that trying
// every kind in order finds, and nothing for a name that only looks like one.
test.each([
  ['package.json', 'npm', 'manifest'],
  ['web/package-lock.json', 'npm', 'lockfile'],
  ['npm-shrinkwrap.json', 'npm', 'lockfile'],
  ['requirements.txt', 'pypi', 'manifest'],
  ['svc/Requirements-dev.txt', 'pypi', 'manifest'],
  ['pyproject.toml', 'pypi', 'manifest'],
  ['go.mod', 'go', 'manifest'],
  ['a/b/Cargo.toml', 'cargo', 'manifest'],
  ['Gemfile', 'rubygems', 'manifest'],
  ['gems.rb', 'rubygems', 'manifest'],
  ['pom.xml', 'maven', 'manifest'],
  ['Package.json', undefined, undefined],
  ['requirements.txt.bak', undefined, undefined],
  ['docs/package.json.md', undefined, undefined],
  ['cargo.toml', undefined, undefined],
  ['src/index.ts', undefined, undefined],
])('manifestKind(%s) is %s %s', (path, ecosystem, source) => {
  const found = manifestKind(path);
  expect([found?.ecosystem, found?.source]).toEqual([ecosystem, source]);
  expect(found).toBe(MANIFEST_KINDS.find((kind) => kind.matches(path.slice(path.lastIndexOf('/') + 1))));
});
