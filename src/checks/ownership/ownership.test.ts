import { describe, expect, test } from 'vitest';
import { changeSet, fileChange, memoryTree } from '../../../test/helpers/changes.ts';
import type { FileChange } from '../../changeset.ts';
import { parseTeams } from '../../standards/teams.ts';
import { CodeownersIndex, parseCodeowners } from './codeowners.ts';
import { ownership, OwnerSuggestions, type OwnershipOptions } from './ownership.ts';

const teams = parseTeams('teams:\n  "@acme/payments":\n    slack: "#payments"\n    oncall: pagerduty:P1\n  "@acme/billing":\n    slack: "#billing"\n    oncall: opsgenie:billing\n');

async function run(options: OwnershipOptions, base: Record<string, string>, head: Record<string, string>, files: FileChange[]) {
  const cs = changeSet({ base, head, files });
  return ownership.evaluate({ options, files, tree: cs.head, changeSet: cs, today: '2026-11-26', teams });
}
const brief = (results: Awaited<ReturnType<typeof run>>) => results.map((r) => [r.messageId, r.file, r.line ?? null]);

const CODEOWNERS = '* @acme/payments\n/services/billing/ @acme/billing\n/services/legacy/\n';
const TREE = { '.github/CODEOWNERS': CODEOWNERS, 'services/billing/a.ts': '', 'services/legacy/x.php': '', 'README.md': '' };

describe('require_owner', () => {
  test('an owned file passes; an explicitly unowned one points at its CODEOWNERS line', async () => {
    const files = [fileChange('services/billing/b.ts'), fileChange('services/legacy/y.php', { status: 'modified' })];
    expect(brief(await run({ require_owner: true }, TREE, { ...TREE, 'services/billing/b.ts': '' }, files))).toEqual([['explicitlyUnowned', '.github/CODEOWNERS', 3]]);
  });

  test('an unmatched file gets a suggested line based on the nearest owned sibling directory', async () => {
    const head = { 'CODEOWNERS': '/services/billing/ @acme/billing\n', 'services/billing/a.ts': '', 'services/refunds/index.ts': '' };
    const [result] = await run({ require_owner: true }, head, head, [fileChange('services/refunds/index.ts')]);
    expect(result).toMatchObject({ messageId: 'unowned', file: 'services/refunds/index.ts', data: { suggestion: '/services/refunds/ @acme/billing', codeowners: 'CODEOWNERS' } });
  });

  test('no CODEOWNERS at all is one finding', async () => {
    expect(brief(await run({ require_owner: true }, {}, { 'a.ts': '' }, [fileChange('a.ts')]))).toEqual([['noCodeowners', undefined, null]]);
  });

  test('a CODEOWNERS of 3 MB or more is ignored by GitHub, and reported', async () => {
    const huge = `* @acme/payments\n${'# padding\n'.repeat(320_000)}`;
    expect(brief(await run({ require_owner: true }, {}, { CODEOWNERS: huge, 'a.ts': '' }, [fileChange('a.ts')]))).toEqual([['tooLarge', 'CODEOWNERS', null]]);
  });
});

describe('the suggested CODEOWNERS line for an unowned file, and where it came from', () => {
  test.each([
    {
      name: 'a new folder takes the owners its siblings share',
      path: 'services/refunds/api/index.ts',
      codeowners: '/services/billing/ @acme/billing',
      tree: ['services/billing/a.ts'],
      line: '/services/refunds/ @acme/billing',
      reason: 'the owners of 1 of the 1 folders beside it in services/, as `/services/billing/` on line 1 says for one of them',
    },
    {
      name: "the parent folder's own rule wins over an unrelated sibling's owner (a new esphome component)",
      path: 'esphome/components/new_sensor/sensor.py',
      codeowners: '/esphome/components/*.py @esphome/core\n/esphome/components/zigbee/* @MrSuicideParrot',
      tree: ['esphome/components/__init__.py', 'esphome/components/zigbee/a.py'],
      line: '/esphome/components/new_sensor/ @esphome/core',
      reason: 'owned like the other files in esphome/components/, by `/esphome/components/*.py` on line 1',
    },
    {
      name: 'among siblings, the owners most of them share',
      path: 'components/new/x.py',
      codeowners: '/components/a/ @acme/one\n/components/b/ @acme/two\n/components/c/ @acme/two',
      tree: ['components/a/x.py', 'components/b/x.py', 'components/c/x.py'],
      line: '/components/new/ @acme/two',
      reason: 'the owners of 2 of the 3 folders beside it in components/, as `/components/b/` on line 2 says for one of them',
    },
    {
      name: "a folder's own owners are left out of its siblings' tally, and the rule quoted is a sibling's",
      path: 'apps/a/x.py',
      codeowners: '/apps/a/*.md @acme/two\n/apps/b/ @acme/two\n/apps/c/ @acme/one\n/apps/d/ @acme/two',
      tree: ['apps/a/y.md', 'apps/b/x.py', 'apps/c/x.py', 'apps/d/x.py'],
      line: '/apps/a/ @acme/two',
      reason: 'the owners of 2 of the 3 folders beside it in apps/, as `/apps/b/` on line 2 says for one of them',
    },
    { name: 'nothing near it is owned', path: 'tools/new/x.sh', codeowners: '', tree: [], line: '/tools/new/ @org/team', reason: 'no folder near it has an owner; name the team that will maintain it' },
    { name: 'a file at the root', path: 'top.txt', codeowners: '', tree: [], line: '/top.txt @org/team', reason: 'a file at the repository root; name the team that will maintain it' },
  ])('$name', async ({ path, codeowners, tree, line, reason }) => {
    const suggestions = new OwnerSuggestions(new CodeownersIndex(parseCodeowners(codeowners)), memoryTree(Object.fromEntries([...tree, path].map((p) => [p, '']))));
    expect(await suggestions.for(path)).toEqual({ line, reason });
  });
});

