import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { memoryTree } from '../../../test/helpers/changes.ts';
import { component, linksOfKind, nearestCatalog, ownerEntity, ownerReference, parseCatalog } from './catalog.ts';

const SERVICE = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: refunds
  annotations:
    pagerduty.com/service-id: P123ABC
    acme.com/tier: "1"
  links:
    - url: https://runbooks.acme.com/refunds
      title: Runbook
    - url: https://grafana.acme.com/d/refunds
      title: Refunds dashboard
      type: dashboard
spec:
  type: service
  lifecycle: production
  owner: group:payments
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: refunds-api
spec:
  type: openapi
  lifecycle: production
  owner: group:payments
`;

describe('parseCatalog', () => {
  test('reads the fields the checks use, with their lines, from several documents', () => {
    const catalog = parseCatalog('services/refunds/catalog-info.yaml', SERVICE);
    expect(catalog.entities.map((e) => [e.kind, e.name])).toEqual([
      ['Component', 'refunds'],
      ['API', 'refunds-api'],
    ]);
    const service = component(catalog)!;
    expect(service).toMatchObject({ owner: 'group:payments', lifecycle: 'production', type: 'service', annotations: { 'pagerduty.com/service-id': 'P123ABC', 'acme.com/tier': '1' } });
    expect(service.lines).toEqual({ entity: 1, owner: 17, lifecycle: 16, annotations: 5, links: 8, metadata: 3, spec: 14 });
    expect(linksOfKind(service, /runbook/i).map((l) => l.url)).toEqual(['https://runbooks.acme.com/refunds']);
    expect(linksOfKind(service, /dashboard/i).map((l) => l.url)).toEqual(['https://grafana.acme.com/d/refunds']);
  });

  test('a broken document is reported at its line', () => {
    expect(parseCatalog('c.yaml', 'kind: Component\nmetadata:\n  name: [oops\n').error!.line).toBeGreaterThanOrEqual(3);
  });
});

describe('nearestCatalog', () => {
  const tree = memoryTree({ 'catalog-info.yaml': '', 'services/refunds/catalog-info.yaml': '', 'services/refunds/worker/catalog-info.yml': '' });
  test.each([
    ['services/refunds/src/index.ts', 'services/refunds/catalog-info.yaml'],
    ['services/refunds/worker/main.go', 'services/refunds/worker/catalog-info.yml'],
    ['services/billing/index.ts', 'catalog-info.yaml'],
    ['README.md', 'catalog-info.yaml'],
  ])('%s belongs to %s', async (path, expected) => {
    expect(await nearestCatalog(path, tree)).toBe(expected);
  });

  test('no ancestor catalog, no service', async () => {
    expect(await nearestCatalog('lib/a.ts', memoryTree({ 'services/a/catalog-info.yaml': '' }))).toBeUndefined();
  });
});

describe('the entity that owns a directory, and owner references', () => {
  const doc = (kind: string, owner?: string) => `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: x-${kind.toLowerCase()}\nspec:\n${owner ? `  owner: ${owner}\n` : '  type: other\n'}`;
  test.each([
    { name: 'a Component wins', docs: [doc('System', 'group:platform'), doc('Component', 'group:payments')], owner: 'group:payments' },
    { name: 'a Template alone carries the owner', docs: [doc('Template', 'group:payments')], owner: 'group:payments' },
    { name: 'a System, when the Location names none', docs: [doc('Location'), doc('System', 'group:platform')], owner: 'group:platform' },
    { name: 'an API beside a Resource without one', docs: [doc('Resource'), doc('API', 'group:payments')], owner: 'group:payments' },
    { name: 'a Location only', docs: [doc('Location')], owner: undefined },
  ])('$name', ({ docs, owner }) => {
    expect(ownerEntity(parseCatalog('c.yaml', docs.join('---\n')))?.owner).toBe(owner);
  });

  test.each([
    ['group:payments', { kind: 'group', name: 'payments' }],
    ['group:default/payments', { kind: 'group', namespace: 'default', name: 'payments' }],
    ['payments', { kind: 'group', name: 'payments' }],
    ['backstage/maintainers', { kind: 'group', namespace: 'backstage', name: 'maintainers' }],
    ['user:payments', { kind: 'user', name: 'payments' }],
    ['User:default/jdoe', { kind: 'user', namespace: 'default', name: 'jdoe' }],
  ])('%s', (ref, expected) => {
    expect(ownerReference(ref)).toEqual({ namespace: undefined, ...expected });
  });

  test('an alias bomb in one catalog is that file\'s error, with its line', () => {
    const bomb = `kind: Component\nmetadata:\n  name: x\n  a: &a [l, l, l, l, l, l, l, l, l, l]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n`;
    expect(parseCatalog('services/x/catalog-info.yaml', bomb).error).toEqual({ message: 'its aliases expand past 100 copies, the pattern of a resource-exhaustion attack', line: 5 });
  });
});

const CORPUS = join(import.meta.dirname, '../../../../shared/corpus/catalog');
describe.skipIf(!existsSync(CORPUS))('real catalog files from ../shared/corpus', () => {
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).flatMap((dir) => readdirSync(join(CORPUS, dir)).map((name) => [`${dir}/${name}`, join(CORPUS, dir, name)])) : [];
  test.each(files)('%s parses into entities with kinds and names', (_name, file) => {
    const catalog = parseCatalog(file, readFileSync(file, 'utf8'));
    expect(catalog.error).toBeUndefined();
    expect(catalog.entities.length).toBeGreaterThan(0);
    for (const entity of catalog.entities) expect(entity.name).not.toBe('(unnamed)');
  });

  test('the PagerDuty plugin is a production library owned by its team', () => {
    const catalog = parseCatalog('x', readFileSync(join(CORPUS, 'pagerduty-plugin/catalog-info.yaml'), 'utf8'));
    expect(component(catalog)).toMatchObject({ lifecycle: 'production', type: 'library', owner: 'dev-ecosystem-and-public-apis' });
  });
});
