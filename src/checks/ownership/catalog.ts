import { isMap, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
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

/** A catalog file's entities; several YAML documents in one file are several entities. */
export function parseCatalog(file: string, source: string): CatalogFile {
  const counter = new LineCounter();
  const docs = parseAllDocuments(source, { lineCounter: counter });
  if (!Array.isArray(docs)) return { file, entities: [], error: { message: 'not a YAML stream', line: 1 } };
  const entities: CatalogEntity[] = [];
  for (const doc of docs) {
    const problem = doc.errors[0];
    if (problem) return { file, entities, error: { message: problem.message.split('\n')[0]!, line: problem.linePos?.[0].line ?? 1 } };
    const value = doc.toJS() as Record<string, unknown> | null;
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

export function isCatalogFile(path: string): boolean {
  return CATALOG_FILES.includes(path.slice(path.lastIndexOf('/') + 1));
}

/** The catalog file that owns a path: the one in its nearest ancestor directory. */
export function nearestCatalog(path: string, catalogPaths: ReadonlySet<string>): string | undefined {
  for (let dir = parentDir(path); ; dir = parentDir(dir)) {
    for (const name of CATALOG_FILES) {
      const candidate = dir ? `${dir}/${name}` : name;
      if (catalogPaths.has(candidate)) return candidate;
    }
    if (!dir) return undefined;
  }
}

/** Links whose type or title marks them as a given kind, such as runbook or dashboard. */
export function linksOfKind(entity: CatalogEntity, kind: RegExp): CatalogLink[] {
  return entity.links.filter((link) => kind.test(link.type ?? '') || kind.test(link.title ?? ''));
}
