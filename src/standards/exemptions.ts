import type { OrgConfig } from '../config.ts';
import { ConfigError, type Diagnostic } from '../diagnostics.ts';
import { globProblem, matchesGlob } from '../globs.ts';
import { listYamlFiles, readText } from './files.ts';
import { STANDARD_ID, TEAM_HANDLE, type Standard } from './standard.ts';
import type { TeamRegistry } from './teams.ts';
import { validateAgainst } from './validate.ts';
import { parseYamlFile, type YamlFile } from './yaml-file.ts';
import { compareText } from '../text-order.ts';

export const EXEMPTIONS_DIR = 'exemptions';
export const EXEMPTION_ID = '^EX-[0-9]{4}$';

export interface Exemption {
  id: string;
  standard: string;
  /** Repository names (owner/name) or globs (acme/*). */
  repos: string[];
  /** Path globs; absent means the whole repository. */
  paths?: string[];
  reason: string;
  /** The requesting team, when stated. */
  requested_by?: string;
  approved_by: string;
  created: string;
  expires: string;
  ticket?: string;
  /** Where it lives, relative to the standards repository root. */
  file: string;
}

export const exemptionSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://standards-bot.dev/schema/exemption.schema.json',
  title: 'standards-bot exemption',
  description: 'A reviewed, expiring exception to one standard for some repositories (and paths).',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'standard', 'repos', 'reason', 'approved_by', 'created', 'expires'],
  properties: {
    id: { type: 'string', pattern: EXEMPTION_ID, 'x-hint': 'ids look like EX-0042: "EX-" and four digits, never reused' },
    standard: { type: 'string', pattern: STANDARD_ID, 'x-hint': 'name the standard, such as STD-0003' },
    repos: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^[^/\\s]+/[^/\\s]+$', 'x-hint': 'repositories are owner/name, or a glob such as acme/*' } },
    paths: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 }, description: 'Globs; leave out to cover the whole repository.' },
    reason: { type: 'string', minLength: 20, description: 'Why the standard cannot be met now, and the plan.' },
    requested_by: { type: 'string', pattern: TEAM_HANDLE, 'x-hint': 'the requesting team, such as @acme/payments' },
    approved_by: { type: 'string', pattern: '^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$', 'x-hint': 'the GitHub username of a maintainer of the standard\'s owner team' },
    created: { type: 'string', format: 'date' },
    expires: { type: 'string', format: 'date' },
    ticket: { type: 'string', format: 'uri', pattern: '^https?://', 'x-hint': 'a link to the tracking ticket' },
  },
};

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export type ExemptionStatus = 'active' | 'expiring' | 'expired';

/** An exemption holds through its expiry date; it warns `warnDays` before. */
export function exemptionStatus(exemption: Pick<Exemption, 'expires'>, today: string, warnDays: number): ExemptionStatus {
  if (today > exemption.expires) return 'expired';
  return daysBetween(today, exemption.expires) <= warnDays ? 'expiring' : 'active';
}

export function daysLeft(exemption: Pick<Exemption, 'expires'>, today: string): number {
  return daysBetween(today, exemption.expires);
}

/** Whether an exemption covers a finding's repository and file. */
export function covers(exemption: Exemption, repository: string | undefined, file: string | null): boolean {
  if (!repository || !exemption.repos.some((glob) => matchesGlob(repository, glob, { nocase: true }))) return false;
  if (!exemption.paths) return true;
  return file !== null && exemption.paths.some((glob) => matchesGlob(file, glob));
}

interface ParsedExemption {
  exemption: Exemption;
  yaml: YamlFile;
}

export function parseExemption(file: string, text: string): { parsed?: ParsedExemption; diagnostics: Diagnostic[] } {
  const yaml = parseYamlFile(file, text, { standards: true });
  if (yaml.syntaxErrors.length) return { diagnostics: yaml.syntaxErrors };
  const value = yaml.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { diagnostics: [yaml.diagnostic([], 'an exemption file must be a YAML mapping of fields (id, standard, repos, reason, …)')] };
  }
  const diagnostics = validateAgainst(exemptionSchema, value, yaml);
  const raw = value as Partial<Exemption>;
  raw.paths?.forEach((glob, i) => {
    const problem = typeof glob === 'string' ? globProblem(glob) : undefined;
    if (problem) diagnostics.push(yaml.diagnostic(['paths', i], problem));
  });
  if (diagnostics.length) return { diagnostics };
  const exemption = { ...(raw as Exemption), approved_by: raw.approved_by!.replace(/^@/, ''), file };
  return { parsed: { exemption, yaml }, diagnostics };
}

