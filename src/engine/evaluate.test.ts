import { describe, expect, test } from 'vitest';
import { changeSet, fileChange, pullRequest, scanOf } from '../../test/helpers/changes.ts';
import { standard, standards, testConfig } from '../../test/helpers/standards.ts';
import type { ChangeSet } from '../changeset.ts';
import type { Standard } from '../standards/standard.ts';
import { addedFile } from '../sources/content.ts';
import { contentOf, evaluate, fillTemplate } from './evaluate.ts';

const TODAY = '2026-11-26';
const run = (standards: Standard[], cs: ChangeSet, today = TODAY) => evaluate(standards, cs, { config: testConfig, today });

const secrets = (fields: Record<string, string> = {}) => standard({ applies_to: '\n  paths: ["**/.env"]', ...fields });
const envAdded = () => changeSet({ files: [fileChange('.env', { added: ['KEY=1'] })], head: { '.env': 'KEY=1\n' } });

describe('lifecycle', () => {
  test.each<{ name: string; fields: Record<string, string>; severity: string; verdict: string; note?: string }>([
    { name: 'active fail standard fails', fields: {}, severity: 'fail', verdict: 'fail', note: undefined },
    { name: 'proposed standard only informs', fields: { status: 'proposed' }, severity: 'info', verdict: 'pass', note: 'proposed standard, reported for information only' },
    { name: 'deprecated standard is still evaluated, and says so', fields: { status: 'deprecated' }, severity: 'fail', verdict: 'fail', note: 'this standard is deprecated' },
    { name: 'before enforce_from a fail standard warns', fields: { enforce_from: '2026-11-27' }, severity: 'warn', verdict: 'pass', note: 'enforced from 2026-11-27' },
    { name: 'on enforce_from it fails', fields: { enforce_from: '2026-11-26' }, severity: 'fail', verdict: 'fail', note: undefined },
    { name: 'a warn standard warns', fields: { severity: 'warn' }, severity: 'warn', verdict: 'pass', note: undefined },
  ])('$name', async ({ fields, severity, verdict, note }) => {
    const report = await run([secrets(fields)], envAdded());
    expect(report.verdict).toBe(verdict);
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect(finding!.severity).toBe(severity);
    if (note) {
      expect(finding!.notes).toEqual([note]);
      expect(finding!.message).toBe(`.env must not be committed (added here) (${note})`);
    } else {
      expect(finding!.notes).toEqual([]);
    }
  });

  test('a superseded standard is not evaluated, and the report says why', async () => {
    const globs = { applies_to: '\n  paths: ["**/.env"]' };
    const rules = standards({ ...globs, status: 'superseded', superseded_by: 'STD-0100', id: 'STD-0050' }, globs);
    const report = await run(rules, envAdded());
    expect(report.findings.map((f) => f.standard)).toEqual(['STD-0100']);
    expect(report.skipped).toEqual([{ standard: 'STD-0050', title: 'A test standard', reason: 'superseded by STD-0100' }]);
  });
});

