import * as linguist from 'linguist-languages';
import { describe, expect, test } from 'vitest';
import { languageTableModule, pickLanguages, type Language } from './language-table.ts';
import { LANGUAGE_TABLE } from './languages.generated.ts';

describe('pickLanguages', () => {
  const full = { name: 'TSX', type: 'programming', group: 'TypeScript', aliases: ['tsx'], extensions: ['.tsx'], filenames: [], interpreters: [], color: '#3178c6', tmScope: 'source.tsx', languageId: 94901924 };
  test.each<[string, unknown, Language[]]>([
    ['keeps the fields detection reads, and only those', full, [{ name: 'TSX', type: 'programming', group: 'TypeScript', aliases: ['tsx'], extensions: ['.tsx'], filenames: [], interpreters: [] }]],
    ['gives a list every language may omit as empty, and leaves out a missing group', { name: 'Text', type: 'prose' }, [{ name: 'Text', type: 'prose', aliases: [], extensions: [], filenames: [], interpreters: [] }]],
    ['skips what is not a language (a namespace also holds `default` and the like)', 42, []],
    ['skips an object with no name', { type: 'data' }, []],
    ['skips null', null, []],
  ])('%s', (_title, entry, expected) => {
    const picked = pickLanguages([entry]);
    expect(picked).toEqual(expected);
    // toEqual ignores a key whose value is undefined; JSON does not keep one.
    for (const language of picked) expect(Object.keys(language).sort()).toEqual(Object.keys(expected[0]!).sort());
  });
});

describe('the table the build writes', () => {
  test('holds every language linguist-languages lists', () => {
    const names = Object.values(linguist as unknown as Record<string, { name: string }>).map((entry) => entry.name);
    expect(LANGUAGE_TABLE.map((language) => language.name).sort()).toEqual(names.sort());
    expect(LANGUAGE_TABLE.length).toBeGreaterThan(800);
  });

  test('reads back, through the generated module, as the table it was written from', async () => {
    const source = languageTableModule(LANGUAGE_TABLE);
    const built = (await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)) as { LANGUAGE_TABLE: Language[] };
    expect(built.LANGUAGE_TABLE).toStrictEqual(LANGUAGE_TABLE);
    expect(source).not.toContain('tmScope');
  });
});
