import type { ChangeSet, TreeView } from '../../changeset.ts';
import { globProblem, matchesGlob } from '../../globs.ts';
import { parentDir } from '../../paths.ts';
import type { TeamRegistry } from '../../standards/teams.ts';
import { defineCheck, type CheckResult, type OptionProblem } from '../types.ts';
import { fileExists } from '../../tree.ts';
import { nearestCatalog, OWNED_KINDS, ownerEntity, ownerReference, parseCatalog } from './catalog.ts';
import { CODEOWNERS_LOCATIONS, CODEOWNERS_MAX_BYTES, CodeownersIndex, ownerKind, parseCodeowners, type Codeowners, type CodeownersRule } from './codeowners.ts';

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
  index: CodeownersIndex;
  tooLarge: boolean;
}

// Several standards judge ownership: each tree's CODEOWNERS is found and parsed once for all of them.
const loaded = new WeakMap<TreeView, Promise<LoadedCodeowners | undefined>>();

/** The CODEOWNERS GitHub would use in a tree; over 3 MB it is ignored, as GitHub ignores it. */
export function loadCodeowners(tree: TreeView): Promise<LoadedCodeowners | undefined> {
  let found = loaded.get(tree);
  if (!found) {
    found = findCodeowners(tree);
    loaded.set(tree, found);
  }
  return found;
}

async function findCodeowners(tree: TreeView): Promise<LoadedCodeowners | undefined> {
  let path: string | undefined;
  for (const location of CODEOWNERS_LOCATIONS) {
    if (await fileExists(tree, location)) {
      path = location;
      break;
    }
  }
  if (!path) return undefined;
  const text = (await tree.read(path)) ?? '';
  const tooLarge = Buffer.byteLength(text) >= CODEOWNERS_MAX_BYTES;
  const codeowners = tooLarge ? { rules: [], errors: [] } : parseCodeowners(text);
  return { path, codeowners, index: new CodeownersIndex(codeowners), tooLarge };
}

/** A suggested CODEOWNERS line for an unowned file, and where it came from. */
export interface OwnerSuggestion {
  line: string;
  reason: string;
}

interface OwnerCount {
  owners: string;
  rule: CodeownersRule;
  count: number;
}

/** How many of a parent's directories each set of owners owns, with the rules of the first two. */
interface SiblingTally {
  owners: string;
  count: number;
  /** The position, in the parent's listing, of the first directory these owners own. */
  first: number;
  rules: CodeownersRule[];
}

interface ChildOwners {
  /** How many directories the parent holds. */
  count: number;
  index: Map<string, number>;
  owners: (OwnerCount | undefined)[];
  tally: Map<string, SiblingTally>;
}

/** Whether owners counted `count` times beat `best`: more often, or as often and first by name, so the answer never depends on order. */
function beats(owners: string, count: number, best: OwnerCount | undefined): boolean {
  return !best || count > best.count || (count === best.count && owners < best.owners);
}

/** The most common owners in a tally. */
function mostCommon(tally: Map<string, OwnerCount>): OwnerCount | undefined {
  let best: OwnerCount | undefined;
  for (const entry of tally.values()) if (beats(entry.owners, entry.count, best)) best = entry;
  return best;
}

/**
 * CODEOWNERS lines to suggest for unowned files, one per directory, each computed once. For a
 * new directory the owner comes, nearest first, from the rule that owns the other files of its
 * parent directory, else from the owners most of its sibling directories share; the reason says
 * which. Only the directories around the unowned file are read, so the cost follows the change,
 * not the size of the repository.
 */
export class OwnerSuggestions {
  private readonly byDirectory = new Map<string, Promise<OwnerSuggestion>>();
  private readonly fileOwners = new Map<string, Promise<Map<string, OwnerCount>>>();
  private readonly childOwners = new Map<string, Promise<ChildOwners>>();

  constructor(
    private readonly index: CodeownersIndex,
    private readonly tree: TreeView,
  ) {}

  /** Owners of the files directly in `dir`. */
  private ownersOfFiles(dir: string): Promise<Map<string, OwnerCount>> {
    let found = this.fileOwners.get(dir);
    if (!found) {
      found = this.tree.list(dir).then(({ files }) => {
        const tally = new Map<string, OwnerCount>();
        for (const name of files) {
          const rule = this.index.ruleFor(dir ? `${dir}/${name}` : name);
          if (!rule?.owners.length) continue;
          const owners = rule.owners.join(' ');
          const entry = tally.get(owners);
          if (entry) entry.count++;
          else tally.set(owners, { owners, rule, count: 1 });
        }
        return tally;
      });
      this.fileOwners.set(dir, found);
    }
    return found;
  }