describe('scopes', () => {
  const requiredReadme = () => standard({ check: '\n  type: required-files\n  files: [README.md, LICENSE]' });

  test('a repo-scoped finding that held at base is pre-existing and does not fail', async () => {
    const cs = changeSet({ files: [fileChange('src/a.ts', { added: ['x'] })], base: { 'README.md': '' }, head: { 'README.md': '', 'src/a.ts': 'x' } });
    const report = await run([requiredReadme()], cs);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ pre_existing: true, severity: 'fail', message: 'the repository root has no LICENSE (looked for: LICENSE)' });
    expect(report.verdict).toBe('pass');
    expect(report.summary).toEqual({ fail: 0, warn: 0, info: 0, exempted: 0, pre_existing: 1 });
  });

  test('a repo-scoped finding the change introduces fails', async () => {
    const cs = changeSet({ files: [fileChange('LICENSE', { status: 'deleted' })], base: { 'README.md': '', LICENSE: '' }, head: { 'README.md': '' } });
    const report = await run([requiredReadme()], cs);
    expect(report.findings[0]).toMatchObject({ pre_existing: false, severity: 'fail' });
    expect(report.verdict).toBe('fail');
  });

  test('a scan reports everything as current, nothing as pre-existing', async () => {
    const report = await run([requiredReadme()], scanOf({ 'src/a.ts': 'x' }));
    expect(report.findings.map((f) => [f.pre_existing, f.message])).toEqual([
      [false, 'the repository root has no README.md (looked for: README.md)'],
      [false, 'the repository root has no LICENSE (looked for: LICENSE)'],
    ]);
  });

  test('applies_to and exclude select files; a change-scoped standard with nothing selected is silent', async () => {
    const rule = standard({ applies_to: '\n  paths: ["**/*.ts"]\n  exclude: ["**/*.test.ts"]', check: '\n  type: forbidden-content\n  pattern: TODO' });
    const cs = changeSet({ files: [fileChange('a.ts', { added: ['TODO'] }), fileChange('a.test.ts', { added: ['TODO'] }), fileChange('a.md', { added: ['TODO'] })] });
    expect((await run([rule], cs)).findings.map((f) => f.file)).toEqual(['a.ts']);
    expect((await run([rule], changeSet({ files: [fileChange('a.md', { added: ['TODO'] })] }))).findings).toEqual([]);
  });

  test.each([
    { name: 'PR checks need PR metadata', rule: () => standard({ check: '\n  type: pr-title\n  pattern: "^feat"' }), cs: () => envAdded(), reason: /needs pull request metadata/ },
    { name: 'size checks need a diff', rule: () => standard({ check: '\n  type: pr-size\n  max_lines: 1' }), cs: () => scanOf({ 'a.ts': 'x\ny\n' }), reason: /judges a change, not a whole-tree scan/ },
  ])('$name, and the report says so', async ({ rule, cs, reason }) => {
    const report = await run([rule()], cs());
    expect(report.findings).toEqual([]);
    expect(report.skipped[0]!.reason).toMatch(reason);
  });

  test('PR checks run when metadata is there', async () => {
    const cs = changeSet({ files: [fileChange('a.ts')], pr: pullRequest({ title: 'wip' }) });
    const report = await run([standard({ check: '\n  type: pr-title\n  pattern: "^feat"' })], cs);
    expect(report.findings.map((f) => f.message)).toEqual(['PR title "wip" does not follow the pattern /^feat/']);
  });
});

describe('fail closed', () => {
  test('a check that throws becomes a failing "could not be evaluated" finding', async () => {
    const broken = fileChange('a.ts');
    broken.addedLines = () => Promise.reject(new Error('git cat-file died'));
    const rule = standard({ severity: 'warn', check: '\n  type: forbidden-content\n  pattern: TODO' });
    const report = await run([rule], changeSet({ files: [broken] }));
    expect(report.verdict).toBe('fail');
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      standard: 'STD-0100',
      severity: 'fail',
      file: 'a.ts',
      message: 'STD-0100 could not be evaluated on a.ts: git cat-file died',
      message_id: 'could-not-evaluate',
    });
    expect(report.findings[0]!.links.standard).toContain('#std-0100');
  });

  test('a proposed standard reports its failure as info, since proposals never block', async () => {
    const broken = fileChange('a.ts');
    broken.addedLines = () => Promise.reject(new Error('boom'));
    const report = await run([standard({ status: 'proposed', check: '\n  type: forbidden-content\n  pattern: TODO' })], changeSet({ files: [broken] }));
    expect(report.findings[0]).toMatchObject({ severity: 'info', message_id: 'could-not-evaluate' });
  });

  test('a tree that cannot be listed fails a repo-scoped check rather than passing it', async () => {
    const cs = changeSet({ files: [fileChange('a.ts')] });
    cs.head.list = () => Promise.reject(new Error('cat-file failed'));
    const report = await run([standard({ check: '\n  type: required-files\n  files: [README.md]' })], cs);
    expect(report.findings.map((f) => f.message)).toEqual(['STD-0100 could not be evaluated: cat-file failed']);
  });
});

