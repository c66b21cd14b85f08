import { afterAll, describe, expect, test } from 'vitest';
import { changeSet, evaluateEachFile, fileChange, noTeams } from '../../../test/helpers/changes.ts';
import { RepoBuilder } from '../../demo/repo-builder.ts';
import { gitScanSource } from '../../sources/git-source.ts';
import { compileUserRegex } from '../../engine/regex.ts';
import fc from 'fast-check';
import { forbiddenContent, forbiddenInText, forbiddenLines, type ForbiddenContentOptions } from './forbidden-content.ts';

const TODO = { pattern: '\\b(?:TODO|FIXME)\\b', allow_pattern: '\\b(?:TODO|FIXME)\\([A-Z][A-Z0-9]+-[0-9]+\\)' };

describe('forbiddenLines', () => {
  test.each([
    { line: '// TODO: later', hit: true },
    { line: '// FIXME', hit: true },
    { line: '// TODO(PLAT-12): later', hit: false },
    { line: '// todo: lowercase is another word', hit: false },
    { line: 'const TODOS = [];', hit: false },
    { line: '# TODO(no-ticket)', hit: true },
  ])('$line → $hit', ({ line, hit }) => {
    const hits = forbiddenLines([{ line: 7, text: line }], compileUserRegex(TODO.pattern), compileUserRegex(TODO.allow_pattern));
    expect(hits).toEqual(hit ? [{ line: 7, text: line.trim() }] : []);
  });

  test('case_insensitive widens the match', () => {
    expect(forbiddenLines([{ line: 1, text: 'todo: x' }], compileUserRegex('\\bTODO\\b', { caseInsensitive: true }))).toHaveLength(1);
  });

  test('a pathological pattern runs in linear time on RE2 (no catastrophic backtracking)', () => {
    const text = `${'a'.repeat(50_000)}!`;
    expect(forbiddenLines([{ line: 1, text }], compileUserRegex('^(a+)+$'))).toEqual([]);
  });
});

describe('searching lines joined into one text finds exactly the lines a per-line search finds', () => {
  test.each([
    { name: 'word boundaries at line edges', pattern: '\\bTODO\\b', lines: ['TODO', 'xTODO', 'TODO:', 'a TODO b', 'nothing'] },
    { name: 'anchors per line', pattern: '^\\s*# TODO$', lines: ['# TODO', '  # TODO', '# TODO later', 'x # TODO'] },
    { name: 'a pattern that could cross lines', pattern: 'a[^z]*b', lines: ['a', 'b', 'ab', 'a...b'] },
    { name: 'an allow pattern', pattern: 'TODO', allow: 'TODO\\([A-Z]+-\\d+\\)', lines: ['TODO(ABC-1) fine', 'TODO bad', 'TODO(x) bad'] },
    { name: 'a \\A anchor falls back to one line at a time', pattern: '\\ATODO', lines: ['TODO', 'x TODO', 'TODO again'] },
    { name: 'inline flags fall back too', pattern: '(?i)todo', lines: ['ToDo', 'none', 'TODO'] },
  ])('$name', ({ pattern, allow, lines }) => {
    const numbered = lines.map((text, i) => ({ line: i * 2 + 3, text }));
    const forbidden = compileUserRegex(pattern);
    const allowed = allow ? compileUserRegex(allow) : undefined;
    const joined = forbiddenInText(lines.join('\n'), lines.length === 0, (i) => numbered[i]!.line, forbidden, allowed);
    expect(joined).toEqual(forbiddenLines(numbered, forbidden, allowed));
  });

  test("re2js's literal prefilter is there for the shipped patterns, and says no only where nothing can match", async () => {
    const { literalOffsets, prefilterOf } = await import('../../engine/regex.ts');
    const { RE2JS } = await import('re2js');
    for (const source of ['\\b(?:TODO|FIXME)\\b', '-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY( BLOCK)?-----']) {
      const prefilter = prefilterOf(RE2JS.compile(source, RE2JS.MULTILINE));
      expect(prefilter, source).toBeDefined();
      expect(literalOffsets(prefilter, 'nothing to see')).toEqual([]);
    }
    const todo = prefilterOf(RE2JS.compile('\\b(?:TODO|FIXME)\\b', RE2JS.MULTILINE));
    expect(literalOffsets(todo, 'x FIXME y')).toEqual([2]);
    // More occurrences than a call takes arguments: every one, in order.
    const offsets = literalOffsets(todo, 'TODO FIXME '.repeat(150_000))!;
    expect(offsets).toHaveLength(300_000);
    expect(offsets.slice(0, 3)).toEqual([0, 5, 11]);
  });

  test('only the lines holding the literals a match needs are tried', () => {
    const text = 'a\nb TODO\nc FIXME and TODO\nd\nTODO';
    expect([...compileUserRegex('\\b(?:TODO|FIXME)\\b').candidates!(text)]).toEqual([2, 9, 28]);
    // No literal to look for: every line, once RE2's DFA says the text can match at all.
    expect([...compileUserRegex('^\\w+$').candidates!(text)]).toEqual([0, 2, 9, 26, 28]);
    expect([...compileUserRegex('\\bTODO\\b').candidates!('none here')]).toEqual([]);
  });

  test('fast-check: random lines and patterns agree', () => {
    const atom = fc.constantFrom('a', 'b', 'TODO', ' ', '#', 'x');
    const line = fc.array(atom, { maxLength: 6 }).map((parts) => parts.join(''));
    const pattern = fc.constantFrom('\\bTODO\\b', '^a', 'b$', 'a b', '^$', 'a[^x]*b', '#.*x', 'TODO|#', 'TODO.*#', 'x(?:a|b)', '(?:TODO|#) ?x', '\\bTODO\\b(?:.*# x)?');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), pattern, (lines, source) => {
        const numbered = lines.map((text, i) => ({ line: i + 1, text }));
        const forbidden = compileUserRegex(source);
        expect(forbiddenInText(lines.join('\n'), lines.length === 0, (i) => i + 1, forbidden)).toEqual(forbiddenLines(numbered, forbidden));
      }),
      { numRuns: 500 },
    );
  });
});