  /** Who owns a directory: most of its files' owners, else whoever would own a new file in it. */
  private async ownerOf(dir: string): Promise<OwnerCount | undefined> {
    const owner = mostCommon(await this.ownersOfFiles(dir));
    if (owner) return owner;
    const rule = this.index.ruleFor(`${dir}/new`);
    return rule?.owners.length ? { owners: rule.owners.join(' '), rule, count: 1 } : undefined;
  }

  /**
   * Who owns each directory in `parent`, tallied once per parent. Every new folder in a parent
   * asks about all of its siblings: asking afresh for each made a folder of N new folders cost
   * N² lookups.
   */
  private ownersOfChildren(parent: string): Promise<ChildOwners> {
    let found = this.childOwners.get(parent);
    if (!found) {
      found = (async () => {
        const { directories } = await this.tree.list(parent);
        const owners = await Promise.all(directories.map((child) => this.ownerOf(parent ? `${parent}/${child}` : child)));
        const index = new Map(directories.map((child, i) => [child, i]));
        const tally = new Map<string, SiblingTally>();
        owners.forEach((owner, i) => {
          if (!owner) return;
          const entry = tally.get(owner.owners);
          if (!entry) tally.set(owner.owners, { owners: owner.owners, count: 1, first: i, rules: [owner.rule] });
          else if (entry.count++ === 1) entry.rules.push(owner.rule);
        });
        return { count: directories.length, index, owners, tally };
      })();
      this.childOwners.set(parent, found);
    }
    return found;
  }

  /** The owners most of the directories beside `name` in `parent` share, leaving `name` itself out. */
  private async sharedBySiblings(parent: string, name: string): Promise<{ shared: OwnerCount | undefined; siblings: number }> {
    const { count: directories, index, owners, tally } = await this.ownersOfChildren(parent);
    const position = index.get(name);
    const own = position === undefined ? undefined : owners[position];
    let best: OwnerCount | undefined;
    for (const entry of tally.values()) {
      const isOwn = entry.owners === own?.owners;
      const count = isOwn ? entry.count - 1 : entry.count;
      if (!count || !beats(entry.owners, count, best)) continue;
      // The rule quoted is the first sibling's with these owners, as a tally in listing order finds it.
      best = { owners: entry.owners, rule: isOwn && entry.first === position ? entry.rules[1]! : entry.rules[0]!, count };
    }
    return { shared: best, siblings: position === undefined ? directories : directories - 1 };
  }

  private async forDirectory(start: string): Promise<OwnerSuggestion> {
    for (let dir = start; dir; dir = parentDir(dir)) {
      const parent = parentDir(dir);
      const where = parent ? `${parent}/` : 'the repository root';
      // Files at the root are usually owned one by one (README, LICENSE): they say nothing about a new folder.
      const parentRule = parent ? mostCommon(await this.ownersOfFiles(parent)) : undefined;
      if (parentRule) {
        return { line: `/${dir}/ ${parentRule.owners}`, reason: `owned like the other files in ${where}, by \`${parentRule.rule.pattern}\` on line ${parentRule.rule.line}` };
      }
      const { shared, siblings } = await this.sharedBySiblings(parent, dir.slice(dir.lastIndexOf('/') + 1));
      if (shared) {
        return { line: `/${dir}/ ${shared.owners}`, reason: `the owners of ${shared.count} of the ${siblings} folders beside it in ${where}, as \`${shared.rule.pattern}\` on line ${shared.rule.line} says for one of them` };
      }
    }
    return { line: `/${start ? `${start}/` : ''} @org/team`, reason: 'no folder near it has an owner; name the team that will maintain it' };
  }

