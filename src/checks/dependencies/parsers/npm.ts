import type { DependencyDraft, ManifestParse } from '../model.ts';
import { jsonError, TextLines } from '../text-lines.ts';

const SECTIONS = [
  ['dependencies', false],
  ['optionalDependencies', false],
  ['peerDependencies', false],
  ['devDependencies', true],
] as const;

function parseJson(text: string): { value?: Record<string, unknown>; error?: ManifestParse['error']; lines: TextLines } {
  const lines = new TextLines(text);
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { lines, error: { message: 'the top level must be a JSON object', line: 1 } };
    return { value: value as Record<string, unknown>, lines };
  } catch (error) {
    return { lines, error: jsonError(error as Error, lines) };
  }
}

function withDrafts(drafts: DependencyDraft[], error?: ManifestParse['error']) {
  return { drafts, error };
}

/** package.json: every dependency section; `line` is where its key is written. */
export function parsePackageJson(text: string) {
  const { value, error, lines } = parseJson(text);
  if (!value) return withDrafts([], error);
  const drafts: DependencyDraft[] = [];
  for (const [section, dev] of SECTIONS) {
    const entries = value[section];
    if (!entries || typeof entries !== 'object') continue;
    const sectionLine = lines.find(`"${section}"`) ?? 1;
    for (const [name, version] of Object.entries(entries as Record<string, unknown>)) {
      drafts.push({
        name,
        version: typeof version === 'string' ? version : undefined,
        dev,
        direct: true,
        line: lines.find(`"${name}"`, sectionLine) ?? sectionLine,
        key: `${section}:${name}`,
      });
    }
  }
  return withDrafts(drafts);
}

interface LockPackage {
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

/** package-lock.json v2/v3: every installed package with its version and licence. */
export function parsePackageLock(text: string) {
  const { value, error, lines } = parseJson(text);
  if (!value) return withDrafts([], error);
  const packages = value.packages as Record<string, LockPackage> | undefined;
  if (!packages || typeof packages !== 'object') {
    const version = value.lockfileVersion;
    return withDrafts([], { message: `lockfileVersion ${String(version ?? 'unknown')} has no "packages" map; regenerate it with npm 7 or later (lockfile v2/v3)`, line: lines.find('"lockfileVersion"') ?? 1 });
  }
  const rootDependencies = new Set<string>();
  const root = packages[''] as (LockPackage & Record<string, Record<string, string> | undefined>) | undefined;
  for (const section of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    for (const name of Object.keys(root?.[section] ?? {})) rootDependencies.add(name);
  }
  const drafts: DependencyDraft[] = [];
  const packagesLine = lines.find('"packages"') ?? 1;
  for (const [path, entry] of Object.entries(packages)) {
    if (!path.includes('node_modules/') || entry.link) continue;
    const name = lockPathName(path);
    const license = typeof entry.license === 'string' ? entry.license : entry.license?.type;
    drafts.push({
      name,
      version: entry.version,
      dev: Boolean(entry.dev || entry.devOptional),
      direct: path === `node_modules/${name}` && rootDependencies.has(name),
      line: lines.find(`"${path}"`, packagesLine) ?? packagesLine,
      license,
      key: path,
    });
  }
  return withDrafts(drafts);
}