describe('owners_must_be_known', () => {
  test('unknown teams and individuals on the lines that own changed files, at their lines', async () => {
    const head = { CODEOWNERS: '* @acme/payments\n/web/ @acme/frontend @alice\n/ops/ @acme/sre\n', 'web/a.ts': '', 'ops/b.tf': '' };
    const results = await run({ owners_must_be_known: true }, head, head, [fileChange('web/a.ts', { status: 'modified' })]);
    expect(results.map((r) => [r.messageId, r.line, r.data?.owner])).toEqual([
      ['unknownOwner', 2, '@acme/frontend'],
      ['individualOwner', 2, '@alice'],
    ]);
    expect(results[0]!.data!.hint).toBe('; known teams: @acme/payments, @acme/billing');
  });

  test('individuals pass when allowed', async () => {
    const head = { CODEOWNERS: '* @alice dev@example.com\n', 'a.ts': '' };
    expect(await run({ owners_must_be_known: true, allow_individuals: true }, head, head, [fileChange('a.ts')])).toEqual([]);
  });
});

describe('a PR that changes CODEOWNERS', () => {
  const base = { CODEOWNERS: '* @acme/payments\n/services/billing/ @acme/billing\n', 'services/billing/a.ts': '', 'services/billing/b.ts': '', 'lib/x.ts': '' };

  test('ownership loss lists the files that end up with no owner, at the line that causes it', async () => {
    const head = { ...base, CODEOWNERS: '/services/billing/ @acme/billing\n/lib/\n' };
    const files = [fileChange('CODEOWNERS', { status: 'modified', added: [{ line: 2, text: '/lib/' }] })];
    const results = await run({ no_ownership_loss: true }, base, head, files);
    expect(results.map((r) => [r.messageId, r.line ?? null, r.data?.files])).toEqual([
      ['ownershipLoss', null, 'CODEOWNERS'],
      ['ownershipLoss', 2, 'lib/x.ts'],
    ]);
  });

  test('says who reviews this PR (base file) and who owns the files afterwards (head file)', async () => {
    const head = { ...base, CODEOWNERS: '* @acme/payments\n/services/billing/ @acme/payments\n' };
    const files = [fileChange('CODEOWNERS', { status: 'modified' }), fileChange('services/billing/a.ts', { status: 'modified' })];
    const results = await run({ no_ownership_loss: true }, base, head, files);
    expect(results).toEqual([
      {
        messageId: 'reviewersDiffer',
        file: 'services/billing/a.ts',
        severity: 'info',
        data: { codeowners: 'CODEOWNERS', file: 'services/billing/a.ts', before: '@acme/billing', after: '@acme/payments' },
      },
    ]);
  });

  test('syntax errors on lines the PR adds are findings at those lines', async () => {
    const head = { ...base, CODEOWNERS: '* @acme/payments\n!/lib/ @acme/billing\n/docs/*.[md] @acme/billing\n' };
    const files = [fileChange('CODEOWNERS', { status: 'modified', added: [{ line: 2, text: '!/lib/ @acme/billing' }, { line: 3, text: '/docs/*.[md] @acme/billing' }] })];
    const results = await run({ require_owner: true, syntax: true }, base, head, files);
    expect(results.map((r) => [r.messageId, r.line])).toEqual([
      ['syntax', 2],
      ['syntax', 3],
    ]);
  });

  test('each fact belongs to one standard: without `syntax` and `no_ownership_loss`, neither syntax errors nor reviewer notes', async () => {
    const head = { ...base, CODEOWNERS: '* @acme/payments\n!/lib/ @acme/billing\n/services/billing/ @acme/payments\n' };
    const files = [fileChange('CODEOWNERS', { status: 'modified', added: [{ line: 2, text: '!/lib/ @acme/billing' }] }), fileChange('services/billing/a.ts', { status: 'modified' })];
    expect(await run({ require_owner: true }, base, head, files)).toEqual([]);
    expect(await run({ owners_must_be_known: true }, base, head, files)).toEqual([]);
  });
});

