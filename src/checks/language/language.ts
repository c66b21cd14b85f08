import type { FileChange, FileStatus, TreeView } from '../../changeset.ts';
import { closest } from '../../standards/schema-errors.ts';
import { defineCheck, type CheckResult, type OptionProblem } from '../types.ts';
import { detectLanguage, LANGUAGES, languageNamed, matchesLanguage, needsShebang, type Language } from './detect.ts';

export interface Deprecation {
  sunset: string;
  instead?: string;
}

export interface LanguageOptions {
  allowed?: string[];
  banned?: string[];
  deprecated?: Record<string, Deprecation>;
  statuses?: Exclude<FileStatus, 'deleted'>[];
}

/** What a change does with a language: brings new code in, or touches code already there. */
export type Change = 'new' | 'touched';

export interface LanguageVerdict {
  messageId: 'notAllowed' | 'banned' | 'deprecatedNew' | 'deprecatedTouched' | 'pastSunset';
  language: string;
  severity?: 'warn';
  data: Record<string, string>;
}

const lower = (names: readonly string[] = []) => new Set(names.map((n) => n.toLowerCase()));

/** Judges one file's language against the options. Pure: the date and the change kind are inputs. */
export function judgeLanguage(language: Language, change: Change, options: LanguageOptions, today: string): LanguageVerdict | undefined {
  const deprecated = Object.entries(options.deprecated ?? {}).find(([name]) => matchesLanguage(language, lower([name])));
  if (deprecated) {
    const [name, { sunset, instead }] = deprecated;
    const data = { language: name, sunset, instead: instead ?? 'a supported language' };
    if (change === 'new') return { messageId: 'deprecatedNew', language: name, data };
    return today <= sunset ? { messageId: 'deprecatedTouched', language: name, severity: 'warn', data } : { messageId: 'pastSunset', language: name, data };
  }
  if (change === 'touched') return undefined;
  const banned = matchesLanguage(language, lower(options.banned));
  if (banned) return { messageId: 'banned', language: banned, data: { language: banned } };
  if (options.allowed) {
    const named = lower([...options.allowed, ...(options.banned ?? []), ...Object.keys(options.deprecated ?? {})]);
    // Data, markup and prose (JSON, Markdown, …) are not what an allow-list is about, unless named.
    if (language.type !== 'programming' && !matchesLanguage(language, named)) return undefined;
    if (!matchesLanguage(language, lower(options.allowed))) {
      return { messageId: 'notAllowed', language: language.name, data: { language: language.name, allowed: options.allowed.join(', ') } };
    }
  }
  return undefined;
}

async function firstLine(tree: TreeView, path: string): Promise<string | undefined> {
  const text = await tree.read(path);
  return text?.slice(0, text.indexOf('\n') >>> 0);
}

/** A file's language at head, reading the first line only when the path alone does not tell. */
export async function languageOf(file: Pick<FileChange, 'path'>, tree: TreeView): Promise<Language | undefined> {
  if (!needsShebang(file.path)) return detectLanguage(file.path);
  return detectLanguage(file.path, await firstLine(tree, file.path));
}

export const language = defineCheck<LanguageOptions>({
  type: 'language',
  summary: 'Files are written in allowed languages (detected from GitHub linguist\'s data): no new code in banned or deprecated ones, and a warning, then a failure after the sunset date, for changes to deprecated ones.',
  scope: 'change',
  options: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      allowed: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 }, description: 'Linguist language names; a new file in any other programming language fails.' },
      banned: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } },
      deprecated: {
        type: 'object',
        minProperties: 1,
        description: 'Language name → { sunset, instead }: new files fail; changes warn until the sunset date, then fail.',
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          required: ['sunset'],
          properties: { sunset: { type: 'string', format: 'date' }, instead: { type: 'string', minLength: 1 } },
        },
      },
      statuses: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['added', 'modified', 'renamed'] }, description: 'Which changes are judged; default all three.' },
    },
  },
  messages: {
    notAllowed: '{{file}} is {{language}}, which is not an allowed language here (allowed: {{allowed}})',
    banned: '{{file}} adds {{language}}, which is banned',
    deprecatedNew: '{{file}} adds new {{language}} code; {{language}} is deprecated (sunset {{sunset}}): write it in {{instead}} instead',
    deprecatedTouched: '{{file}} changes {{language}} code, which is deprecated; changes fail after the sunset on {{sunset}}, so plan its move to {{instead}}',
    pastSunset: '{{file}} changes {{language}} code past its sunset on {{sunset}}; move it to {{instead}}',
  },
  validate(options) {
    const problems: OptionProblem[] = [];
    const names = LANGUAGES.map((l) => l.name);
    const check = (name: string, path: (string | number)[]) => {
      if (languageNamed(name)) return;
      const guess = closest(name, names);
      problems.push({ path, message: `"${name}" is not a language GitHub linguist knows${guess ? ` (did you mean "${guess}"?)` : ''}; use its exact name, as in https://github.com/github-linguist/linguist/blob/main/lib/linguist/languages.yml` });
    };
    options.allowed?.forEach((name, i) => check(name, ['allowed', i]));
    options.banned?.forEach((name, i) => check(name, ['banned', i]));
    Object.keys(options.deprecated ?? {}).forEach((name) => check(name, ['deprecated', name]));
    return problems;
  },
  async evaluate({ options, files, changeSet, today }) {
    const statuses = options.statuses ?? ['added', 'modified', 'renamed'];
    const results: CheckResult[] = [];
    for (const file of files) {
      if (file.status === 'deleted' || !statuses.includes(file.status)) continue;
      const detected = await languageOf(file, changeSet.head);
      if (!detected) continue;
      // A rename that keeps the language moves code; one that changes it brings new code in.
      const previous = file.status === 'renamed' && file.previousPath ? await languageOf({ path: file.previousPath }, changeSet.base) : undefined;
      const change: Change = file.status === 'added' || (file.status === 'renamed' && previous?.name !== detected.name) ? 'new' : 'touched';
      const verdict = judgeLanguage(detected, change, options, today);
      if (verdict) results.push({ messageId: verdict.messageId, file: file.path, severity: verdict.severity, data: { file: file.path, ...verdict.data } });
    }
    return results;
  },
});
