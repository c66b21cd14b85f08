import { linesOfText, numberLines, type ChangedLine, type ChangeSet, type FileChange, type TreeView } from '../changeset.ts';
import { checksByType, families } from '../checks/index.ts';
import type { AddedText, AnyCheck, CheckResult, FactsCollector, FileContent, ReadContent, Requirement, Severity } from '../checks/types.ts';
import type { OrgConfig } from '../config.ts';
import { EVERY_PATH, scopeTest, type PathTest } from '../globs.ts';
import type { Standard } from '../standards/standard.ts';
import { TeamRegistry } from '../standards/teams.ts';
import { counts, type Finding, type Report, type SkippedStandard } from './finding.ts';
import { applyLifecycle, notEvaluatedReason, severityRank } from './lifecycle.ts';
import { applyExemptions } from './exemptions.ts';
import { findingLinks, type FindingLinks } from './links.ts';
import { nextExemptionId, type Exemption } from '../standards/exemptions.ts';
import { compareText } from '../text-order.ts';
import { FILES_IN_FLIGHT, forEachLimited } from '../for-each-limited.ts';
import { settleLater } from '../settle-later.ts';
import { isPromise } from '../maybe-promise.ts';


export interface EvaluateOptions {
  config: OrgConfig;
  /** The organisation's teams; empty when the standards repository has no teams.yaml. */
  teams?: TeamRegistry;
  /** Exemptions from the trusted standards checkout. */
  exemptions?: readonly Exemption[];
  /** YYYY-MM-DD; the engine's only clock. */
  today: string;
  /** Said on the report besides the change set's own notices, such as where the standards came from. */
  notices?: readonly string[];
}

const COULD_NOT_EVALUATE = 'could-not-evaluate';

const REQUIREMENT_REASONS: Record<Requirement, (changeSet: ChangeSet) => string | undefined> = {
  pr: (cs) => (cs.pr ? undefined : 'needs pull request metadata (pass --pr-event, or run in a pull_request workflow)'),
  diff: (cs) => (cs.mode === 'diff' ? undefined : 'judges a change, not a whole-tree scan'),
};

// A template split at its placeholders, once: [text, placeholder, name, text, placeholder, name,
// text, ...]. Filling it by String.replace with a callback, for each of a scan's 65,000 findings,
// was 1.3% of its CPU profile.
const templateParts = new Map<string, readonly string[]>();

/**
 * A message template filled from a result's data, and, when given, a finding's links as
 * `standard_link` and `propose_link` (over any data of those names): passed apart, not spread
 * into a copy of the data for each finding.
 */
export function fillTemplate(template: string, data: Record<string, string | number> = {}, links?: Pick<FindingLinks, 'standard' | 'propose'>): string {
  let parts = templateParts.get(template);
  if (!parts) {
    parts = template.split(/(\{\{\s*(\w+)\s*\}\})/);
    // Bounded: templates come from the checks' messages, a few hundred at most.
    if (templateParts.size > 10_000) templateParts.clear();
    templateParts.set(template, parts);
  }
  let filled = parts[0]!;
  for (let i = 1; i < parts.length; i += 3) {
    const name = parts[i + 1]!;
    const link = links && (name === 'standard_link' ? links.standard : name === 'propose_link' ? links.propose : undefined);
    // An unknown placeholder stays as it was written, so that it shows.
    filled += (link ?? (Object.hasOwn(data, name) ? String(data[name]) : parts[i]!)) + parts[i + 2]!;
  }
  return filled;
}

/** A tree seen through a standard's `applies_to`: files outside it are not listed. Its full listing is filtered once. */
function scopedTree(tree: TreeView, selected: PathTest): TreeView {
  // A standard that applies to every path (`**`, the default) sees the tree itself, its listing not copied.
  if (selected === EVERY_PATH) return tree;
  let listing: Promise<string[]> | undefined;
  return {
    ref: tree.ref,
    paths: () => (listing ??= tree.paths().then((all) => all.filter(selected))),
    async list(directory) {
      const { files, directories } = await tree.list(directory);
      return { files: files.filter((name) => selected(directory ? `${directory}/${name}` : name)), directories };
    },
    read: (path) => tree.read(path),
  };
}

