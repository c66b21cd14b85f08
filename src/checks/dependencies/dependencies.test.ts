import { describe, expect, test } from 'vitest';
import { changeSet, fileChange, noTeams } from '../../../test/helpers/changes.ts';
import type { FileChange } from '../../changeset.ts';
import { dependencies } from './dependencies.ts';
import type { DependenciesOptions } from './policy.ts';

const PACKAGE = (deps: Record<string, string>) => `${JSON.stringify({ name: 'app', dependencies: deps }, null, 2)}\n`;

async function run(options: DependenciesOptions, base: Record<string, string>, head: Record<string, string>, files: FileChange[]) {
  const cs = changeSet({ base, head, files });
  return dependencies.evaluate({ options, files, tree: cs.head, changeSet: cs, today: '2026-11-26', teams: noTeams });
}

describe('dependencies check over a change', () => {
  test('only what the change adds or bumps is judged, at its head line', async () => {
    const base = { 'package.json': PACKAGE({ moment: '^2.29.0', react: '^18.0.0' }) };
    const head = { 'package.json': PACKAGE({ moment: '^2.30.0', react: '^18.0.0', 'left-pad': '^1.3.0' }) };
    const results = await run({ deny: [{ name: 'moment', reason: 'unmaintained', instead: 'date-fns' }], allow: ['react', 'moment'] }, base, head, [fileChange('package.json', { status: 'modified' })]);
    expect(results.map((r) => [r.messageId, r.file, r.line])).toEqual([
      ['denied', 'package.json', 4],
      ['notAllowed', 'package.json', 6],
    ]);
  });

  test('a removed dependency is not a finding', async () => {
    const results = await run({ deny: [{ name: 'moment', reason: 'x' }] }, { 'package.json': PACKAGE({ moment: '1' }) }, { 'package.json': PACKAGE({}) }, [fileChange('package.json', { status: 'modified' })]);
    expect(results).toEqual([]);
  });

  test('scope: repo judges every dependency in the tree, changed or not', async () => {
    const head = { 'package.json': PACKAGE({ moment: '1' }), 'svc/requirements.txt': 'requests==2.0\n' };
    const results = await run({ scope: 'repo', deny: [{ name: 'moment', reason: 'x' }, { name: 'requests', reason: 'y' }] }, head, head, []);
    expect(results.map((r) => [r.messageId, r.file])).toEqual([
      ['denied', 'package.json'],
      ['denied', 'svc/requirements.txt'],
    ]);
  });

  test('ecosystems limits which manifests are read', async () => {
    const head = { 'package.json': PACKAGE({ moment: '1' }), 'go.mod': 'module x\nrequire github.com/moment v1.0.0\n' };
    const files = [fileChange('package.json'), fileChange('go.mod')];
    const results = await run({ ecosystems: ['go'], deny: [{ name: '**/moment', reason: 'x' }, { name: 'moment', reason: 'x' }] }, {}, head, files);
    expect(results.map((r) => r.file)).toEqual(['go.mod']);
  });

  test('dev: false leaves development-only dependencies alone', async () => {
    const head = { 'package.json': JSON.stringify({ devDependencies: { moment: '1' } }) };
    expect(await run({ dev: false, deny: [{ name: 'moment', reason: 'x' }] }, {}, head, [fileChange('package.json')])).toEqual([]);
    expect(await run({ deny: [{ name: 'moment', reason: 'x' }] }, {}, head, [fileChange('package.json')])).toHaveLength(1);
  });

  test('licences come from the lockfile, with unknowns reported', async () => {
    const lock = JSON.stringify(
      {
        lockfileVersion: 3,
        packages: {
          '': { dependencies: { a: '1', b: '1', c: '1' } },
          'node_modules/a': { version: '1.0.0', license: 'MIT' },
          'node_modules/b': { version: '1.0.0', license: 'GPL-3.0-only' },
          'node_modules/c': { version: '1.0.0' },
        },
      },
      null,
      2,
    );
    const results = await run({ licenses: { allow: ['MIT'] } }, {}, { 'package-lock.json': lock, 'package.json': PACKAGE({ a: '1', b: '1', c: '1' }) }, [fileChange('package-lock.json'), fileChange('package.json')]);
    expect(results.map((r) => [r.messageId, r.file, r.data?.name])).toEqual([
      ['licenceNotAllowed', 'package-lock.json', 'b'],
      ['licenceUnknown', 'package-lock.json', 'c'],
    ]);
  });

  test('a malformed manifest is a finding at the parser\'s line, and other files are still judged', async () => {
    const head = { 'package.json': '{\n  "dependencies": {\n    "a": \n  }\n}\n', 'requirements.txt': 'moment==1.0\n' };
    const results = await run({ deny: [{ name: 'moment', reason: 'x' }] }, {}, head, [fileChange('package.json'), fileChange('requirements.txt')]);
    expect(results.map((r) => [r.messageId, r.file, r.line])).toEqual([
      ['unparseable', 'package.json', 4],
      ['denied', 'requirements.txt', 1],
    ]);
  });

  test('requirements includes are followed, and findings point into the included file', async () => {
    const head = { 'requirements.txt': '-r requirements/base.txt\nflask==3.0\n', 'requirements/base.txt': '# base\nmoment==1.0\n' };
    const results = await run({ deny: [{ name: 'moment', reason: 'x' }] }, {}, head, [fileChange('requirements.txt')]);
    expect(results.map((r) => [r.file, r.line])).toEqual([['requirements/base.txt', 2]]);
  });

  test('a constraints file adds no dependency, and narrows the versions of those declared elsewhere', async () => {
    const head = { 'requirements.txt': '-c constraints.txt\nrequests\n', 'constraints.txt': 'requests>=2.31,<3\nmoment==1.0\n' };
    const options: DependenciesOptions = { deny: [{ name: 'moment', reason: 'x' }], versions: [{ name: 'requests', minimum: '2.0' }] };
    expect(await run(options, {}, head, [fileChange('requirements.txt')])).toEqual([]);
    // Without the constraint, an unpinned requests has no lower bound the floor could check.
    const unconstrained = await run(options, {}, { 'requirements.txt': 'requests\n' }, [fileChange('requirements.txt')]);
    expect(unconstrained.map((r) => [r.file, r.line, r.messageId])).toEqual([['requirements.txt', 1, 'noLowerBound']]);
  });

  test('a renamed manifest is compared with its old self', async () => {
    const text = PACKAGE({ moment: '1' });
    const results = await run({ deny: [{ name: 'moment', reason: 'x' }] }, { 'old/package.json': text }, { 'new/package.json': text }, [fileChange('new/package.json', { status: 'renamed', previousPath: 'old/package.json' })]);
    expect(results).toEqual([]);
  });

  test.each([
    { options: { deny: [{ name: 'x', versions: 'not a range', reason: 'r' }] }, path: ['deny', 0, 'versions'] },
    { options: { versions: [{ name: 'x' }] }, path: ['versions', 0] },
  ])('rejects bad options at $path', ({ options, path }) => {
    expect(dependencies.validate!(options as DependenciesOptions)[0]!.path).toEqual(path);
  });
});