describe('file-at-a-time standards', () => {
  const todo = (id: string) => ({ id, check: '\n  type: forbidden-content\n  pattern: TODO' });

  test('each file is read once for every standard that judges it, and deleted files never', async () => {
    let reads = 0;
    const file = fileChange('a.ts', { added: ['TODO one', 'fine'] });
    const read = file.addedLines;
    file.addedLines = () => (reads++, read());
    const deleted = fileChange('gone.ts', { status: 'deleted', added: ['TODO'] });
    deleted.addedLines = () => Promise.reject(new Error('a deleted file was read'));
    const report = await run(standards(todo('STD-0101'), todo('STD-0102'), todo('STD-0103')), changeSet({ files: [file, deleted] }));
    expect(report.findings.map((f) => [f.standard, f.file, f.line])).toEqual([
      ['STD-0101', 'a.ts', 1],
      ['STD-0102', 'a.ts', 1],
      ['STD-0103', 'a.ts', 1],
    ]);
    expect(reads).toBe(1);
  });

  test("a scan's file is read once, through its bytes, and is at hand (content.now) from the first question on", async () => {
    let reads = 0;
    const read = async (path: string) => (reads++, Buffer.from(path === 'a.ts' ? 'TODO one\r\nfine\r\n' : 'fine\n'));
    const files = [addedFile({ path: 'a.ts' }, read), addedFile({ path: 'b.ts' }, read)];
    const report = await run(standards(todo('STD-0101'), todo('STD-0102'), todo('STD-0103')), changeSet({ mode: 'scan', files }));
    expect(report.findings.map((f) => [f.standard, f.file, f.line, f.message])).toEqual([
      ['STD-0101', 'a.ts', 1, 'adds text matching /TODO/: TODO one'],
      ['STD-0102', 'a.ts', 1, 'adds text matching /TODO/: TODO one'],
      ['STD-0103', 'a.ts', 1, 'adds text matching /TODO/: TODO one'],
    ]);
    expect(reads).toBe(2);

    const content = contentOf(addedFile({ path: 'a.ts' }, read), changeSet({ mode: 'scan' }).head);
    expect(content.now).toBeUndefined();
    const lines = await content.addedLines();
    expect(content.now?.headText()).toBe('TODO one\r\nfine\r\n');
    expect(content.now?.addedText().text).toBe('TODO one\nfine');
    expect(lines).toEqual([{ line: 1, text: 'TODO one' }, { line: 2, text: 'fine' }]);
    expect(await content.addedText()).toBe(content.now?.addedText());
    expect(reads).toBe(3);
  });

  test("a scan's file already delivered (headContentNow) is judged from those bytes, and never read", async () => {
    const read = () => Promise.reject(new Error('read although its bytes were at hand'));
    const take = (path: string) => Buffer.from(path === 'a.ts' ? 'TODO here\n' : 'fine\n');
    const files = [addedFile({ path: 'a.ts' }, read, take), addedFile({ path: 'b.ts' }, read, take)];
    const report = await run(standards(todo('STD-0101'), todo('STD-0102')), changeSet({ mode: 'scan', files }));
    expect(report.findings.map((f) => [f.standard, f.file, f.line, f.message])).toEqual([
      ['STD-0101', 'a.ts', 1, 'adds text matching /TODO/: TODO here'],
      ['STD-0102', 'a.ts', 1, 'adds text matching /TODO/: TODO here'],
    ]);
  });

  test("a scan's file that cannot be read fails only its own standards, and the others still run", async () => {
    const files = [addedFile({ path: 'broken.ts' }, () => Promise.reject(new Error('blob missing'))), addedFile({ path: 'fine.ts' }, async () => Buffer.from('TODO\n'))];
    const report = await run(standards(todo('STD-0101')), changeSet({ mode: 'scan', files }));
    expect(report.findings.map((f) => f.message)).toEqual(['STD-0101 could not be evaluated on broken.ts: blob missing', 'adds text matching /TODO/: TODO']);
  });

  test('a file that cannot be read fails only its own standards, naming the file, and the others still run', async () => {
    const broken = fileChange('broken.ts');
    broken.addedLines = () => Promise.reject(new Error('blob missing'));
    const fine = fileChange('fine.ts', { added: ['TODO'] });
    const report = await run(standards(todo('STD-0101')), changeSet({ files: [broken, fine] }));
    expect(report.findings.map((f) => f.message)).toEqual(['STD-0101 could not be evaluated on broken.ts: blob missing', 'adds text matching /TODO/: TODO']);
  });
});

