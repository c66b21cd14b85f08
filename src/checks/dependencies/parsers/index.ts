import type { Dependency, DependencyDraft, Ecosystem, ManifestParse, ParseError } from '../model.ts';
import { parseCargoToml } from './cargo.ts';
import { parseGemfile } from './gemfile.ts';
import { parseGoMod } from './go.ts';
import { parsePom } from './maven.ts';
import { parsePackageJson, parsePackageLock } from './npm.ts';
import { parsePyproject, parseRequirements } from './python.ts';

export interface ManifestKind {
  ecosystem: Ecosystem;
  source: Dependency['source'];
  /** The file names of this kind, or, where there are too many to list, a pattern. */
  names: readonly string[] | RegExp;
  matches(basename: string): boolean;
  parse(text: string, path: string): { drafts: DependencyDraft[]; includes?: string[]; constraints?: string[]; error?: ParseError };
}

/** Every manifest and lockfile format the dependencies family reads, chosen by file name. */
const kind = (entry: Omit<ManifestKind, 'matches'>): ManifestKind => {
  const { names } = entry;
  return { ...entry, matches: names instanceof RegExp ? (name) => names.test(name) : (name) => names.includes(name) };
};

export const MANIFEST_KINDS: readonly ManifestKind[] = [
  kind({ ecosystem: 'npm', source: 'manifest', names: ['package.json'], parse: parsePackageJson }),
  kind({ ecosystem: 'npm', source: 'lockfile', names: ['package-lock.json', 'npm-shrinkwrap.json'], parse: parsePackageLock }),
  kind({ ecosystem: 'pypi', source: 'manifest', names: /^requirements.*\.txt$/i, parse: parseRequirements }),
  kind({ ecosystem: 'pypi', source: 'manifest', names: ['pyproject.toml'], parse: parsePyproject }),
  kind({ ecosystem: 'go', source: 'manifest', names: ['go.mod'], parse: parseGoMod }),
  kind({ ecosystem: 'cargo', source: 'manifest', names: ['Cargo.toml'], parse: parseCargoToml }),
  kind({ ecosystem: 'rubygems', source: 'manifest', names: ['Gemfile', 'gems.rb'], parse: parseGemfile }),
  kind({ ecosystem: 'maven', source: 'manifest', names: ['pom.xml'], parse: parsePom }),
];

// Every standard of the family asks about every file of a change: a listed name is found by a
// lookup, and only the kinds with a pattern are tried in turn.
const KIND_BY_NAME = new Map(MANIFEST_KINDS.flatMap((k) => (k.names instanceof RegExp ? [] : k.names.map((name) => [name, k] as const))));
const KINDS_BY_PATTERN = MANIFEST_KINDS.filter((k) => k.names instanceof RegExp);

export function manifestKind(path: string): ManifestKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return KIND_BY_NAME.get(name) ?? KINDS_BY_PATTERN.find((k) => k.matches(name));
}

/**
 * Parses one manifest; a format error is returned, never thrown, so other files are still judged.
 * `as` reads a file in another's format, as pip reads any file a requirements file includes.
 */
export function parseManifest(path: string, text: string, as?: ManifestKind): ManifestParse & { ecosystem: Ecosystem; kind: ManifestKind } {
  const kind = as ?? manifestKind(path);
  if (!kind) throw new Error(`${path} is not a manifest this tool reads`);
  let result: ReturnType<ManifestKind['parse']>;
  try {
    result = kind.parse(text, path);
  } catch (error) {
    // Parsers validate their input; anything that still escapes is reported as a parse error.
    result = { drafts: [], error: { message: (error as Error).message, line: 1 } };
  }
  // One object literal of a fixed shape, not a spread: lockfiles hold a hundred thousand of these.
  const dependencies: Dependency[] = result.drafts.map((draft) => ({
    ecosystem: kind.ecosystem,
    name: draft.name,
    version: draft.version,
    versionProblem: draft.versionProblem,
    dev: draft.dev,
    direct: draft.direct,
    line: draft.line,
    file: path,
    license: draft.license,
    key: draft.key ?? draft.name,
    source: kind.source,
  }));
  return { ecosystem: kind.ecosystem, kind, dependencies, includes: result.includes, constraints: result.constraints, error: result.error };
}
