import { parse as parseToml } from 'smol-toml';
import { scopedKey, type DeferredLine, type DependencyDraft, type ParseError } from '../model.ts';
import { TomlPositions } from '../toml-positions.ts';

// Cargo still reads the underscore spellings of the dev and build tables, as older manifests write them.
const KINDS = [
  ['dependencies', false],
  ['build-dependencies', false],
  ['build_dependencies', false],
  ['dev-dependencies', true],
  ['dev_dependencies', true],
] as const;

interface CargoSpec {
  version?: string;
  package?: string;
  workspace?: boolean;
  git?: string;
  path?: string;
}

/** Why a dependency with no version requirement has none: it comes from git or a path. */
function sourceProblem(spec: CargoSpec): string | undefined {
  if (spec.version !== undefined || spec.workspace) return undefined;
  if (spec.git) return `it is built from git ${spec.git}, not a released version`;
  if (spec.path) return `it is built from the path ${spec.path}, not a released version`;
  return undefined;
}

/**
 * The lines of one dependency table's keys, found when a finding first asks: the position lexer
 * reads the whole file, once per manifest, shared by its tables.
 */
class TableLines implements DeferredLine {
  private tableKey: string | undefined;

  constructor(
    private readonly positions: () => TomlPositions,
    private readonly path: string[],
    /** What each of the table's keys starts with: `scopedKey` of the table's label, then the alias. */
    private readonly keyPrefix: string,
  ) {}

  lineOf(key: string): number {
    const positions = this.positions();
    this.tableKey ??= positions.tableKey(this.path);
    return positions.keyLine(this.tableKey, key.slice(this.keyPrefix.length)) ?? positions.headerLine(this.path) ?? 1;
  }
}

/** Cargo.toml: dependency tables (dev, build, their target-specific and workspace forms), each at the line that declares it. */
export function parseCargoToml(text: string): { drafts: DependencyDraft[]; error?: ParseError } {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const e = error as { line?: number; column?: number; message: string };
    return { drafts: [], error: { message: e.message.split('\n')[0]!, line: e.line ?? 1, column: e.column } };
  }
  let found: TomlPositions | undefined;
  const positions = () => (found ??= new TomlPositions(text));
  const drafts: DependencyDraft[] = [];
  const collect = (table: unknown, dev: boolean, path: string[]) => {
    if (!table || typeof table !== 'object') return;
    // Each key is scopedKey(the table's label, alias): the label's part is made once per table.
    const keyPrefix = scopedKey(path.join('.'), '');
    const line = new TableLines(positions, path, keyPrefix);
    const entries = table as Record<string, string | CargoSpec>;
    // Keys, then each value, not Object.entries: smol-toml makes its tables without a prototype,
    // and V8 keeps one of 200,000 keys as a dictionary, whose entries took three times as long.
    for (const alias of Object.keys(entries)) {
      const raw = entries[alias];
      // `name = "1.0"` is the common form: read as it is, with no table made for it.
      const spec: CargoSpec | undefined = typeof raw === 'string' ? undefined : (raw ?? {});
      // `package = "real-name"` renames a dependency; policies are about the real crate.
      const name = spec?.package ?? alias;
      const version = spec ? spec.version : (raw as string);
      drafts.push({ name, version, versionProblem: spec && sourceProblem(spec), dev, direct: true, line, key: keyPrefix + alias });
    }
  };
  for (const [kind, dev] of KINDS) collect(doc[kind], dev, [kind]);
  collect((doc.workspace as Record<string, unknown> | undefined)?.dependencies, false, ['workspace', 'dependencies']);
  for (const [target, body] of Object.entries((doc.target ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const [kind, dev] of KINDS) collect(body?.[kind], dev, ['target', target, kind]);
  }
  return { drafts };
}
