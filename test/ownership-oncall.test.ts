// Ownership (STD-0016, STD-0017, STD-0018) and on-call readiness (STD-0019) on real git
// repositories, through `standards check` with the shipped standards: one case per silent pass or
// misleading message found on real catalogs. Cases built from real catalog files read them from
// ../shared/corpus/catalog and change them in memory.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { RepoBuilder } from '../src/demo/repo-builder.ts';
import { runCli } from './helpers/cli.ts';
import { standardsCopy } from './helpers/standards.ts';

const cleanup: (() => void)[] = [];
afterAll(() => cleanup.forEach((dispose) => dispose()));

const CATALOGS = join(import.meta.dirname, '../../shared/corpus/catalog');
const OWNERSHIP = ['STD-0016', 'STD-0017', 'STD-0018', 'STD-0019'];

const catalog = (name: string, owner = 'group:payments', extra = '') =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  annotations:\n    pagerduty.com/service-id: PX${name.length}\n    acme.com/runbook: https://runbooks.acme.dev/${name}\n    acme.com/health-check: /healthz\n${extra}spec:\n  type: service\n  lifecycle: production\n  owner: ${owner}\n`;
const DEPLOYMENT = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: 2\n`;

type Finding = { standard: string; file: string | null; line: number | null; message: string };

async function check(base: Record<string, string>, head: Record<string, string>, standards?: string): Promise<{ code: number; findings: [string, string | null, string][] }> {
  const repo = new RepoBuilder();
  cleanup.push(() => repo.dispose());
  repo.write({ 'README.md': '# shop\n', '.github/CODEOWNERS': '* @acme/platform-guild\n', ...base }).commit('chore: base');
  repo.branch('pr').write(head).commit('feat: change');
  const run = await runCli(['check', '--repo', repo.dir, '--format', 'json', '--date', '2026-11-26', '--repo-name', 'acme/shop', ...(standards ? ['--standards', standards] : [])]);
  expect(run.stderr).toBe('');
  const findings = (JSON.parse(run.stdout).findings as Finding[]).filter((f) => OWNERSHIP.includes(f.standard));
  return { code: run.code, findings: findings.map((f) => [f.standard, f.file, f.message]) };
}

describe('on-call readiness', () => {
  test('alerts in an unrelated file elsewhere do not count for a deploy file with no catalog', async () => {
    const { code, findings } = await check({ 'docs/lint-rules.yaml': 'rules: []\n' }, { 'deploy/production/app.yaml': DEPLOYMENT('checkout') });
    expect(code).toBe(1);
    // Named after the Deployment (never "production"), told to create a catalog, and alerts are missing.
    expect(findings.map(([standard, file, message]) => [standard, file, message.split('\n')[0]])).toEqual([
      ['STD-0019', 'deploy/production/app.yaml', "checkout goes to production from deploy/production/app.yaml with no catalog entry, so nothing records its owner team, on-call rotation or runbook; create <service folder>/catalog-info.yaml (with the service's code) holding:"],
      ['STD-0019', 'deploy/production/app.yaml', 'checkout (tier default) goes to production with no alert or SLO definitions anywhere: with no catalog, the service has no folder of its own to look in (looked for alerts/**, slo/**, slos/**, **/*.slo.yaml, **/*.slo.yml, **/*alert*.yaml, **/*alert*.yml, **/*rules*.yaml, **/*rules*.yml); add, for example:'],
      ['STD-0019', 'deploy/production/app.yaml', 'checkout (tier default) goes to production with no health check (the acme.com/health-check annotation or a readinessProbe, livenessProbe, healthCheck, healthcheck, health_check key in its deploy descriptor); add:'],
    ]);
    // The snippet is a whole catalog file.
    expect(findings[0]![2]).toContain('    kind: Component\n    metadata:\n      name: checkout\n');
  });

  test('a service finds alerts only in its own folder', async () => {
    const head = {
      'services/checkout/catalog-info.yaml': catalog('checkout'),
      'services/checkout/deploy/production/app.yaml': DEPLOYMENT('checkout'),
      'services/other/alerts/rules.yaml': 'groups: []\n',
    };
    const { findings } = await check({}, head);
    expect(findings.filter(([standard]) => standard === 'STD-0019').map(([, file, message]) => [file, message.split('\n')[0]])).toEqual([
      ['services/checkout/catalog-info.yaml', 'checkout (tier default) goes to production with no alert or SLO definitions under services/checkout/ (looked for alerts/**, slo/**, slos/**, **/*.slo.yaml, **/*.slo.yml, **/*alert*.yaml, **/*alert*.yml, **/*rules*.yaml, **/*rules*.yml); add, for example:'],
      ['services/checkout/catalog-info.yaml', 'checkout (tier default) goes to production with no runbook link; add to services/checkout/catalog-info.yaml:'],
    ]);
  });

  test('one broken catalog (an alias bomb) is its own failing finding; the other service keeps its findings', async () => {
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`;
    const head = {
      'services/broken/catalog-info.yaml': bomb,
      'services/broken/deploy/production/app.yaml': DEPLOYMENT('broken'),
      'services/billing/catalog-info.yaml': catalog('billing').replace(/    acme\.com\/runbook: .*\n/, ''),
      'services/billing/deploy/production/app.yaml': DEPLOYMENT('billing'),
      'services/billing/alerts/rules.yaml': 'groups: []\n',
    };
    const { code, findings } = await check({}, head);
    expect(code).toBe(1);
    expect(findings.map(([standard, file, message]) => [standard, file, message.split('\n')[0]])).toEqual([
      ['STD-0018', 'services/broken/catalog-info.yaml', 'services/broken/catalog-info.yaml cannot be read: its aliases expand past 100 copies, the pattern of a resource-exhaustion attack'],
      ['STD-0019', 'services/billing/catalog-info.yaml', 'billing (tier default) goes to production with no runbook link; add to services/billing/catalog-info.yaml:'],
      ['STD-0019', 'services/broken/catalog-info.yaml', "services/broken/catalog-info.yaml cannot be read, so broken's on-call readiness cannot be checked: its aliases expand past 100 copies, the pattern of a resource-exhaustion attack"],
    ]);
  });
});