describe('catalog_owner', () => {
  const catalog = (owner?: string) => `kind: Component\nmetadata:\n  name: refunds\nspec:\n  type: service\n${owner ? `  owner: ${owner}\n` : ''}`;

  test.each<{ name: string; head: Record<string, string>; expected: unknown[] }>([
    { name: 'known team', head: { 'services/refunds/catalog-info.yaml': catalog('group:payments') }, expected: [] },
    { name: 'unknown team', head: { 'services/refunds/catalog-info.yaml': catalog('group:refundz') }, expected: [['catalogOwnerUnknown', 'services/refunds/catalog-info.yaml', 6]] },
    { name: 'no owner', head: { 'services/refunds/catalog-info.yaml': catalog() }, expected: [['catalogOwnerMissing', 'services/refunds/catalog-info.yaml', 4]] },
    { name: 'new service directory without a catalog', head: {}, expected: [['noCatalog', 'services/refunds/index.ts', null]] },
  ])('$name', async ({ head, expected }) => {
    const files = [fileChange('services/refunds/index.ts')];
    expect(brief(await run({ catalog_owner: { directories: ['services/*'] } }, {}, { ...head, 'services/refunds/index.ts': '' }, files))).toEqual(expected);
  });

  test('the missing-catalog message names the directory, the file and what to add', async () => {
    const [result] = await run({ catalog_owner: { directories: ['services/*'] } }, {}, { 'services/refunds/index.ts': '' }, [fileChange('services/refunds/index.ts')]);
    expect(result!.data).toEqual({ file: 'services/refunds/index.ts', directory: 'services/refunds', name: 'refunds' });
  });

  test.each<{ name: string; catalog: string; expected: unknown[] }>([
    {
      name: 'a Template carries the owner (no Component): accepted',
      catalog: 'apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata:\n  name: refunds-template\nspec:\n  owner: group:payments\n  type: service\n',
      expected: [],
    },
    {
      name: 'a System carries the owner: accepted',
      catalog: 'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: refunds\nspec:\n  owner: payments\n',
      expected: [],
    },
    {
      name: 'only a Location: the message says which kinds are read',
      catalog: 'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: refunds\nspec:\n  targets: [./a.yaml]\n',
      expected: [['catalogNoOwnedEntity', 'services/refunds/catalog-info.yaml', 1]],
    },
    {
      name: 'a user: reference is a person, not the team of the same name',
      catalog: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: refunds\nspec:\n  owner: user:payments\n',
      expected: [['catalogOwnerNotTeam', 'services/refunds/catalog-info.yaml', 6]],
    },
  ])('$name', async ({ catalog: text, expected }) => {
    const head = { 'services/refunds/catalog-info.yaml': text, 'services/refunds/index.ts': '' };
    const results = await run({ catalog_owner: { directories: ['services/*'] } }, {}, head, [fileChange('services/refunds/index.ts')]);
    expect(brief(results)).toEqual(expected);
    if ((expected[0] as unknown[] | undefined)?.[0] === 'catalogNoOwnedEntity') {
      expect(results[0]!.data).toMatchObject({ kinds: 'Component, Resource, API, System, Domain, Template', found: 'Location' });
    }
  });

  test("each service is stood for by its first changed file, across folders listed in any order", async () => {
    // A file above the services, files of one folder in a row, a deeper folder, a root file, a folder
    // beside, then the first folder again.
    const paths = ['services/readme.md', 'services/a/x.ts', 'services/a/y.ts', 'services/a/deep/z.ts', 'README.md', 'services/b/w.ts', 'lib/q.ts', 'services/a/v.ts', 'services/c/deep/u.ts', 'services/c/t.ts'];
    const head = Object.fromEntries(paths.map((path) => [path, '']));
    const results = await run({ catalog_owner: { directories: ['services/*'] } }, {}, head, paths.map((path) => fileChange(path)));
    expect(brief(results)).toEqual([
      ['noCatalog', 'services/a/x.ts', null],
      ['noCatalog', 'services/b/w.ts', null],
      ['noCatalog', 'services/c/deep/u.ts', null],
    ]);
  });

  test('files outside the service directories are not judged', async () => {
    expect(await run({ catalog_owner: { directories: ['services/*'] } }, {}, { 'lib/a.ts': '' }, [fileChange('lib/a.ts')])).toEqual([]);
  });
});

test('a change with more unowned files than a call takes arguments has each one reported', async () => {
  // Spread into push, 200,000 results overflowed the stack, and the standard could not evaluate.
  const files = Array.from({ length: 200_000 }, (_, i) => fileChange(`src/f${i}.ts`));
  const results = await run({ require_owner: true }, {}, { CODEOWNERS: '/docs/ @acme/payments\n' }, files);
  expect(results).toHaveLength(200_000);
  expect(results.at(-1)).toMatchObject({ messageId: 'unowned', file: 'src/f199999.ts' });
});
