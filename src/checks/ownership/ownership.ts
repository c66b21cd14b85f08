import type { ChangeSet, TreeView } from '../../changeset.ts';
import { globProblem, matchesGlob } from '../../globs.ts';
import { parentDir } from '../../paths.ts';
import type { TeamRegistry } from '../../standards/teams.ts';
import { defineCheck, type CheckResult, type OptionProblem } from '../types.ts';
import { component, isCatalogFile, nearestCatalog, parseCatalog } from './catalog.ts';
import { CODEOWNERS_LOCATIONS, CODEOWNERS_MAX_BYTES, codeownersPath, ownerKind, ownersOf, parseCodeowners, ruleFor, type Codeowners } from './codeowners.ts';

export interface OwnershipOptions {
  require_owner?: boolean;
  owners_must_be_known?: boolean;
  allow_individuals?: boolean;
  no_ownership_loss?: boolean;
  syntax?: boolean;
  catalog_owner?: { directories: string[] };
}

const MAX_LISTED = 10;

interface LoadedCodeowners {
  path: string;
  codeowners: Codeowners;
  tooLarge: boolean;
}

/** The CODEOWNERS GitHub would use in a tree; over 3 MB it is ignored, as GitHub ignores it. */
export async function loadCodeowners(tree: TreeView): Promise<LoadedCodeowners | undefined> {
  const path = codeownersPath(await tree.paths());
  if (!path) return undefined;
  const text = (await tree.read(path)) ?? '';
  const tooLarge = Buffer.byteLength(text) >= CODEOWNERS_MAX_BYTES;
  return { path, codeowners: tooLarge ? { rules: [], errors: [] } : parseCodeowners(text), tooLarge };
}

/**
 * The CODEOWNERS line to add for an unowned file: its directory, owned like the nearest sibling
 * directory that has owners (walking up until one is found).
 */
export function suggestOwnerLine(path: string, codeowners: Codeowners, allPaths: readonly string[]): string {
  let directory = parentDir(path);
  while (directory) {
    const parent = parentDir(directory);
    const prefix = parent ? `${parent}/` : '';
    const siblings = [...new Set(allPaths.filter((p) => p.startsWith(prefix) && !p.startsWith(`${directory}/`) && p.slice(prefix.length).includes('/')).map((p) => prefix + p.slice(prefix.length).split('/')[0]))].sort();
    for (const sibling of siblings) {
      const owned = allPaths.find((p) => p.startsWith(`${sibling}/`) && ownersOf(codeowners, p).length);
      if (owned) return `/${directory}/ ${ownersOf(codeowners, owned).join(' ')}`;
    }
    directory = parent;
  }
  return `/${parentDir(path) ? `${parentDir(path)}/` : path} @org/team`;
}

function isKnownOwner(owner: string, teams: TeamRegistry, allowIndividuals: boolean): boolean {
  const kind = ownerKind(owner);
  if (kind === 'team') return teams.isKnown(owner);
  return allowIndividuals;
}

function listed(paths: string[]): string {
  return paths.length > MAX_LISTED ? `${paths.slice(0, MAX_LISTED).join(', ')} and ${paths.length - MAX_LISTED} more` : paths.join(', ');
}

