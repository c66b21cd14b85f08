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
  matches(basename: string): boolean;
  parse(text: string, path: string): { drafts: DependencyDraft[]; includes?: string[]; constraints?: string[]; error?: ParseError };
}

/** Every manifest and lockfile format the dependencies family reads, chosen by file name. */
export const MANIFEST_KINDS: readonly ManifestKind[] = [
  { ecosystem: 'npm', source: 'manifest', matches: (n) => n === 'package.json', parse: parsePackageJson },
  { ecosystem: 'npm', source: 'lockfile', matches: (n) => n === 'package-lock.json' || n === 'npm-shrinkwrap.json', parse: parsePackageLock },
  { ecosystem: 'pypi', source: 'manifest', matches: (n) => /^requirements.*\.txt$/i.test(n), parse: parseRequirements },
  { ecosystem: 'pypi', source: 'manifest', matches: (n) => n === 'pyproject.toml', parse: parsePyproject },
  { ecosystem: 'go', source: 'manifest', matches: (n) => n === 'go.mod', parse: parseGoMod },
  { ecosystem: 'cargo', source: 'manifest', matches: (n) => n === 'Cargo.toml', parse: parseCargoToml },
  { ecosystem: 'rubygems', source: 'manifest', matches: (n) => n === 'Gemfile' || n === 'gems.rb', parse: parseGemfile },
  { ecosystem: 'maven', source: 'manifest', matches: (n) => n === 'pom.xml', parse: parsePom },
];

export function manifestKind(path: string): ManifestKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return MANIFEST_KINDS.find((kind) => kind.matches(name));
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
