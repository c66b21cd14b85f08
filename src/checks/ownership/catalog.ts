import { isMap, isSeq, LineCounter, parseAllDocuments, visit, type Document, type Node } from 'yaml';
import type { TreeView } from '../../changeset.ts';
import { parentDir } from '../../paths.ts';

/** Backstage's conventional catalog file names. */
export const CATALOG_FILES = ['catalog-info.yaml', 'catalog-info.yml'];

export interface CatalogLink {
  url: string;
  title?: string;
  type?: string;
}

export interface CatalogEntity {
  kind: string;
  name: string;
  owner?: string;
  lifecycle?: string;
  type?: string;
  annotations: Record<string, string>;
  links: CatalogLink[];
  /** Lines in the catalog file, for findings and for where to add a snippet. */
  lines: { entity: number; owner?: number; lifecycle?: number; annotations?: number; links?: number; metadata?: number; spec?: number };
}

export interface CatalogFile {
  file: string;
  entities: CatalogEntity[];
  error?: { message: string; line: number };
}

function lineOf(doc: Document, counter: LineCounter, path: string[]): number | undefined {
  const node = doc.getIn(path, true) as Node | undefined;
  if (node?.range) return counter.linePos(node.range[0]).line;
  // For a key with an empty value, fall back to its parent mapping.
  return undefined;
}

function keyLine(doc: Document, counter: LineCounter, path: string[]): number | undefined {
  const parent = path.length > 1 ? (doc.getIn(path.slice(0, -1), true) as Node | undefined) : (doc.contents as Node | null);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => String((item.key as { value?: unknown })?.value) === path[path.length - 1]);
  const range = (pair?.key as Node | undefined)?.range;
  return range ? counter.linePos(range[0]).line : undefined;
}

const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

/** Aliases past this many copies are refused: a catalog file comes from the change, and may be an alias bomb. */
const MAX_ALIAS_EXPANSIONS = 100;

/**
 * A catalog file's entities; several YAML documents in one file are several entities. A file
 * that cannot be read (bad YAML, aliases that expand without bound) has an `error` with its line,
 * and never throws: each catalog file is judged on its own.
 */
export function parseCatalog(file: string, source: string): CatalogFile {
  // The ownership and on-call standards each read a change's catalog files: parsed once, the
  // result shared (read-only) between them.
  const key = `${file}\0${source}`;
  let parsed = recentlyParsed.get(key);
  if (!parsed) {
    parsed = parseCatalogText(file, source);
    if (recentlyParsed.size >= RECENT_CATALOGS) recentlyParsed.delete(recentlyParsed.keys().next().value!);
    recentlyParsed.set(key, parsed);
  }
  return parsed;
}

// Enough for the standards that read a file to meet it while it is still here, however many
// catalog files a scan passes (oldest out first).
const RECENT_CATALOGS = 512;
const recentlyParsed = new Map<string, CatalogFile>();

