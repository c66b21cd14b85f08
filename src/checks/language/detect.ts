import * as linguist from 'linguist-languages';

export interface Language {
  name: string;
  /** programming, markup, data or prose. */
  type: string;
  /** The language this one is grouped under in GitHub's statistics (TSX → TypeScript). */
  group?: string;
  aliases: string[];
  extensions: string[];
  filenames: string[];
  interpreters: string[];
}

// linguist's own lib/linguist/popular.yml: used only to break ties between languages that
// claim the same extension equally.
const POPULAR = new Set(['ActionScript', 'Bash', 'C', 'C#', 'C++', 'CSS', 'Common Lisp', 'Diff', 'Emacs Lisp', 'Erlang', 'HTML', 'Haskell', 'Java', 'JavaScript', 'Lua', 'Objective-C', 'PHP', 'Perl', 'Python', 'Ruby', 'SQL', 'Scala', 'Scheme', 'TeX', 'XML']);

export const LANGUAGES: readonly Language[] = Object.values(linguist as unknown as Record<string, Partial<Language> & { name: string; type: string }>)
  .filter((entry) => entry && typeof entry === 'object' && typeof entry.name === 'string')
  .map((entry) => ({
    name: entry.name,
    type: entry.type,
    group: entry.group,
    aliases: entry.aliases ?? [],
    extensions: entry.extensions ?? [],
    filenames: entry.filenames ?? [],
    interpreters: entry.interpreters ?? [],
  }));

const BY_NAME = new Map(LANGUAGES.map((language) => [language.name.toLowerCase(), language]));

export function languageNamed(name: string): Language | undefined {
  return BY_NAME.get(name.toLowerCase());
}

function breadth(language: Language): number {
  return language.extensions.length + language.filenames.length + language.interpreters.length;
}

/**
 * How strongly a language claims an extension several languages list. The language named like
 * the extension (`.yaml` → YAML) wins, then the one whose primary (first) extension it is, then
 * one of linguist's popular languages, then the one with the most extensions and filenames.
 */
function claim(language: Language, extension: string): number {
  const bare = extension.slice(1);
  let score = 0;
  if (language.name.toLowerCase() === bare || language.aliases.includes(bare)) score += 4;
  if (language.extensions[0]?.toLowerCase() === extension) score += 3;
  if (POPULAR.has(language.name)) score += 2;
  return score;
}

function buildExtensionIndex(): Map<string, Language> {
  const candidates = new Map<string, Language[]>();
  for (const language of LANGUAGES) {
    for (const extension of language.extensions) {
      const key = extension.toLowerCase();
      candidates.set(key, [...(candidates.get(key) ?? []), language]);
    }
  }
  const index = new Map<string, Language>();
  for (const [extension, languages] of candidates) {
    const [best] = [...languages].sort((a, b) => claim(b, extension) - claim(a, extension) || breadth(b) - breadth(a) || a.name.localeCompare(b.name));
    index.set(extension, best!);
  }
  return index;
}

const BY_EXTENSION = buildExtensionIndex();
const BY_FILENAME = new Map(LANGUAGES.flatMap((language) => language.filenames.map((filename) => [filename, language] as const)));
// Several languages list the same interpreter (node: JavaScript and TypeScript); the popular, broader one wins.
const BY_INTERPRETER = new Map(
  [...LANGUAGES]
    .sort((a, b) => Number(POPULAR.has(a.name)) - Number(POPULAR.has(b.name)) || breadth(a) - breadth(b))
    .flatMap((language) => language.interpreters.map((interpreter) => [interpreter, language] as const)),
);

/** The interpreter a shebang line names: `#!/usr/bin/env -S python3 -u` → python3. */
export function shebangInterpreter(firstLine: string): string | undefined {
  if (!firstLine.startsWith('#!')) return undefined;
  const words = firstLine.slice(2).trim().split(/\s+/);
  let program = words.shift()?.split('/').pop();
  if (program === 'env') {
    while (words[0]?.startsWith('-') || words[0]?.includes('=')) words.shift();
    program = words.shift();
  }
  // python3.11 → python3, as linguist strips version suffixes.
  return program?.replace(/(\d)\.\d+$/, '$1');
}

/** Whether a path needs its first line read to be classified (no extension or filename match). */
export function needsShebang(path: string): boolean {
  return languageOfPath(path) === undefined && !basename(path).includes('.');
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The language of a path from linguist's filenames and extensions (longest extension first, so `.d.ts` beats `.ts`). */
export function languageOfPath(path: string): Language | undefined {
  const name = basename(path);
  const exact = BY_FILENAME.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (let dot = lower.indexOf('.', 1); dot >= 0; dot = lower.indexOf('.', dot + 1)) {
    const language = BY_EXTENSION.get(lower.slice(dot));
    if (language) return language;
  }
  return undefined;
}

/** A file's language from its path, falling back to a shebang for extension-less scripts. */
export function detectLanguage(path: string, firstLine?: string): Language | undefined {
  const byPath = languageOfPath(path);
  if (byPath || firstLine === undefined) return byPath;
  const interpreter = shebangInterpreter(firstLine);
  return interpreter ? BY_INTERPRETER.get(interpreter) ?? BY_INTERPRETER.get(interpreter.replace(/\d+$/, '')) : undefined;
}

/** The name a standard matches against: the language itself or the group it belongs to. */
export function matchesLanguage(language: Language, names: ReadonlySet<string>): string | undefined {
  if (names.has(language.name.toLowerCase())) return language.name;
  if (language.group && names.has(language.group.toLowerCase())) return language.group;
  return undefined;
}
