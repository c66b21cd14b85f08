import { expect, test } from 'vitest';
import type { Finding, Report } from '../engine/finding.ts';
import { cell, renderMarkdown } from './markdown.ts';
import { renderText } from './text.ts';

function finding(overrides: Partial<Finding>): Finding {
  return {
    standard: 'STD-0001',
    title: 'T',
    severity: 'fail',
    message: 'm',
    remediation: 'Fix it.\n\nMore detail.',
    file: 'a.ts',
    line: 3,
    links: { standard: 'https://s', propose: 'https://p', exemption: 'https://e' },
    pre_existing: false,
    exemption: null,
    check: 'forbidden-content',
    message_id: 'forbidden',
    notes: [],
    ...overrides,
  };
}

function report(findings: Finding[]): Report {
  return {
    verdict: 'pass',
    summary: { fail: 0, warn: 0, info: 0, exempted: 1, pre_existing: 1 },
    findings,
    skipped: [{ standard: 'STD-0009', title: 'PR title', reason: 'needs pull request metadata' }],
    facts: {},
    exemptions: { applied: [], expired: [], expiring: [], unused: [] },
    notices: [],
    context: { mode: 'diff', repository: 'acme/web', base: 'main', head: 'HEAD', date: '2026-11-26', standards: 3 },
  };
}

test.each([
  ['a | b', 'a \\| b'],
  ['<script>', '&lt;script&gt;'],
  ['line\nbreak', 'line<br>break'],
  ['add:\n  owner: x', 'add:<br>&nbsp;&nbsp;owner: x'],
  ['back\\slash', 'back\\\\slash'],
])('cell(%j) → %j', (input, expected) => {
  expect(cell(input)).toBe(expected);
});

test('exempted and pre-existing findings are collapsed, not in the main table', () => {
  const md = renderMarkdown(
    report([
      finding({ exemption: { id: 'EX-0004', expires: '2027-01-31', approved_by: 'alice' } }),
      finding({ pre_existing: true, message: 'old | debt' }),
    ]),
  );
  expect(md).toContain('## ✅ Standards: passing');
  expect(md).toContain('<details><summary>Exempted (1)</summary>');
  expect(md).toContain('_(exempted by EX-0004 until 2027-01-31)_');
  expect(md).toContain('<details><summary>Pre-existing: already true at base, not failing this change (1)</summary>');
  expect(md).toContain('| old \\| debt |');
  expect(md).toContain('- **STD-0009** PR title: needs pull request metadata');
  expect(md).toContain('No findings: this change meets every standard that applies to it.');
});

test('text shows who approved an exemption and until when', () => {
  const text = renderText(report([finding({ exemption: { id: 'EX-0004', expires: '2027-01-31', approved_by: 'alice' } })]), { color: false });
  expect(text).toContain('Exempted (1)\n  ✖ STD-0001 T [exempted]\n    a.ts:3: m\n    exempted by EX-0004, approved by alice, until 2027-01-31\n    how to fix: Fix it.\n');
});

test('the JSON report in pieces is exactly JSON.stringify(report, null, 2)', async () => {
  const { jsonChunks } = await import('./json.ts');
  const full = report([finding({ message: 'a\nb "q"', file: 'x y.ts', line: 2 }), finding({ exemption: { id: 'EX-0001', expires: '2027-01-01', approved_by: 'pat' } })]);
  expect([...jsonChunks(full)].join('')).toBe(`${JSON.stringify(full, null, 2)}\n`);
  const empty = report([]);
  expect([...jsonChunks(empty)].join('')).toBe(`${JSON.stringify(empty, null, 2)}\n`);
});