describe('ownership', () => {
  test.skipIf(!existsSync(CATALOGS))('a System that owns the directory has its owner read (rhdh catalog, its Component taken out)', async () => {
    const real = readFileSync(join(CATALOGS, 'rhdh/catalog-info.yaml'), 'utf8');
    const systemOnly = real.split(/^---$/m)[0]!;
    expect(systemOnly).toMatch(/^kind: System$/m);
    const { findings } = await check({}, { 'services/rhdh/catalog-info.yaml': systemOnly, 'services/rhdh/main.go': 'package main\n' });
    // The System's owner is read: what is reported is that rhdh-team is no team here, not a missing owner.
    expect(findings).toEqual([['STD-0018', 'services/rhdh/catalog-info.yaml', 'services/rhdh/catalog-info.yaml names spec.owner rhdh-team, which is not a team in teams.yaml']]);
  });

  test('a catalog with no owner on any kind says which kinds are read', async () => {
    const { findings } = await check({}, { 'services/web/catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: web\nspec:\n  targets: []\n', 'services/web/main.go': 'package main\n' });
    expect(findings).toEqual([
      ['STD-0018', 'services/web/catalog-info.yaml', 'services/web/catalog-info.yaml names no owner: it has no entity of a kind that carries one (read: Component, Resource, API, System, Domain, Template; found: Location); describe this directory with a Component and `spec.owner: group:<team>`'],
    ]);
  });

  test('a user: reference is a person, and fails where a team is required', async () => {
    const head = { 'services/pay/catalog-info.yaml': catalog('pay', 'user:payments'), 'services/pay/main.go': 'package main\n' };
    const { code, findings } = await check({}, head);
    expect(code).toBe(1);
    expect(findings.filter(([standard, , message]) => /user:payments/.test(message)).map(([standard, , message]) => [standard, message.split('\n')[0]])).toEqual([
      ['STD-0018', 'services/pay/catalog-info.yaml names spec.owner user:payments on Component pay, a user, not a team: ownership must survive people moving on; use `owner: group:<team>`'],
      ['STD-0019', 'pay (tier default) goes to production owned by user:payments, which is not a team in teams.yaml; in services/pay/catalog-info.yaml use:'],
    ]);
  });

  test('each CODEOWNERS syntax error and each reviewer note is reported by one standard only', async () => {
    const head = { '.github/CODEOWNERS': '* @acme/platform-guild\n/a/ not-an-owner\n/b/ @@bad\n[Section\n' };
    const { findings } = await check({}, head);
    expect(findings).toEqual([
      ['STD-0016', '.github/CODEOWNERS', '.github/CODEOWNERS line 2, column 5: "not-an-owner" is not an owner; owners are @user, @org/team or an email address'],
      ['STD-0016', '.github/CODEOWNERS', '.github/CODEOWNERS line 3, column 5: "@@bad" is not an owner; owners are @user, @org/team or an email address'],
      ['STD-0016', '.github/CODEOWNERS', '.github/CODEOWNERS line 4, column 1: character ranges with "[ ]" do not work in CODEOWNERS; the line is ignored'],
    ]);
  });

  test('a reviewer note ("reviewed by X; owned by Y after the merge") comes from one standard', async () => {
    const base = { '.github/CODEOWNERS': '* @acme/platform-guild\n/api/ @acme/payments\n', 'api/a.go': 'package api\n' };
    const { findings } = await check(base, { '.github/CODEOWNERS': '* @acme/platform-guild\n/api/ @acme/sre\n', 'api/b.go': 'package api\n' });
    expect(findings.filter(([, , message]) => /reviewed by/.test(message))).toEqual([
      ['STD-0017', 'api/b.go', 'this PR changes .github/CODEOWNERS: GitHub requests reviews from the base branch\'s file, so api/b.go is reviewed by @acme/payments; after the merge it is owned by @acme/sre'],
    ]);
  });

  test('a new directory is suggested the owner of its parent folder\'s rule over a sibling\'s, and says which rule', async () => {
    // The esphome case: a rule for the parent folder's own files, and per-component rules beside it.
    const base = {
      '.github/CODEOWNERS': '/components/*.py @acme/payments\n/components/sensor/ @acme/sre\n/components/light/ @acme/sre\n',
      'components/__init__.py': '\n',
      'components/sensor/a.py': 'x = 1\n',
      'components/light/b.py': 'y = 1\n',
    };
    const { findings } = await check(base, { 'components/newthing/c.py': 'z = 1\n' });
    expect(findings).toEqual([
      ['STD-0016', 'components/newthing/c.py', 'components/newthing/c.py has no code owner; add a line such as `/components/newthing/ @acme/payments` to .github/CODEOWNERS (owned like the other files in components/, by `/components/*.py` on line 1)'],
    ]);
  });
});

describe('teams.yaml', () => {
  test('keys that differ only by case are refused, with both lines named, exit 2', async () => {
    const standards = standardsCopy();
    const file = join(standards, 'teams.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}  "@acme/Payments":\n    name: Payments again\n    slack: "#pay"\n    oncall: none:duplicate\n    maintainers: [x]\n`);
    const run = await runCli(['validate', '--standards', standards]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/teams\.yaml:\d+:\d+: .*@acme\/Payments.*@acme\/payments.*line \d+/i);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
