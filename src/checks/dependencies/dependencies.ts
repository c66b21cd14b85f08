import type { TreeView } from '../../changeset.ts';
import { globProblem } from '../../globs.ts';
import { defineCheck, type CheckResult, type OptionProblem } from '../types.ts';
import { diffDependencies, type DependencyChange } from './diff.ts';
import { ECOSYSTEMS, type Dependency, type Ecosystem, type ParseError } from './model.ts';
import { manifestKind, parseManifest, type ManifestKind } from './parsers/index.ts';
import { judgeDependency, judgeLicence, type DependenciesOptions } from './policy.ts';
import semver from 'semver';

interface TreeDependencies {
  dependencies: Dependency[];
  errors: { file: string; error: ParseError }[];
}

const MAX_INCLUDE_DEPTH = 10;

/** Parses manifests from a tree, following requirements includes, and keeps going past broken files. */
export async function readDependencies(tree: TreeView, paths: readonly string[]): Promise<TreeDependencies> {
  const dependencies: Dependency[] = [];
  const errors: TreeDependencies['errors'] = [];
  const seen = new Set<string>();
  const visit = async (path: string, depth: number, as?: ManifestKind): Promise<void> => {
    if (seen.has(path) || depth > MAX_INCLUDE_DEPTH) return;
    seen.add(path);
    const text = await tree.read(path);
    if (text === undefined) return;
    const parsed = parseManifest(path, text, as);
    dependencies.push(...parsed.dependencies);
    if (parsed.error) errors.push({ file: path, error: parsed.error });
    for (const include of parsed.includes ?? []) await visit(include, depth + 1, parsed.kind);
  };
  for (const path of paths) await visit(path, 0);
  return { dependencies, errors };
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
      deny: { type: 'array', minItems: 1, items: nameRule({ versions: { type: 'string', minLength: 1, description: 'A semver range; only these versions are denied.' }, reason: { type: 'string', minLength: 1 }, instead: { type: 'string', minLength: 1 } }, ['reason']) },
      allow: { type: 'array', minItems: 1, items: { anyOf: [{ type: 'string', minLength: 1 }, nameRule({}, [])] }, description: 'Allow-list mode: a new dependency not matching any entry fails.' },
      deprecated: { type: 'array', minItems: 1, items: nameRule({ sunset: { type: 'string', format: 'date' }, instead: { type: 'string', minLength: 1 }, reason: { type: 'string', minLength: 1 } }, ['sunset']) },
      versions: {
        type: 'array',
        minItems: 1,
        items: nameRule({ range: { type: 'string', minLength: 1, description: 'semver range every allowed version must satisfy (npm, Cargo).' }, minimum: { type: 'string', minLength: 1, description: 'lowest allowed version (any ecosystem).' }, reason: { type: 'string', minLength: 1 } }, []),
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
    notAllowed: '{{name}} ({{ecosystem}}) is not on the approved list; to use it, propose adding it to this standard: {{propose_link}}',
    deprecatedAdded: '{{name}} is deprecated{{reason}} and must not be added (sunset {{sunset}}){{instead}}',
    deprecatedKept: '{{name}} is deprecated{{reason}}; changing it is allowed until its sunset on {{sunset}}{{instead}}',
    deprecatedPastSunset: '{{name}} is deprecated{{reason}} and past its sunset on {{sunset}}{{instead}}',
    outsideRange: '{{name}} {{version}} allows versions outside {{range}}{{reason}}',
    tooOld: '{{name}} {{version}} is below the minimum {{minimum}}{{reason}}',
    rangeTooLow: '{{name}} {{version}} allows {{lowest}}, below the minimum {{minimum}}{{reason}}',
    unpinned: '{{name}} does not state a version, so {{required}} cannot be verified; pin it',
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
      if (rule.minimum !== undefined && !semver.coerce(rule.minimum)) problems.push({ path: ['versions', i, 'minimum'], message: `"${rule.minimum}" is not a version` });
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
    const headPaths = repoScope ? (await tree.paths()).filter(judged) : files.filter((f) => f.status !== 'deleted' && judged(f.path)).map((f) => f.path);
    const basePaths = repoScope ? [] : files.filter((f) => judged(f.previousPath ?? f.path)).map((f) => f.previousPath ?? f.path);

    const head = await readDependencies(changeSet.head, headPaths);
    const base = await readDependencies(changeSet.base, basePaths);
    const results: CheckResult[] = head.errors.map(({ file, error }) => ({
      messageId: 'unparseable',
      file,
      line: error.line,
      data: { file, error: `line ${error.line}${error.column ? `, column ${error.column}` : ''}: ${error.message}` },
    }));

    // A renamed manifest is compared with itself at its old path.
    const renamed = new Map(files.filter((f) => f.previousPath).map((f) => [f.previousPath!, f.path]));
    const baseDependencies = base.dependencies.map((d) => ({ ...d, file: renamed.get(d.file) ?? d.file }));
    const brokenAtBase = new Set(base.errors.map((e) => renamed.get(e.file) ?? e.file));
    const changes = diffDependencies(brokenAtBase.size ? baseDependencies.filter((d) => !brokenAtBase.has(d.file)) : baseDependencies, head.dependencies);

    const seen = new Set<string>();
    const report = (change: DependencyChange, verdict: { messageId: string; data: Record<string, string>; severity?: 'fail' | 'warn' | 'info' }) => {
      const { dependency } = change;
      const key = `${verdict.messageId}|${dependency.file}|${dependency.line}|${dependency.name}`;
      if (seen.has(key)) return;
      seen.add(key);
      results.push({ messageId: verdict.messageId, file: dependency.file, line: dependency.line, severity: verdict.severity, data: verdict.data });
    };
    for (const change of changes) {
      const { dependency } = change;
      if (change.kind === 'removed' || (dependency.dev && options.dev === false)) continue;
      if (dependency.source === 'manifest' || options.transitive) {
        for (const verdict of judgeDependency(change, dependency.source === 'lockfile' ? { ...options, allow: undefined } : options, today)) report(change, verdict);
      }
      // Licence data lives in lockfiles; a format that records none is judged as unknown.
      const carriesLicences = dependency.source === 'lockfile' || dependency.ecosystem !== 'npm';
      if (options.licenses && carriesLicences) {
        const verdict = judgeLicence(dependency, options.licenses);
        if (verdict) report(change, verdict);
      }
    }
    return results;
  },
});
