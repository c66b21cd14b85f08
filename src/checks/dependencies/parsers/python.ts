import { parse as parseToml } from 'smol-toml';
import { normalisePythonName, scopedKey, type DependencyDraft, type ParseError } from '../model.ts';
import { joinRepoPath } from '../../../paths.ts';
import { TomlPositions } from '../toml-positions.ts';

export interface Requirement {
  name: string;
  extras: string[];
  specifier?: string;
  marker?: string;
  url?: string;
}

const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*/;

/** A PEP 508 requirement: name, [extras], version specifier or `@ url`, and `; marker`. */
export function parsePep508(text: string): Requirement | undefined {
  const [body = '', ...markerParts] = text.split(';');
  const marker = markerParts.join(';').trim() || undefined;
  const name = NAME.exec(body);
  if (!name) return undefined;
  let rest = body.slice(name[0].length);
  let extras: string[] = [];
  const extrasMatch = /^\[([^\]]*)\]\s*/.exec(rest);
  if (extrasMatch) {
    extras = extrasMatch[1]!.split(',').map((e) => e.trim()).filter(Boolean);
    rest = rest.slice(extrasMatch[0].length);
  }
  rest = rest.trim();
  if (rest.startsWith('@')) return { name: name[1]!, extras, url: rest.slice(1).trim(), marker };
  const specifier = rest.replace(/^\(|\)$/g, '').trim() || undefined;
  if (specifier && !/^(?:[<>=!~]=?|===)/.test(specifier)) return undefined;
  return { name: name[1]!, extras, specifier, marker };
}

