import { CORE_SCHEMA, loadAll } from 'js-yaml';
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

const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

/** Aliases past this many copies are refused: a catalog file comes from the change, and may be an alias bomb. */
const MAX_ALIAS_EXPANSIONS = 100;

/** One node as js-yaml's listener sees it being read: where it starts, and what it holds. */
interface NodeRead {
  /** 1-based. */
  line: number;
  position: number;
  children: NodeRead[];
  value?: unknown;
  /** How many copies reading this node whole makes of what its aliases name, theirs included. */
  expansions: number;
}

const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:\s|$)/;

/** What reading a stream records besides its values: each mapping's key lines, each document's line, the aliases. */
class StreamRecorder {
  readonly keyLines = new WeakMap<object, Map<string, number>>();
  readonly documentLines = new WeakMap<object, number>();
  private readonly expansionsIn = new WeakMap<object, number>();
  private readonly open: NodeRead[] = [];
  firstAlias: number | undefined;
  expansions = 0;

  readonly listener = (event: 'open' | 'close', state: { line: number; position: number; lineStart: number; input: string; result: unknown }): void => {
    if (event === 'open') {
      this.open.push({ line: state.line + 1, position: state.position, children: [], expansions: 0 });
      return;
    }
    const node = this.open.pop()!;
    const value = (node.value = state.result);
    // Where a mapping meets `---` or `...`, js-yaml tries for one more key and reads nothing: not a node.
    if (value === null && state.position === node.position && state.position === state.lineStart && DOCUMENT_MARKER.test(state.input.slice(state.position, state.position + 4))) return;
    const isObject = typeof value === 'object' && value !== null;
    if (isObject && !node.children.length && this.expansionsIn.has(value)) {
      // An alias: js-yaml hands back the node it names, which a reader walking it copies again.
      node.expansions = 1 + this.expansionsIn.get(value)!;
      this.firstAlias ??= node.line;
    } else {
      for (const child of node.children) node.expansions += child.expansions;
      if (isObject) {
        this.expansionsIn.set(value, node.expansions);
        if (!Array.isArray(value)) this.keyLines.set(value, keyLinesOf(node, value));
      }
    }
    const parent = this.open.at(-1);
    if (parent) parent.children.push(node);
    else {
      if (isObject) this.documentLines.set(value, node.line);
      this.expansions += node.expansions;
    }
  };
}

/** A mapping's children come key, value, key, value: each key's line, when the count says they do. */
function keyLinesOf(node: NodeRead, mapping: object): Map<string, number> {
  const lines = new Map<string, number>();
  if (node.children.length !== 2 * Object.keys(mapping).length) return lines;
  for (let i = 0; i < node.children.length; i += 2) {
    const key = String(node.children[i]!.value);
    if (!lines.has(key)) lines.set(key, node.children[i]!.line);
  }
  return lines;
}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

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

/**
 * Read with js-yaml and YAML 1.2's core schema, the lines taken from its listener. The `yaml`
 * package, which reads the standards themselves, took six times as long on 400 small catalog
 * files read once each, as a large change reads them (0.5 ms a file, against 0.08), and its
 * larger parser kept V8's optimising compiler busy for another 240 ms on the second core. Its
 * document model, where the lines came from, is of no other use here.
 */
function parseCatalogText(file: string, source: string): CatalogFile {
  const recorder = new StreamRecorder();
  let documents: unknown[];
  try {
    documents = loadAll(source, undefined, { filename: file, schema: CORE_SCHEMA, listener: recorder.listener }) as unknown[];
  } catch (error) {
    const mark = (error as { mark?: { line: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    return { file, entities: [], error: { message: reason.split('\n')[0]!, line: (mark?.line ?? 0) + 1 } };
  }
  if (recorder.expansions > MAX_ALIAS_EXPANSIONS) {
    return { file, entities: [], error: { message: `its aliases expand past ${MAX_ALIAS_EXPANSIONS} copies, the pattern of a resource-exhaustion attack`, line: recorder.firstAlias ?? 1 } };
  }
  const entities: CatalogEntity[] = [];
  for (const value of documents) {
    const keyLine = (path: readonly string[]) => {
      const mapping = path.length > 1 ? (isMapping(value) ? value[path[0]!] : undefined) : value;
      return isMapping(mapping) ? recorder.keyLines.get(mapping)?.get(path.at(-1)!) : undefined;
    };
    const entity = entityOf(value, isMapping(value) ? (recorder.documentLines.get(value) ?? 1) : 1, keyLine);
    if (entity) entities.push(entity);
  }
  return { file, entities };
}

/**
 * The entity one YAML document describes, or undefined when it has no `kind`: the fields the
 * checks read, and the lines of their keys from `keyLine` (a path of keys from the document).
 */
export function entityOf(value: unknown, line: number, keyLine: (path: readonly string[]) => number | undefined): CatalogEntity | undefined {
  if (!isMapping(value) || typeof value.kind !== 'string') return undefined;
  const metadata = (isMapping(value.metadata) ? value.metadata : {}) as { name?: unknown; annotations?: unknown; links?: unknown };
  const spec = isMapping(value.spec) ? value.spec : {};
  const links = Array.isArray(metadata.links) ? metadata.links.filter((l): l is Record<string, unknown> => !!l && typeof l === 'object' && typeof l.url === 'string') : [];
  return {
    kind: value.kind,
    name: text(metadata.name) ?? '(unnamed)',
    owner: text(spec.owner),
    lifecycle: text(spec.lifecycle),
    type: text(spec.type),
    annotations: Object.fromEntries(Object.entries(metadata.annotations ?? {}).map(([k, v]) => [k, String(v)])),
    links: links.map((l) => ({ url: String(l.url), title: text(l.title), type: text(l.type) })),
    lines: {
      entity: line,
      owner: keyLine(['spec', 'owner']),
      lifecycle: keyLine(['spec', 'lifecycle']),
      annotations: keyLine(['metadata', 'annotations']),
      links: Array.isArray(metadata.links) ? keyLine(['metadata', 'links']) : undefined,
      metadata: keyLine(['metadata']),
      spec: keyLine(['spec']),
    },
  };
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
