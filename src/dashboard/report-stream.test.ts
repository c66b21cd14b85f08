// A report read as it streams in must digest to exactly what the whole parse gives, and refuse
// what the whole parse refuses. Each case is read both ways: readReports with a streaming threshold
// below 0 bytes streams every file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../../test/helpers/cli.ts';
import type { Finding, Report } from '../engine/finding.ts';
import { readReports } from './build.ts';
import { readJsonFolder } from './json-folder.ts';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'report-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A reports folder holding one file with this text. */
function folderWith(text: string): string {
  const reports = mkdtempSync(join(dir, 'reports-'));
  writeFileSync(join(reports, 'repo.json'), text);
  return reports;
}

const STREAM_ALL = -1;
const PARSE_ALL = Number.MAX_SAFE_INTEGER;

const finding = (standard: string, extra: Partial<Finding> = {}) => ({ standard, message_id: 'x', exemption: null, message: 'm', ...extra }) as Finding;
const summary = { fail: 2, warn: 0, info: 0, exempted: 1, pre_existing: 0 };
const context = { mode: 'scan', repository: 'acme/web', base: 'empty tree', head: 'HEAD', date: '2026-11-26', standards: 19 };

function reportText(findings: unknown, extra: Partial<Record<keyof Report, unknown>> = {}): string {
  return `${JSON.stringify({ verdict: 'fail', summary, findings, skipped: [], facts: {}, exemptions: { applied: [{ id: 'EX-0001', findings: 1 }], expired: [], expiring: [], unused: [] }, notices: [], context, ...extra }, null, 2)}\n`;
}

describe('a report streamed digests as the whole parse does', () => {
  test('a real scan report: this repository scanned with its own standards', { timeout: 60_000 }, async () => {
    const run = await runCli(['scan', '--repo', ROOT, '--format', 'json', '--date', '2026-11-26', '--repo-name', 'acme/standards-bot']);
    expect(run.stderr).toBe('');
    const reports = folderWith(run.stdout);
    const [parsed] = await readReports(reports, PARSE_ALL);
    expect(Object.keys(parsed!.divergence).length).toBeGreaterThan(0);
    expect(await readReports(reports, STREAM_ALL)).toEqual([parsed]);
  });

  test.each([
    { name: 'findings counted per standard; exempted findings and expiry notices not', text: reportText([finding('STD-0001'), finding('STD-0002'), finding('STD-0001', { exemption: { id: 'EX-0001' } as Finding['exemption'] }), finding('STD-0003', { message_id: 'exemption-expiring' })]) },
    { name: 'no findings', text: reportText([]) },
    { name: 'standards named like prototypes', text: reportText([finding('__proto__'), finding('constructor'), finding('toString')]) },
    { name: 'a member named __proto__ in the report', text: reportText([finding('STD-0001')]).replace('"verdict"', '"__proto__": {"findings": 7}, "verdict"') },
    { name: 'deprecated languages in the facts', text: reportText([finding('STD-0010')], { facts: { language: { files: { PHP: 3 }, deprecated: { PHP: { files: 3, sunset: '2027-06-30' } } } } }) },
    { name: 'a report from before facts and exemptions were written, with no repository name', text: JSON.stringify({ verdict: 'pass', summary, findings: [finding('STD-0001')], context: { ...context, repository: null } }) },
    { name: 'findings before the summary, on one line', text: JSON.stringify({ findings: [finding('STD-0004')], context, summary }) },
    { name: 'findings named twice: the last list counts, as in JSON.parse', text: '{"findings": [{"standard": "A"}, {"standard": "A"}], "summary": {}, "context": {}, "findings": [{"standard": "B"}]}' },
    { name: 'findings named twice, the last list empty', text: '{"findings": [{"standard": "A"}], "summary": {}, "context": {}, "findings": []}' },
    { name: 'the summary named twice', text: '{"findings": [], "summary": {"fail": 1}, "context": {}, "summary": {"fail": 2}}' },
  ])('$name', async ({ text }) => {
    const reports = folderWith(text);
    const parsed = await readReports(reports, PARSE_ALL);
    expect(await readReports(reports, STREAM_ALL)).toEqual(parsed);
  });
});

describe('a file that is not a report is refused either way, naming it', () => {
  test.each([
    { name: 'findings that are not a list', text: reportText({ a: finding('STD-0001') }), streamed: /^not a standards report/ },
    { name: 'no findings member', text: JSON.stringify({ summary, context }), streamed: /^not a standards report/ },
    { name: 'no context', text: JSON.stringify({ summary, findings: [] }), streamed: /^not a standards report/ },
    { name: 'a list, not an object', text: '[{"findings": []}]', streamed: /^not a standards report/ },
    { name: 'an empty file', text: '', streamed: /^not a standards report/ },
    { name: 'a finding that is null', text: reportText([finding('STD-0001'), null]), streamed: /^Cannot read properties of null/ },
    { name: 'a file cut short', text: reportText([finding('STD-0001')]).slice(0, 200), streamed: /ended in mid-parsing|ended in the middle/ },
    { name: 'text after the report', text: `${reportText([])}{}`, streamed: /^Unexpected/ },
    { name: 'not JSON', text: 'not json', streamed: /^Unexpected/ },
  ])('$name', async ({ text, streamed }) => {
    const reports = folderWith(text);
    const file = join(reports, 'repo.json');
    await expect(readReports(reports, PARSE_ALL)).rejects.toMatchObject({ diagnostics: [{ file, message: expect.stringMatching(/; expected the output of `standards scan --format json`$/) }] });
    await expect(readReports(reports, STREAM_ALL)).rejects.toMatchObject({ diagnostics: [{ file, message: expect.stringMatching(streamed) }] });
  });
});

test('readJsonFolder streams a file only when it is larger than the threshold', async () => {
  const folder = mkdtempSync(join(dir, 'sizes-'));
  writeFileSync(join(folder, 'a.json'), '[1]');
  writeFileSync(join(folder, 'b.json'), '[1, 2]');
  const read = (over: number) =>
    readJsonFolder(folder, { select: () => true, what: 'reports', expected: 'JSON', accept: () => 'parsed', large: { over, read: async () => 'streamed' } });
  expect(await read(3)).toEqual(['parsed', 'streamed']);
  expect(await read(6)).toEqual(['parsed', 'parsed']);
  expect(await read(2)).toEqual(['streamed', 'streamed']);
});