async function catalogFindings(options: NonNullable<OwnershipOptions['catalog_owner']>, files: ChangeSet['files'], changeSet: ChangeSet, teams: TeamRegistry): Promise<CheckResult[]> {
  const headPaths = await changeSet.head.paths();
  const catalogs = new Set(headPaths.filter(isCatalogFile));
  const results: CheckResult[] = [];
  const reported = new Set<string>();
  for (const file of files) {
    if (file.status === 'deleted') continue;
    const parts = file.path.split('/');
    // The service directory is the shortest prefix of the path that a `directories` glob matches.
    const serviceDir = parts
      .map((_, i) => parts.slice(0, i + 1).join('/'))
      .slice(0, -1)
      .find((dir) => options.directories.some((glob) => matchesGlob(dir, glob)));
    if (!serviceDir || reported.has(serviceDir)) continue;
    reported.add(serviceDir);
    const catalogPath = nearestCatalog(file.path, catalogs);
    if (!catalogPath || !catalogPath.startsWith(`${serviceDir}/`)) {
      results.push({ messageId: 'noCatalog', file: file.path, data: { file: file.path, directory: serviceDir, name: serviceDir.split('/').pop()! } });
      continue;
    }
    const catalog = parseCatalog(catalogPath, (await changeSet.head.read(catalogPath)) ?? '');
    const service = component(catalog);
    if (catalog.error) {
      results.push({ messageId: 'catalogUnreadable', file: catalogPath, line: catalog.error.line, data: { catalog: catalogPath, error: catalog.error.message } });
    } else if (!service?.owner) {
      results.push({ messageId: 'catalogOwnerMissing', file: catalogPath, line: service?.lines.spec ?? service?.lines.entity ?? 1, data: { catalog: catalogPath } });
    } else if (!teams.forCatalogOwner(service.owner)) {
      results.push({ messageId: 'catalogOwnerUnknown', file: catalogPath, line: service.lines.owner, data: { catalog: catalogPath, owner: service.owner } });
    }
  }
  return results;
}

