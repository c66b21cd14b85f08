import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { exactJson, MAX_ENTRIES, ParseMemo, parsesFileFor, useParseMemo } from './parse-memo.ts';
import { parseYamlFile } from './yaml-file.ts';

const made: string[] = [];
afterEach(() => {
  useParseMemo(undefined);
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function memoFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parse-memo-'));
  made.push(dir);
  return join(dir, 'cache', 'yaml-parses.json');
}

describe('exactJson', () => {
  test.each<[string, unknown, boolean]>([
    ['plain data', { a: 1, b: [true, null, 'x', 2.5], c: { d: {} } }, true],
    ['an own __proto__ key', JSON.parse('{"__proto__": {"polluted": true}}'), true],
    ['a lone surrogate', { text: '\ud800' }, true],
    ['Infinity (YAML .inf)', { a: Infinity }, false],
    ['NaN (YAML .nan)', [1, NaN], false],
    ['-0', { a: [0, -0] }, false],
    ['undefined in a list', [undefined], false],
    ['a Date', { when: new Date(0) }, false],
    ['a function', { f: () => 1 }, false],
  ])('%s: %s', (_name, value, exact) => {
    const json = exactJson(value);
    expect(json !== undefined).toBe(exact);
    if (json !== undefined) expect(JSON.parse(json)).toStrictEqual(value);
  });
});

describe('ParseMemo', () => {
  test('recalls, in a later run, what a text parsed to, as a new value each time', () => {
    const file = memoFile();
    const first = ParseMemo.read(file);
    first.learn('a: 1\n', { a: 1 });
    first.write(file);
    const second = ParseMemo.read(file);
    const recalled = second.recall('a: 1\n');
    expect(recalled).toEqual({ value: { a: 1 } });
    expect(second.recall('a: 1\n')!.value).not.toBe(recalled!.value);
    expect(second.recall('a: 2\n')).toBeUndefined();
  });

  test('holds a large standards folder whole: 600 exemption files, and no more than its cap', () => {
    const file = memoFile();
    const first = ParseMemo.read(file);
    for (let i = 0; i < 600; i++) first.learn(`id: EX-${i}\n`, { id: `EX-${i}` });
    first.write(file);
    const second = ParseMemo.read(file);
    expect(second.recall('id: EX-599\n')).toEqual({ value: { id: 'EX-599' } });
    const full = ParseMemo.read(memoFile());
    for (let i = 0; i < MAX_ENTRIES + 10; i++) full.learn(`id: EX-${i}\n`, { id: `EX-${i}` });
    full.write(file);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { entries: unknown[] }).entries).toHaveLength(MAX_ENTRIES);
  });

  test('is written only when a run learned something, and keeps only what that run read', () => {
    const file = memoFile();
    const first = ParseMemo.read(file);
    first.learn('a: 1\n', { a: 1 });
    first.learn('b: 1\n', { b: 1 });
    first.write(file);
    const written = statSync(file);
    const second = ParseMemo.read(file);
    second.recall('a: 1\n');
    second.write(file);
    expect(statSync(file).ino).toBe(written.ino); // nothing learned: not written
    const third = ParseMemo.read(file);
    third.recall('a: 1\n');
    third.learn('c: 1\n', { c: 1 });
    third.write(file);
    const fourth = ParseMemo.read(file);
    expect([fourth.recall('a: 1\n'), fourth.recall('b: 1\n'), fourth.recall('c: 1\n')]).toEqual([{ value: { a: 1 } }, undefined, { value: { c: 1 } }]);
  });

  test('does not remember what JSON cannot give back exactly', () => {
    const file = memoFile();
    const memo = ParseMemo.read(file);
    memo.learn('a: .inf\n', { a: Infinity });
    memo.write(file);
    expect(existsSync(file)).toBe(false);
  });

  test("is a build's own: a build's first memo removes its install's earlier builds, and other installs' once unused for a month", () => {
    const dir = dirname(memoFile());
    const [install, other] = ['0123abcd', '89abcdef'];
    const build = (n: number) => `${n.toString(16).padStart(20, '0')}`;
    const write = (file: string) => {
      const memo = ParseMemo.read(file);
      memo.learn('a: 1\n', { a: 1 });
      memo.write(file);
    };
    write(parsesFileFor(dir, `${install}-${build(1)}`));
    write(parsesFileFor(dir, `${other}-${build(1)}`));
    write(parsesFileFor(dir, `${other}-${build(2)}`));
    expect(readdirSync(dir).sort()).toEqual([`yaml-parses-${install}-${build(1)}.json`, `yaml-parses-${other}-${build(2)}.json`]);
    // Another build of the first install reads nothing of the first's, and replaces it.
    expect(ParseMemo.read(parsesFileFor(dir, `${install}-${build(3)}`)).recall('a: 1\n')).toBeUndefined();
    const monthAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    utimesSync(parsesFileFor(dir, `${other}-${build(2)}`), monthAgo, monthAgo);
    write(parsesFileFor(dir, `${install}-${build(3)}`));
    expect(readdirSync(dir)).toEqual([`yaml-parses-${install}-${build(3)}.json`]);
  });

  test.each([
    ['missing', undefined],
    ['not JSON', 'not json'],
    ['another format', JSON.stringify({ format: 'something else', entries: [['a: 1\n', '{"a":2}']] })],
    ['entries of the wrong shape', JSON.stringify({ format: 'standards-bot yaml parses 1', entries: [['a: 1\n', 2], 'x'] })],
  ])('starts empty when the file is %s', (_name, content) => {
    const file = memoFile();
    if (content !== undefined) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    expect(ParseMemo.read(file).recall('a: 1\n')).toBeUndefined();
  });
});