  /** The suggestion for an unowned file: for its directory, or for the file itself at the root. */
  for(path: string): Promise<OwnerSuggestion> {
    const dir = parentDir(path);
    if (!dir) return Promise.resolve({ line: `/${path} @org/team`, reason: 'a file at the repository root; name the team that will maintain it' });
    let suggestion = this.byDirectory.get(dir);
    if (!suggestion) {
      suggestion = this.forDirectory(dir);
      this.byDirectory.set(dir, suggestion);
    }
    return suggestion;
  }
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
  // The first changed file under each service directory stands for the service.
  const services = new Map<string, string>();
  for (const file of files) {
    if (file.status === 'deleted') continue;
    const serviceDir = serviceDirectory(file.path, options.directories);
    if (serviceDir && !services.has(serviceDir)) services.set(serviceDir, file.path);
  }
  // Every service's catalog is asked for at once, so a change across many services waits for
  // git once rather than once per service; the findings keep the services' order.
  const catalogs = await Promise.all(
    [...services].map(async ([serviceDir, path]) => {
      const catalogPath = await nearestCatalog(path, changeSet.head);
      if (!catalogPath || !catalogPath.startsWith(`${serviceDir}/`)) return { serviceDir, path };
      return { serviceDir, path, catalogPath, catalog: parseCatalog(catalogPath, (await changeSet.head.read(catalogPath)) ?? '') };
    }),
  );
  const results: CheckResult[] = [];
  for (const { serviceDir, path, catalogPath, catalog } of catalogs) {
    if (!catalogPath || !catalog) {
      results.push({ messageId: 'noCatalog', file: path, data: { file: path, directory: serviceDir, name: serviceDir.split('/').pop()! } });
      continue;
    }
    const entity = ownerEntity(catalog);
    if (catalog.error) {
      results.push({ messageId: 'catalogUnreadable', file: catalogPath, line: catalog.error.line, data: { catalog: catalogPath, error: catalog.error.message } });
    } else if (!entity) {
      const kinds = [...new Set(catalog.entities.map((e) => e.kind))];
      results.push({ messageId: 'catalogNoOwnedEntity', file: catalogPath, line: 1, data: { catalog: catalogPath, kinds: OWNED_KINDS.join(', '), found: kinds.length ? kinds.join(', ') : 'no entities' } });
    } else if (!entity.owner) {
      results.push({ messageId: 'catalogOwnerMissing', file: catalogPath, line: entity.lines.spec ?? entity.lines.entity, data: { catalog: catalogPath, entity: `${entity.kind} ${entity.name}` } });
    } else if (ownerReference(entity.owner).kind !== 'group') {
      results.push({ messageId: 'catalogOwnerNotTeam', file: catalogPath, line: entity.lines.owner, data: { catalog: catalogPath, owner: entity.owner, kind: ownerReference(entity.owner).kind, entity: `${entity.kind} ${entity.name}` } });
    } else if (!teams.forCatalogOwner(entity.owner)) {
      results.push({ messageId: 'catalogOwnerUnknown', file: catalogPath, line: entity.lines.owner, data: { catalog: catalogPath, owner: entity.owner } });
    }
  }
  return results;
}

