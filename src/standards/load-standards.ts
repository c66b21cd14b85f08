import { checksByType, checkTypes } from '../checks/index.ts';
import { ConfigError, type Diagnostic } from '../diagnostics.ts';
import { globProblem } from '../globs.ts';
import { listYamlFiles, readText } from './files.ts';
import { envelopeSchema, type Standard } from './standard.ts';
import { validateAgainst } from './validate.ts';
import { parseYamlFile, type YamlFile } from './yaml-file.ts';
import { compareText } from '../text-order.ts';

export const RULES_DIR = 'rules';

interface Parsed {
  standard: Standard;
  yaml: YamlFile;
}

const envelope = envelopeSchema(checkTypes());

/** Validates one rule file on its own; cross-file rules (duplicate ids, superseded_by) come after. */
export function parseStandard(file: string, text: string): { parsed?: Parsed; diagnostics: Diagnostic[] } {
  const yaml = parseYamlFile(file, text, { standards: true });
  if (yaml.syntaxErrors.length) return { diagnostics: yaml.syntaxErrors };
  const value = yaml.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { diagnostics: [yaml.diagnostic([], 'a rule file must be a YAML mapping of fields (id, title, owner, …)')] };
  }

  const diagnostics = validateAgainst(envelope, value, yaml);
  const raw = value as Record<string, unknown>;

  const check = raw.check as Record<string, unknown> | undefined;
  if (check && typeof check === 'object' && typeof check.type === 'string') {
    const definition = checksByType.get(check.type);
    if (!definition) {
      diagnostics.push(yaml.diagnostic(['check', 'type'], `unknown check type "${check.type}"; known types: ${checkTypes().join(', ')}`));
    } else {
      const { type: _type, ...options } = check;
      const optionErrors = validateAgainst(definition.options, options, yaml, ['check']);
      diagnostics.push(...optionErrors);
      if (!optionErrors.length && definition.validate) {
        for (const problem of definition.validate(options)) {
          diagnostics.push(yaml.diagnostic(['check', ...problem.path], problem.message));
        }
      }
    }
  }

  const appliesTo = (raw.applies_to ?? {}) as { paths?: unknown; exclude?: unknown };
  for (const key of ['paths', 'exclude'] as const) {
    const globs = appliesTo[key];
    if (!Array.isArray(globs)) continue;
    globs.forEach((glob, i) => {
      const problem = typeof glob === 'string' ? globProblem(glob) : undefined;
      if (problem) diagnostics.push(yaml.diagnostic(['applies_to', key, i], problem));
    });
  }

  if (raw.status === 'superseded' && raw.superseded_by === undefined) {
    diagnostics.push(yaml.diagnostic(['status'], 'a superseded standard must name its replacement in "superseded_by"'));
  }
  if (raw.superseded_by !== undefined && raw.status !== 'superseded') {
    diagnostics.push(yaml.diagnostic(['superseded_by'], `is set but status is "${String(raw.status)}"; set status: superseded or remove superseded_by`, { key: true }));
  }
  if (raw.superseded_by !== undefined && raw.superseded_by === raw.id) {
    diagnostics.push(yaml.diagnostic(['superseded_by'], 'a standard cannot supersede itself'));
  }

  if (diagnostics.length) return { diagnostics };
  const standard: Standard = {
    ...(raw as unknown as Standard),
    applies_to: {
      paths: (appliesTo.paths as string[] | undefined) ?? ['**'],
      exclude: (appliesTo.exclude as string[] | undefined) ?? [],
    },
    tags: (raw.tags as string[] | undefined) ?? [],
    file,
  };
  return { parsed: { standard, yaml }, diagnostics };
}

function crossFileDiagnostics(parsed: readonly Parsed[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byId = new Map<string, Parsed>();
  for (const entry of parsed) {
    const first = byId.get(entry.standard.id);
    if (first) {
      const where = first.yaml.locate(['id']);
      diagnostics.push(
        entry.yaml.diagnostic(['id'], `duplicate id ${entry.standard.id}, already used by ${first.standard.file}:${where.line}:${where.column}; ids are never reused, take the next free number`),
      );
    } else {
      byId.set(entry.standard.id, entry);
    }
  }
  for (const { standard, yaml } of parsed) {
    if (standard.superseded_by && !byId.has(standard.superseded_by)) {
      diagnostics.push(yaml.diagnostic(['superseded_by'], `points to ${standard.superseded_by}, which no rule file defines`));
    }
  }
  diagnostics.push(...supersessionLoops(byId));
  return diagnostics;
}

/**
 * Every chain of `superseded_by` must end in a standard that is in force; a loop would leave
 * every standard in it skipped. Each loop is reported once, on each of its files.
 */
function supersessionLoops(byId: ReadonlyMap<string, Parsed>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const start of byId.values()) {
    const chain: Parsed[] = [];
    const seen = new Set<string>();
    let current: Parsed | undefined = start;
    while (current?.standard.superseded_by && !seen.has(current.standard.id)) {
      seen.add(current.standard.id);
      chain.push(current);
      current = byId.get(current.standard.superseded_by);
    }
    if (!current || !seen.has(current.standard.id)) continue;
    const found = chain.slice(chain.indexOf(current));
    // Start the loop at its lowest id, so it reads the same whichever file was met first.
    const lowest = found.reduce((min, p, i) => (p.standard.id < found[min]!.standard.id ? i : min), 0);
    const loop = [...found.slice(lowest), ...found.slice(0, lowest)];
    const key = loop.map((p) => p.standard.id).sort().join(',');
    if (reported.has(key)) continue;
    reported.add(key);
    const path = [...loop, loop[0]!].map((p) => `${p.standard.id} (${p.standard.file})`).join(' → ');
    for (const entry of loop) {
      diagnostics.push(entry.yaml.diagnostic(['superseded_by'], `superseded_by goes round in a loop: ${path}; every chain must end in a standard that is not superseded`));
    }
  }
  return diagnostics;
}

/** Parses and validates rule files from memory; throws ConfigError listing every mistake in every file. */
export function standardsFromTexts(files: readonly { file: string; text: string }[]): Standard[] {
  const diagnostics: Diagnostic[] = [];
  const parsed: Parsed[] = [];
  for (const { file, text } of files) {
    const result = parseStandard(file, text);
    diagnostics.push(...result.diagnostics);
    if (result.parsed) parsed.push(result.parsed);
  }
  diagnostics.push(...crossFileDiagnostics(parsed));
  if (diagnostics.length) throw new ConfigError(diagnostics);
  return parsed.map((p) => p.standard).sort((a, b) => compareText(a.id, b.id));
}

/** Loads every rule under `<root>/rules`. Nothing is evaluated unless all of them are valid. */
export async function loadStandards(root: string): Promise<Standard[]> {
  const files = await listYamlFiles(root, RULES_DIR);
  if (!files.length) {
    throw new ConfigError([{ file: `${RULES_DIR}/`, line: 1, column: 1, field: '', message: `no rule files found under ${root}/${RULES_DIR}; is --standards pointing at the standards repository?` }]);
  }
  return standardsFromTexts(await Promise.all(files.map(async (file) => ({ file, text: await readText(root, file) }))));
}
