import { CORE_SCHEMA, dump } from 'js-yaml';
import type { OrgConfig } from '../config.ts';
import type { Standard } from '../standards/standard.ts';

/** The three places every finding points to. */
export interface FindingLinks {
  /** The standard's section in the generated catalogue: why it exists. */
  standard: string;
  /** The rule file in the standards repository's web editor: how to propose changing it. */
  propose: string;
  /** A new exemption file, prefilled: how to ask for a way out. */
  exemption: string;
}

export interface ExemptionRequest {
  /** owner/name of the repository the finding is in. */
  repository?: string;
  /** Paths the exemption should cover; none means the whole repository. */
  paths: string[];
  today: string;
  /** The id the new exemption would take; the exemptions loader knows the next free one. */
  exemptionId?: string;
}

/** encodeURIComponent, plus the characters it leaves alone that break Markdown links: ( ) ' ! * */
export function encodeStrict(text: string): string {
  return encodeURIComponent(text).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The stable anchor of a standard's section; STANDARDS.md writes it as an explicit `<a id>` so titles can change freely. */
export function standardAnchor(id: string): string {
  return id.toLowerCase();
}

function repoUrl(config: OrgConfig, action: 'blob' | 'edit' | 'new', path: string): string {
  const encodedPath = path.split('/').map(encodeStrict).join('/');
  return `${config.repository.url}/${action}/${encodeStrict(config.repository.default_branch)}/${encodedPath}`;
}

export function standardLink(config: OrgConfig, standard: Pick<Standard, 'id'>): string {
  return `${repoUrl(config, 'blob', config.docs)}#${standardAnchor(standard.id)}`;
}

export function proposeLink(config: OrgConfig, standard: Pick<Standard, 'file'>): string {
  return repoUrl(config, 'edit', standard.file);
}

export function proposalProcessLink(config: OrgConfig): string {
  const [path, anchor] = config.proposal_process.split('#');
  return `${repoUrl(config, 'blob', path!)}${anchor ? `#${anchor}` : ''}`;
}

const yaml = (value: Record<string, unknown>) => dump(value, { lineWidth: -1, schema: CORE_SCHEMA, quotingType: '"' });

/** The draft around its paths: the header and fields before them, and the fields after. */
function draftParts(standard: Pick<Standard, 'id' | 'title' | 'owner'>, request: Omit<ExemptionRequest, 'paths'>): [string, string] {
  const header = [
    `# Exemption from ${standard.id} (${standard.title}).`,
    '# Fill in reason (why, and the plan to comply; 20 characters at least), approved_by (the',
    `# GitHub username of a maintainer of ${standard.owner}) and expires (YYYY-MM-DD), then open a pull request.`,
    // The owner team's organisation is the requester's too.
    `# Optionally name your team: requested_by: "${/^@[^/]+\//.exec(standard.owner)?.[0] ?? '@your-org/'}your-team"`,
  ];
  const before = yaml({ id: request.exemptionId ?? 'EX-0001', standard: standard.id, repos: [request.repository ?? 'OWNER/REPO'] });
  const after = yaml({ reason: '', approved_by: '', created: request.today, expires: '' });
  return [`${header.join('\n')}\n${before}`, after];
}

/** The YAML a "request an exemption" link opens with; once reason, approver and expiry are filled in it is a valid exemption. */
export function exemptionDraft(standard: Pick<Standard, 'id' | 'title' | 'owner'>, request: ExemptionRequest): string {
  const [before, after] = draftParts(standard, request);
  return `${before}${request.paths.length ? pathsYaml(request.paths) : ''}${after}`;
}

// Everything of an exemption link but its paths is the same for a standard in one report: it is
// built and encoded once, and only the paths are encoded for each finding.
const linkParts = new Map<string, LinkParts>();
/** An exemption link before and after its encoded paths. */
type LinkParts = readonly [string, string];

function exemptionLinkParts(config: OrgConfig, standard: Pick<Standard, 'id' | 'title' | 'owner'>, request: Omit<ExemptionRequest, 'paths'>): LinkParts {
  const key = JSON.stringify([config.repository.url, config.repository.default_branch, standard.id, standard.title, standard.owner, request.repository, request.today, request.exemptionId]);
  let parts = linkParts.get(key);
  if (!parts) {
    const [before, after] = draftParts(standard, request);
    const filename = `exemptions/${request.exemptionId ?? 'EX-0001'}.yaml`;
    parts = [`${config.repository.url}/new/${encodeStrict(config.repository.default_branch)}?filename=${encodeStrict(filename)}&value=${encodeStrict(before)}`, encodeStrict(after)];
    // Bounded: a long-running server meets many repositories and days.
    if (linkParts.size > 10_000) linkParts.clear();
    linkParts.set(key, parts);
  }
  return parts;
}

// A path that YAML reads as that string, written plain: it holds a slash, so it is no number,
// boolean or null, and only characters that mean nothing to YAML. js-yaml writes such a path
// exactly so (a test holds the two together); any other path goes through js-yaml.
const PLAIN_PATH = /^[A-Za-z0-9_.][A-Za-z0-9_./-]*\/[A-Za-z0-9_./-]*$/;

/** `yaml({ paths })`, without js-yaml for the plain paths nearly every finding names. */
export function pathsYaml(paths: readonly string[]): string {
  if (paths.every((path) => PLAIN_PATH.test(path))) return `paths:\n${paths.map((path) => `  - ${path}\n`).join('')}`;
  return yaml({ paths });
}

export function exemptionLink(config: OrgConfig, standard: Pick<Standard, 'id' | 'title' | 'owner'>, request: ExemptionRequest): string {
  return linkWithPaths(exemptionLinkParts(config, standard, request), request.paths);
}

function linkWithPaths(parts: LinkParts, paths: readonly string[]): string {
  return `${parts[0]}${paths.length ? encodeStrict(pathsYaml(paths)) : ''}${parts[1]}`;
}

// What a finding's links share with every other finding of its standard in one run: the two
// links that name only the standard, and what its exemption link is made from but the paths.
interface SharedLinks {
  config: OrgConfig;
  standard: Standard;
  standardLink: string;
  proposeLink: string;
  requests: Map<string, LinkSource>;
  /** The source the last finding's links came from. */
  last: LinkSource | undefined;
}

/** What a finding's exemption link is made from, but its paths. */
interface LinkSource {
  shared: SharedLinks;
  request: Omit<ExemptionRequest, 'paths'>;
  /** Made when the first of its findings' links is read. */
  parts?: LinkParts;
}

const sharedByStandard = new WeakMap<Standard, SharedLinks>();

function sharedLinks(config: OrgConfig, standard: Standard): SharedLinks {
  let shared = sharedByStandard.get(standard);
  if (shared?.config !== config) {
    shared = { config, standard, standardLink: standardLink(config, standard), proposeLink: proposeLink(config, standard), requests: new Map(), last: undefined };
    sharedByStandard.set(standard, shared);
  }
  return shared;
}

/**
 * A finding's three links. The exemption link, the longest by far (~800 characters), is made
 * when it is read, and the other two are shared by the standard's findings: a scan with 400,000
 * findings holds about 60 bytes of links for each, not a kilobyte.
 *
 * The exemption link is an own, enumerable getter, so that the object reads and serialises as
 * the three strings it stands for. It is defined in the constructor, the same accessor for every
 * instance, so all share one hidden class; the link's sources are private fields. Three
 * `defineProperty` calls per finding (two hidden symbols and the getter) took 130 ms of a
 * 65,506-finding scan (bench/RESULTS.md, twentieth pass).
 */
class LazyLinks implements FindingLinks {
  declare readonly exemption: string;
  readonly #source: LinkSource;
  /** A finding names one path or none: kept as that string, or as the list when there are more. */
  readonly #paths: string | readonly string[];

  constructor(
    readonly standard: string,
    readonly propose: string,
    source: LinkSource,
    paths: readonly string[],
  ) {
    this.#source = source;
    this.#paths = paths.length === 1 ? paths[0]! : paths;
    Object.defineProperty(this, 'exemption', LazyLinks.#EXEMPTION);
  }

  static readonly #EXEMPTION: PropertyDescriptor = {
    enumerable: true,
    get(this: LazyLinks) {
      return this.#exemptionLink();
    },
  };

  #exemptionLink(): string {
    const source = this.#source;
    source.parts ??= exemptionLinkParts(source.shared.config, source.shared.standard, source.request);
    const paths = this.#paths;
    return linkWithPaths(source.parts, typeof paths === 'string' ? [paths] : paths);
  }
}