/** The project name an editable or URL install names in `#egg=name`. */
function eggName(target: string): string | undefined {
  return /[#&]egg=([A-Za-z0-9._-]+)/.exec(target)?.[1];
}

/**
 * requirements*.txt as pip reads it: comments, `\` continuations, `-r`/`-c` includes, `-e`
 * editable installs, hashes and markers. `file` is its path, so includes resolve beside it.
 */
export function parseRequirements(text: string, file = 'requirements.txt'): { drafts: DependencyDraft[]; includes: string[]; constraints: string[]; error?: ParseError } {
  const lines = text.split(/\r?\n/);
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const dev = /(?:^|[-_/])(dev|test|tests|testing|lint|docs)(?:[-_.]|$)/i.test(file.slice(file.lastIndexOf('/') + 1));
  const drafts: DependencyDraft[] = [];
  const includes: string[] = [];
  const constraints: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let logical = lines[i]!;
    while (logical.endsWith('\\') && i + 1 < lines.length) logical = logical.slice(0, -1) + lines[++i];
    // pip treats " #" (or a line starting with #) as a comment.
    const content = logical.replace(/(^|\s)#.*$/, '').trim();
    if (!content) continue;
    // -r pulls in more requirements; -c only constrains the versions of ones declared elsewhere.
    const include = /^(-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/.exec(content);
    if (include) {
      (/^(?:-c|--constraint)$/.test(include[1]!) ? constraints : includes).push(joinRepoPath(dir, include[2]!));
      continue;
    }
    const editable = /^(?:-e|--editable)(?:\s+|=)(\S+)/.exec(content);
    if (editable) {
      const name = eggName(editable[1]!);
      if (name) drafts.push({ name: normalisePythonName(name), version: undefined, versionProblem: `it is an editable install of ${editable[1]}, not a released version`, dev, direct: true, line: start + 1 });
      continue;
    }
    if (content.startsWith('-')) continue;
    const requirement = parsePep508(content.replace(/\s--hash[= ]\S+/g, ''));
    if (requirement) {
      const versionProblem = requirement.url ? `it is installed from ${requirement.url}, not a released version` : undefined;
      drafts.push({ name: normalisePythonName(requirement.name), version: requirement.specifier, versionProblem, dev, direct: true, line: start + 1 });
    } else if (/^[a-z+]+:\/\//i.test(content) && eggName(content)) {
      drafts.push({ name: normalisePythonName(eggName(content)!), versionProblem: `it is installed from ${content.split(/\s/)[0]}, not a released version`, dev, direct: true, line: start + 1 });
    }
  }
  return { drafts, includes, constraints };
}

const DEV_GROUP = /^(dev|develop|development|test|tests|testing|lint|linting|docs|doc|typing|type|mypy|ci)$/i;


function tomlError(error: unknown): ParseError {
  const e = error as { line?: number; column?: number; message: string };
  return { message: e.message.split('\n')[0]!, line: e.line ?? 1, column: e.column };
}

/** pyproject.toml: PEP 621 [project] dependencies and optional-dependencies, and Poetry's tables. */
export function parsePyproject(text: string): { drafts: DependencyDraft[]; error?: ParseError } {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    return { drafts: [], error: tomlError(error) };
  }
  const positions = new TomlPositions(text);
  const drafts: DependencyDraft[] = [];
  const project = doc.project as { dependencies?: unknown; 'optional-dependencies'?: Record<string, unknown> } | undefined;
  const projectLine = positions.headerLine(['project']) ?? 1;

  // Each requirement is found by its value in the array that holds it: markers with escaped
  // quotes are compared unescaped, as TOML reads them.
  const fromPep508 = (entries: unknown, dev: boolean, table: string[], keyName: string, group?: string) => {
    if (!Array.isArray(entries)) return;
    const fallback = positions.keyLine(table, keyName) ?? projectLine;
    for (const entry of entries) {
      if (typeof entry !== 'string') continue;
      const requirement = parsePep508(entry);
      if (!requirement) continue;
      const line = positions.arrayStringLine(table, keyName, entry) ?? fallback;
      const name = normalisePythonName(requirement.name);
      drafts.push({ name, version: requirement.specifier, versionProblem: requirement.url ? `it is installed from ${requirement.url}, not a released version` : undefined, dev, direct: true, line, key: scopedKey(group ?? '', name) });
    }
  };
  fromPep508(project?.dependencies, false, ['project'], 'dependencies');
  for (const [group, entries] of Object.entries(project?.['optional-dependencies'] ?? {})) {
    fromPep508(entries, DEV_GROUP.test(group), ['project', 'optional-dependencies'], group, group);
  }

  const poetry = (doc.tool as { poetry?: Record<string, unknown> } | undefined)?.poetry;
  const fromPoetry = (table: unknown, path: string[], dev: boolean, group?: string) => {
    if (!table || typeof table !== 'object') return;
    const from = positions.headerLine(path) ?? 1;
    for (const [name, spec] of Object.entries(table as Record<string, unknown>)) {
      if (name.toLowerCase() === 'python') continue;
      const detail = (typeof spec === 'object' && spec !== null ? spec : {}) as { version?: unknown; git?: unknown; path?: unknown; url?: unknown };
      const version = typeof spec === 'string' ? spec : typeof detail.version === 'string' ? detail.version : undefined;
      const source = typeof detail.git === 'string' ? `git ${detail.git}` : typeof detail.path === 'string' ? `the path ${detail.path}` : typeof detail.url === 'string' ? detail.url : undefined;
      drafts.push({
        name: normalisePythonName(name),
        version,
        versionProblem: version === undefined && source ? `it is installed from ${source}, not a released version` : undefined,
        dev,
        direct: true,
        line: positions.keyLine(path, name) ?? from,
        key: scopedKey(group ?? '', normalisePythonName(name)),
      });
    }
  };
  if (poetry) {
    fromPoetry(poetry.dependencies, ['tool', 'poetry', 'dependencies'], false);
    fromPoetry(poetry['dev-dependencies'], ['tool', 'poetry', 'dev-dependencies'], true, 'dev');
    for (const [group, body] of Object.entries((poetry.group ?? {}) as Record<string, { dependencies?: unknown }>)) {
      fromPoetry(body?.dependencies, ['tool', 'poetry', 'group', group, 'dependencies'], DEV_GROUP.test(group), group);
    }
  }
  return { drafts };
}