export const ownership = defineCheck<OwnershipOptions>({
  type: 'ownership',
  summary: 'Every changed file has an owner: in CODEOWNERS, read with GitHub\'s own rules, and in the service catalog; owners are known teams; no change leaves existing files unowned.',
  scope: 'change',
  options: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      require_owner: { type: 'boolean', description: 'Every added or modified file must have a CODEOWNERS owner.' },
      owners_must_be_known: { type: 'boolean', description: 'Owners must be teams in teams.yaml (or individuals, with allow_individuals).' },
      allow_individuals: { type: 'boolean', description: 'With owners_must_be_known: users and emails are acceptable owners.' },
      no_ownership_loss: { type: 'boolean', description: 'A CODEOWNERS change must not leave existing files with no owner.' },
      syntax: { type: 'boolean', description: 'Report CODEOWNERS lines GitHub rejects (default true when CODEOWNERS changes).' },
      catalog_owner: {
        type: 'object',
        additionalProperties: false,
        required: ['directories'],
        properties: { directories: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Globs of service directories, such as services/*.' } },
      },
    },
  },
  messages: {
    noCodeowners: 'the repository has no CODEOWNERS file (GitHub looks in {{locations}}); add one so every change has reviewers',
    tooLarge: '{{codeowners}} is {{size}} MB; GitHub ignores CODEOWNERS files of 3 MB or more, so no file has an owner',
    unowned: '{{file}} has no code owner; add a line such as `{{suggestion}}` to {{codeowners}}',
    explicitlyUnowned: '{{file}} is explicitly left without owners by `{{pattern}}` on line {{line}}; give it an owner',
    unknownOwner: '{{owner}} on line {{line}} of {{codeowners}} is not a team in teams.yaml{{hint}}',
    individualOwner: '{{owner}} on line {{line}} of {{codeowners}} is a person, not a team; owners must be teams so ownership survives people moving on',
    syntax: '{{codeowners}} line {{line}}, column {{column}}: {{message}}',
    ownershipLoss: 'this CODEOWNERS change leaves {{count}} existing files with no owner: {{files}}',
    reviewersDiffer: 'this PR changes {{codeowners}}: GitHub requests reviews from the base branch\'s file, so {{file}} is reviewed by {{before}}; after the merge it is owned by {{after}}',
    noCatalog: '{{directory}}/ has no catalog-info.yaml, so {{file}} has no catalog owner; add {{directory}}/catalog-info.yaml with `kind: Component`, `metadata.name: {{name}}` and `spec.owner` naming your team',
    catalogUnreadable: '{{catalog}} cannot be read: {{error}}',
    catalogOwnerMissing: '{{catalog}} has no spec.owner; add `owner: group:<team>` under spec',
    catalogOwnerUnknown: '{{catalog}} names spec.owner {{owner}}, which is not a team in teams.yaml',
  },
  validate(options) {
    const problems: OptionProblem[] = [];
    options.catalog_owner?.directories.forEach((glob, i) => {
      const problem = globProblem(glob);
      if (problem) problems.push({ path: ['catalog_owner', 'directories', i], message: problem });
    });
    return problems;
  },
  async evaluate({ options, files, changeSet, teams }) {
    const results: CheckResult[] = [];
    const head = await loadCodeowners(changeSet.head);
    const base = changeSet.mode === 'diff' ? await loadCodeowners(changeSet.base) : undefined;
    const headPaths = await changeSet.head.paths();
    const judged = files.filter((f) => f.status !== 'deleted');
    const codeownersChange = head ? changeSet.files.find((f) => f.path === head.path) : undefined;

    if (options.catalog_owner) results.push(...(await catalogFindings(options.catalog_owner, files, changeSet, teams)));
    if (!head) {
      if (options.require_owner && judged.length) results.push({ messageId: 'noCodeowners', data: { locations: CODEOWNERS_LOCATIONS.join(', ') } });
      return results;
    }
    const data = { codeowners: head.path };
    if (head.tooLarge) {
      const size = (Buffer.byteLength((await changeSet.head.read(head.path)) ?? '') / 1024 / 1024).toFixed(1);
      return [...results, { messageId: 'tooLarge', file: head.path, data: { ...data, size } }];
    }

    if (codeownersChange && options.syntax !== false) {
      const added = new Set((await codeownersChange.addedLines()).map((l) => l.line));
      for (const error of head.codeowners.errors) {
        if (added.has(error.line)) results.push({ messageId: 'syntax', file: head.path, line: error.line, data: { ...data, line: error.line, column: error.column, message: error.message } });
      }
    }

    if (options.require_owner) {
      for (const file of judged) {
        if (file.path === head.path) continue;
        const rule = ruleFor(head.codeowners, file.path);
        if (!rule) results.push({ messageId: 'unowned', file: file.path, data: { ...data, file: file.path, suggestion: suggestOwnerLine(file.path, head.codeowners, headPaths) } });
        else if (!rule.owners.length) results.push({ messageId: 'explicitlyUnowned', file: head.path, line: rule.line, data: { file: file.path, pattern: rule.pattern, line: rule.line } });
      }
    }

    if (options.owners_must_be_known) {
      // Judge the rules that own what this change touches, and any rule the change adds.
      const added = new Set(codeownersChange ? (await codeownersChange.addedLines()).map((l) => l.line) : []);
      const relevant = new Set(judged.map((f) => ruleFor(head.codeowners, f.path)).filter((r) => r !== undefined));
      for (const rule of head.codeowners.rules) {
        if (!relevant.has(rule) && !added.has(rule.line)) continue;
        for (const owner of rule.owners) {
          if (isKnownOwner(owner, teams, options.allow_individuals ?? false)) continue;
          const isTeam = ownerKind(owner) === 'team';
          const handles = teams.handles();
          const hint = handles.length ? `; known teams: ${handles.slice(0, 8).join(', ')}${handles.length > 8 ? ', …' : ''}` : '';
          results.push({ messageId: isTeam ? 'unknownOwner' : 'individualOwner', file: head.path, line: rule.line, data: { ...data, owner, line: rule.line, hint } });
        }
      }
    }

    if (codeownersChange && base && !base.tooLarge) {
      const basePaths = new Set(await changeSet.base.paths());
      const existing = headPaths.filter((p) => basePaths.has(p));
      if (options.no_ownership_loss) {
        const lost = new Map<number | undefined, string[]>();
        for (const path of existing) {
          if (!ownersOf(base.codeowners, path).length || ownersOf(head.codeowners, path).length) continue;
          const line = ruleFor(head.codeowners, path)?.line;
          lost.set(line, [...(lost.get(line) ?? []), path]);
        }
        for (const [line, paths] of lost) results.push({ messageId: 'ownershipLoss', file: head.path, line, data: { count: paths.length, files: listed(paths) } });
      }
      const label = (owners: string[]) => (owners.length ? owners.join(' ') : 'nobody');
      for (const file of judged) {
        if (file.path === head.path) continue;
        const before = ownersOf(base.codeowners, file.path);
        const after = ownersOf(head.codeowners, file.path);
        if (before.join(' ') !== after.join(' ')) {
          results.push({ messageId: 'reviewersDiffer', file: file.path, severity: 'info', data: { ...data, file: file.path, before: label(before), after: label(after) } });
        }
      }
    }
    return results;
  },
});
