import { describe, expect, test } from 'vitest';
import { changeSet, fileChange } from '../../../test/helpers/changes.ts';
import type { FileChange } from '../../changeset.ts';
import { parseTeams } from '../../standards/teams.ts';
import { oncall, type OncallOptions } from './oncall.ts';

const teams = parseTeams('teams:\n  "@acme/payments":\n    slack: "#payments"\n    oncall: pagerduty:P1\n');
const OPTIONS: OncallOptions = {
  deploy_paths: ['deploy/production/**', 'k8s/**/prod/*.yaml', '**/serverless.yml'],
  tier_annotation: 'acme.com/tier',
  escalation_annotation: 'acme.com/escalation',
  healthcheck: { annotation: 'acme.com/health-check' },
};

interface Parts {
  tier?: string;
  owner?: string | null;
  rotation?: boolean;
  runbook?: string | null;
  dashboard?: boolean;
  escalation?: boolean;
  health?: boolean;
  lifecycle?: string;
}

function catalog(parts: Parts = {}): string {
  const annotations = [
    parts.rotation !== false ? '    pagerduty.com/service-id: P123' : '',
    parts.tier ? `    acme.com/tier: "${parts.tier}"` : '',
    parts.escalation ? '    acme.com/escalation: "@acme/sre"' : '',
    parts.health !== false ? '    acme.com/health-check: /healthz' : '',
  ].filter(Boolean);
  const links = [
    parts.runbook !== null ? `    - url: ${parts.runbook ?? 'https://runbooks.acme.com/refunds'}\n      title: Runbook` : '',
    parts.dashboard ? '    - url: https://grafana.acme.com/d/refunds\n      type: dashboard' : '',
  ].filter(Boolean);
  return [
    'kind: Component',
    'metadata:',
    '  name: refunds',
    ...(annotations.length ? ['  annotations:', ...annotations] : []),
    ...(links.length ? ['  links:', ...links] : []),
    'spec:',
    '  type: service',
    `  lifecycle: ${parts.lifecycle ?? 'production'}`,
    ...(parts.owner === null ? [] : [`  owner: ${parts.owner ?? 'group:payments'}`]),
    '',
  ].join('\n');
}

const READY = {
  'services/refunds/alerts/refunds.yaml': 'groups: []\n',
  'services/refunds/deploy/prod/values.yaml': 'replicas: 3\n',
};

async function run(head: Record<string, string>, files: FileChange[], base: Record<string, string> = {}, options = OPTIONS) {
  const cs = changeSet({ base, head, files });
  return oncall.evaluate({ options, files, tree: cs.head, changeSet: cs, today: '2026-11-26', teams });
}
const deployChange = [fileChange('k8s/refunds/prod/deployment.yaml')];
const withCatalogAt = (path: string, parts: Parts, extra: Record<string, string> = {}) => ({ [path]: catalog(parts), 'k8s/refunds/prod/deployment.yaml': 'kind: Deployment\n', ...READY, ...extra });

describe('each requirement missing in turn (default tier)', () => {
  const at = 'services/refunds/catalog-info.yaml';
  const deploy = [fileChange('services/refunds/deploy/prod/values.yaml', { status: 'modified' })];
  const options = { ...OPTIONS, deploy_paths: ['services/*/deploy/prod/**'] };
  test.each<{ name: string; parts: Parts; extra: Record<string, string>; expected: unknown[] }>([
    { name: 'ready', parts: {}, extra: {}, expected: [] },
    { name: 'no owner', parts: { owner: null }, extra: {}, expected: [['missingOwner', 10]] },
    { name: 'owner not a known team', parts: { owner: 'group:refundz' }, extra: {}, expected: [['unknownOwner', 13]] },
    { name: 'no rotation', parts: { rotation: false }, extra: {}, expected: [['missingRotation', 4]] },
    { name: 'no runbook', parts: { runbook: null }, extra: {}, expected: [['missingRunbook', 2]] },
    { name: 'runbook over http', parts: { runbook: 'http://wiki/refunds' }, extra: {}, expected: [['runbookNotHttps', 7]] },
    { name: 'runbook path present at head', parts: { runbook: 'docs/runbook.md' }, extra: { 'services/refunds/docs/runbook.md': '# Runbook\n' }, expected: [] },
    { name: 'runbook path absent at head', parts: { runbook: 'docs/runbook.md' }, extra: {}, expected: [['runbookNotFound', 7]] },
    { name: 'no health check', parts: { health: false }, extra: {}, expected: [['missingHealthcheck', 4]] },
  ])('$name', async ({ parts, extra, expected }) => {
    const results = await run({ ...READY, [at]: catalog(parts), ...extra }, deploy, {}, options);
    expect(results.map((r) => [r.messageId, r.line ?? null])).toEqual(expected);
    for (const result of results) expect(result.file).toBe(at);
  });

  test('no alerts under the service', async () => {
    const { 'services/refunds/alerts/refunds.yaml': _alerts, ...withoutAlerts } = READY;
    const results = await run({ ...withoutAlerts, [at]: catalog() }, deploy, {}, options);
    expect(results.map((r) => r.messageId)).toEqual(['missingAlerts']);
    expect(results[0]!.data!.snippet).toContain('# services/refunds/alerts/refunds.yaml\n    groups:');
  });
});

