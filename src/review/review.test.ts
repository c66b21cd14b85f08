import { describe, expect, test } from 'vitest';
import { standard, testConfig } from '../../test/helpers/standards.ts';
import { TeamRegistry, parseTeams } from '../standards/teams.ts';
import { approvers, classifyStandard } from './review.ts';
import { compareStrictness } from './strictness.ts';

const base = standard({
  severity: 'warn',
  enforce_from: '2027-01-01',
  check: '\n  type: dependencies\n  deny:\n    - { name: moment, reason: heavy }\n  allow: [react, vue]',
});
const variant = (fields: Record<string, string>) => standard({ severity: 'warn', enforce_from: '2027-01-01', check: '\n  type: dependencies\n  deny:\n    - { name: moment, reason: heavy }\n  allow: [react, vue]', ...fields });

describe('rigour levels', () => {
  test.each([
    { name: 'wording only', after: () => variant({ rationale: 'A better explanation of why.' }), level: 'minor', summary: 'rationale edited' },
    { name: 'review date and tags (metadata)', after: () => variant({ review_by: '2028-01-31', tags: '[x]' }), level: 'minor', summary: 'tags, review_by edited' },
    { name: 'a looser check (allow-list grows)', after: () => variant({ check: '\n  type: dependencies\n  deny:\n    - { name: moment, reason: heavy }\n  allow: [react, vue, svelte]' }), level: 'moderate', summary: 'looser check or narrower scope' },
    { name: 'a lowered severity', after: () => variant({ severity: 'info' }), level: 'moderate', summary: 'severity lowered from warn to info' },
    { name: 'a stricter check (deny list grows)', after: () => variant({ check: '\n  type: dependencies\n  deny:\n    - { name: moment, reason: heavy }\n    - { name: left-pad, reason: tiny }\n  allow: [react, vue]' }), level: 'major', summary: 'stricter check or wider scope' },
    { name: 'a raised severity', after: () => variant({ severity: 'fail' }), level: 'major', summary: 'severity raised from warn to fail' },
    { name: 'an earlier enforce_from', after: () => variant({ enforce_from: '2026-12-01' }), level: 'major', summary: 'enforce_from brought forward to 2026-12-01' },
    { name: 'a later enforce_from', after: () => variant({ enforce_from: '2027-06-01' }), level: 'moderate', summary: 'enforce_from moved to 2027-06-01' },
    { name: 'a narrower scope (a new exclusion)', after: () => variant({ applies_to: '\n  paths: ["**"]\n  exclude: ["legacy/**"]' }), level: 'moderate', summary: 'looser check or narrower scope' },
    { name: 'the default scope spelled out', after: () => variant({ applies_to: '\n  paths: ["**"]' }), level: 'minor', summary: undefined },
  ])('$name → $level', ({ after, level, summary }) => {
    const change = classifyStandard(base, after());
    if (summary === undefined) {
      // applies_to defaults to ["**"]: spelling out the default changes nothing.
      expect(change).toBeUndefined();
      return;
    }
    expect(change).toMatchObject({ subject: 'STD-0100', level, summary });
  });

  test.each([
    { severity: 'fail', level: 'major' },
    { severity: 'warn', level: 'moderate' },
    { severity: 'info', level: 'moderate' },
  ])('a new $severity standard is $level', ({ severity, level }) => {
    expect(classifyStandard(undefined, variant({ severity }))).toMatchObject({ level, summary: `new ${severity} standard (active)` });
  });

  test('approvers grow with the level', () => {
    const teams = parseTeams('teams:\n  "@acme/platform-guild":\n    slack: "#p"\n    oncall: none:x\n    maintainers: [ana, ben]\n');
    const config = { ...testConfig, governance: { group: '@acme/standards-council', notice_days: 14 } };
    expect(approvers({ subject: 'x', summary: '', level: 'minor', owner: '@acme/platform-guild' }, teams, config)).toBe('@acme/platform-guild');
    expect(approvers({ subject: 'x', summary: '', level: 'moderate', owner: '@acme/platform-guild' }, teams, config)).toBe('maintainers of @acme/platform-guild (ana, ben)');
    expect(approvers({ subject: 'x', summary: '', level: 'major', owner: '@acme/platform-guild' }, TeamRegistry.empty(), config)).toBe('@acme/platform-guild and @acme/standards-council');
  });
});

describe('strictness of options', () => {
  const check = (options: string) => standard({ check: `\n  type: pr-size\n${options}` });
  test.each([
    ['  max_lines: 600', '  max_lines: 400', 'stricter'],
    ['  max_lines: 600', '  max_lines: 800', 'looser'],
    ['  max_lines: 600', '  max_lines: 600\n  count: additions', 'changed'],
  ])('%s → %s is %s', (before, after, direction) => {
    expect(compareStrictness(check(before), check(after))).toBe(direction);
  });

  test('a new deprecated language is stricter; exclusions that grow are looser', () => {
    const language = (deprecated: string, exclude?: string) => standard({ applies_to: `\n  paths: ["**"]${exclude ? `\n  exclude: ${exclude}` : ''}`, check: `\n  type: language\n  deprecated:\n${deprecated}` });
    expect(compareStrictness(language('    PHP: { sunset: 2027-06-30 }'), language('    PHP: { sunset: 2027-06-30 }\n    Perl: { sunset: 2027-06-30 }'))).toBe('stricter');
    expect(compareStrictness(language('    PHP: { sunset: 2027-06-30 }'), language('    PHP: { sunset: 2027-06-30 }', '["legacy/**"]'))).toBe('looser');
  });
});