/**
 * A result with its message data copied out of the file it came from. Data often holds a slice
 * of a file's text (the offending line), and in V8 a slice keeps the whole string it was cut from
 * alive: results live until the end of the run, so a scan with 160,000 TODO findings held every
 * such file's text, over 1 GB at 368,000 files. Concatenating and slicing again makes a copy.
 */
function detached(result: CheckResult): CheckResult {
  const data = result.data;
  if (!data) return result;
  for (const key of Object.keys(data)) {
    const value = data[key];
    if (typeof value === 'string' && value.length >= COPIED_FROM) data[key] = copyOf(value);
  }
  return result;
}

// V8 copies a substring shorter than 13 characters rather than slicing it.
const COPIED_FROM = 13;

function copyOf(value: string): string {
  return ` ${value}`.slice(1);
}

/**
 * `detached` for each of a whole-change standard's results, where a value the result before had
 * under the same name (the suggestion and reason a folder's unowned files share) is copied once
 * for the run of them: copying each took 100–140 ms of a scan with 29,684 unowned files
 * (bench/RESULTS.md, twenty-first pass).
 */
function detachedAll(results: CheckResult[]): CheckResult[] {
  const last = new Map<string, { value: string; copy: string }>();
  for (const result of results) {
    const data = result.data;
    if (!data) continue;
    for (const key of Object.keys(data)) {
      const value = data[key];
      if (typeof value !== 'string' || value.length < COPIED_FROM) continue;
      let seen = last.get(key);
      if (seen?.value !== value) last.set(key, (seen = { value, copy: copyOf(value) }));
      data[key] = seen.copy;
    }
  }
  return results;
}

function resultKey(result: CheckResult): string {
  return JSON.stringify([result.messageId, result.file ?? null, result.data ?? {}]);
}

/** A family's facts collector during a run, with the files it could not take in. */
interface Collecting {
  family: string;
  collector: FactsCollector;
  failures: string[];
}

interface RunContext {
  changeSet: ChangeSet;
  today: string;
  teams: TeamRegistry;
}

/** A standard ready to run: its check, and its options as one object that lives as long as the evaluation. */
interface Prepared {
  standard: Standard;
  check: AnyCheck;
  options: Record<string, unknown>;
  /** Whether a path is in the standard's `applies_to`: asked of every file of the change. */
  selects: PathTest;
}

function prepare(standard: Standard): Prepared {
  const { type: _type, ...options } = standard.check;
  return { standard, check: checksByType.get(standard.check.type)!, options, selects: scopeTest(standard.applies_to.paths, standard.applies_to.exclude) };
}

function failure(error: unknown, file?: string): CheckResult {
  const reason = error instanceof Error ? error.message : String(error);
  return { messageId: COULD_NOT_EVALUATE, file, data: { reason } };
}

interface StandardResults {
  results: CheckResult[];
  preExisting: Set<string>;
}

/** Runs one whole-change-set standard; a throwing check becomes a failing result, never a silent pass. */
async function evaluateStandard({ check, options, selects }: Prepared, context: RunContext): Promise<StandardResults> {
  const { changeSet, today, teams } = context;
  const files = selects === EVERY_PATH ? changeSet.files : changeSet.files.filter((file) => selects(file.path));
  if (check.scope === 'change' && files.length === 0) return { results: [], preExisting: new Set() };
  const run = (tree: TreeView) => check.evaluate!({ options, files, tree: scopedTree(tree, selects), changeSet, pr: changeSet.pr, today, teams });

  let results: CheckResult[];
  try {
    results = detachedAll(await run(changeSet.head));
    const unknown = results.find((r) => !(r.messageId in check.messages));
    if (unknown) throw new Error(`check "${check.type}" reported unknown message id "${unknown.messageId}"`);
  } catch (error) {
    return { results: [failure(error)], preExisting: new Set() };
  }

  const preExisting = new Set<string>();
  if (check.scope === 'repo' && changeSet.mode === 'diff' && results.length) {
    try {
      for (const result of await run(changeSet.base)) preExisting.add(resultKey(result));
    } catch {
      // Without a trustworthy base the head results stand in full: fail closed.
    }
  }
  return { results, preExisting };
}