// The standards folder's own files and YAML's corners: a value recalled is what js-yaml gives.
const ROOT = join(import.meta.dirname, '../..');
const standardsFiles = ['standards.config.yaml', 'teams.yaml', ...readdirSync(join(ROOT, 'rules'), { recursive: true }).map((entry) => join('rules', String(entry))), ...readdirSync(join(ROOT, 'exemptions'), { recursive: true }).map((entry) => join('exemptions', String(entry)))].filter((path) => path.endsWith('.yaml'));
const corners = ['a: .inf\nb: -.inf\nc: .nan\n', 'a: -0\nb: 0\nc: -0.0\n', '__proto__: {polluted: true}\n', 'a: "\\ud800"\n', 'a: &x [1]\nb: *x\n', 'a: 0x1f\nb: 0o17\nc: 1e3\nd: ~\ne: [yes, no, on]\n', 'a: 1\na: 2\n', '!!binary aGk=\n', '- a\n- {b: [c, {d: e}]}\n', ''];

describe('parseYamlFile with a memo', () => {
  test.each([...standardsFiles.map((path) => [path, readFileSync(join(ROOT, path), 'utf8')]), ...corners.map((text) => [JSON.stringify(text), text])])('%s: a value recalled is the value parsed', (_name, text) => {
    const fresh = parseYamlFile('x.yaml', text!, { standards: true });
    const file = memoFile();
    const learning = ParseMemo.read(file);
    useParseMemo(learning);
    const learned = parseYamlFile('x.yaml', text!, { standards: true });
    learning.write(file);
    useParseMemo(ParseMemo.read(file));
    const recalled = parseYamlFile('x.yaml', text!, { standards: true });
    for (const parsed of [learned, recalled]) {
      expect(parsed.value).toStrictEqual(fresh.value);
      expect(parsed.syntaxErrors).toEqual(fresh.syntaxErrors);
      // toStrictEqual takes -0 for 0; the memo must not.
      expect(JSON.stringify(parsed.value, (_key, item: unknown) => (Object.is(item, -0) ? '-0' : item))).toBe(JSON.stringify(fresh.value, (_key, item: unknown) => (Object.is(item, -0) ? '-0' : item)));
    }
  });

  test('the standards files are all remembered, and only files read as the standards are', () => {
    expect(standardsFiles.length).toBeGreaterThan(5);
    const file = memoFile();
    const memo = ParseMemo.read(file);
    useParseMemo(memo);
    for (const path of standardsFiles) parseYamlFile(path, readFileSync(join(ROOT, path), 'utf8'), { standards: true });
    parseYamlFile('event.json', '{"action": "opened"}');
    memo.write(file);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: [string, string][] };
    expect(stored.entries).toHaveLength(new Set(standardsFiles.map((path) => readFileSync(join(ROOT, path), 'utf8'))).size);
    expect(stored.entries.some(([text]) => text.includes('opened'))).toBe(false);
  });
});