/** The service directory of a path: its shortest prefix that a `directories` glob matches. */
function serviceDirectory(path: string, directories: readonly string[]): string | undefined {
  for (let slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
    const dir = path.slice(0, slash);
    if (directories.some((glob) => matchesGlob(dir, glob))) return dir;
  }
  return undefined;
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
      no_ownership_loss: { type: 'boolean', description: 'A CODEOWNERS change must not leave existing files with no owner; each changed file whose owners it changes gets a note.' },
      syntax: { type: 'boolean', description: 'Report the CODEOWNERS lines a change adds that GitHub rejects (and skips).' },
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
    unowned: '{{file}} has no code owner; add a line such as `{{suggestion}}` to {{codeowners}} ({{reason}})',
    explicitlyUnowned: '{{file}} is explicitly left without owners by `{{pattern}}` on line {{line}}; give it an owner',
    unknownOwner: '{{owner}} on line {{line}} of {{codeowners}} is not a team in teams.yaml{{hint}}',
    individualOwner: '{{owner}} on line {{line}} of {{codeowners}} is a person, not a team; owners must be teams so ownership survives people moving on',
    syntax: '{{codeowners}} line {{line}}, column {{column}}: {{message}}',
    ownershipLoss: 'this CODEOWNERS change leaves {{count}} existing files with no owner: {{files}}',
    reviewersDiffer: 'this PR changes {{codeowners}}: GitHub requests reviews from the base branch\'s file, so {{file}} is reviewed by {{before}}; after the merge it is owned by {{after}}',
    noCatalog: '{{directory}}/ has no catalog-info.yaml, so {{file}} has no catalog owner; add {{directory}}/catalog-info.yaml with `kind: Component`, `metadata.name: {{name}}` and `spec.owner` naming your team',
    catalogUnreadable: '{{catalog}} cannot be read: {{error}}',
    catalogOwnerMissing: '{{catalog}} has no spec.owner on its {{entity}}; add `owner: group:<team>` under its spec',
    catalogNoOwnedEntity: '{{catalog}} names no owner: it has no entity of a kind that carries one (read: {{kinds}}; found: {{found}}); describe this directory with a Component and `spec.owner: group:<team>`',
    catalogOwnerNotTeam: '{{catalog}} names spec.owner {{owner}} on {{entity}}, a {{kind}}, not a team: ownership must survive people moving on; use `owner: group:<team>`',
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
    const judged = files.filter((f) => f.status !== 'deleted');
    const codeownersChange = head ? changeSet.files.find((f) => f.path === head.path) : undefined;

    if (options.catalog_owner) for (const result of await catalogFindings(options.catalog_owner, files, changeSet, teams)) results.push(result);
    if (!head) {
      if (options.require_owner && judged.length) results.push({ messageId: 'noCodeowners', data: { locations: CODEOWNERS_LOCATIONS.join(', ') } });
      return results;
    }
    const data = { codeowners: head.path };
    if (head.tooLarge) {
      const size = (Buffer.byteLength((await changeSet.head.read(head.path)) ?? '') / 1024 / 1024).toFixed(1);
      return [...results, { messageId: 'tooLarge', file: head.path, data: { ...data, size } }];
    }

    // Each fact belongs to one standard: syntax errors only where `syntax` is asked for.
    if (codeownersChange && options.syntax) {
      const added = new Set((await codeownersChange.addedLines()).map((l) => l.line));
      for (const error of head.codeowners.errors) {
        if (added.has(error.line)) results.push({ messageId: 'syntax', file: head.path, line: error.line, data: { ...data, line: error.line, column: error.column, message: error.message } });
      }
    }

    if (options.require_owner) {
      let suggestions: OwnerSuggestions | undefined;
      // Every unowned file's suggestion is asked for at once: the folders they read are listed
      // together, not one after another, and the findings keep the files' order. A folder's
      // suggestion is one promise, waited for once however many of its files are unowned: a
      // promise and a callback per file, in a scan of 29,684 unowned files, took the callbacks
      // alone 50–90 ms of the main thread (bench/RESULTS.md, twenty-first pass).
      const owned: (CheckResult | { path: string; suggestion: Promise<OwnerSuggestion> })[] = [];
      for (const file of judged) {
        if (file.path === head.path) continue;
        const rule = head.index.ruleFor(file.path);
        if (!rule) {
          suggestions ??= new OwnerSuggestions(head.index, changeSet.head);
          owned.push({ path: file.path, suggestion: suggestions.for(file.path) });
        } else if (!rule.owners.length) owned.push({ messageId: 'explicitlyUnowned', file: head.path, line: rule.line, data: { file: file.path, pattern: rule.pattern, line: rule.line } });
      }
      const folders = new Set<Promise<OwnerSuggestion>>();
      for (const entry of owned) if ('suggestion' in entry) folders.add(entry.suggestion);
      const suggested = new Map(await Promise.all([...folders].map(async (suggestion) => [suggestion, await suggestion] as const)));
      for (const entry of owned) {
        if (!('suggestion' in entry)) results.push(entry);
        else {
          const { line, reason } = suggested.get(entry.suggestion)!;
          results.push({ messageId: 'unowned', file: entry.path, data: { codeowners: head.path, file: entry.path, suggestion: line, reason } });
        }
      }
    }

    if (options.owners_must_be_known) {
      // Judge the rules that own what this change touches, and any rule the change adds.
      const added = new Set(codeownersChange ? (await codeownersChange.addedLines()).map((l) => l.line) : []);
      const relevant = new Set(judged.map((f) => head.index.ruleFor(f.path)).filter((r) => r !== undefined));
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

    if (codeownersChange && base && !base.tooLarge && options.no_ownership_loss) {
      // A CODEOWNERS change can move any file's owners: this one question needs the whole tree.
      const headPaths = await changeSet.head.paths();
      const basePaths = new Set(await changeSet.base.paths());
      const existing = headPaths.filter((p) => basePaths.has(p));
      const lost = new Map<number | undefined, string[]>();
      for (const path of existing) {
        if (!base.index.ownersOf(path).length || head.index.ownersOf(path).length) continue;
        const line = head.index.ruleFor(path)?.line;
        lost.set(line, [...(lost.get(line) ?? []), path]);
      }
      for (const [line, paths] of lost) results.push({ messageId: 'ownershipLoss', file: head.path, line, data: { count: paths.length, files: listed(paths) } });
      const label = (owners: string[]) => (owners.length ? owners.join(' ') : 'nobody');
      for (const file of judged) {
        if (file.path === head.path) continue;
        const before = base.index.ownersOf(file.path);
        const after = head.index.ownersOf(file.path);
        if (before.join(' ') !== after.join(' ')) {
          results.push({ messageId: 'reviewersDiffer', file: file.path, severity: 'info', data: { ...data, file: file.path, before: label(before), after: label(after) } });
        }
      }
    }
    return results;
  },
});