/**
 * A whole file's text as the content standards search it, CRLF read as LF, with its lines counted
 * only if asked (linesOfText). A class, not an object literal with a getter: made once a file,
 * such literals doubled what a 100,000-file scan's young generation promoted (192 → 416 MB,
 * `--trace-gc-nvp`) and raised its peak RSS by 50 MiB (bench/RESULTS.md, twentieth pass).
 */
class WholeText implements AddedText {
  readonly text: string;
  readonly #whole: { readonly lines: number };

  constructor(whole: { text: string; readonly lines: number }) {
    this.text = whole.text.includes('\r') ? whole.text.replace(/\r\n/g, '\n') : whole.text;
    this.#whole = whole;
  }

  get lines(): number {
    return this.#whole.lines;
  }

  lineNumber(index: number): number {
    return index + 1;
  }
}

/** A whole file as read: its text at head, and the same text as its added lines. */
class ReadWholeFile implements ReadContent {
  #addedText: AddedText | undefined;

  constructor(readonly whole: { binary: boolean; text: string }) {}

  addedText(): AddedText {
    return (this.#addedText ??= new WholeText(linesOfText(this.whole.text)));
  }

  headText(): string | undefined {
    return this.whole.binary ? undefined : this.whole.text;
  }
}

/**
 * What a file's standards share (`FileContent.shared`): one key and value kept in fields, others
 * in a map. A WeakMap from each file's content to its value, as the language family kept, cost a
 * 100,000-file scan about 1 µs a file to fill (bench/RESULTS.md, twenty-first pass).
 */
class SharedValues {
  #key: object | undefined;
  #value: unknown;
  #more: Map<object, unknown> | undefined;