describe('tiers', () => {
  test('tier 1 also needs a dashboard and an escalation contact', async () => {
    const results = await run(withCatalogAt('k8s/refunds/catalog-info.yaml', { tier: '1' }, { 'k8s/refunds/alerts/a.yaml': '' }), deployChange);
    expect(results.map((r) => r.messageId)).toEqual(['missingDashboard', 'missingEscalation']);
  });

  test('a complete tier 1 service passes', async () => {
    const results = await run(withCatalogAt('k8s/refunds/catalog-info.yaml', { tier: '1', dashboard: true, escalation: true }, { 'k8s/refunds/alerts/a.yaml': '' }), deployChange);
    expect(results).toEqual([]);
  });

  test('the tier table is configurable', async () => {
    const options = { ...OPTIONS, requirements: { default: ['owner' as const], '3': [] } };
    const results = await run(withCatalogAt('k8s/refunds/catalog-info.yaml', { tier: '3', owner: null, rotation: false }), deployChange, {}, options);
    expect(results).toEqual([]);
  });
});

describe('triggers', () => {
  test('a change that touches nothing deployable gets no on-call findings', async () => {
    expect(await run({ 'services/refunds/catalog-info.yaml': catalog({ owner: null, rotation: false }), 'services/refunds/src/a.ts': '' }, [fileChange('services/refunds/src/a.ts')])).toEqual([]);
  });

  test('setting spec.lifecycle to production triggers the check on that catalog', async () => {
    const path = 'services/refunds/catalog-info.yaml';
    const results = await run({ [path]: catalog({ rotation: false }), ...READY }, [fileChange(path, { status: 'modified' })], { [path]: catalog({ rotation: false, lifecycle: 'experimental' }) });
    expect(results.map((r) => r.messageId)).toEqual(['missingRotation']);
  });

  test('a catalog already in production, edited, does not trigger', async () => {
    const path = 'services/refunds/catalog-info.yaml';
    expect(await run({ [path]: catalog({ rotation: false }) }, [fileChange(path, { status: 'modified' })], { [path]: catalog({ rotation: false }) })).toEqual([]);
  });

  test('a deploy file with no catalog is told to create one, with the whole file, and alerts are missing for want of a service folder', async () => {
    const results = await run({ 'deploy/production/refunds.yaml': 'kind: Deployment\n' }, [fileChange('deploy/production/refunds.yaml')]);
    expect(results.map((r) => [r.messageId, r.file])).toEqual([
      ['missingCatalog', 'deploy/production/refunds.yaml'],
      ['missingAlerts', 'deploy/production/refunds.yaml'],
      ['missingHealthcheck', 'deploy/production/refunds.yaml'],
    ]);
    const snippet = String(results[0]!.data!.snippet);
    for (const part of ['kind: Component', 'name: refunds', 'pagerduty.com/service-id:', 'title: Runbook', 'lifecycle: production', 'owner: group:<your-team>']) expect(snippet).toContain(part);
    expect(results[1]!.data!.where).toBe('anywhere: with no catalog, the service has no folder of its own to look in');
  });

  test('deploy/production/<service>/ is matched to the catalog of that name', async () => {
    const head = { 'services/refunds/catalog-info.yaml': catalog({ rotation: false }), 'deploy/production/refunds/deployment.yaml': 'readinessProbe:\n  httpGet: {}\n', ...READY };
    const results = await run(head, [fileChange('deploy/production/refunds/deployment.yaml')]);
    expect(results.map((r) => [r.messageId, r.file])).toEqual([['missingRotation', 'services/refunds/catalog-info.yaml']]);
  });

  test('a health check in the deploy descriptor counts', async () => {
    const head = { 'deploy/production/svc.yaml': 'spec:\n  containers:\n    - readinessProbe:\n        httpGet: { path: /healthz }\n' };
    const results = await run(head, [fileChange('deploy/production/svc.yaml')], {}, { ...OPTIONS, healthcheck: {} });
    expect(results.map((r) => r.messageId)).not.toContain('missingHealthcheck');
  });
});