export function findingLinks(config: OrgConfig, standard: Standard, request: ExemptionRequest): FindingLinks {
  const shared = sharedLinks(config, standard);
  // A run asks for one request after another alike (one repository, day and next id): the last
  // source is kept, so a finding's links need no key made and looked up.
  const last = shared.last;
  const source = last && last.request.repository === request.repository && last.request.today === request.today && last.request.exemptionId === request.exemptionId ? last : linkSource(shared, request);
  return new LazyLinks(shared.standardLink, shared.proposeLink, source, request.paths);
}

function linkSource(shared: SharedLinks, request: ExemptionRequest): LinkSource {
  const key = `${request.repository ?? ''}\n${request.today}\n${request.exemptionId ?? ''}`;
  let source = shared.requests.get(key);
  if (!source) {
    const { paths: _paths, ...rest } = request;
    // Bounded: a long-running server meets many repositories and days.
    if (shared.requests.size >= 10_000) shared.requests.clear();
    shared.requests.set(key, (source = { shared, request: rest }));
  }
  shared.last = source;
  return source;
}

/** A standard's "request an exemption" section in the generated catalogue: a short link a terminal can show. */
export function exemptionSectionLink(config: OrgConfig, standard: Pick<Standard, 'id'>): string {
  return `${standardLink(config, standard)}-exemption`;
}

/**
 * "Request an exemption" links for several of a standard's paths at once, as a grouped report
 * offers them: one prefilled file that covers every path the standard flagged (at most a few
 * dozen, to keep the link a link).
 */
export function groupExemptionLinks(config: OrgConfig, standards: readonly Standard[], request: Omit<ExemptionRequest, 'paths'>): (standardId: string, paths: string[]) => string {
  const byId = new Map(standards.map((s) => [s.id, s]));
  return (standardId, paths) => {
    const standard = byId.get(standardId);
    if (!standard) return standardLink(config, { id: standardId });
    return exemptionLink(config, standard, { ...request, paths: paths.slice(0, 25) });
  };
}