  get<T>(key: object, make: () => T): T {
    if (this.#key === key) return this.#value as T;
    if (this.#more?.has(key)) return this.#more.get(key) as T;
    const value = make();
    if (this.#key === undefined) {
      this.#key = key;
      this.#value = value;
    } else (this.#more ??= new Map()).set(key, value);
    return value;
  }
}

/**
 * A whole added file's content (a scan's): its bytes read once, through `headContent`, for every
 * question, and at hand (`now`) from then on.
 */
class WholeFileContent implements FileContent {
  #now: ReadWholeFile | undefined;
  readonly #shared = new SharedValues();
  #asked = false;
  #read: Promise<ReadWholeFile> | undefined;
  #lines: Promise<ChangedLine[]> | undefined;

  constructor(private readonly file: FileChange & Required<Pick<FileChange, 'headContent'>>) {}

  get now(): ReadWholeFile | undefined {
    // Bytes a checkout's reader has already delivered are taken at once, on the first question
    // only: after that, a read is under way, or they have been taken.
    if (!this.#now && !this.#asked) {
      this.#asked = true;
      const whole = this.file.headContentNow?.();
      if (whole) this.#now = new ReadWholeFile(whole);
    }
    return this.#now;
  }

  #wholeRead(): Promise<ReadWholeFile> {
    const now = this.now;
    return (this.#read ??= now ? Promise.resolve(now) : this.file.headContent().then((whole) => (this.#now = new ReadWholeFile(whole))));
  }

  addedLines(): Promise<ChangedLine[]> {
    // Every line is added: the lines of the text read, as the file's own addedLines would give them.
    return (this.#lines ??= this.#wholeRead().then((read) => numberLines(read.whole.text)));
  }

  async addedText(): Promise<AddedText> {
    return (this.now ?? (await this.#wholeRead())).addedText();
  }

  async headText(): Promise<string | undefined> {
    return (this.now ?? (await this.#wholeRead())).headText();
  }

  shared<T>(key: object, make: () => T): T {
    return this.#shared.get(key, make);
  }
}

/** A change's added lines joined into one text, each keeping its line number. */
function joinedLines(lines: readonly ChangedLine[]): AddedText {
  return { text: lines.map((line) => line.text).join('\n'), lines: lines.length, lineNumber: (index: number) => lines[index]!.line };
}

/** One file's content, read at most once whatever number of standards ask for it. */
export function contentOf(file: FileChange, head: TreeView): FileContent {
  if (file.headContent) return new WholeFileContent(file as FileChange & Required<Pick<FileChange, 'headContent'>>);
  let added: Promise<ChangedLine[]> | undefined;
  let joined: Promise<AddedText> | undefined;
  let text: Promise<string | undefined> | undefined;
  let shared: SharedValues | undefined;
  const addedLines = () => (added ??= file.addedLines());
  return {
    addedLines,
    addedText: () =>
      (joined ??= (async () => {
        // A file added whole (a new file of a change) is searched as it is; otherwise its added lines are joined.
        if (file.addedText && !added) return new WholeText(await file.addedText());
        return joinedLines(await addedLines());
      })()),
    headText: () => (text ??= head.read(file.path)),
    now: undefined,
    shared: (key, make) => (shared ??= new SharedValues()).get(key, make),
  };
}

/**
 * The file-at-a-time standards, in one pass over the change: each file is read once for all of
 * them and released when they are done, so memory holds a few files, never the whole tree. A
 * file a check cannot judge is a failing result naming the file. Each result becomes its finding
 * (`toFinding`) as it comes: kept until the pass was over, every result of a large scan was in
 * memory beside its finding at the end (bench/RESULTS.md, seventeenth pass).
 */
async function evaluateFiles(prepared: readonly Prepared[], collectors: readonly Collecting[], context: RunContext, toFinding: (prepared: Prepared, result: CheckResult) => Finding): Promise<Map<Standard, Finding[]>> {
  const byStandard = new Map<Standard, Finding[]>(prepared.map((p) => [p.standard, []]));
  if (!prepared.length && !collectors.length) return byStandard;
  const { changeSet, today, teams } = context;

  /** One file's collectors, then its standards, as steps: each step's promise settles, never rejects. */
  class FileJudging {
    #content: FileContent | undefined;

    constructor(readonly file: FileChange) {}

    // Made only for a file that something reads: a standard in scope, or a family's facts.
    get content(): FileContent {
      return (this.#content ??= contentOf(this.file, changeSet.head));
    }

    step(index: number): Promise<void> | undefined {
      return index < collectors.length ? this.collect(collectors[index]!) : this.judge(prepared[index - collectors.length]!);
    }

    collect(collecting: Collecting): Promise<void> | undefined {
      const failed = (error: unknown) => void collecting.failures.push(`${this.file.path}: ${(error as Error).message}`);
      try {
        const adding = collecting.collector.add(this.file, this.content);
        return isPromise(adding) ? adding.catch(failed) : undefined;
      } catch (error) {
        failed(error);
        return undefined;
      }
    }

    judge(ready: Prepared): Promise<void> | undefined {
      const { check, options, selects } = ready;
      const file = this.file;
      if (!selects(file.path)) return undefined;
      let judging: CheckResult[] | Promise<CheckResult[]>;
      try {
        judging = check.evaluateFile!({ options, file, content: this.content, changeSet, today, teams });
      } catch (error) {
        this.record(ready, [failure(error, file.path)]);
        return undefined;
      }
      if (isPromise(judging)) return judging.then((found) => this.record(ready, this.known(check, found)), (error: unknown) => this.record(ready, [failure(error, file.path)]));
      this.record(ready, this.known(check, judging));
      return undefined;
    }

    /** A check's results, or a failure when it reports a message it does not have. */
    known(check: AnyCheck, found: CheckResult[]): CheckResult[] {
      try {
        const unknown = found.find((r) => !(r.messageId in check.messages));
        if (unknown) throw new Error(`check "${check.type}" reported unknown message id "${unknown.messageId}"`);
        return found;
      } catch (error) {
        // Results that are not a list of results fail the file as a throw does.
        return [failure(error, this.file.path)];
      }
    }

    record(ready: Prepared, found: CheckResult[]): void {
      const findings = byStandard.get(ready.standard)!;
      for (const result of found) findings.push(toFinding(ready, detached(result)));
    }
  }

  const steps = collectors.length + prepared.length;
  /** The steps from `index` on, once `pending` has settled: each waited for only if it must be. */
  const rest = async (judging: FileJudging, index: number, pending: Promise<void>) => {
    await pending;
    for (let next = index + 1; next < steps; next++) {
      const waiting = judging.step(next);
      if (waiting) await waiting;
    }
  };
  // A file is judged without a turn of the event loop whenever nothing it needs must be waited
  // for: once its content is read, each standard answers at once (FileContent.now). Only a step
  // that returns a promise is awaited, and the steps after it wait for it, in order.
  await forEachLimited(changeSet.files, FILES_IN_FLIGHT, (file) => {
    if (file.status === 'deleted') return undefined;
    const judging = new FileJudging(file);
    for (let index = 0; index < steps; index++) {
      const pending = judging.step(index);
      if (pending) return rest(judging, index, pending);
    }
    return undefined;
  });
  return byStandard;
}

/** A standard's lifecycle applied to one requested severity, with the notes a message ends with. */
interface Lifecycle {
  severity: Severity;
  notes: readonly string[];
  /** ` (note; note)`, or '' without notes. */
  suffix: string;
}

/**
 * What every finding of a standard shares on one day: its remediation, and the lifecycle of each
 * severity asked for, worked out once rather than per finding (a scan makes tens of thousands).
 */
interface FindingParts {
  today: string;
  remediation: string;
  lifecycles: Partial<Record<Severity, Lifecycle>>;
}

const partsByStandard = new WeakMap<Standard, FindingParts>();
// Most findings have no lifecycle notes: one frozen empty list serves them all.
const NO_NOTES = Object.freeze([]) as unknown as string[];

function partsOf(standard: Standard, today: string): FindingParts {
  let parts = partsByStandard.get(standard);
  if (parts?.today !== today) partsByStandard.set(standard, (parts = { today, remediation: standard.remediation.trim(), lifecycles: {} }));
  return parts;
}

function lifecycleOf(standard: Standard, parts: FindingParts, requested: Severity): Lifecycle {
  let lifecycle = parts.lifecycles[requested];
  if (!lifecycle) {
    const { severity, notes } = applyLifecycle(standard, requested, parts.today);
    // Shared by the standard's findings, so frozen: exemptions copy the list to add to it.
    lifecycle = { severity, notes: Object.freeze(notes.length ? notes : NO_NOTES), suffix: notes.length ? ` (${notes.join('; ')})` : '' };
    parts.lifecycles[requested] = lifecycle;
  }
  return lifecycle;
}

const FAILED: Lifecycle = { severity: 'fail', notes: NO_NOTES, suffix: '' };

function toFinding(standard: Standard, check: AnyCheck, result: CheckResult, preExisting: boolean, changeSet: ChangeSet, options: EvaluateOptions & { exemptionId: string }): Finding {
  const isFailure = result.messageId === COULD_NOT_EVALUATE;
  // An evaluation failure fails whatever the standard's severity or dates: only a proposed
  // standard, which by design never blocks, reports it as info.
  const parts = partsOf(standard, options.today);
  const { severity, notes, suffix } = isFailure ? (standard.status === 'proposed' ? lifecycleOf(standard, parts, 'info') : FAILED) : lifecycleOf(standard, parts, result.severity ?? standard.severity);
  const links = findingLinks(options.config, standard, { repository: changeSet.repository, paths: result.file ? [result.file] : [], today: options.today, exemptionId: options.exemptionId });
  const base = isFailure
    ? `${standard.id} could not be evaluated${result.file ? ` on ${result.file}` : ''}: ${result.data?.reason}`
    : fillTemplate(check.messages[result.messageId]!, result.data, links);
  return {
    standard: standard.id,
    title: standard.title,
    severity,
    message: suffix ? `${base}${suffix}` : base,
    remediation: parts.remediation,
    file: result.file ?? null,
    line: result.line ?? null,
    links,
    pre_existing: preExisting,
    exemption: null,
    check: check.type,
    message_id: result.messageId,
    notes: notes as string[],
  };
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    Number(a.pre_existing) - Number(b.pre_existing) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    compareText(a.standard, b.standard) ||
    compareText(a.file ?? '', b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0)
  );
}

export function summarise(findings: readonly Finding[]): Report['summary'] {
  const summary = { fail: 0, warn: 0, info: 0, exempted: 0, pre_existing: 0 };
  for (const finding of findings) {
    if (finding.exemption) summary.exempted++;
    else if (finding.pre_existing) summary.pre_existing++;
    if (counts(finding)) summary[finding.severity]++;
  }
  return summary;
}

/** Judges a change set against the standards. Standards are trusted input, validated before this is called. */
export async function evaluate(standards: readonly Standard[], changeSet: ChangeSet, options: EvaluateOptions): Promise<Report> {
  const findings: Finding[] = [];
  const skipped: SkippedStandard[] = [];
  // The id a new exemption request would take, offered on every finding's exemption link.
  const exemptionId = nextExemptionId(options.exemptions ?? []);
  const context: RunContext = { changeSet, today: options.today, teams: options.teams ?? TeamRegistry.empty() };

  const evaluated: Prepared[] = [];
  for (const standard of standards) {
    const prepared = prepare(standard);
    const reason = notEvaluatedReason(standard) ?? prepared.check.requires?.map((req) => REQUIREMENT_REASONS[req](changeSet)).find(Boolean);
    if (reason) skipped.push({ standard: standard.id, title: standard.title, reason });
    else evaluated.push(prepared);
  }

  const collectors: Collecting[] = [];
  for (const family of families) {
    const collector = family.facts?.(changeSet, standards);
    if (collector) collectors.push({ family: family.name, collector, failures: [] });
  }
  const findingOptions = { ...options, exemptionId };
  // The whole-change standards run alongside the file-at-a-time pass: while one waits for git to
  // send a blob, the other has work to do (a 10,000-file change spent 38% of its time idle when
  // they ran one after the other). Each settles to results, a check that throws to a failure, and
  // its results become findings at once, as the file pass's do: a large scan's CODEOWNERS results
  // were kept to the end beside their findings.
  const wholeChange = new Map(
    evaluated
      .filter((p) => !p.check.evaluateFile)
      .map((p) => [
        p.standard,
        settleLater(
          evaluateStandard(p, context)
            .catch((error: unknown): StandardResults => ({ results: [failure(error)], preExisting: new Set() }))
            .then(({ results, preExisting }) => results.map((result) => toFinding(p.standard, p.check, result, preExisting.size > 0 && preExisting.has(resultKey(result)), changeSet, findingOptions))),
        ),
      ]),
  );
  const perFile = await evaluateFiles(
    evaluated.filter((p) => p.check.evaluateFile),
    collectors,
    context,
    // A file's results are never pre-existing: only a whole-repository standard is run on the base.
    (prepared, result) => toFinding(prepared.standard, prepared.check, result, false, changeSet, findingOptions),
  );
  for (const { standard } of evaluated) {
    for (const finding of perFile.get(standard) ?? (await wholeChange.get(standard)!)) findings.push(finding);
    // Its findings are in the report's list now: a large scan need not hold them twice.
    perFile.delete(standard);
    wholeChange.delete(standard);
  }

  const exempted = applyExemptions(findings, options.exemptions ?? [], {
    repository: changeSet.repository,
    today: options.today,
    config: options.config,
    standards,
    scan: changeSet.mode === 'scan',
    nextExemptionId: exemptionId,
  });
  exempted.findings.sort(compareFindings);
  const summary = summarise(exempted.findings);
  const facts: Record<string, unknown> = {};
  const factNotices: string[] = [];
  for (const { family, collector, failures } of collectors) {
    facts[family] = collector.result();
    // Facts inform; they never pass or fail a change. What they could not count is said, not hidden.
    if (failures.length) factNotices.push(`${family} facts leave out ${failures.length} file${failures.length === 1 ? '' : 's'} that could not be read, such as ${failures[0]}`);
  }
  return {
    verdict: summary.fail > 0 ? 'fail' : 'pass',
    summary,
    findings: exempted.findings,
    skipped,
    facts,
    exemptions: exempted.usage,
    context: {
      mode: changeSet.mode,
      repository: changeSet.repository ?? null,
      base: changeSet.base.ref,
      head: changeSet.head.ref,
      date: options.today,
      standards: standards.length,
    },
    notices: [...(options.notices ?? []), ...(changeSet.notices ?? []), ...factNotices],
  };
}