test('a Cargo.toml finding is placed at its line, found when it is reported', async () => {
  const cargo = '[package]\nname = "app"\n\n[dependencies]\nserde = "1"\n"open.ssl" = { version = "0.9", package = "openssl" }\n\n[target.\'cfg(unix)\'.dev-dependencies]\nnix = "0.28"\n';
  const options: DependenciesOptions = { deny: [{ name: 'openssl', reason: 'use rustls' }, { name: 'nix', reason: 'x' }] };
  const results = await run(options, {}, { 'Cargo.toml': cargo }, [fileChange('Cargo.toml')]);
  expect(results.map((r) => [r.messageId, r.data?.name, r.line])).toEqual([
    ['denied', 'openssl', 6],
    ['denied', 'nix', 9],
  ]);
});

describe('no declaration hides another behind the same key', () => {
  // The diff keeps one declaration per key. Keys joined as `table:name` let a crafted table name
  // give a second dependency the key of a denied one, and the denied one went unjudged.
  test('a Cargo target named to match another table', async () => {
    const cargo = `[package]\nname = "x"\n\n[target.a.dependencies]\n"z.dependencies:w" = { version = "0.10", package = "openssl" }\n\n[target.'a.dependencies:z'.dependencies]\nw = "1"\n`;
    const results = await run({ deny: [{ name: 'openssl', reason: 'use rustls' }] }, {}, { 'Cargo.toml': cargo }, [fileChange('Cargo.toml')]);
    expect(results.map((r) => [r.messageId, r.data?.name, r.line])).toEqual([['denied', 'openssl', 5]]);
  });

  test('a Poetry group named to match another group', async () => {
    const pyproject = `[tool.poetry.group."a:b".dependencies]\npycrypto = "2.6.1"\n\n[tool.poetry.group.a.dependencies]\n"b:pycrypto" = "1.0"\n`;
    const results = await run({ deny: [{ name: 'pycrypto', reason: 'unmaintained' }] }, {}, { 'pyproject.toml': pyproject }, [fileChange('pyproject.toml')]);
    expect(results.map((r) => [r.messageId, r.data?.name, r.line])).toEqual([['denied', 'pycrypto', 2]]);
  });
});

test('a manifest with more dependencies than a call takes arguments is still judged', async () => {
  // 200,000 spread into one push overflowed the stack, and every standard of the family could not evaluate it.
  const deps = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`pkg-${i}`, '1.0.0']));
  const results = await run({ deny: [{ name: 'pkg-199999', reason: 'x' }] }, {}, { 'package.json': PACKAGE(deps) }, [fileChange('package.json')]);
  expect(results.map((r) => [r.messageId, r.line])).toEqual([['denied', 200_003]]);
});
