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

test('exempted and pre-existing findings are collapsed, under their standards', () => {
  const md = renderMarkdown(
    report([
      finding({ exemption: { id: 'EX-0004', expires: '2027-01-31', approved_by: 'alice' } }),
      finding({ pre_existing: true, message: 'old | debt' }),
    ]),
  );
  expect(md).toContain('## ✅ Standards: passing');
  expect(md).toContain('<details><summary>Exempted (1)</summary>\n\n**STD-0001** T\n\n- `a.ts:3`: m _(exempted by EX-0004 until 2027-01-31, approved by alice)_\n');
  expect(md).toContain('<details><summary>Pre-existing: already true at base, not failing this change (1)</summary>\n\n**STD-0001** T\n\n- `a.ts:3`: old `|` debt\n');
  expect(md).toContain('- **STD-0009** PR title: needs pull request metadata');
  expect(md).toContain('No findings: this change meets every standard that applies to it.');
});

test('a finding\'s snippet (the YAML to add) is a code block under it', () => {
  const md = renderMarkdown(report([finding({ message: 'no runbook; add:\n    metadata:\n      links: []' })]));
  expect(md).toContain('- `a.ts:3`: no runbook; add:\n\n  ```\n  metadata:\n    links: []\n  ```\n');
});

test('a budget keeps whole findings, failing first, and counts the rest', () => {
  const many = Array.from({ length: 300 }, (_, i) => finding({ message: `finding ${i} ${'x'.repeat(100)}`, line: i + 1, severity: i < 200 ? 'fail' : 'warn' }));
  const md = renderMarkdown({ ...report(many), verdict: 'fail' }, { budget: { limit: 10_000, unit: 'chars', elsewhere: 'the check run' } });
  expect(md.length).toBeLessThanOrEqual(10_000);
  const listed = md.match(/^- `a\.ts:\d+`/gm)!.length;
  expect(md).toContain(`**…and ${300 - listed} more findings (${200 - listed} failing, 100 warnings) that did not fit here: see the check run.**`);
  expect(md.trimEnd().endsWith('</sub>')).toBe(true);
});

test('a byte budget counts bytes, as a step summary does', () => {
  const wide = Array.from({ length: 100 }, (_, i) => finding({ message: `é€ ${'✓'.repeat(50)}`, line: i + 1 }));
  const md = renderMarkdown(report(wide), { budget: { limit: 5_000, unit: 'bytes', elsewhere: 'the log' } });
  expect(Buffer.byteLength(md)).toBeLessThanOrEqual(5_000);
  expect(md).toContain('more findings');
});

test('text shows who approved an exemption and until when, one line per finding', () => {
  const text = renderText(report([finding({ exemption: { id: 'EX-0004', expires: '2027-01-31', approved_by: 'alice' } })]), { color: false });
  expect(text).toContain('Exempted (1)\n  STD-0001 a.ts:3  m (EX-0004, approved by alice, until 2027-01-31)\n');
});

test('the JSON report in pieces is exactly JSON.stringify(report, null, 2)', async () => {
  const { jsonChunks } = await import('./json.ts');
  const full = report([finding({ message: 'a\nb "q"', file: 'x y.ts', line: 2 }), finding({ exemption: { id: 'EX-0001', expires: '2027-01-01', approved_by: 'pat' } })]);
  expect([...jsonChunks(full)].join('')).toBe(`${JSON.stringify(full, null, 2)}\n`);
  const empty = report([]);
  expect([...jsonChunks(empty)].join('')).toBe(`${JSON.stringify(empty, null, 2)}\n`);
  // Across the chunks findings are stringified in.
  const many = report(Array.from({ length: 600 }, (_, i) => finding({ file: `src/${i}.ts`, line: i })));
  expect([...jsonChunks(many)].join('')).toBe(`${JSON.stringify(many, null, 2)}\n`);
});

test('a standard with more findings than a call takes arguments renders as text and within a budget', () => {
  // Spread into push or Math.max, 200,000 findings overflowed the stack.
  const many = Array.from({ length: 200_000 }, (_, i) => finding({ standard: 'STD-0002', file: `f${i}.ts`, line: 1 }));
  const text = renderText({ ...report(many), verdict: 'fail' }, { color: false });
  expect(text).toContain('f199999.ts:1');
  // The first standard fills the budget, so the second's findings are counted all at once.
  const first = Array.from({ length: 5_000 }, (_, i) => finding({ file: `g${i}.ts` }));
  const md = renderMarkdown({ ...report([...first, ...many]), verdict: 'fail' }, { budget: { limit: 10_000, unit: 'chars', elsewhere: 'the check run' } });
  expect(md.length).toBeLessThanOrEqual(10_000);
  expect(md).toMatch(/20[45],\d{3} more findings/);
  expect(md).not.toContain('STD-0002');
});