describe('forbidden-content check', () => {
  const run = async (files: ReturnType<typeof fileChange>[], options: ForbiddenContentOptions) => {
    const results = [];
    for (const file of files) {
      const lines = await file.addedLines();
      const content = { addedLines: async () => lines, addedText: async () => ({ text: lines.map((l) => l.text).join('\n'), lines: lines.length, lineNumber: (i: number) => lines[i]!.line }), headText: async () => undefined, now: undefined, shared: <T,>(_key: object, make: () => T) => make() };
      results.push(...(await forbiddenContent.evaluateFile({ options, file, content, changeSet: changeSet({ files }), today: '2026-11-26', teams: noTeams })));
    }
    return results;
  };

  test('reports each offending added line with its number', async () => {
    const file = fileChange('src/a.ts', { status: 'modified', added: [{ line: 3, text: '  // TODO fix' }, { line: 9, text: '// TODO(ABC-1) ok' }, { line: 12, text: 'x // FIXME' }] });
    expect(await run([file], TODO)).toEqual([
      { messageId: 'forbidden', file: 'src/a.ts', line: 3, data: { description: 'text matching /\\b(?:TODO|FIXME)\\b/', text: '// TODO fix' } },
      { messageId: 'forbidden', file: 'src/a.ts', line: 12, data: { description: 'text matching /\\b(?:TODO|FIXME)\\b/', text: 'x // FIXME' } },
    ]);
  });

  test('a binary file is judged on the text its source keeps before the first NUL', async () => {
    const binary = fileChange('img.png', { binary: true, added: ['TODO'] });
    expect((await run([binary], TODO)).map((r) => r.file)).toEqual(['img.png']);
  });

  test('long lines are shortened in the message', async () => {
    const [result] = await run([fileChange('a.txt', { added: [`TODO ${'x'.repeat(200)}`] })], { pattern: 'TODO', description: 'a todo' });
    expect(String(result!.data!.text)).toHaveLength(81);
  });

  describe('in a scan of a real repository, each file read whole from its blob', () => {
    const repo = new RepoBuilder();
    afterAll(() => repo.dispose());
    // An empty file has no line; a file of one newline has one, and it is empty. Both are one
    // empty text: the scan counts lines only to tell them apart, so `^$` must find the second alone.
    test.each([
      { name: 'an empty file', text: '', lines: [] },
      { name: 'one newline', text: '\n', lines: [1] },
      { name: 'two lines, the second empty', text: 'a\n\n', lines: [2] },
      { name: 'CRLF line endings', text: 'a\r\n\r\nb\r\n', lines: [2] },
      { name: 'no empty line', text: 'a\nb', lines: [] },
    ])('$name', async ({ name, text, lines }) => {
      const path = `${name.replace(/\W+/g, '-')}.txt`;
      repo.write({ [path]: text }).commit(name);
      const source = await gitScanSource({ repo: repo.dir });
      try {
        const cs = source.changeSet;
        const file = cs.files.find((f) => f.path === path)!;
        expect(file.headContent, 'read whole, from the blob').toBeDefined();
        const results = await evaluateEachFile(forbiddenContent, { pattern: '^$' }, { ...cs, files: [file] });
        expect(results.map((r) => r.line)).toEqual(lines);
      } finally {
        source.close();
      }
    });
  });

  test.each([
    { options: { pattern: 'a(?!b)' }, path: ['pattern'], message: /not a valid RE2 regular expression.*\(\?!/ },
    { options: { pattern: 'ok', allow_pattern: '(unclosed' }, path: ['allow_pattern'], message: /missing closing \)/ },
  ])('rejects $options.pattern / $options.allow_pattern', ({ options, path, message }) => {
    const [problem] = forbiddenContent.validate!(options as ForbiddenContentOptions);
    expect(problem!.path).toEqual(path);
    expect(problem!.message).toMatch(message);
  });
});
