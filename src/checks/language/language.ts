import type { ChangeSet, FileChange, FileStatus, TreeView } from '../../changeset.ts';
import { closest } from '../../standards/schema-errors.ts';
import { andThen, type MaybePromise } from '../../maybe-promise.ts';
import { defineCheck, NO_RESULTS, type CheckResult, type FileContent, type OptionProblem } from '../types.ts';
import { classifyFile, FILE_KINDS, type Classification, type FileKind } from './classify.ts';
import { LANGUAGES, languageNamed, matchesLanguage, type Language } from './detect.ts';
import { gitattributesOf } from './gitattributes.ts';

export interface Deprecation {
  sunset: string;
  instead?: string;
}

export interface LanguageOptions {
  allowed?: string[];
  banned?: string[];
  deprecated?: Record<string, Deprecation>;
  statuses?: Exclude<FileStatus, 'deleted'>[];
  /** Kinds of file, as linguist classifies them, this standard does not judge (default: vendored and generated). */
  skip?: FileKind[];
}

/** What a change does with a language: brings new code in, or touches code already there. */
export type Change = 'new' | 'touched';

export interface LanguageVerdict {
  messageId: 'notAllowed' | 'banned' | 'deprecatedNew' | 'deprecatedTouched' | 'pastSunset';
  language: string;
  severity?: 'warn';
  data: Record<string, string>;
}

const DEFAULT_SKIP: readonly FileKind[] = ['vendored', 'generated'];
const DEFAULT_STATUSES: readonly FileStatus[] = ['added', 'modified', 'renamed'];

const lower = (names: readonly string[] = []) => new Set(names.map((n) => n.toLowerCase()));

interface NameSets {
  deprecated: [name: string, deprecation: Deprecation, names: Set<string>][];
  banned: Set<string>;
  allowed: Set<string> | undefined;
  named: Set<string>;
}

// Built once per standard's options, not once per file.
const nameSets = new WeakMap<LanguageOptions, NameSets>();

function namesOf(options: LanguageOptions): NameSets {
  let sets = nameSets.get(options);
  if (!sets) {
    sets = {
      deprecated: Object.entries(options.deprecated ?? {}).map(([name, deprecation]) => [name, deprecation, lower([name])]),
      banned: lower(options.banned),
      allowed: options.allowed ? lower(options.allowed) : undefined,
      named: lower([...(options.allowed ?? []), ...(options.banned ?? []), ...Object.keys(options.deprecated ?? {})]),
    };
    nameSets.set(options, sets);
  }
  return sets;
}

/** Judges one file's language against the options. Pure: the date and the change kind are inputs. */
export function judgeLanguage(language: Language, change: Change, options: LanguageOptions, today: string): LanguageVerdict | undefined {
  const names = namesOf(options);
  const deprecated = names.deprecated.find(([, , set]) => matchesLanguage(language, set));
  if (deprecated) {
    const [name, { sunset, instead }] = deprecated;
    const data = { language: name, sunset, instead: instead ?? 'a supported language' };
    if (change === 'new') return { messageId: 'deprecatedNew', language: name, data };
    return today <= sunset ? { messageId: 'deprecatedTouched', language: name, severity: 'warn', data } : { messageId: 'pastSunset', language: name, data };
  }
  if (change === 'touched') return undefined;
  const banned = matchesLanguage(language, names.banned);
  if (banned) return { messageId: 'banned', language: banned, data: { language: banned } };
  if (names.allowed) {
    // Data, markup and prose (JSON, Markdown, …) are not what an allow-list is about, unless named.
    if (language.type !== 'programming' && !matchesLanguage(language, names.named)) return undefined;
    if (!matchesLanguage(language, names.allowed)) {
      return { messageId: 'notAllowed', language: language.name, data: { language: language.name, allowed: options.allowed!.join(', ') } };
    }
  }
  return undefined;
}

/** The tree whose .gitattributes count: the base of a change, never the head it brings. */
export function trustedTree(changeSet: ChangeSet): TreeView {
  return changeSet.mode === 'scan' ? changeSet.head : changeSet.base;
}

/** A file's language and kinds, as linguist sees them, from its text and the trusted attributes; at once when those are known. */
export function classifyIn(changeSet: ChangeSet, path: string, text: string | undefined): MaybePromise<Classification> {
  return andThen(gitattributesOf(trustedTree(changeSet), changeSet.files.length).linguist(path), (attributes) => classifyFile(path, text, attributes));
}

/** The key of a file's classification among what its standards share. */
const CLASSIFICATION = {};

/**
 * A changed file's classification at head, once per file however many standards and facts ask:
 * at once when its text is at hand (`content.now`), and its attributes known.
 */
export function classifyChanged(changeSet: ChangeSet, file: FileChange, content: FileContent): MaybePromise<Classification> {
  return content.shared(CLASSIFICATION, () => {
    const now = content.now;
    return now ? classifyIn(changeSet, file.path, now.headText()) : content.headText().then((text) => classifyIn(changeSet, file.path, text));
  });
}

export const language = defineCheck<LanguageOptions>({
  type: 'language',
  summary: 'Files are written in allowed languages, detected as GitHub linguist detects them: no new code in banned or deprecated ones, and a warning, then a failure after the sunset date, for changes to deprecated ones. Vendored and generated files are not new code.',
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
      skip: {
        type: 'array',
        uniqueItems: true,
        items: { enum: [...FILE_KINDS] },
        description: "Files linguist calls vendored, generated or documentation (its rules, and linguist-* attributes in the base's .gitattributes) that this standard does not judge; default [vendored, generated], which are not new code. [] judges every file.",
      },
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
  evaluateFile({ options, file, content, changeSet, today }) {
    if (file.status === 'deleted' || !(options.statuses ?? DEFAULT_STATUSES).includes(file.status)) return NO_RESULTS;
    return andThen(classifyChanged(changeSet, file, content), ({ language: detected, kinds }) => {
      if (!detected) return NO_RESULTS;
      const skip = options.skip ?? DEFAULT_SKIP;
      if (kinds.some((kind) => skip.includes(kind))) return NO_RESULTS;
      // A rename that keeps the language moves code; one that changes it brings new code in.
      if (file.status === 'renamed' && file.previousPath) {
        const previousPath = file.previousPath;
        return changeSet.base
          .read(previousPath)
          .then((text) => classifyIn(changeSet, previousPath, text))
          .then((previous) => languageResults(file, detected, previous.language?.name !== detected.name ? 'new' : 'touched', options, today));
      }
      // A rename with no path before it is new code, as an added file is.
      return languageResults(file, detected, file.status === 'modified' ? 'touched' : 'new', options, today);
    });
  },
});

function languageResults(file: FileChange, detected: Language, change: Change, options: LanguageOptions, today: string): CheckResult[] {
  const verdict = judgeLanguage(detected, change, options, today);
  return verdict ? [{ messageId: verdict.messageId, file: file.path, severity: verdict.severity, data: { file: file.path, ...verdict.data } }] : NO_RESULTS;
}
