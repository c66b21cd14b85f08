// A file's language, decided the way GitHub linguist decides it (lib/linguist.rb): strategies in
// turn — modeline, filename, shebang, extension, XML header, man page, heuristics — each narrowing
// the candidates the one before left, until one language remains. The languages come from the
// `linguist-languages` package, as a table built with the package (languages.generated.ts); the heuristics from linguist's heuristics.yml, in
// linguist-data.json (scripts/update-linguist-data.mjs). Where linguist would run its Bayesian
// classifier, trained on its own samples, on candidates nothing else could split, the candidate
// listed first for the extension that named them wins (see `classify`).
import data from './linguist-data.json' with { type: 'json' };
import { engineOf, rubyPatterns, type TextMatcher } from './ruby-regex.ts';
import { SIGNATURES } from './signatures.ts';
import type { Language } from './language-table.ts';
import { LANGUAGE_TABLE } from './languages.generated.ts';

export type { Language };

export const LANGUAGES: readonly Language[] = LANGUAGE_TABLE;

function indexBy(keys: (language: Language) => readonly string[]): Map<string, Language[]> {
  const index = new Map<string, Language[]>();
  for (const language of LANGUAGES) {
    for (const key of keys(language)) {
      const list = index.get(key);
      if (!list) index.set(key, [language]);
      else if (!list.includes(language)) list.push(language);
    }
  }
  return index;
}

const BY_NAME = new Map(LANGUAGES.map((language) => [language.name.toLowerCase(), language]));
// linguist's aliases: the name in lower case with spaces as dashes, then the listed ones.
const BY_ALIAS = new Map(LANGUAGES.flatMap((language) => [language.name.toLowerCase().replace(/\s/g, '-'), ...language.aliases].map((alias) => [alias.toLowerCase(), language] as const)));
const BY_EXTENSION = indexBy((language) => language.extensions.map((extension) => extension.toLowerCase()));
const BY_FILENAME = indexBy((language) => language.filenames);
const BY_INTERPRETER = indexBy((language) => language.interpreters);
const GENERIC = data.generic;

