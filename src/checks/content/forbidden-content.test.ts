import { describe, expect, test } from 'vitest';
import { changeSet, fileChange, noTeams } from '../../../test/helpers/changes.ts';
import { compileUserRegex } from '../../engine/regex.ts';
import { forbiddenContent, forbiddenLines, type ForbiddenContentOptions } from './forbidden-content.ts';

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

describe('forbidden-content check', () => {
  const run = async (files: ReturnType<typeof fileChange>[], options: ForbiddenContentOptions) => {
    const results = [];
    for (const file of files) {
      const content = { addedLines: () => file.addedLines(), headText: async () => undefined };
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

  test.each([
    { options: { pattern: 'a(?!b)' }, path: ['pattern'], message: /not a valid RE2 regular expression.*\(\?!/ },
    { options: { pattern: 'ok', allow_pattern: '(unclosed' }, path: ['allow_pattern'], message: /missing closing \)/ },
  ])('rejects $options.pattern / $options.allow_pattern', ({ options, path, message }) => {
    const [problem] = forbiddenContent.validate!(options as ForbiddenContentOptions);
    expect(problem!.path).toEqual(path);
    expect(problem!.message).toMatch(message);
  });
});
