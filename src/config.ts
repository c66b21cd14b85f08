import { ConfigError } from './diagnostics.ts';
import { readText } from './standards/files.ts';
import { validateAgainst } from './standards/validate.ts';
import { parseYamlFile } from './standards/yaml-file.ts';

export const CONFIG_FILE = 'standards.config.yaml';

/** The organisation's settings, from `standards.config.yaml` in the standards repository. */
export interface OrgConfig {
  organisation: string;
  repository: {
    /** Web URL of the standards repository, e.g. https://github.com/acme/standards */
    url: string;
    default_branch: string;
  };
  /** Path (with optional #anchor) in the standards repository describing how to propose a change. */
  proposal_process: string;
  /** Where the generated catalogue lives in the standards repository. */
  docs: string;
  exemptions: {
    /** Longest an exemption may run, from created to expires. */
    max_days: number;
    /** How many days before its expiry an exemption starts warning the repository it covers. */
    warn_days: number;
  };
  governance: {
    /** The group whose approval a major change to the standards needs, besides the owner team. */
    group?: string;
    /** The team that keeps the standards repository itself: it owns teams.yaml and the settings in the generated CODEOWNERS. Default: the group. */
    platform_team?: string;
    /** How far ahead a major change's enforce_from must be, so teams get notice. */
    notice_days: number;
  };
  impact: {
    /** Folders (relative to the standards repository) of repositories to preview a change on; `dir/*` means each subfolder. */
    corpus: string[];
  };
}

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'standards-bot organisation settings',
  type: 'object',
  additionalProperties: false,
  required: ['organisation', 'repository', 'proposal_process'],
  properties: {
    organisation: { type: 'string', minLength: 1 },
    repository: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'default_branch'],
      properties: {
        url: { type: 'string', format: 'uri', pattern: '^https?://[^/]+/[^/]+/[^/]+?/?$', 'x-hint': 'use the repository web URL, such as https://github.com/acme/standards' },
        default_branch: { type: 'string', minLength: 1 },
      },
    },
    proposal_process: { type: 'string', minLength: 1, description: 'Path in the standards repository, such as CONTRIBUTING.md#proposing-a-standard' },
    docs: { type: 'string', minLength: 1, description: 'Path of the generated catalogue; default STANDARDS.md' },
    exemptions: {
      type: 'object',
      additionalProperties: false,
      properties: {
        max_days: { type: 'integer', minimum: 1, description: 'Longest an exemption may run; default 365.' },
        warn_days: { type: 'integer', minimum: 0, description: 'Warn this many days before an exemption expires; default 30.' },
      },
    },
    governance: {
      type: 'object',
      additionalProperties: false,
      properties: {
        group: { type: 'string', pattern: '^@[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$', 'x-hint': 'a team handle such as @acme/standards-council' },
        platform_team: {
          type: 'string',
          pattern: '^@[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$',
          'x-hint': 'a team handle such as @acme/platform-guild',
          description: 'The team that keeps this repository: owns teams.yaml and the settings in the generated CODEOWNERS; default: group.',
        },
        notice_days: { type: 'integer', minimum: 0, description: 'Days of notice a major change gives through enforce_from; default 14.' },
      },
    },
    impact: {
      type: 'object',
      additionalProperties: false,
      properties: { corpus: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Repository folders to preview changes on; dir/* means each subfolder.' } },
    },
  },
};

export function parseConfig(text: string, file = CONFIG_FILE): OrgConfig {
  const yaml = parseYamlFile(file, text, { standards: true });
  if (yaml.syntaxErrors.length) throw new ConfigError(yaml.syntaxErrors);
  const diagnostics = validateAgainst(configSchema, yaml.value ?? {}, yaml);
  if (diagnostics.length) throw new ConfigError(diagnostics);
  const config = yaml.value as Omit<OrgConfig, 'exemptions' | 'governance' | 'impact'> & {
    exemptions?: Partial<OrgConfig['exemptions']>;
    governance?: Partial<OrgConfig['governance']>;
    impact?: Partial<OrgConfig['impact']>;
  };
  return {
    ...config,
    repository: { ...config.repository, url: config.repository.url.replace(/\/+$/, '') },
    docs: config.docs ?? 'STANDARDS.md',
    exemptions: { max_days: config.exemptions?.max_days ?? 365, warn_days: config.exemptions?.warn_days ?? 30 },
    governance: { group: config.governance?.group, platform_team: config.governance?.platform_team ?? config.governance?.group, notice_days: config.governance?.notice_days ?? 14 },
    impact: { corpus: config.impact?.corpus ?? [] },
  };
}

export async function loadConfig(root: string): Promise<OrgConfig> {
  let text: string;
  try {
    text = await readText(root, CONFIG_FILE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new ConfigError([{ file: CONFIG_FILE, line: 1, column: 1, field: '', message: `not found in ${root}; the standards repository needs one (see README: "Organisation settings")` }]);
  }
  return parseConfig(text);
}
