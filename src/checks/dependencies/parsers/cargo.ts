import { parse as parseToml } from 'smol-toml';
import type { DependencyDraft, ParseError } from '../model.ts';
import { TextLines } from '../text-lines.ts';
import { keyLine } from './python.ts';

const KINDS = [
  ['dependencies', false],
  ['build-dependencies', false],
  ['dev-dependencies', true],
] as const;

interface CargoSpec {
  version?: string;
  package?: string;
  workspace?: boolean;
}

function headerName(line: string): string | undefined {
  const header = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
  return header?.[1]!.replace(/\s+/g, '').replace(/["']/g, '');
}

/** Line of a dependency: `name = …` in its table, or a `[table.name]` header of its own. */
function declarationLine(lines: TextLines, table: string, name: string): number | undefined {
  const own = lines.findLine((line) => headerName(line) === `${table}.${name}`);
  if (own) return own;
  const start = lines.findLine((line) => headerName(line) === table);
  return start ? keyLine(lines, name, start) ?? start : undefined;
}

/** Cargo.toml: [dependencies], [dev-dependencies], [build-dependencies], their target-specific and workspace forms. */
export function parseCargoToml(text: string): { drafts: DependencyDraft[]; error?: ParseError } {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const e = error as { line?: number; column?: number; message: string };
    return { drafts: [], error: { message: e.message.split('\n')[0]!, line: e.line ?? 1, column: e.column } };
  }
  const lines = new TextLines(text);
  const drafts: DependencyDraft[] = [];
  const collect = (table: unknown, dev: boolean, label: string) => {
    if (!table || typeof table !== 'object') return;
    for (const [alias, raw] of Object.entries(table as Record<string, string | CargoSpec>)) {
      const spec: CargoSpec = typeof raw === 'string' ? { version: raw } : raw ?? {};
      // `package = "real-name"` renames a dependency; policies are about the real crate.
      const name = spec.package ?? alias;
      drafts.push({ name, version: spec.version, dev, direct: true, line: declarationLine(lines, label, alias) ?? 1, key: `${label}:${alias}` });
    }
  };
  for (const [kind, dev] of KINDS) collect(doc[kind], dev, kind);
  collect((doc.workspace as Record<string, unknown> | undefined)?.dependencies, false, 'workspace.dependencies');
  for (const [target, body] of Object.entries((doc.target ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const [kind, dev] of KINDS) collect(body?.[kind], dev, `target.${target.replace(/\s+/g, '').replace(/["']/g, '')}.${kind}`);
  }
  return { drafts };
}
