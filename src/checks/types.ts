import type { ChangedLine, ChangeSet, FileChange, PullRequestInfo, TreeView } from '../changeset.ts';
import type { Standard } from '../standards/standard.ts';
import type { TeamRegistry } from '../standards/teams.ts';
import type { PathSegment } from '../standards/yaml-file.ts';

export type Severity = 'fail' | 'warn' | 'info';

/**
 * No results: one frozen list that every check may return for a file that passes, rather than a
 * new empty list for each of a scan's files and standards.
 */
export const NO_RESULTS = Object.freeze([]) as unknown as CheckResult[];

/** What a check reports; the engine adds the standard, the wording and the links. */
export interface CheckResult {
  messageId: string;
  data?: Record<string, string | number>;
  file?: string;
  line?: number;
  /** Lowers (never raises) the standard's severity for this result, e.g. a deprecation still in its grace period. */
  severity?: Severity;
}

export interface CheckInput<Options> {
  options: Options;
  /** Changed files inside the standard's `applies_to`, deleted ones included. */
  files: FileChange[];
  /** The tree being judged: head for change-scoped checks; head, then base, for repo-scoped ones. Paths are filtered by `applies_to`. */
  tree: TreeView;
  changeSet: ChangeSet;
  pr?: PullRequestInfo;
  /** Today's date as YYYY-MM-DD, injected so that date boundaries are testable. */
  today: string;
  /** The organisation's teams (teams.yaml in the standards checkout). */
  teams: TeamRegistry;
}

/** A file's added lines as one text joined by "\n" (CRLF read as LF), with the file line number of each. */
export interface AddedText {
  text: string;
  lines: number;
  lineNumber(index: number): number;
}

/** One file's content, read once for every standard that judges it, and let go after. */
export interface FileContent {
  /** The lines the change adds (in a scan, every line); a binary file's stop at its first NUL. */
  addedLines(): Promise<ChangedLine[]>;
  /**
   * The same lines as one text joined by "\n" (CRLF read as LF), with the file line number of
   * each: searching one text is much cheaper than searching each line on its own.
   */
  addedText(): Promise<AddedText>;
  /** The whole text at head; undefined when the file is binary or absent. */
  headText(): Promise<string | undefined>;
  /**
   * The same answers without waiting, once the file is read: a scan's file after the first
   * question about it. Undefined before then, and for a change's files, whose added lines come
   * from a diff. A check that judges from it when it is there answers without a turn of the
   * event loop.
   */
  readonly now: ReadContent | undefined;
  /**
   * What `make` gives, made once for this file and shared by every standard and family's facts
   * that ask with the same key (an object a module keeps for the purpose): the language family
   * classifies each file once however many of its standards judge it.
   */
  shared<T>(key: object, make: () => T): T;
}

/** A file's content as read: `FileContent`'s answers, at hand. */
export interface ReadContent {
  addedText(): AddedText;
  headText(): string | undefined;
}

/** What a file-at-a-time check gets: one changed file inside the standard's `applies_to`, never a deleted one. */
export interface FileCheckInput<Options> {
  options: Options;
  file: FileChange;
  content: FileContent;
  changeSet: ChangeSet;
  today: string;
  teams: TeamRegistry;
}

export type Requirement = 'pr' | 'diff';

export interface OptionProblem {
  path: PathSegment[];
  message: string;
}

interface CheckBase<Options> {
  type: string;
  /** One sentence for STANDARDS.md and `standards explain`. */
  summary: string;
  /**
   * `change`: judges what the change adds or modifies.
   * `repo`: judges the whole head tree; results that already held at base are pre-existing.
   */
  scope: 'change' | 'repo';
  /** Facts without which the check is skipped, with the reason reported. */
  requires?: Requirement[];
  /** JSON Schema of the options beside `type`; it must reject unknown keys. */
  options: Record<string, unknown>;
  /** Message templates by id; `{{name}}` is filled from a result's data. */
  messages: Record<string, string>;
  /** Checks the schema cannot express, such as compiling a regex. */
  validate?(options: Options): OptionProblem[];
}

/** A check that judges the whole change set at once. */
export interface ChangeSetCheck<Options> extends CheckBase<Options> {
  evaluate(input: CheckInput<Options>): Promise<CheckResult[]> | CheckResult[];
  evaluateFile?: never;
}

/**
 * A check that judges one file at a time. The engine reads each file once for every standard
 * that judges it and lets it go after, so a scan of any size streams through memory.
 */
export interface FileCheck<Options> extends CheckBase<Options> {
  scope: 'change';
  /** Results at once when the check needs nothing it must wait for (`content.now`), else a promise of them. */
  evaluateFile(input: FileCheckInput<Options>): Promise<CheckResult[]> | CheckResult[];
  evaluate?: never;
}

export type CheckDefinition<Options> = ChangeSetCheck<Options> | FileCheck<Options>;


// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCheck = CheckDefinition<any>;

export interface CheckFamily {
  name: string;
  description: string;
  checks: readonly AnyCheck[];
  /**
   * Facts a family reports besides findings (language counts in a scan), gathered file by file
   * in the same pass that reads each file once for the file-at-a-time checks.
   */
  facts?(changeSet: ChangeSet, standards: readonly Standard[]): FactsCollector | undefined;
}

export interface FactsCollector {
  /** Every file of the change set but deleted ones, with its content; a promise only when it waits. */
  add(file: FileChange, content: FileContent): Promise<void> | void;
  result(): unknown;
}

/** Identity helper so a check's options type is inferred once and used throughout. */
export function defineCheck<Options>(definition: ChangeSetCheck<Options>): ChangeSetCheck<Options>;
export function defineCheck<Options>(definition: FileCheck<Options>): FileCheck<Options>;
export function defineCheck<Options>(definition: CheckDefinition<Options>): CheckDefinition<Options> {
  return definition;
}