test('escalation without escalation_annotation is a configuration error', () => {
  const problems = oncall.validate!({ deploy_paths: ['deploy/**'] });
  expect(problems).toEqual([{ path: ['requirements', '1'], message: 'requires "escalation", so set escalation_annotation to the catalog annotation that names the second contact' }]);
});

describe('issue: silent passes and misleading messages found on real catalogs', () => {
  test('alerts in an unrelated file elsewhere in the repository do not count (docs/lint-rules.yaml)', async () => {
    const head = { 'docs/lint-rules.yaml': 'rules: []\n', 'deploy/production/app.yaml': 'kind: Deployment\nmetadata:\n  name: app\n' };
    const results = await run(head, [fileChange('deploy/production/app.yaml')], { 'docs/lint-rules.yaml': 'rules: []\n' });
    expect(results.map((r) => r.messageId)).toContain('missingAlerts');
  });

  test('a service with a catalog finds alerts only in its own folder', async () => {
    const head = { 'services/refunds/catalog-info.yaml': catalog(), 'releasenotes/notes/rules.yaml': '', 'services/refunds/deploy/prod/values.yaml': 'x: 1\n' };
    const results = await run(head, [fileChange('services/refunds/deploy/prod/values.yaml')], {}, { ...OPTIONS, deploy_paths: ['services/*/deploy/prod/**'] });
    expect(results.map((r) => [r.messageId, r.data?.where])).toEqual([['missingAlerts', 'under services/refunds/']]);
  });

  test.each([
    ['a Deployment names its service', 'deploy/production/app.yaml', 'kind: Deployment\nmetadata:\n  name: refunds-api\n', 'refunds-api'],
    ['otherwise the folder under the deploy path', 'deploy/production/refunds/values.yaml', 'replicas: 2\n', 'refunds'],
    ['otherwise the file under the deploy path', 'deploy/production/ledger.yaml', 'replicas: 2\n', 'ledger'],
  ])('the service is named after the deployment, never "production": %s', async (_name, path, text, service) => {
    const [first] = await run({ [path]: text }, [fileChange(path)]);
    expect(first!.data!.service).toBe(service);
  });

  test('one broken catalog (an alias bomb) is its own failing finding; the other service keeps its findings', async () => {
    const bomb = `kind: Component\nmetadata:\n  name: broken\n  a: &a [l, l, l, l, l, l, l, l, l, l]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nspec:\n  lifecycle: production\n`;
    const head = {
      'services/broken/catalog-info.yaml': bomb,
      'services/broken/deploy/prod/values.yaml': 'x: 1\n',
      'services/refunds/catalog-info.yaml': catalog({ runbook: null }),
      'services/refunds/alerts/a.yaml': '',
      'services/refunds/deploy/prod/values.yaml': 'x: 1\n',
    };
    const files = [fileChange('services/broken/deploy/prod/values.yaml'), fileChange('services/refunds/deploy/prod/values.yaml')];
    const results = await run(head, files, {}, { ...OPTIONS, deploy_paths: ['services/*/deploy/prod/**'] });
    expect(results.map((r) => [r.messageId, r.file, r.line ?? null])).toEqual([
      ['catalogUnreadable', 'services/broken/catalog-info.yaml', 5],
      ['missingRunbook', 'services/refunds/catalog-info.yaml', 2],
    ]);
  });
});
