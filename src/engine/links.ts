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

/** The YAML a "request an exemption" link opens with; once reason, approver and expiry are filled in it is a valid exemption. */
export function exemptionDraft(standard: Pick<Standard, 'id' | 'title' | 'owner'>, request: ExemptionRequest): string {
  const draft: Record<string, unknown> = {
    id: request.exemptionId ?? 'EX-0001',
    standard: standard.id,
    repos: [request.repository ?? 'OWNER/REPO'],
    ...(request.paths.length ? { paths: request.paths } : {}),
    reason: '',
    approved_by: '',
    created: request.today,
    expires: '',
  };
  const header = [
    `# Exemption from ${standard.id} (${standard.title}).`,
    '# Fill in reason (why, and the plan to comply; 20 characters at least), approved_by (the',
    `# GitHub username of a maintainer of ${standard.owner}) and expires (YYYY-MM-DD), then open a pull request.`,
    '# Optionally name your team: requested_by: "@acme/your-team"',
  ];
  return `${header.join('\n')}\n${dump(draft, { lineWidth: -1, schema: CORE_SCHEMA, quotingType: '"' })}`;
}

export function exemptionLink(config: OrgConfig, standard: Pick<Standard, 'id' | 'title' | 'owner'>, request: ExemptionRequest): string {
  const filename = `exemptions/${request.exemptionId ?? 'EX-0001'}.yaml`;
  const query = `filename=${encodeStrict(filename)}&value=${encodeStrict(exemptionDraft(standard, request))}`;
  return `${config.repository.url}/new/${encodeStrict(config.repository.default_branch)}?${query}`;
}

export function findingLinks(config: OrgConfig, standard: Standard, request: ExemptionRequest): FindingLinks {
  return {
    standard: standardLink(config, standard),
    propose: proposeLink(config, standard),
    exemption: exemptionLink(config, standard, request),
  };
}
