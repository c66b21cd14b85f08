import { describe, expect, test } from 'vitest';
import { changeSet, fileChange, scanOf, noTeams } from '../../../test/helpers/changes.ts';
import { detectLanguage, languageNamed, shebangInterpreter } from './detect.ts';
import { languageFacts } from './facts.ts';
import { judgeLanguage, language, type LanguageOptions } from './language.ts';
import { standard } from '../../../test/helpers/standards.ts';

describe('detectLanguage (linguist data)', () => {
  test.each([
    ['src/app.ts', 'TypeScript'],
    ['src/App.tsx', 'TSX'],
    ['types/index.d.ts', 'TypeScript'],
    ['legacy/index.php', 'PHP'],
    ['main.go', 'Go'],
    ['lib/x.rb', 'Ruby'],
    ['Dockerfile', 'Dockerfile'],
    ['Makefile', 'Makefile'],
    ['Gemfile', 'Ruby'],
    ['docs/README.md', 'Markdown'],
    ['config.yaml', 'YAML'],
    ['config.yml', 'YAML'],
    ['include/x.h', 'C++'],
    ['Foo.m', 'Objective-C'],
    ['script.pl', 'Perl'],
    ['UPPER.PY', 'Python'],
    ['no-extension', undefined],
    ['archive.unknownext', undefined],
  ])('%s → %s', (path, expected) => {
    expect(detectLanguage(path)?.name).toBe(expected);
  });

  test.each([
    ['#!/usr/bin/env python3', 'Python'],
    ['#!/usr/bin/env -S python3.11 -u', 'Python'],
    ['#!/bin/bash', 'Shell'],
    ['#!/usr/bin/env node', 'JavaScript'],
    ['#!/usr/bin/php', 'PHP'],
    ['#!/usr/bin/env FOO=1 ruby', 'Ruby'],
    ['no shebang here', undefined],
  ])('extension-less script with %s → %s', (line, expected) => {
    expect(detectLanguage('bin/tool', line)?.name).toBe(expected);
  });

  test('shebangInterpreter reads through env and its flags', () => {
    expect(shebangInterpreter('#!/usr/bin/env -S deno run')).toBe('deno');
    expect(shebangInterpreter('#! /bin/sh -e')).toBe('sh');
  });
});

describe('judgeLanguage', () => {
  const options: LanguageOptions = {
    allowed: ['TypeScript', 'Go'],
    banned: ['CoffeeScript'],
    deprecated: { PHP: { sunset: '2027-06-30', instead: 'Go' } },
  };
  const lang = (name: string) => languageNamed(name)!;

  test.each([
    { name: 'allowed language', language: 'TypeScript', change: 'new', today: '2027-01-01', expected: undefined },
    { name: 'a grouped language counts as its group (TSX → TypeScript)', language: 'TSX', change: 'new', today: '2027-01-01', expected: undefined },
    { name: 'programming language off the list', language: 'Python', change: 'new', today: '2027-01-01', expected: 'notAllowed' },
    { name: 'data is ignored unless named', language: 'JSON', change: 'new', today: '2027-01-01', expected: undefined },
    { name: 'prose is ignored unless named', language: 'Markdown', change: 'new', today: '2027-01-01', expected: undefined },
    { name: 'banned language', language: 'CoffeeScript', change: 'new', today: '2027-01-01', expected: 'banned' },
    { name: 'touching code in an off-list language is fine', language: 'Python', change: 'touched', today: '2027-01-01', expected: undefined },
    { name: 'new deprecated code fails', language: 'PHP', change: 'new', today: '2026-01-01', expected: 'deprecatedNew' },
    { name: 'touching deprecated code warns before the sunset', language: 'PHP', change: 'touched', today: '2027-06-29', expected: 'deprecatedTouched/warn' },
    { name: 'touching deprecated code warns on the sunset date itself', language: 'PHP', change: 'touched', today: '2027-06-30', expected: 'deprecatedTouched/warn' },
    { name: 'touching deprecated code fails the day after the sunset', language: 'PHP', change: 'touched', today: '2027-07-01', expected: 'pastSunset' },
  ])('$name', ({ language: name, change, today, expected }) => {
    const verdict = judgeLanguage(lang(name), change as 'new' | 'touched', options, today);
    expect(verdict ? `${verdict.messageId}${verdict.severity ? `/${verdict.severity}` : ''}` : undefined).toBe(expected);
  });
});

