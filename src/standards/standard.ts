import type { Severity } from '../checks/types.ts';

export type StandardStatus = 'proposed' | 'active' | 'deprecated' | 'superseded';

export interface CheckConfig {
  type: string;
  [option: string]: unknown;
}

export interface Standard {
  id: string;
  title: string;
  owner: string;
  status: StandardStatus;
  superseded_by?: string;
  severity: Severity;
  enforce_from?: string;
  review_by: string;
  rationale: string;
  remediation: string;
  applies_to: { paths: string[]; exclude: string[] };
  check: CheckConfig;
  tags: string[];
  /** Tiny change sets that must pass and must fail: the standard's own tests. */
  examples?: { pass?: StandardExample[]; fail?: StandardExample[] };
  /** Where the rule lives, relative to the standards repository root, with forward slashes. */
  file: string;
}

export interface StandardExample {
  name?: string;
  /** Files at head: added, or modified when `base` has them. */
  files?: Record<string, string>;
  /** Files at base, also at head unless changed or deleted. */
  base?: Record<string, string>;
  deleted?: string[];
  pr?: { title?: string; body?: string; labels?: string[]; draft?: boolean };
  repository?: string;
  /** For failing examples: how many findings, and text each message must contain. */
  expect?: { count?: number; messages?: string[] };
}

export const STANDARD_ID = '^STD-[0-9]{4}$';
export const TEAM_HANDLE = '^@[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$';
export const STATUSES: readonly StandardStatus[] = ['proposed', 'active', 'deprecated', 'superseded'];
export const SEVERITIES: readonly Severity[] = ['fail', 'warn', 'info'];

const fileMap = { type: 'object', additionalProperties: { type: 'string' } };
const exampleSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    files: { ...fileMap, description: 'Path → content at head (added, or modified when base has it).' },
    base: { ...fileMap, description: 'Path → content at base.' },
    deleted: { type: 'array', items: { type: 'string', minLength: 1 } },
    pr: {
      type: 'object',
      additionalProperties: false,
      properties: { title: { type: 'string' }, body: { type: 'string' }, labels: { type: 'array', items: { type: 'string' } }, draft: { type: 'boolean' } },
    },
    repository: { type: 'string', pattern: '^[^/\\s]+/[^/\\s]+$' },
    expect: {
      type: 'object',
      additionalProperties: false,
      properties: { count: { type: 'integer', minimum: 1 }, messages: { type: 'array', items: { type: 'string', minLength: 1 } } },
    },
  },
};

const globList = (description: string) => ({
  type: 'array',
  minItems: 1,
  items: { type: 'string', minLength: 1 },
  description,
});

/**
 * The rule-file schema without the per-check options; `check` is validated separately against
 * its own type's schema so that its errors name the check type.
 */
export function envelopeSchema(checkTypes: readonly string[]) {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'standards-bot standard',
    description: 'One standard of the organisation, as a rule file under rules/.',
    type: 'object',
    additionalProperties: false,
    required: ['id', 'title', 'owner', 'status', 'severity', 'review_by', 'rationale', 'remediation', 'check'],
    properties: {
      id: {
        type: 'string',
        pattern: STANDARD_ID,
        'x-hint': 'ids look like STD-0042: "STD-" and four digits, never reused',
        description: 'Stable, numbered, never reused.',
      },
      title: { type: 'string', minLength: 3, maxLength: 120 },
      owner: {
        type: 'string',
        pattern: TEAM_HANDLE,
        'x-hint': 'the owner is a team handle such as @acme/platform-guild',
        description: 'The team accountable for this standard.',
      },
      status: { enum: STATUSES, description: 'proposed: reported as info only; deprecated: still evaluated; superseded: not evaluated.' },
      superseded_by: { type: 'string', pattern: STANDARD_ID, 'x-hint': 'name the id of the standard that replaces this one, such as STD-0042' },
      severity: { enum: SEVERITIES },
      enforce_from: { type: 'string', format: 'date', description: 'Before this date a fail standard reports as a warning.' },
      review_by: { type: 'string', format: 'date', description: 'When the owner team next reviews whether this standard still earns its place.' },
      rationale: { type: 'string', minLength: 10, description: 'Markdown: why the standard exists.' },
      remediation: { type: 'string', minLength: 10, description: 'Markdown: how to fix a change that breaks it.' },
      applies_to: {
        type: 'object',
        additionalProperties: false,
        description: 'Which paths the standard judges (minimatch globs, dotfiles included, relative to the repository root).',
        properties: {
          paths: globList('Globs of paths the standard applies to; default everything.'),
          exclude: globList('Globs of paths it never applies to.'),
        },
      },
      tags: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
      examples: {
        type: 'object',
        additionalProperties: false,
        description: 'Change sets this standard must pass and must fail, run by `standards test`.',
        properties: { pass: { type: 'array', items: exampleSchema }, fail: { type: 'array', items: exampleSchema } },
      },
      check: {
        type: 'object',
        required: ['type'],
        properties: { type: { type: 'string', description: `One of: ${checkTypes.join(', ')}` } },
      },
    },
  };
}

/** The schema editors use: the envelope plus each check type's options, chosen by `check.type`. */
export function editorSchema(checks: readonly { type: string; summary: string; options: Record<string, unknown> }[]) {
  const envelope = envelopeSchema(checks.map((c) => c.type));
  const { $schema, ...rest } = envelope;
  return {
    $schema,
    $id: 'https://standards-bot.dev/schema/standard.schema.json',
    ...rest,
    properties: {
      ...envelope.properties,
      check: { ...envelope.properties.check, properties: { type: { enum: checks.map((c) => c.type) } } },
    },
    allOf: checks.map((check) => ({
      if: { properties: { check: { properties: { type: { const: check.type } } } } },
      then: {
        properties: {
          check: {
            description: check.summary,
            ...check.options,
            properties: { type: { const: check.type }, ...(check.options.properties as object) },
          },
        },
      },
    })),
  };
}
