import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { standards as loadRules, testConfig } from '../../test/helpers/standards.ts';
import { ConfigError, formatDiagnostic } from '../diagnostics.ts';
import { exemptionDraft } from '../engine/links.ts';
import { exemptionSchema, exemptionStatus, exemptionsFromTexts, nextExemptionId } from './exemptions.ts';
import { parseTeams } from './teams.ts';
import { createAjv } from './validate.ts';


const teams = parseTeams('teams:\n  "@acme/platform-guild":\n    slack: "#p"\n    oncall: none:x\n    maintainers: [ana]\n  "@acme/payments":\n    slack: "#pay"\n    oncall: pagerduty:P1\n');
const rules = loadRules({ id: 'STD-0001', status: 'superseded', superseded_by: 'STD-0002' }, { id: 'STD-0002' });

function exemptionYaml(fields: Record<string, string>): string {
  const defaults: Record<string, string> = {
    id: 'EX-0001',
    standard: 'STD-0002',
    repos: '[acme/web]',
    reason: 'The migration to the new layout lands next quarter.',
    requested_by: '"@acme/payments"',
    approved_by: 'ana',
    created: '2026-11-01',
    expires: '2027-01-31',
  };
  return Object.entries({ ...defaults, ...fields })
    .filter(([, v]) => v !== '<absent>')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')
    .concat('\n');
}

function errorsOf(files: { file: string; text: string }[]): string[] {
  try {
    exemptionsFromTexts(files, rules, teams, testConfig);
  } catch (error) {
    if (error instanceof ConfigError) return error.diagnostics.map(formatDiagnostic);
    throw error;
  }
  throw new Error('expected the exemptions to be rejected');
}

const FILE = 'exemptions/EX-0001.yaml';

// Lines follow exemptionYaml's field order: id 1, standard 2, repos 3, reason 4, requested_by 5,
// approved_by 6, created 7, expires 8; added fields follow.
describe('malformed exemption files name the file, line and column', () => {
  test.each([
    ['YAML syntax', 'id: EX-0001\nrepos: [acme/web\n', /^exemptions\/EX-0001\.yaml:3:1: invalid YAML: /],
    ['not a mapping', '- EX-0001\n', 'exemptions/EX-0001.yaml:1:1: an exemption file must be a YAML mapping of fields (id, standard, repos, reason, …)'],
    ['missing expiry', exemptionYaml({ expires: '<absent>' }), 'exemptions/EX-0001.yaml:1:1: missing required field "expires"'],
    ['reason too short', exemptionYaml({ reason: 'legacy' }), 'exemptions/EX-0001.yaml:4:9: reason: must be at least 20 characters long'],
    ['bad id', exemptionYaml({ id: 'EXEMPT-1' }), 'exemptions/EX-0001.yaml:1:5: id: "EXEMPT-1" is not allowed; ids look like EX-0042: "EX-" and four digits, never reused'],
    ['repo without owner', exemptionYaml({ repos: '[web]' }), 'exemptions/EX-0001.yaml:3:9: repos[0]: "web" is not allowed; repositories are owner/name, or a glob such as acme/*'],
    ['impossible date', exemptionYaml({ expires: '2027-02-29' }), 'exemptions/EX-0001.yaml:8:10: expires: "2027-02-29" is not a valid date; use YYYY-MM-DD, for example 2027-01-31'],
    ['unknown field', exemptionYaml({ approver: 'ana' }), 'exemptions/EX-0001.yaml:9:1: approver: unknown field "approver"; allowed fields: id, standard, repos, paths, reason, requested_by, approved_by, created, expires, ticket'],
    ['ticket that is not a URL', exemptionYaml({ ticket: 'PAY-1' }), 'exemptions/EX-0001.yaml:9:9: ticket: "PAY-1" is not allowed; a link to the tracking ticket'],
    ['bad path glob', exemptionYaml({ paths: '["/legacy/**"]' }), 'exemptions/EX-0001.yaml:9:9: paths[0]: "/legacy/**" starts with "/"; globs are relative to the repository root, write "legacy/**"'],
    ['unknown standard', exemptionYaml({ standard: 'STD-0404' }), 'exemptions/EX-0001.yaml:2:11: standard: STD-0404 is not a standard; known: STD-0001, STD-0002'],
    ['superseded standard', exemptionYaml({ standard: 'STD-0001' }), 'exemptions/EX-0001.yaml:2:11: standard: STD-0001 is superseded by STD-0002 and no longer evaluated; exempt from STD-0002 instead'],
    ['approver not a maintainer of the owner team', exemptionYaml({ approved_by: 'mallory' }), 'exemptions/EX-0001.yaml:6:14: approved_by: mallory is not a maintainer of @acme/platform-guild, which owns STD-0002; maintainers: ana'],
    ['requesting team unknown', exemptionYaml({ requested_by: '"@acme/nobody"' }), 'exemptions/EX-0001.yaml:5:15: requested_by: @acme/nobody is not a team in teams.yaml'],
    ['longer than max_days', exemptionYaml({ expires: '2027-11-02' }), 'exemptions/EX-0001.yaml:8:10: expires: 2027-11-02 is 366 days after created; exemptions last at most 365 days (latest: 2027-11-01)'],
    ['already expired when created', exemptionYaml({ expires: '2026-10-31' }), 'exemptions/EX-0001.yaml:8:10: expires: 2026-10-31 is before created (2026-11-01): the exemption was already expired when created'],
  ])('%s', (_name, text, expected) => {
    const errors = errorsOf([{ file: FILE, text }]);
    expect(errors).toHaveLength(1);
    if (typeof expected === 'string') expect(errors[0]).toBe(expected);
    else expect(errors[0]).toMatch(expected);
  });

  test('a duplicate id names both files', () => {
    expect(errorsOf([{ file: 'exemptions/a.yaml', text: exemptionYaml({}) }, { file: 'exemptions/b.yaml', text: exemptionYaml({}) }])).toEqual([
      'exemptions/b.yaml:1:5: id: duplicate id EX-0001, already used by exemptions/a.yaml:1:5; take the next free number',
    ]);
  });

  test('exactly max_days is allowed, and @ on the approver is optional', () => {
    const [exemption] = exemptionsFromTexts([{ file: FILE, text: exemptionYaml({ expires: '2027-11-01', approved_by: '"@ana"' }) }], rules, teams, testConfig);
    expect(exemption).toMatchObject({ expires: '2027-11-01', approved_by: 'ana' });
  });
});

