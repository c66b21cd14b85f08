import type { FileChange, TreeView } from '../../changeset.ts';
import { globProblem } from '../../globs.ts';
import { defineCheck, type CheckResult, type OptionProblem } from '../types.ts';
import { diffDependencies, type DependencyChange } from './diff.ts';
import { declarationLine, ECOSYSTEMS, type Dependency, type Ecosystem, type ParseError } from './model.ts';
import { MANIFEST_KINDS, manifestKind, parseManifest, type ManifestKind } from './parsers/index.ts';
import { judgeDependency, judgeLicence, type DependenciesOptions, type Verdict } from './policy.ts';
import semver from 'semver';

interface TreeDependencies {
  dependencies: Dependency[];
  errors: { file: string; error: ParseError }[];
}

const MAX_INCLUDE_DEPTH = 10;

type Parsed = ReturnType<typeof parseManifest>;
/**
 * Parses per tree, path and format, shared by every dependencies standard in a run: an org has
 * several (deny lists, floors, licences), and a lockfile can hold a hundred thousand packages.
 */
const parsedByTree = new WeakMap<TreeView, Map<string, Promise<Parsed | undefined>>>();

function parseFromTree(tree: TreeView, path: string, as?: ManifestKind): Promise<Parsed | undefined> {
  let parsed = parsedByTree.get(tree);
  if (!parsed) parsedByTree.set(tree, (parsed = new Map()));
  const key = `${as ? MANIFEST_KINDS.indexOf(as) : ''}\u0000${path}`;
  let result = parsed.get(key);
  if (!result) {
    result = tree.read(path).then((text) => (text === undefined ? undefined : parseManifest(path, text, as)));
    parsed.set(key, result);
  }
  return result;
}

const readByTree = new WeakMap<TreeView, Map<string, Promise<TreeDependencies>>>();

/** readDependencies, once per tree and set of paths however many standards ask. */
function readDependenciesOnce(tree: TreeView, paths: readonly string[]): Promise<TreeDependencies> {
  let reads = readByTree.get(tree);
  if (!reads) readByTree.set(tree, (reads = new Map()));
  const key = paths.join('\u0000');
  let result = reads.get(key);
  if (!result) reads.set(key, (result = readDependencies(tree, paths)));
  return result;
}

const diffs = new WeakMap<readonly Dependency[], WeakMap<readonly Dependency[], DependencyChange[]>>();

/** diffDependencies, once per pair of dependency lists however many standards ask. */
function diffOnce(base: readonly Dependency[], head: readonly Dependency[]): DependencyChange[] {
  let byBase = diffs.get(head);
  if (!byBase) diffs.set(head, (byBase = new WeakMap()));
  let changes = byBase.get(base);
  if (!changes) byBase.set(base, (changes = diffDependencies(base, head)));
  return changes;
}

/**
 * Parses manifests from a tree, following requirements includes, and keeps going past broken
 * files. A constraints file (`-c`) adds no dependency: its specifiers narrow the versions of the
 * dependencies declared with the same name.
 */
export async function readDependencies(tree: TreeView, paths: readonly string[]): Promise<TreeDependencies> {
  const dependencies: Dependency[] = [];
  const errors: TreeDependencies['errors'] = [];
  const seen = new Set<string>();
  const constraints = new Map<string, string[]>();
  const visit = async (path: string, depth: number, as?: ManifestKind, constrainOnly = false): Promise<void> => {
    if (seen.has(path) || depth > MAX_INCLUDE_DEPTH) return;
    seen.add(path);
    const parsed = await parseFromTree(tree, path, as);
    if (!parsed) return;
    if (parsed.error) errors.push({ file: path, error: parsed.error });
    if (constrainOnly) {
      for (const d of parsed.dependencies) if (d.version) constraints.set(d.name, [...(constraints.get(d.name) ?? []), d.version]);
    } else {
      // One at a time: spread into push's arguments, a manifest of 150,000 or more dependencies
      // overflows the stack, and the family's standards could not judge it.
      for (const dependency of parsed.dependencies) dependencies.push(dependency);
    }
    for (const include of parsed.includes ?? []) await visit(include, depth + 1, parsed.kind, constrainOnly);
    for (const constraint of parsed.constraints ?? []) await visit(constraint, depth + 1, parsed.kind, true);
  };
  for (const path of paths) await visit(path, 0);
  const narrowed = dependencies.map((d) => {
    const extra = d.ecosystem === 'pypi' ? constraints.get(d.name) : undefined;
    return extra && !d.versionProblem ? { ...d, version: [d.version, ...extra].filter(Boolean).join(',') } : d;
  });
  return { dependencies: narrowed, errors };
}

