import { scopedKey, type DependencyDraft, type ParseError } from '../model.ts';
import { readJsonWithKeys } from '../json-keys.ts';

const SECTIONS = [
  ['dependencies', false],
  ['optionalDependencies', false],
  ['peerDependencies', false],
  ['devDependencies', true],
] as const;
const SECTION_NAMES = new Set<string>(SECTIONS.map(([name]) => name));

/**
 * What a package.json version spec names: an alias (`npm:moment@^2.30.1`) is the real package
 * at its range; anything else is the key's package at the spec.
 */
export function npmSpec(key: string, spec: string): { name: string; version: string | undefined } {
  const alias = /^npm:((?:@[^/@\s]+\/)?[^@\s]+)(?:@(.*))?$/.exec(spec.trim());
  if (alias) return { name: alias[1]!, version: alias[2]?.trim() || undefined };
  return { name: key, version: spec };
}

/** package.json: every dependency section at the top level; `line` is where its key is written. */
export function parsePackageJson(text: string): { drafts: DependencyDraft[]; error?: ParseError } {
  const { value, error, keyLine } = readJsonWithKeys(text, (parents) => parents.length === 0 || (parents.length === 1 && SECTION_NAMES.has(parents[0]!)), 2);
  if (!value) return { drafts: [], error };
  const drafts: DependencyDraft[] = [];
  for (const [section, dev] of SECTIONS) {
    const entries = value[section];
    if (!entries || typeof entries !== 'object' || Array.isArray(entries)) continue;
    const sectionLine = keyLine([section]) ?? 1;
    for (const [key, spec] of Object.entries(entries as Record<string, unknown>)) {
      const { name, version } = npmSpec(key, typeof spec === 'string' ? spec : '');
      drafts.push({
        name,
        version: typeof spec === 'string' ? version : undefined,
        versionProblem: typeof spec === 'string' ? undefined : `its version is ${JSON.stringify(spec)}, not a version spec`,
        dev,
        direct: true,
        line: keyLine([section, key]) ?? sectionLine,
        key: scopedKey(section, key),
      });
    }
  }
  return { drafts };
}

interface LockPackage {
  name?: string;
  version?: string;
  license?: string | { type?: string };
  dev?: boolean;
  devOptional?: boolean;
  link?: boolean;
}

/** The package name of a lockfile v2/v3 install path: node_modules/a/node_modules/@s/b → @s/b. */
export function lockPathName(path: string): string {
  return path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/**
 * package-lock.json v2/v3: every installed package with its version and licence. An entry's own
 * `name` (an aliased install) wins over its install path.
 */
export function parsePackageLock(text: string): { drafts: DependencyDraft[]; error?: ParseError } {
  const { value, error, keyLine, keysIn } = readJsonWithKeys(text, (parents) => parents.length === 0 || (parents.length === 1 && parents[0] === 'packages'), 2);
  if (!value) return { drafts: [], error };
  const packages = value.packages as Record<string, LockPackage> | undefined;
  if (!packages || typeof packages !== 'object') {
    const version = value.lockfileVersion;
    return { drafts: [], error: { message: `lockfileVersion ${String(version ?? 'unknown')} has no "packages" map; regenerate it with npm 7 or later (lockfile v2/v3)`, line: keyLine(['lockfileVersion']) ?? 1 } };
  }
  const rootDependencies = new Set<string>();
  const root = packages[''] as (LockPackage & Record<string, Record<string, string> | undefined>) | undefined;
  for (const section of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    for (const name of Object.keys(root?.[section] ?? {})) rootDependencies.add(name);
  }
  const drafts: DependencyDraft[] = [];
  const packagesLine = keyLine(['packages']) ?? 1;
  const packageLines = keysIn(['packages']);
  // Keys, then each value, not Object.entries: V8 keeps an object of 100,000 keys as a
  // dictionary, whose entries took three to four times as long.
  for (const path of Object.keys(packages)) {
    const entry = packages[path]!;
    if (!path.includes('node_modules/') || entry.link) continue;
    const installed = lockPathName(path);
    const license = typeof entry.license === 'string' ? entry.license : entry.license?.type;
    drafts.push({
      name: typeof entry.name === 'string' && entry.name ? entry.name : installed,
      version: entry.version,
      dev: Boolean(entry.dev || entry.devOptional),
      direct: path === `node_modules/${installed}` && rootDependencies.has(installed),
      line: packageLines?.get(path) ?? packagesLine,
      license,
      key: path,
    });
  }
  return { drafts };
}
