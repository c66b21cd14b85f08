import { describe, expect, test } from 'vitest';
import { changeSet, fileChange, scanOf } from '../../test/helpers/changes.ts';
import { standards as loadRules, testConfig } from '../../test/helpers/standards.ts';
import type { ChangeSet } from '../changeset.ts';
import type { Exemption } from '../standards/exemptions.ts';
import { evaluate } from './evaluate.ts';

const [secrets] = loadRules({ id: 'STD-0003', applies_to: '\n  paths: ["**/.env", "**/*.pem"]' });

function exemption(fields: Partial<Exemption> = {}): Exemption {
  return {
    id: 'EX-0004',
    standard: 'STD-0003',
    repos: ['acme/web'],
    reason: 'Test fixtures need a throwaway key.',
    approved_by: 'sam',
    created: '2026-10-01',
    expires: '2027-01-31',
    file: 'exemptions/EX-0004.yaml',
    ...fields,
  };
}

const pr = () => changeSet({ repository: 'acme/web', files: [fileChange('.env'), fileChange('test/fixtures/key.pem')] });
const run = (exemptions: Exemption[], today = '2026-11-26', cs: ChangeSet = pr()) => evaluate([secrets!], cs, { config: testConfig, today, exemptions });

describe('exemptions in the engine', () => {
  test('an active, matching exemption exempts: reported, counted, not failing', async () => {
    const report = await run([exemption()]);
    expect(report.findings.map((f) => [f.file, f.exemption])).toEqual([
      ['.env', { id: 'EX-0004', expires: '2027-01-31', approved_by: 'sam' }],
      ['test/fixtures/key.pem', { id: 'EX-0004', expires: '2027-01-31', approved_by: 'sam' }],
    ]);
    expect(report.summary).toMatchObject({ fail: 0, exempted: 2 });
    expect(report.verdict).toBe('pass');
    expect(report.exemptions.applied).toEqual([{ id: 'EX-0004', standard: 'STD-0003', findings: 2 }]);
  });

  test('path-scoped: only the paths it names', async () => {
    const report = await run([exemption({ paths: ['test/fixtures/**'] })]);
    expect(report.findings.map((f) => [f.file, f.exemption?.id ?? null])).toEqual([
      ['.env', null],
      ['test/fixtures/key.pem', 'EX-0004'],
    ]);
    expect(report.verdict).toBe('fail');
  });

  test.each([
    { repos: ['acme/other'], exempted: 0 },
    { repos: ['acme/*'], exempted: 2 },
    { repos: ['ACME/Web'], exempted: 2 },
  ])('repo-scoped: $repos exempts $exempted', async ({ repos, exempted }) => {
    expect((await run([exemption({ repos })])).summary.exempted).toBe(exempted);
  });

  test('another standard\'s exemption does not apply', async () => {
    expect((await run([exemption({ standard: 'STD-0099' })])).summary.exempted).toBe(0);
  });

  test('an unknown repository cannot be matched, so nothing is exempted', async () => {
    const cs = { ...pr(), repository: undefined };
    expect((await run([exemption({ repos: ['*/*'] })], '2026-11-26', cs)).summary.exempted).toBe(0);
  });

  test.each([
    { today: '2027-01-31', exempted: true, note: undefined },
    { today: '2027-02-01', exempted: false, note: 'exemption EX-0004 expired on 2027-01-31' },
  ])('on $today the exemption expiring 2027-01-31 exempts: $exempted', async ({ today, exempted, note }) => {
    const report = await run([exemption()], today);
    const [finding] = report.findings.filter((f) => f.message_id === 'forbidden');
    expect(finding!.exemption !== null).toBe(exempted);
    if (note) {
      expect(finding!.message).toBe(`.env must not be committed (added here) (${note})`);
      expect(report.verdict).toBe('fail');
      expect(report.exemptions.expired).toEqual([{ id: 'EX-0004', standard: 'STD-0003', expired_on: '2027-01-31', findings: 2 }]);
    }
  });

  test.each([
    { today: '2027-01-01', warns: true, days: 30 },
    { today: '2026-12-31', warns: false, days: 31 },
    { today: '2027-01-31', warns: true, days: 0 },
  ])('$days days before expiry it warns: $warns', async ({ today, warns }) => {
    const report = await run([exemption()], today);
    const warning = report.findings.find((f) => f.message_id === 'exemption-expiring');
    expect(Boolean(warning)).toBe(warns);
    if (warning) {
      expect(warning.severity).toBe('warn');
      expect(warning.message).toMatch(/^exemption EX-0004 \(approved by sam\) expires on 2027-01-31, in \d+ days?: fix what it covers, or renew it in exemptions\/EX-0004\.yaml$/);
      expect(report.verdict).toBe('pass');
    }
  });

  test('a scan lists exemptions for the repository that matched nothing as unused', async () => {
    const cs = { ...scanOf({ 'src/a.ts': '' }), repository: 'acme/web' };
    const report = await run([exemption(), exemption({ id: 'EX-0005', repos: ['acme/other'] })], '2026-11-26', cs);
    expect(report.exemptions.unused).toEqual([{ id: 'EX-0004', standard: 'STD-0003' }]);
  });

  test('the exemption link offers the next free id', async () => {
    const report = await run([exemption({ repos: ['acme/other'] })]);
    expect(new URL(report.findings[0]!.links.exemption).searchParams.get('filename')).toBe('exemptions/EX-0005.yaml');
  });
});