const nameRule = (extra: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required: ['name', ...required],
  properties: { name: { type: 'string', minLength: 1, description: 'Package name or glob (@acme/*, org.apache.*:*).' }, ecosystem: { enum: ECOSYSTEMS }, ...extra },
});

export const dependencies = defineCheck<DependenciesOptions>({
  type: 'dependencies',
  summary: 'Dependencies a change adds or bumps, read from real manifests and lockfiles (npm, PyPI, Go, Cargo, RubyGems, Maven), meet the deny list, allow-list, deprecations, version floors and licence policy.',
  scope: 'change',
  options: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      ecosystems: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ECOSYSTEMS }, description: 'Default: all.' },
      scope: { enum: ['change', 'repo'], description: 'change (default): only what the change adds or bumps; repo: every dependency in the tree.' },
      dev: { type: 'boolean', description: 'Judge development-only dependencies too (default true).' },
      transitive: { type: 'boolean', description: 'Apply deny, deprecation and version rules to lockfile entries too (default false: direct dependencies only). Licences are always judged on lockfile entries.' },
      deny: {
        type: 'array',
        minItems: 1,
        items: nameRule(
          {
            versions: { type: 'string', minLength: 1, description: "Only these versions are denied: a range in semver syntax (<2.17.1, >=1.0 <1.4), compared in each ecosystem's own version order." },
            reason: { type: 'string', minLength: 1 },
            instead: { type: 'string', minLength: 1 },
          },
          ['reason'],
        ),
      },
      allow: { type: 'array', minItems: 1, items: { anyOf: [{ type: 'string', minLength: 1 }, nameRule({}, [])] }, description: 'Allow-list mode: a new dependency not matching any entry fails.' },
      deprecated: { type: 'array', minItems: 1, items: nameRule({ sunset: { type: 'string', format: 'date' }, instead: { type: 'string', minLength: 1 }, reason: { type: 'string', minLength: 1 } }, ['sunset']) },
      versions: {
        type: 'array',
        minItems: 1,
        items: nameRule(
          {
            range: { type: 'string', minLength: 1, description: 'A range in semver syntax every version the declaration allows must lie in (any ecosystem, in its own version order).' },
            minimum: { type: 'string', minLength: 1, description: 'The lowest version allowed; a declaration with no lower bound fails it.' },
            reason: { type: 'string', minLength: 1 },
          },
          [],
        ),
      },
      licenses: {
        type: 'object',
        additionalProperties: false,
        required: ['allow'],
        properties: {
          allow: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'SPDX identifiers; expressions are evaluated with spdx-satisfies.' },
          unknown: { enum: ['fail', 'warn', 'ignore'], description: 'What a missing or non-SPDX licence does (default fail).' },
        },
      },
    },
  },
  messages: {
    denied: '{{name}} ({{ecosystem}}) is denied: {{reason}}{{instead}}',
    deniedVersion: '{{name}} {{version}} may resolve to a denied version ({{versions}}): {{reason}}{{instead}}',
    deniedPinned: '{{name}} {{version}} is a denied version ({{versions}}): {{reason}}{{instead}}',
    notAllowed: '{{name}} ({{ecosystem}}) is not on the approved list; to use it, propose adding it to this standard: {{propose_link}}',
    deprecatedAdded: '{{name}} is deprecated{{reason}} and must not be added (sunset {{sunset}}){{instead}}',
    deprecatedKept: '{{name}} is deprecated{{reason}}; changing it is allowed until its sunset on {{sunset}}{{instead}}',
    deprecatedPastSunset: '{{name}} is deprecated{{reason}} and past its sunset on {{sunset}}{{instead}}',
    outsideRange: '{{name}} {{version}} allows versions outside {{range}}{{reason}}',
    tooOld: '{{name}} {{version}} is below the minimum {{minimum}}{{reason}}',
    rangeTooLow: '{{name}} {{version}} allows {{lowest}}, below the minimum {{minimum}}{{reason}}',
    cannotVerify: 'cannot verify the version of {{name}} ({{ecosystem}}) against {{policy}}: {{reason}}; pin it here, or add an exemption',
    noLowerBound: '{{name}} {{version}} sets no lower bound, so it allows versions below the minimum {{minimum}}{{reason}}; state one, such as >={{minimum}}',
    licenceNotAllowed: '{{name}} {{version}} is licensed {{license}}, which is not allowed (allowed: {{allowed}})',
    licenceUnknown: '{{name}} {{version}} has {{license}}; its licence cannot be checked against {{allowed}}',
    unparseable: '{{file}} could not be parsed, so its dependencies were not checked: {{error}}',
  },
  validate(options) {
    const problems: OptionProblem[] = [];
    const checkRange = (range: string | undefined, path: (string | number)[]) => {
      if (range !== undefined && semver.validRange(range, { loose: true }) === null) problems.push({ path, message: `"${range}" is not a semver range, such as ">=4.17.21" or "<2.29.4"` });
    };
    options.deny?.forEach((rule, i) => checkRange(rule.versions, ['deny', i, 'versions']));
    options.versions?.forEach((rule, i) => {
      checkRange(rule.range, ['versions', i, 'range']);
      if (rule.minimum !== undefined && !/^v?\d[\w.+-]*$/.test(rule.minimum)) problems.push({ path: ['versions', i, 'minimum'], message: `"${rule.minimum}" is not a version` });
      if (!rule.range && !rule.minimum) problems.push({ path: ['versions', i], message: 'give a range, a minimum, or both' });
    });
    for (const [key, list] of [['deny', options.deny], ['deprecated', options.deprecated], ['versions', options.versions], ['allow', options.allow]] as const) {
      list?.forEach((entry, i) => {
        const name = typeof entry === 'string' ? entry : entry.name;
        const problem = name.includes('*') || name.includes('{') ? globProblem(name) : undefined;
        if (problem) problems.push({ path: [key, i], message: problem });
      });
    }
    return problems;
  },
  async evaluate({ options, files, tree, changeSet, today }) {
    const ecosystems = new Set<Ecosystem>(options.ecosystems ?? ECOSYSTEMS);
    const judged = (path: string) => {
      const kind = manifestKind(path);
      return kind !== undefined && ecosystems.has(kind.ecosystem);
    };
    const repoScope = options.scope === 'repo';
    const manifests = repoScope ? [] : filesNamingManifests(files);
    const headPaths = repoScope ? pathsOfManifests(await tree.paths()).filter(judged) : manifests.filter((f) => f.status !== 'deleted' && judged(f.path)).map((f) => f.path);
    // An added file has nothing at base to read: in a scan that is every file, and each of the
    // family's standards asked the manifest question of all of them a second time for nothing.
    const basePaths = repoScope ? [] : manifests.filter((f) => f.status !== 'added' && judged(f.previousPath ?? f.path)).map((f) => f.previousPath ?? f.path);

    const head = await readDependenciesOnce(changeSet.head, headPaths);
    const base = await readDependenciesOnce(changeSet.base, basePaths);
    const results: CheckResult[] = head.errors.map(({ file, error }) => ({
      messageId: 'unparseable',
      file,
      line: error.line,
      data: { file, error: `line ${error.line}${error.column ? `, column ${error.column}` : ''}: ${error.message}` },
    }));

    // A renamed manifest is compared with itself at its old path.
    const renamed = new Map(files.filter((f) => f.previousPath).map((f) => [f.previousPath!, f.path]));
    const brokenAtBase = new Set(base.errors.map((e) => renamed.get(e.file) ?? e.file));
    // The lists are copied only when something is renamed or broken, so the diff below is shared.
    const baseDependencies = renamed.size || brokenAtBase.size ? base.dependencies.map((d) => ({ ...d, file: renamed.get(d.file) ?? d.file })).filter((d) => !brokenAtBase.has(d.file)) : base.dependencies;
    const changes = diffOnce(baseDependencies, head.dependencies);

    const seen = new Set<string>();
    const report = (change: DependencyChange, verdict: Verdict) => {
      const { dependency } = change;
      const line = declarationLine(dependency);
      const key = `${verdict.messageId}|${dependency.file}|${line}|${dependency.name}`;
      if (seen.has(key)) return;
      seen.add(key);
      results.push({ messageId: verdict.messageId, file: dependency.file, line, severity: verdict.severity, data: verdict.data });
    };
    judgeChanges(changes, options, today, report);
    return results;
  },
});

