import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isMap, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { memoryTree } from '../../../test/helpers/changes.ts';
import { component, entityOf, linksOfKind, nearestCatalog, ownerEntity, ownerReference, parseCatalog, type CatalogEntity } from './catalog.ts';

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

/**
 * The same catalog read by the `yaml` package, an independent parser (the one 0.1 read catalogs
 * with): its values, and the lines of their keys from its document model, taken into an entity
 * as the catalog reader takes js-yaml's.
 */
function readByYamlPackage(source: string): { entities: CatalogEntity[]; error: boolean } {
  const counter = new LineCounter();
  const docs = parseAllDocuments(source, { lineCounter: counter });
  if (!Array.isArray(docs)) return { entities: [], error: true };
  const entities: CatalogEntity[] = [];
  for (const doc of docs) {
    if (doc.errors.length) return { entities: [], error: true };
    const keyLine = (path: readonly string[]) => {
      const parent = path.length > 1 ? (doc.getIn(path.slice(0, -1), true) as Node | undefined) : (doc.contents as Node | null);
      if (!isMap(parent)) return undefined;
      const range = (parent.items.find((item) => String((item.key as { value?: unknown })?.value) === path.at(-1))?.key as Node | undefined)?.range;
      return range ? counter.linePos(range[0]).line : undefined;
    };
    const line = (doc.contents as Node | null)?.range ? counter.linePos((doc.contents as Node).range![0]).line : 1;
    const entity = entityOf(doc.toJS({ maxAliasCount: 100 }), line, keyLine);
    if (entity) entities.push(entity);
  }
  return { entities, error: false };
}

// Catalog files in the shapes YAML allows: what the checks read must not depend on which
// parser read it, nor must the lines findings point at.
const SHAPES: [string, string][] = [
  ['several documents, links and quoted values', SERVICE],
  ['comments, a leading ---, an end marker', '# the service\n\n---\n# owned by payments\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\n\n  # the team\nspec:\n  owner: group:payments\n...\n'],
  ['a flow mapping with an empty value', 'kind: Component\nmetadata: {name: a, annotations: }\nspec: {owner: team-a, lifecycle: }\n---\nkind: API\nmetadata:\n  name: b\n...\n'],
  ['flow mappings and sequences', 'kind: Component\nmetadata: {name: a, annotations: {x: "1", y: 2}, links: [{url: "https://a", title: Runbook}]}\nspec: {owner: team-a, lifecycle: production}\n'],
  ['keys in quotes, values over several lines', '"kind": Component\n\'metadata\':\n  "name": a\n  annotations:\n    note: >\n      folded\n      text\n    more: |\n      literal\n"spec":\n  owner: group:b\n'],
  ['explicit keys', '? kind\n: Component\n? metadata\n: name: a\n? spec\n: owner: c\n'],
  ['empty values and nulls', 'kind: Component\nmetadata:\n  name:\n  annotations:\nspec:\n  owner: ~\n  lifecycle: null\n  type:\n'],
  ['scalars of other types', 'kind: Component\nmetadata:\n  name: 123\n  annotations:\n    tier: 1\n    on: true\n    ratio: 1.50\n    hex: 0x1F\nspec:\n  owner: 42\n  lifecycle: 1e3\n'],
  ['anchors and a few aliases', 'kind: Component\nmetadata:\n  name: a\n  annotations: &common\n    team: payments\n  links:\n    - &runbook {url: "https://r", title: Runbook}\n    - *runbook\nspec:\n  owner: group:x\n  extra: *common\n'],
  ['Windows line endings and a byte order mark', '\uFEFFkind: Component\r\nmetadata:\r\n  name: a\r\nspec:\r\n  owner: group:crlf\r\n'],
  ['documents that are no mapping, or empty', '---\n- a list\n---\njust text\n---\n---\nkind: Component\nmetadata:\n  name: last\nspec:\n  owner: z\n'],
  ['a document with no kind, then one with', 'metadata:\n  name: nothing\n---\nkind: System\nmetadata:\n  name: s\nspec:\n  owner: group:s\n'],
  ['unicode names and deep indentation', 'kind:      Component\nmetadata:\n        name: zürich-ö\n        annotations:\n                  "ключ": значение\nspec:\n    owner:     group:ünï\n'],
  ['metadata and spec that are not mappings', 'kind: Component\nmetadata: [a, b]\nspec: text\n'],
  ['a duplicate key', 'kind: Component\nmetadata:\n  name: a\n  name: b\n'],
  ['an unclosed flow sequence', 'kind: Component\nmetadata:\n  name: [oops\n'],
];

describe('catalogs read the same as the yaml package reads them', () => {
  test.each(SHAPES)('%s', (_name, source) => {
    const expected = readByYamlPackage(source);
    const ours = parseCatalog(`shape-${_name}.yaml`, source);
    expect(ours.error !== undefined).toBe(expected.error);
    expect(ours.entities).toEqual(expected.entities);
  });

  test('where the two differ, on purpose: a tag neither schema knows fails closed here, where the yaml package drops it with a warning', () => {
    const source = 'kind: !custom Component\nmetadata:\n  name: a\n';
    expect(readByYamlPackage(source).entities).toHaveLength(1);
    expect(parseCatalog('tagged.yaml', source).error).toMatchObject({ line: 1 });
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

  test.each(files)('%s reads the same as the yaml package reads it', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    expect(parseCatalog(`${file}#same`, source).entities).toEqual(readByYamlPackage(source).entities);
  });

  test('the PagerDuty plugin is a production library owned by its team', () => {
    const catalog = parseCatalog('x', readFileSync(join(CORPUS, 'pagerduty-plugin/catalog-info.yaml'), 'utf8'));
    expect(component(catalog)).toMatchObject({ lifecycle: 'production', type: 'library', owner: 'dev-ecosystem-and-public-apis' });
  });
});