describe('the prefilled "request an exemption" draft', () => {
  const ajv = createAjv();
  const validate = ajv.compile(exemptionSchema);
  const draftText = exemptionDraft({ id: 'STD-0002', title: 'Required files', owner: '@acme/platform-guild' }, { repository: 'acme/web', paths: ['src/a b.ts'], today: '2026-11-26', exemptionId: 'EX-0007' });

  test('is not valid as it stands: the blanks must be filled', () => {
    expect(validate(parse(draftText))).toBe(false);
  });

  test('passes the schema and validation once reason, approver and dates are filled in', () => {
    const filled = draftText
      .replace(/^reason: .*$/m, 'reason: Vendor SDK needs this layout until v3 ships.')
      .replace(/^approved_by: .*$/m, 'approved_by: ana')
      .replace(/^expires: .*$/m, 'expires: 2027-02-28');
    expect(validate(parse(filled)), JSON.stringify(validate.errors)).toBe(true);
    const [exemption] = exemptionsFromTexts([{ file: 'exemptions/EX-0007.yaml', text: filled }], rules, teams, testConfig);
    expect(exemption).toMatchObject({ id: 'EX-0007', standard: 'STD-0002', repos: ['acme/web'], paths: ['src/a b.ts'], created: '2026-11-26' });
  });
});

test.each([
  ['2027-01-31', '2026-11-26', 'active'],
  ['2026-12-26', '2026-11-26', 'expiring'],
  ['2026-12-27', '2026-11-26', 'active'],
  ['2026-11-26', '2026-11-26', 'expiring'],
  ['2026-11-25', '2026-11-26', 'expired'],
])('an exemption expiring %s is %s on %s… (warn_days 30)', (expires, today, status) => {
  expect(exemptionStatus({ expires }, today, 30)).toBe(status);
});

test('nextExemptionId takes one past the highest', () => {
  expect(nextExemptionId([])).toBe('EX-0001');
  expect(nextExemptionId([{ id: 'EX-0004' }, { id: 'EX-0002' }])).toBe('EX-0005');
});
