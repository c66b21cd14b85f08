import { describe, expect, test } from 'vitest';
import type { Finding, Report } from '../engine/finding.ts';
import { digestReport } from './data.ts';

const finding = (standard: string, extra: Partial<Finding> = {}) => ({ standard, message_id: 'x', exemption: null, ...extra }) as Finding;

function report(findings: Finding[], extra: Partial<Report> = {}): Report {
  return {
    verdict: 'fail',
    summary: { fail: findings.length, warn: 0, info: 0, exempted: 0, pre_existing: 0 },
    findings,
    skipped: [],
    facts: {},
    exemptions: { applied: [], expired: [], expiring: [], unused: [] },
    notices: [],
    context: { mode: 'scan', repository: 'acme/web', base: '', head: 'HEAD', date: '2026-11-26', standards: 19 },
    ...extra,
  };
}

describe('digestReport', () => {
  test.each<{ name: string; findings: Finding[]; divergence: Record<string, number> }>([
    { name: 'findings counted per standard', findings: [finding('STD-0001'), finding('STD-0002'), finding('STD-0001')], divergence: { 'STD-0001': 2, 'STD-0002': 1 } },
    { name: 'an exempted finding is not divergence', findings: [finding('STD-0001', { exemption: { id: 'EX-0001' } as Finding['exemption'] }), finding('STD-0001')], divergence: { 'STD-0001': 1 } },
    { name: "an exemption's own notice is not divergence", findings: [finding('STD-0001', { message_id: 'exemption-expiring' })], divergence: {} },
    { name: 'no findings', findings: [], divergence: {} },
    { name: 'a standard named like a prototype is a key like any other', findings: [finding('__proto__'), finding('constructor')], divergence: { ['__proto__']: 1, constructor: 1 } },
  ])('$name', ({ findings, divergence }) => {
    expect(digestReport(report(findings)).divergence).toEqual(divergence);
  });

  test('keeps the summary, the exemptions used and the deprecated languages, and nothing of each finding', () => {
    const deprecated = { PHP: { files: 12, sunset: '2027-06-30', standard: 'STD-0010' } };
    const digest = digestReport(report([finding('STD-0010', { message: 'x'.repeat(10_000) })], { facts: { language: { files: { PHP: 12 }, deprecated } } }));
    expect(digest).toEqual({
      repository: 'acme/web',
      summary: { fail: 1, warn: 0, info: 0, exempted: 0, pre_existing: 0 },
      exemptions: { applied: [], expired: [], expiring: [], unused: [] },
      divergence: { 'STD-0010': 1 },
      deprecatedLanguages: deprecated,
    });
  });

  test('a report from before facts and exemptions were written, and one with no repository name', () => {
    const old = { ...report([]), facts: undefined, exemptions: undefined, context: { ...report([]).context, repository: null } } as unknown as Report;
    expect(digestReport(old)).toMatchObject({ repository: '(unnamed)', exemptions: { applied: [], expired: [], expiring: [], unused: [] }, deprecatedLanguages: {} });
  });
});
