import { describe, expect, test } from 'vitest';
import { ConfigError, formatDiagnostic } from '../diagnostics.ts';
import { parseTeams } from './teams.ts';

function errors(text: string): string[] {
  try {
    parseTeams(text);
  } catch (error) {
    if (error instanceof ConfigError) return error.diagnostics.map(formatDiagnostic);
    throw error;
  }
  throw new Error('expected teams.yaml to be rejected');
}

const TEAM = '    slack: "#payments"\n    oncall: pagerduty:P1\n';

describe('teams.yaml is validated like rule files, with file:line errors', () => {
  test.each([
    ['a handle that is not @org/team', `teams:\n  "payments":\n${TEAM}`, 'teams.yaml:2:3: teams.payments: "payments" is not a team handle; use @org/team, such as @acme/payments'],
    ['a Slack channel without #', 'teams:\n  "@acme/payments":\n    slack: payments\n    oncall: pagerduty:P1\n', 'teams.yaml:3:12: teams.@acme/payments.slack: "payments" is not allowed; a Slack channel such as #team-payments'],
    ['an on-call reference of unknown kind', 'teams:\n  "@acme/payments":\n    slack: "#p"\n    oncall: phone\n', 'teams.yaml:4:13: teams.@acme/payments.oncall: "phone" is not allowed; a schedule reference such as pagerduty:P1ABCDE or opsgenie:payments, or none:reason'],
    ['a missing on-call reference', 'teams:\n  "@acme/payments":\n    slack: "#p"\n', 'teams.yaml:3:5: teams.@acme/payments: missing required field "oncall"'],
    ['a misspelt field', `teams:\n  "@acme/payments":\n${TEAM}    maintainer: [alice]\n`, 'teams.yaml:5:5: teams.@acme/payments.maintainer: unknown field "maintainer" (did you mean "maintainers"?); allowed fields: name, slack, oncall, maintainers'],
    ['a maintainer written with @', `teams:\n  "@acme/payments":\n${TEAM}    maintainers: ["@alice"]\n`, 'teams.yaml:5:19: teams.@acme/payments.maintainers[0]: "@alice" is not allowed; GitHub usernames without the @'],
    ['a team listed twice', `teams:\n  "@acme/payments":\n${TEAM}  "@acme/payments":\n${TEAM}`, 'teams.yaml:5:3: invalid YAML: Map keys must be unique'],
  ])('%s', (_name, text, expected) => {
    expect(errors(text)[0]).toBe(expected);
  });
});

test('lookups: by handle (case-insensitively) and by Backstage owner reference', () => {
  const teams = parseTeams(`teams:\n  "@acme/payments":\n${TEAM}    maintainers: [alice]\n`);
  expect(teams.get('@ACME/Payments')).toMatchObject({ handle: '@acme/payments', maintainers: ['alice'], line: 2 });
  for (const ref of ['group:default/payments', 'group:payments', 'payments', '@acme/payments']) expect(teams.forCatalogOwner(ref)?.handle).toBe('@acme/payments');
  expect(teams.forCatalogOwner('group:refunds')).toBeUndefined();
});

test('two handles that differ only by case are refused, naming both lines', () => {
  const text = 'teams:\n  "@acme/payments":\n    slack: "#payments"\n    oncall: pagerduty:P1\n  "@acme/Payments":\n    slack: "#pay"\n    oncall: none:no rotation yet\n';
  expect(() => parseTeams(text)).toThrow(/teams\.yaml:5:3: teams\.@acme\/Payments: "@acme\/Payments" is the team "@acme\/payments" again \(line 2\): GitHub handles ignore case; keep one entry/);
});

test('a user: owner reference never names a team, even one with that name', () => {
  const teams = parseTeams('teams:\n  "@acme/payments":\n    slack: "#payments"\n    oncall: pagerduty:P1\n');
  expect(teams.forCatalogOwner('group:payments')?.handle).toBe('@acme/payments');
  expect(teams.forCatalogOwner('payments')?.handle).toBe('@acme/payments');
  expect(teams.forCatalogOwner('user:payments')).toBeUndefined();
});
