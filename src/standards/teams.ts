import { ConfigError } from '../diagnostics.ts';
import { readText } from './files.ts';
import { TEAM_HANDLE } from './standard.ts';
import { validateAgainst } from './validate.ts';
import { parseYamlFile } from './yaml-file.ts';

export const TEAMS_FILE = 'teams.yaml';

export interface Team {
  handle: string;
  name?: string;
  slack?: string;
  /** Where the on-call schedule lives, such as pagerduty:P1ABCDE or opsgenie:payments. */
  oncall?: string;
  /** GitHub usernames who may approve on the team's behalf (exemptions, standards it owns). */
  maintainers: string[];
  line: number;
}

/** The organisation's teams, so checks can tell a real team from a typo. */
export class TeamRegistry {
  constructor(
    readonly teams: ReadonlyMap<string, Team>,
    readonly file?: string,
  ) {}

  static empty(): TeamRegistry {
    return new TeamRegistry(new Map());
  }

  get(handle: string): Team | undefined {
    return this.teams.get(handle.toLowerCase());
  }

  isKnown(handle: string): boolean {
    return this.teams.has(handle.toLowerCase());
  }

  /**
   * The team a Backstage owner reference names: `group:default/payments`, `group:payments` or
   * `payments` match the team whose handle ends in `/payments`; a full handle matches itself.
   * A reference of another kind (`user:payments`) is a person or a thing, never a team.
   */
  forCatalogOwner(ref: string): Team | undefined {
    if (ref.startsWith('@')) return this.get(ref);
    const colon = ref.indexOf(':');
    if (colon > 0 && !ref.slice(0, colon).includes('/') && ref.slice(0, colon).toLowerCase() !== 'group') return undefined;
    const name = ref.replace(/^group:/i, '').split('/').pop()!.toLowerCase();
    return [...this.teams.values()].find((team) => team.handle.toLowerCase().split('/').pop() === name);
  }

  handles(): string[] {
    return [...this.teams.values()].map((team) => team.handle);
  }
}

export const teamsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'standards-bot teams registry',
  type: 'object',
  additionalProperties: false,
  required: ['teams'],
  properties: {
    teams: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: TEAM_HANDLE },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['slack', 'oncall'],
        properties: {
          name: { type: 'string', minLength: 1 },
          slack: { type: 'string', pattern: '^#[a-z0-9][a-z0-9._-]*$', 'x-hint': 'a Slack channel such as #team-payments' },
          oncall: { type: 'string', pattern: '^(pagerduty|opsgenie|none):.+$', 'x-hint': 'a schedule reference such as pagerduty:P1ABCDE or opsgenie:payments, or none:reason' },
          maintainers: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$', 'x-hint': 'GitHub usernames without the @' }, uniqueItems: true },
        },
      },
    },
  },
};

const HANDLE = new RegExp(TEAM_HANDLE);
// Handles are checked here rather than by propertyNames, so the error points at the key.
const { propertyNames: _handles, ...teamsWithoutHandleCheck } = teamsSchema.properties.teams;
export const teamsValidationSchema = { ...teamsSchema, properties: { teams: teamsWithoutHandleCheck } };

export function parseTeams(text: string, file = TEAMS_FILE): TeamRegistry {
  const yaml = parseYamlFile(file, text, { standards: true });
  if (yaml.syntaxErrors.length) throw new ConfigError(yaml.syntaxErrors);
  const value = yaml.value ?? {};
  const diagnostics = validateAgainst(teamsValidationSchema, value, yaml);
  for (const handle of Object.keys((value as { teams?: object }).teams ?? {})) {
    if (!HANDLE.test(handle)) diagnostics.push(yaml.diagnostic(['teams', handle], `"${handle}" is not a team handle; use @org/team, such as @acme/payments`, { key: true }));
  }
  // GitHub handles are case-insensitive: two keys that differ only by case are one team twice,
  // and the second would silently replace the first.
  const seen = new Map<string, string>();
  for (const handle of Object.keys((value as { teams?: object }).teams ?? {})) {
    const first = seen.get(handle.toLowerCase());
    if (first === undefined) seen.set(handle.toLowerCase(), handle);
    else {
      const at = yaml.locate(['teams', first], { key: true });
      diagnostics.push(yaml.diagnostic(['teams', handle], `"${handle}" is the team "${first}" again (line ${at.line}): GitHub handles ignore case; keep one entry`, { key: true }));
    }
  }
  if (diagnostics.length) throw new ConfigError(diagnostics);
  const teams = new Map<string, Team>();
  for (const [handle, team] of Object.entries((value as { teams: Record<string, Omit<Team, 'handle' | 'line' | 'maintainers'> & { maintainers?: string[] }> }).teams)) {
    // The line is found when asked for: locating needs the full YAML parse, which a clean file
    // otherwise never pays for.
    const entry = { handle, ...team, maintainers: team.maintainers ?? [] } as Team;
    teams.set(handle.toLowerCase(), Object.defineProperty(entry, 'line', { enumerable: true, get: () => yaml.locate(['teams', handle], { key: true }).line }));
  }
  return new TeamRegistry(teams, file);
}

/** Loads teams.yaml from the standards checkout; a repository without one knows no teams. */
export async function loadTeams(root: string): Promise<TeamRegistry> {
  let text: string;
  try {
    text = await readText(root, TEAMS_FILE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return TeamRegistry.empty();
    throw error;
  }
  return parseTeams(text);
}