function parseCatalogText(file: string, source: string): CatalogFile {
  const counter = new LineCounter();
  const docs = parseAllDocuments(source, { lineCounter: counter });
  if (!Array.isArray(docs)) return { file, entities: [], error: { message: 'not a YAML stream', line: 1 } };
  const entities: CatalogEntity[] = [];
  for (const doc of docs) {
    const problem = doc.errors[0];
    if (problem) return { file, entities, error: { message: problem.message.split('\n')[0]!, line: problem.linePos?.[0].line ?? 1 } };
    let value: Record<string, unknown> | null;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS }) as Record<string, unknown> | null;
    } catch {
      let first = 0;
      visit(doc, { Alias: (_key, node) => ((first = node.range?.[0] ?? 0), visit.BREAK) });
      return { file, entities, error: { message: `its aliases expand past ${MAX_ALIAS_EXPANSIONS} copies, the pattern of a resource-exhaustion attack`, line: counter.linePos(first).line } };
    }
    if (!value || typeof value !== 'object' || typeof value.kind !== 'string') continue;
    const metadata = (value.metadata ?? {}) as { name?: unknown; annotations?: Record<string, unknown>; links?: unknown };
    const spec = (value.spec ?? {}) as Record<string, unknown>;
    const links = Array.isArray(metadata.links) ? metadata.links.filter((l): l is Record<string, unknown> => !!l && typeof l === 'object' && typeof l.url === 'string') : [];
    entities.push({
      kind: value.kind,
      name: text(metadata.name) ?? '(unnamed)',
      owner: text(spec.owner),
      lifecycle: text(spec.lifecycle),
      type: text(spec.type),
      annotations: Object.fromEntries(Object.entries(metadata.annotations ?? {}).map(([k, v]) => [k, String(v)])),
      links: links.map((l) => ({ url: String(l.url), title: text(l.title), type: text(l.type) })),
      lines: {
        entity: (doc.contents as Node | null)?.range ? counter.linePos((doc.contents as Node).range![0]).line : 1,
        owner: keyLine(doc, counter, ['spec', 'owner']),
        lifecycle: keyLine(doc, counter, ['spec', 'lifecycle']),
        annotations: keyLine(doc, counter, ['metadata', 'annotations']),
        links: isSeq(doc.getIn(['metadata', 'links'], true)) ? keyLine(doc, counter, ['metadata', 'links']) : undefined,
        metadata: keyLine(doc, counter, ['metadata']) ?? lineOf(doc, counter, ['metadata']),
        spec: keyLine(doc, counter, ['spec']),
      },
    });
  }
  return { file, entities };
}

/** The service a catalog file describes: its first Component. */
export function component(catalog: CatalogFile | undefined): CatalogEntity | undefined {
  return catalog?.entities.find((entity) => entity.kind === 'Component');
}

/** Backstage's kinds that carry `spec.owner`, in the order one is taken to describe its directory. */
export const OWNED_KINDS = ['Component', 'Resource', 'API', 'System', 'Domain', 'Template'] as const;

/**
 * The entity whose owner is the owner of the catalog file's directory: its Component, else the
 * first entity of another owned kind that names an owner (a Template, System, API or Resource),
 * else the first entity of an owned kind at all.
 */
export function ownerEntity(catalog: CatalogFile | undefined): CatalogEntity | undefined {
  const owned = (catalog?.entities ?? []).filter((entity) => (OWNED_KINDS as readonly string[]).includes(entity.kind));
  const rank = (entity: CatalogEntity) => OWNED_KINDS.indexOf(entity.kind as (typeof OWNED_KINDS)[number]);
  return component(catalog) ?? [...owned].sort((a, b) => rank(a) - rank(b)).find((entity) => entity.owner) ?? owned[0];
}

/** A Backstage entity reference (`[kind:][namespace/]name`); an owner without a kind is a Group, as Backstage reads it. */
export function ownerReference(ref: string): { kind: string; namespace?: string; name: string } {
  const colon = ref.indexOf(':');
  const kind = colon > 0 && !ref.slice(0, colon).includes('/') ? ref.slice(0, colon).toLowerCase() : 'group';
  const rest = colon > 0 && kind !== 'group' ? ref.slice(colon + 1) : ref.replace(/^group:/i, '');
  const slash = rest.lastIndexOf('/');
  return { kind, namespace: slash < 0 ? undefined : rest.slice(0, slash), name: rest.slice(slash + 1) };
}

export function isCatalogFile(path: string): boolean {
  return CATALOG_FILES.includes(path.slice(path.lastIndexOf('/') + 1));
}

/** The catalog file that owns a path: the one in its nearest ancestor directory, asking the tree only about those directories. */
export async function nearestCatalog(path: string, tree: TreeView): Promise<string | undefined> {
  for (let dir = parentDir(path); ; dir = parentDir(dir)) {
    const { files } = await tree.list(dir);
    const name = CATALOG_FILES.find((candidate) => files.includes(candidate));
    if (name) return dir ? `${dir}/${name}` : name;
    if (!dir) return undefined;
  }
}

/** Links whose type or title marks them as a given kind, such as runbook or dashboard. */
export function linksOfKind(entity: CatalogEntity, kind: RegExp): CatalogLink[] {
  return entity.links.filter((link) => kind.test(link.type ?? '') || kind.test(link.title ?? ''));
}