// Each standard of the family asks which of the same files are manifests (every standard that
// applies to every path gets the change's own list): answered once per list, in its order. A
// scan of 100,000 files asked it 400,000 times (bench/RESULTS.md, twenty-first pass).
const manifestFiles = new WeakMap<readonly FileChange[], readonly FileChange[]>();
const manifestPaths = new WeakMap<readonly string[], readonly string[]>();

/** The files whose path, or path before a rename, names a manifest of any ecosystem. */
function filesNamingManifests(files: readonly FileChange[]): readonly FileChange[] {
  let found = manifestFiles.get(files);
  if (!found) manifestFiles.set(files, (found = files.filter((f) => manifestKind(f.path) !== undefined || (f.previousPath !== undefined && manifestKind(f.previousPath) !== undefined))));
  return found;
}

/** The paths that name a manifest of any ecosystem. */
function pathsOfManifests(paths: readonly string[]): readonly string[] {
  let found = manifestPaths.get(paths);
  if (!found) manifestPaths.set(paths, (found = paths.filter((path) => manifestKind(path) !== undefined)));
  return found;
}

/**
 * Each added or changed dependency against a standard's rules, reported in order. Out of the
 * check's async `evaluate`, whose loop V8 left to the interpreter: there, each of 200,000
 * dependencies cost two iterator objects per standard (bench/RESULTS.md, fourteenth pass).
 */
function judgeChanges(changes: readonly DependencyChange[], options: DependenciesOptions, today: string, report: (change: DependencyChange, verdict: Verdict) => void): void {
  // A lockfile's packages are not held to the allow-list: made once, not per package.
  const lockfileOptions = { ...options, allow: undefined };
  for (const change of changes) {
    const { dependency } = change;
    if (change.kind === 'removed' || (dependency.dev && options.dev === false)) continue;
    if (dependency.source === 'manifest' || options.transitive) {
      const verdicts = judgeDependency(change, dependency.source === 'lockfile' ? lockfileOptions : options, today);
      // Most get none, and an empty list needs no iterator.
      if (verdicts.length) for (const verdict of verdicts) report(change, verdict);
    }
    // Licence data lives in lockfiles; a format that records none is judged as unknown.
    const carriesLicences = dependency.source === 'lockfile' || dependency.ecosystem !== 'npm';
    if (options.licenses && carriesLicences) {
      const verdict = judgeLicence(dependency, options.licenses);
      if (verdict) report(change, verdict);
    }
  }
}