export function languageNamed(name: string): Language | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** linguist's Language.find_by_alias (a modeline's mode, a linguist-language attribute), falling back to the name. */
export function languageByAlias(alias: string): Language | undefined {
  const first = alias.split(',', 1)[0]!.toLowerCase();
  return BY_ALIAS.get(alias.toLowerCase()) ?? BY_ALIAS.get(first) ?? BY_NAME.get(alias.toLowerCase());
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `index.html.erb` → `.html.erb`, `.erb`: every suffix from a dot, longest first (a dotfile's name is one). */
export function extensionsOf(name: string): readonly string[] {
  // Detecting one file asks for its name's extensions up to three times, one strategy after another.
  if (name === lastName) return lastExtensions;
  const lower = name.toLowerCase();
  const found: string[] = [];
  for (let dot = lower.indexOf('.'); dot !== -1; dot = lower.indexOf('.', dot + 1)) found.push(lower.slice(dot));
  lastName = name;
  lastExtensions = Object.freeze(found);
  return lastExtensions;
}

let lastName: string | undefined;
let lastExtensions: readonly string[] = [];

/** Languages listing the file's longest extension that any language lists. */
export function languagesByExtension(name: string): Language[] {
  for (const extension of extensionsOf(name)) {
    const languages = BY_EXTENSION.get(extension);
    if (languages) return languages;
  }
  return [];
}

// Vim and Emacs modelines, as linguist's strategy/modeline.rb reads them.
const EMACS_MODELINE = /-\*-(?:[ \t]*(?=[^:;\s]+[ \t]*-\*-)|(?:.*?[ \t;]|(?<=-\*-))[ \t]*mode[ \t]*:[ \t]*)([^:;\s]+)(?=[ \t;]|(?<![-*])-\*-).*?-\*-/i;
const VIM_MODELINE =
  /(?:(?:^|[ \t])(?:vi|Vi(?=m))(?:m[<=>]?[0-9]+|m)?|[ \t]ex)(?=:(?=[ \t]*set?[ \t][^\r\n:]+:)|:(?![ \t]*set?[ \t]))(?:(?:[ \t]*:[ \t]*|[ \t])\w*(?:[ \t]*=(?:[^\\\s]|\\.)*)?)*[ \t:](?:filetype|ft|syntax)[ \t]*=(\w+)(?=$|\s|:)/m;
const MODELINE_LINES = 5;
// Modelines are short; a longer line is not searched, so no file can make these patterns slow.
const MAX_MODELINE_LINE = 500;

/**
 * Whether text[from, to) holds what every modeline holds: Emacs's -*-, or a vi:, vim:, Vim: or
 * ex: marker (the pattern /-\*-|(?:vim?|Vim|ex)[<=>]?\d*:/, which a test holds this to), found
 * from each colon backwards. Every file is asked, and V8 tries that pattern, which starts with no
 * fixed character, at every position: it took a fifth of the time on a scan's files.
 */
export function hasModelineHint(text: string, from: number, to: number): boolean {
  // Searched as a slice of its own, which V8 makes without copying: a search of the text from
  // `from` would read on to its end, and each colon would cost a string of the letters before it.
  const range = from === 0 && to === text.length ? text : text.slice(from, to);
  if (range.includes('-*-')) return true;
  for (let colon = range.indexOf(':'); colon !== -1; colon = range.indexOf(':', colon + 1)) {
    // [<=>]?\d* before the colon: the digits, then at most one of < = >.
    let end = colon;
    while (end > 0 && isDigit(range.charCodeAt(end - 1))) end--;
    if (end > 0 && isComparison(range.charCodeAt(end - 1))) end--;
    if (end >= 2 && (range.startsWith('vi', end - 2) || range.startsWith('ex', end - 2))) return true;
    if (end >= 3 && (range.startsWith('vim', end - 3) || range.startsWith('Vim', end - 3))) return true;
  }
  return false;
}

/** One of < = >. */
function isComparison(code: number): boolean {
  return code >= 60 && code <= 62;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The first `count` lines, without reading past them. */
export function headLines(text: string, count: number): string[] {
  const found: string[] = [];
  let start = 0;
  while (found.length < count) {
    const end = text.indexOf('\n', start);
    found.push(text.slice(start, end === -1 ? text.length : end).replace(/\r$/, ''));
    if (end === -1) break;
    start = end + 1;
  }
  return found;
}

/** The last `count` lines (a final newline ends the last line), without reading the rest. */
function tailLines(text: string, count: number): string[] {
  const found: string[] = [];
  let end = text.endsWith('\n') ? text.length - 1 : text.length;
  while (found.length < count && end >= 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    found.unshift(text.slice(start, end).replace(/\r$/, ''));
    if (start === 0) break;
    end = start - 1;
  }
  return found;
}

/** The mode a Vim or Emacs modeline in the first or last five lines names. */
export function modeline(text: string): string | undefined {
  // Five searched lines of at most MAX_MODELINE_LINE characters lie within these ends of the text.
  const reach = MODELINE_LINES * (MAX_MODELINE_LINE + 2);
  const hinted = text.length <= 2 * reach ? hasModelineHint(text, 0, text.length) : hasModelineHint(text, 0, reach) || hasModelineHint(text, text.length - reach, text.length);
  if (!hinted) return undefined;
  const header = headLines(text, MODELINE_LINES);
  // A Vimball's modeline describes the archive, not the file.
  if (header.some((line) => line.includes('UseVimball'))) return undefined;
  const footer = tailLines(text, MODELINE_LINES);
  const searched = (lines: string[]) => lines.map((line) => (line.length > MAX_MODELINE_LINE ? '' : line)).join('\n');
  // linguist joins the header and the footer without a newline between them.
  const joined = `${searched(header)}${searched(footer)}`;
  if (!hasModelineHint(joined, 0, joined.length)) return undefined;
  return (EMACS_MODELINE.exec(joined) ?? VIM_MODELINE.exec(joined))?.[1];
}

/** The interpreter a shebang names, as linguist's shebang.rb reads it: `#!/usr/bin/env -S python3.11 -u` → python3. */
export function shebangInterpreter(text: string): string | undefined {
  if (!text.startsWith('#!')) return undefined;
  const newline = text.indexOf('\n');
  const shebang = newline === -1 ? text : text.slice(0, newline);
  const path = /^#!\s*\S+/.exec(shebang)?.[0];
  if (!path) return undefined;
  let rest = shebang.slice(path.length);
  let script: string | undefined = path.slice(path.lastIndexOf('/') + 1);
  if (script === 'env') {
    rest = rest.replace(/^\s+/, '');
    // Options (-S, --split-string=…) and VAR=value assignments come before the program.
    for (let skipped = /^(?:(?:-[i0uCSv]*|--\S+)\s+)+|^(?:\S+=\S+\s+)+/.exec(rest); skipped; skipped = /^(?:(?:-[i0uCSv]*|--\S+)\s+)+|^(?:\S+=\S+\s+)+/.exec(rest)) {
      rest = rest.slice(skipped[0].length);
    }
    script = /^\S+/.exec(rest)?.[0];
    if (script) rest = rest.slice(script.length);
  }
  if (!script) return undefined;
  script = script.replace(/\.\d+$/, '').replace(/^#!\s*/, '');
  // A shell script that execs another interpreter on itself is that interpreter's.
  if (script === 'sh') {
    for (const line of headLines(text, 5)) {
      const exec = /exec (\w+)[\s"']+\$0[\s"']+\$@/.exec(line);
      if (exec) {
        script = exec[1]!;
        break;
      }
    }
  }
  // osascript -l names a language by its OSA name, not an interpreter: other strategies decide.
  if (script === 'osascript' && /-l\s?/.test(rest)) return undefined;
  return script.slice(script.lastIndexOf('/') + 1);
}

interface Rule {
  languages: string[];
  /** The languages by name that linguist knows, looked up once. */
  known: Language[];
  matcher: TextMatcher | undefined;
}

interface HeuristicRule {
  language: string | string[];
  pattern?: string | string[];
  negative_pattern?: string | string[];
  named_pattern?: string;
  and?: HeuristicRule[];
}

const NAMED_PATTERNS = data.heuristics.named_patterns as Record<string, string | string[]>;

/**
 * The patterns a rule matches with when it is one pattern or a union of them, as linguist's
 * heuristics.rb reads a rule (`and` first, then `pattern`, `negative_pattern`, `named_pattern`);
 * undefined for `and`, a negative pattern, and a rule with no pattern.
 */
function plainPatterns(rule: Omit<HeuristicRule, 'language'>): string[] | undefined {
  if (rule.and) return undefined;
  if (rule.pattern !== undefined) return ([] as string[]).concat(rule.pattern);
  if (rule.negative_pattern !== undefined) return undefined;
  if (rule.named_pattern !== undefined) return ([] as string[]).concat(NAMED_PATTERNS[rule.named_pattern]!);
  return undefined;
}

function matcherOf(rule: Omit<HeuristicRule, 'language'>): TextMatcher | undefined {
  if (rule.and) {
    const all = rule.and.map(matcherOf);
    return { test: (text) => all.every((m) => m === undefined || m.test(text)) };
  }
  const plain = plainPatterns(rule);
  if (plain) return rubyPatterns(plain);
  if (rule.negative_pattern !== undefined) {
    const negative = rubyPatterns(rule.negative_pattern);
    return { test: (text) => !negative.test(text) };
  }
  return undefined;
}

/** A heuristic's rules, and a test that no rule before its first unconditional one can match. */
interface CompiledHeuristic {
  rules: Rule[];
  screen?: { matcher: TextMatcher; covers: number };
}

interface Heuristic {
  extensions: string[];
  compiled(): CompiledHeuristic;
}

/**
 * One automaton for every rule before the first that always matches: a file none of them
 * matches (most files, for `.sql`'s four case-insensitive rules) is then searched once, not once
 * per rule. Only where every one of those rules is a plain pattern RE2 can run, and there are two
 * or more: otherwise the rules are tried one by one, as before.
 */
function screenOf(rules: readonly HeuristicRule[], compiled: readonly Rule[]): CompiledHeuristic['screen'] {
  const always = compiled.findIndex((rule) => rule.matcher === undefined);
  const covers = always === -1 ? rules.length : always;
  if (covers < 2) return undefined;
  const patterns: string[] = [];
  for (const rule of rules.slice(0, covers)) {
    const own = plainPatterns(rule);
    if (!own) return undefined;
    patterns.push(...own);
  }
  if (patterns.some((pattern) => engineOf(pattern) !== 're2js')) return undefined;
  return { matcher: rubyPatterns(patterns), covers };
}

// Each heuristic compiles its patterns the first time a file needs it.
const HEURISTICS: readonly Heuristic[] = (data.heuristics.disambiguations as { extensions: string[]; rules: HeuristicRule[] }[]).map((entry) => {
  let compiled: CompiledHeuristic | undefined;
  return {
    extensions: entry.extensions,
    compiled: () => {
      if (!compiled) {
        const rules = entry.rules.map((rule) => {
          const languages = ([] as string[]).concat(rule.language);
          // Shared by every file the rule decides: frozen, so that no caller can change it for the next.
          const known = Object.freeze(languages.map((l) => languageNamed(l)).filter((l): l is Language => l !== undefined)) as Language[];
          return { languages, known, matcher: matcherOf(rule) };
        });
        compiled = { rules, screen: screenOf(entry.rules, rules) };
      }
      return compiled;
    },
  };
});

/** Entries by each extension they list: a name's entry is found from its own few suffixes. */
function indexByExtension<T extends { extensions: readonly string[] }>(entries: readonly T[]): Map<string, number> {
  const index = new Map<string, number>();
  entries.forEach((entry, position) => entry.extensions.forEach((extension) => index.has(extension) || index.set(extension, position)));
  return index;
}

/** The first entry (in file order, as linguist tries them) listing one of the name's suffixes. */
function firstFor<T>(name: string, index: Map<string, number>, entries: readonly T[]): T | undefined {
  let first = Infinity;
  for (const extension of extensionsOf(name)) first = Math.min(first, index.get(extension) ?? Infinity);
  return first === Infinity ? undefined : entries[first];
}

const HEURISTIC_INDEX = indexByExtension(HEURISTICS);

// linguist reads the first 50 KiB for heuristics.
const HEURISTIC_BYTES = 50 * 1024;

/**
 * The first heuristic for the file's extension, as linguist's heuristics.rb applies it: the
 * languages of the first rule that matches, and the languages whose rules did not match before it.
 */
export function heuristicLanguages(name: string, text: string): { languages: Language[]; ruledOut: Language[] } {
  const heuristic = firstFor(name, HEURISTIC_INDEX, HEURISTICS);
  if (!heuristic) return { languages: [], ruledOut: [] };
  const head = text.length > HEURISTIC_BYTES ? text.slice(0, HEURISTIC_BYTES) : text;
  const { rules, screen } = heuristic.compiled();
  const ruledOut: Language[] = [];
  // When the screen finds nothing, each rule it covers would have failed in turn.
  const from = screen && !screen.matcher.test(head) ? screen.covers : 0;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (i >= from && (rule.matcher === undefined || rule.matcher.test(head))) return { languages: rule.known, ruledOut };
    for (const language of rule.known) ruledOut.push(language);
  }
  return { languages: [], ruledOut };
}

const COMPILED_SIGNATURES = SIGNATURES.map((entry) => {
  let rules: { language: Language | undefined; matcher: TextMatcher | undefined }[] | undefined;
  return {
    applies: (name: string) => entry.filenames?.includes(name) || entry.extensions?.some((extension) => name.toLowerCase().endsWith(extension)),
    rules: () => (rules ??= entry.rules.map((rule) => ({ language: languageNamed(rule.language), matcher: rule.pattern === undefined ? undefined : rubyPatterns(rule.pattern) }))),
  };
});

/** The first signature (signatures.ts) for the file that names a candidate and matches its text. */
export function signatureLanguage(name: string, text: string, candidates: readonly Language[]): Language | undefined {
  const entry = COMPILED_SIGNATURES.find((e) => e.applies(name));
  if (!entry || candidates.length < 2) return undefined;
  const head = text.length > HEURISTIC_BYTES ? text.slice(0, HEURISTIC_BYTES) : text;
  return entry.rules().find((rule) => rule.language && candidates.includes(rule.language) && (rule.matcher === undefined || rule.matcher.test(head)))?.language;
}

const MANPAGE = /\.(?:[1-9](?![0-9])[a-z_0-9]*|0p|n|man|mdoc)(?:\.in)?$/i;

type Strategy = (name: string, text: string, candidates: Language[]) => Language[];

const narrow = (candidates: Language[], languages: readonly Language[]) => (candidates.length ? candidates.filter((c) => languages.includes(c)) : [...languages]);

const STRATEGIES: readonly Strategy[] = [
  (_name, text) => {
    const mode = modeline(text);
    const language = mode ? languageByAlias(mode) : undefined;
    return language ? [language] : [];
  },
  (name, _text, candidates) => narrow(candidates, BY_FILENAME.get(name) ?? []),
  (_name, text, candidates) => {
    const interpreter = shebangInterpreter(text);
    return narrow(candidates, (interpreter && BY_INTERPRETER.get(interpreter)) || []);
  },
  (name, _text, candidates) => {
    const lower = name.toLowerCase();
    if (GENERIC.some((extension) => lower.endsWith(extension))) return candidates;
    return narrow(candidates, languagesByExtension(name));
  },
  (_name, text, candidates) => {
    if (candidates.length) return candidates;
    const firstTwo = headLines(text, 2).join('\n');
    return /<?xml version=/.test(firstTwo) ? [languageNamed('XML')!] : [];
  },
  (name, _text, candidates) => (MANPAGE.test(name) ? narrow(candidates, [languageNamed('Roff Manpage')!, languageNamed('Roff')!]) : []),
  (name, text, candidates) => {
    const { languages, ruledOut } = heuristicLanguages(name, text);
    if (languages.length) return languages;
    // Where linguist would run its classifier: the signatures of signatures.ts, then, failing
    // those, leaving out the languages whose heuristic looked for their own syntax and did not find it.
    const signed = signatureLanguage(name, text, candidates);
    if (signed) return [signed];
    const remaining = candidates.filter((c) => !ruledOut.includes(c));
    return remaining.length && remaining.length < candidates.length ? remaining : [];
  },
];

/**
 * Candidates no strategy could split. linguist's classifier compares the text with its samples;
 * without them, the language that lists the extension first (its primary extension) wins, then
 * the one GitHub lists among its popular languages, then the first in linguist's order.
 */
function classify(name: string, candidates: Language[]): Language {
  const extension = extensionsOf(name).find((e) => BY_EXTENSION.has(e));
  const score = (language: Language) => (extension && language.extensions[0]?.toLowerCase() === extension ? 2 : 0) + (POPULAR.has(language.name) ? 1 : 0);
  return candidates.reduce((best, language) => (score(language) > score(best) ? language : best));
}

// linguist's lib/linguist/popular.yml.
const POPULAR = new Set(['ActionScript', 'Bash', 'C', 'C#', 'C++', 'CSS', 'Common Lisp', 'Diff', 'Emacs Lisp', 'Erlang', 'HTML', 'Haskell', 'Java', 'JavaScript', 'Lua', 'Objective-C', 'PHP', 'Perl', 'Python', 'Ruby', 'SQL', 'Scala', 'Scheme', 'TeX', 'XML']);

/**
 * A file's language from its path and text, as linguist detects it. `text` is undefined for a
 * binary file, which has no language, and an empty file has none either.
 */
export function detectLanguage(path: string, text: string | undefined): Language | undefined {
  if (!text) return undefined;
  const name = basename(path);
  let candidates: Language[] = [];
  for (const strategy of STRATEGIES) {
    const found = strategy(name, text, candidates);
    if (found.length === 1) return found[0];
    if (found.length > 1) candidates = found;
  }
  return candidates.length ? classify(name, candidates) : undefined;
}

// A language's names in lower case, made once: every file of a scan is matched against each
// language standard's lists, several times over.
const lowerNames = new WeakMap<Language, { name: string; group: string | undefined }>();

/** The name a standard matches against: the language itself or the group it belongs to. */
export function matchesLanguage(language: Language, names: ReadonlySet<string>): string | undefined {
  let lower = lowerNames.get(language);
  if (!lower) lowerNames.set(language, (lower = { name: language.name.toLowerCase(), group: language.group?.toLowerCase() }));
  if (names.has(lower.name)) return language.name;
  if (lower.group && names.has(lower.group)) return language.group;
  return undefined;
}