describe('language check', () => {
  const php = { deprecated: { PHP: { sunset: '2027-06-30', instead: 'Go' } } };

  test('messages say which language, which file, and what to use instead', async () => {
    const files = [fileChange('api/new.php'), fileChange('api/old.php', { status: 'modified' })];
    const results = await language.evaluate({ options: php, files, tree: changeSet({}).head, changeSet: changeSet({ files }), today: '2027-01-01', teams: noTeams });
    const rule = standard({ check: '\n  type: language\n  deprecated:\n    PHP: { sunset: 2027-06-30, instead: Go }' });
    expect(rule.check.type).toBe('language');
    expect(results).toEqual([
      { messageId: 'deprecatedNew', file: 'api/new.php', severity: undefined, data: { file: 'api/new.php', language: 'PHP', sunset: '2027-06-30', instead: 'Go' } },
      { messageId: 'deprecatedTouched', file: 'api/old.php', severity: 'warn', data: { file: 'api/old.php', language: 'PHP', sunset: '2027-06-30', instead: 'Go' } },
    ]);
  });

  test('a rename that keeps the language is not new code; one that changes it is', async () => {
    const files = [
      fileChange('b/moved.php', { status: 'renamed', previousPath: 'a/moved.php' }),
      fileChange('b/converted.php', { status: 'renamed', previousPath: 'a/converted.txt' }),
    ];
    const results = await language.evaluate({ options: php, files, tree: changeSet({}).head, changeSet: changeSet({ files }), today: '2027-01-01', teams: noTeams });
    expect(results.map((r) => [r.file, r.messageId])).toEqual([
      ['b/moved.php', 'deprecatedTouched'],
      ['b/converted.php', 'deprecatedNew'],
    ]);
  });

  test('statuses narrows what is judged', async () => {
    const files = [fileChange('api/old.php', { status: 'modified' })];
    const results = await language.evaluate({ options: { ...php, statuses: ['added'] }, files, tree: changeSet({}).head, changeSet: changeSet({ files }), today: '2027-01-01', teams: noTeams });
    expect(results).toEqual([]);
  });

  test('an extension-less script is classified by its shebang at head', async () => {
    const files = [fileChange('bin/deploy')];
    const cs = changeSet({ files, head: { 'bin/deploy': '#!/usr/bin/env python3\nprint(1)\n' } });
    const results = await language.evaluate({ options: { allowed: ['Go'] }, files, tree: cs.head, changeSet: cs, today: '2027-01-01', teams: noTeams });
    expect(results.map((r) => r.data?.language)).toEqual(['Python']);
  });

  test('language names match case-insensitively', () => {
    expect(language.validate!({ allowed: ['typescript', 'GO'] })).toEqual([]);
  });

  test.each([
    { options: { allowed: ['Typescrpt'] }, message: /"Typescrpt" is not a language GitHub linguist knows \(did you mean "TypeScript"\?\)/, path: ['allowed', 0] },
    { options: { deprecated: { Phpp: { sunset: '2027-01-01' } } }, message: /did you mean "PHP"/, path: ['deprecated', 'Phpp'] },
  ])('rejects unknown language names with a suggestion', ({ options, message, path }) => {
    const [problem] = language.validate!(options as LanguageOptions);
    expect(problem!.path).toEqual(path);
    expect(problem!.message).toMatch(message);
  });
});

describe('language facts for scans', () => {
  test('counts files per language and reports deprecated ones with their sunset', async () => {
    const cs = scanOf({ 'a.php': '', 'b.php': '', 'c.ts': '', 'd.tsx': '', 'e.json': '{}', 'README.md': '' });
    const rule = standard({ check: '\n  type: language\n  deprecated:\n    PHP: { sunset: 2027-06-30, instead: Go }' });
    expect(await languageFacts(cs, [rule])).toEqual({
      files: { PHP: 2, TypeScript: 2 },
      deprecated: { PHP: { files: 2, sunset: '2027-06-30', standard: 'STD-0100' } },
    });
  });

  test('a diff has no facts', async () => {
    expect(await languageFacts(changeSet({}), [])).toBeUndefined();
  });
});
