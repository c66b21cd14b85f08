export const ECOSYSTEMS = ['npm', 'pypi', 'go', 'cargo', 'rubygems', 'maven'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export interface Dependency {
  ecosystem: Ecosystem;
  /** Canonical name: PEP 503-normalised for PyPI, groupId:artifactId for Maven. */
  name: string;
  /** What the manifest declares (a range, a pin, a Go version), when it declares one. */
  version?: string;
  /**
   * Why the version cannot be known from the files in the change, when the parser can tell:
   * managed by a parent pom, a property no file here defines, a git or path source.
   */
  versionProblem?: string;
  /** Development/test-only. */
  dev: boolean;
  /** Declared by the project itself rather than pulled in by another dependency. */
  direct: boolean;
  /**
   * 1-based line of the declaration in `file`, or how to find it when a finding needs it (read
   * it with `declarationLine`).
   */
  line: number | DeferredLine;
  /** The file the declaration is in (a requirements file may include another). */
  file: string;
  /** SPDX expression from lockfile data; absent when the format does not record one. */
  license?: string;
  /** Identity across base and head: usually the name, the install path for lockfile entries. */
  key: string;
  source: 'manifest' | 'lockfile';
}

/**
 * Finds a declaration's line by its `key` when asked. Only a finding needs a line, and most
 * dependencies of a large manifest get none: a 200,000-dependency Cargo.toml spent a quarter of
 * a second finding lines no one read (bench/RESULTS.md, fourteenth pass).
 */
export interface DeferredLine {
  lineOf(key: string): number;
}

/**
 * A dependency's key within a scope of its file (a table, a section, a group), `scope:name`, which
 * no other scope and name make: a `:` or `\` in the scope is escaped with `\`, so the first
 * unescaped `:` ends it. Joined as they were, a Cargo.toml could give two dependencies one key
 * through a target named to match (the table `target.a.dependencies` and key `z.dependencies:w`,
 * against the target `a.dependencies:z` and key `w`), and the diff, which keeps one declaration
 * per key, let the first pass unjudged. Scopes without either character are written as before.
 */
export function scopedKey(scope: string, name: string): string {
  const written = scope.includes(':') || scope.includes('\\') ? scope.replace(/[\\:]/g, '\\$&') : scope;
  return `${written}:${name}`;
}

/** The 1-based line a dependency is declared at. */
export function declarationLine(dependency: Pick<Dependency, 'line' | 'key'>): number {
  return typeof dependency.line === 'number' ? dependency.line : dependency.line.lineOf(dependency.key);
}

export interface ParseError {
  message: string;
  line: number;
  column?: number;
}

export interface ManifestParse {
  dependencies: Dependency[];
  /** Other files this one pulls in (requirements `-r`), relative to the repository root. */
  includes?: string[];
  /** Files that only constrain versions (requirements `-c`): they add no dependency. */
  constraints?: string[];
  error?: ParseError;
}

export type DependencyDraft = Omit<Dependency, 'ecosystem' | 'file' | 'key' | 'source'> & { key?: string };

/** PEP 503: names compare case-insensitively with runs of -, _ and . as one -. */
export function normalisePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