/** Rules across files: the standard exists and is live, the approver may approve, the dates make sense, ids are unique. */
function crossChecks(parsed: readonly ParsedExemption[], standards: readonly Standard[], teams: TeamRegistry, config: OrgConfig): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byId = new Map<string, ParsedExemption>();
  const standardsById = new Map(standards.map((s) => [s.id, s]));
  for (const entry of parsed) {
    const { exemption, yaml } = entry;
    const first = byId.get(exemption.id);
    if (first) {
      const where = first.yaml.locate(['id']);
      diagnostics.push(yaml.diagnostic(['id'], `duplicate id ${exemption.id}, already used by ${first.exemption.file}:${where.line}:${where.column}; take the next free number`));
    } else byId.set(exemption.id, entry);

    const standard = standardsById.get(exemption.standard);
    if (!standard) {
      diagnostics.push(yaml.diagnostic(['standard'], `${exemption.standard} is not a standard; known: ${[...standardsById.keys()].join(', ')}`));
    } else if (standard.status === 'superseded') {
      diagnostics.push(yaml.diagnostic(['standard'], `${exemption.standard} is superseded by ${standard.superseded_by} and no longer evaluated; exempt from ${standard.superseded_by} instead`));
    } else {
      const owner = teams.get(standard.owner);
      if (!owner?.maintainers.includes(exemption.approved_by)) {
        const allowed = owner?.maintainers.length ? owner.maintainers.join(', ') : `none listed in teams.yaml for ${standard.owner}`;
        diagnostics.push(yaml.diagnostic(['approved_by'], `${exemption.approved_by} is not a maintainer of ${standard.owner}, which owns ${standard.id}; maintainers: ${allowed}`));
      }
    }
    if (exemption.requested_by && !teams.isKnown(exemption.requested_by)) {
      diagnostics.push(yaml.diagnostic(['requested_by'], `${exemption.requested_by} is not a team in teams.yaml`));
    }
    if (exemption.expires < exemption.created) {
      diagnostics.push(yaml.diagnostic(['expires'], `${exemption.expires} is before created (${exemption.created}): the exemption was already expired when created`));
    } else if (daysBetween(exemption.created, exemption.expires) > config.exemptions.max_days) {
      diagnostics.push(
        yaml.diagnostic(['expires'], `${exemption.expires} is ${daysBetween(exemption.created, exemption.expires)} days after created; exemptions last at most ${config.exemptions.max_days} days (latest: ${addDays(exemption.created, config.exemptions.max_days)})`),
      );
    }
  }
  return diagnostics;
}

/** Validates exemption files from memory against the standards, teams and settings; throws ConfigError listing every mistake. */
export function exemptionsFromTexts(files: readonly { file: string; text: string }[], standards: readonly Standard[], teams: TeamRegistry, config: OrgConfig): Exemption[] {
  const diagnostics: Diagnostic[] = [];
  const parsed: ParsedExemption[] = [];
  for (const { file, text } of files) {
    const result = parseExemption(file, text);
    diagnostics.push(...result.diagnostics);
    if (result.parsed) parsed.push(result.parsed);
  }
  diagnostics.push(...crossChecks(parsed, standards, teams, config));
  if (diagnostics.length) throw new ConfigError(diagnostics);
  return parsed.map((p) => p.exemption).sort((a, b) => compareText(a.id, b.id));
}

/** Loads exemptions from the trusted standards checkout only; never from the repository under review. */
export async function loadExemptions(root: string, standards: readonly Standard[], teams: TeamRegistry, config: OrgConfig): Promise<Exemption[]> {
  const files = await listYamlFiles(root, EXEMPTIONS_DIR);
  return exemptionsFromTexts(await Promise.all(files.map(async (file) => ({ file, text: await readText(root, file) }))), standards, teams, config);
}

/** The id a new exemption should take: one past the highest in use. */
export function nextExemptionId(exemptions: readonly Pick<Exemption, 'id'>[]): string {
  const highest = Math.max(0, ...exemptions.map((e) => Number(e.id.slice(3))));
  return `EX-${String(highest + 1).padStart(4, '0')}`;
}