describe('findings', () => {
  test('carry the three links, sorted fail first', async () => {
    const rules = [secrets({ id: 'STD-0200', severity: 'warn' }), secrets({ id: 'STD-0100' })];
    const report = await run(rules, envAdded());
    expect(report.findings.map((f) => [f.standard, f.severity])).toEqual([
      ['STD-0100', 'fail'],
      ['STD-0200', 'warn'],
    ]);
    for (const finding of report.findings) {
      expect(finding.links.standard).toBe(`https://github.com/acme/standards/blob/main/STANDARDS.md#${finding.standard.toLowerCase()}`);
      expect(finding.links.propose).toBe('https://github.com/acme/standards/edit/main/rules/test.yaml');
      expect(finding.links.exemption).toMatch(/^https:\/\/github\.com\/acme\/standards\/new\/main\?filename=exemptions%2FEX-0001\.yaml&value=/);
    }
  });

  test('fillTemplate leaves unknown placeholders visible rather than blank', () => {
    expect(fillTemplate('{{a}} and {{ b }} and {{c}}', { a: 1, b: 'two' })).toBe('1 and two and {{c}}');
  });

  // Each template is split once and kept: the same template twice must fill with each call's data.
  test.each([
    ['no placeholder', 'plain text', { a: 1 }, 'plain text'],
    ['empty', '', {}, ''],
    ['only a placeholder', '{{a}}', { a: 'x' }, 'x'],
    ['at both ends, and adjacent', '{{a}}{{b}} mid {{a}}', { a: 1, b: 2 }, '12 mid 1'],
    ['the same template again, other data', '{{a}}{{b}} mid {{a}}', { a: 'p', b: 'q' }, 'pq mid p'],
    ['spaces and tabs inside the braces', '{{\ta }} {{  b\t}}', { a: 1, b: 2 }, '1 2'],
    ['not placeholders: one brace, two words, a dash', '{a} {{a b}} {{a-b}}', { a: 1 }, '{a} {{a b}} {{a-b}}'],
    ['unknown, with its spacing kept', 'x {{ gone }} y', {}, 'x {{ gone }} y'],
    ['a value holding braces is not filled again', '{{a}} {{b}}', { a: '{{b}}', b: 'B' }, '{{b}} B'],
    ['zero and the empty string are values', '[{{a}}][{{b}}]', { a: 0, b: '' }, '[0][]'],
    ['names an object inherits are not values', '{{constructor}} {{toString}} {{__proto__}}', {}, '{{constructor}} {{toString}} {{__proto__}}'],
  ])('fillTemplate: %s', (_case, template, data, expected) => {
    expect(fillTemplate(template, data as Record<string, string | number>)).toBe(expected);
  });

  test("fillTemplate: a finding's links fill standard_link and propose_link, over data of those names", () => {
    const links = { standard: 'https://s', propose: 'https://p' };
    expect(fillTemplate('{{standard_link}} {{propose_link}} {{a}}', { a: 1, standard_link: 'data' }, links)).toBe('https://s https://p 1');
    expect(fillTemplate('{{standard_link}}', { standard_link: 'data' })).toBe('data');
  });
});
