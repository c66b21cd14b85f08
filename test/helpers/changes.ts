import type { CheckResult, FileCheck } from '../../src/checks/types.ts';
import { contentOf } from '../../src/engine/evaluate.ts';
import { TeamRegistry } from '../../src/standards/teams.ts';
import { treeFromPaths } from '../../src/tree.ts';
import { numberLines, type ChangedLine, type ChangeSet, type FileChange, type FileStatus, type PullRequestInfo, type TreeView } from '../../src/changeset.ts';

export function memoryTree(files: Record<string, string>, ref = 'memory'): TreeView {
  return treeFromPaths(ref, async () => Object.keys(files).sort(), async (path) => files[path]);
}

export interface FileSpec {
  status?: FileStatus;
  /** Added lines as text (numbered from 1) or with explicit line numbers. */
  added?: (string | ChangedLine)[];
  removed?: (string | ChangedLine)[];
  binary?: boolean;
  previousPath?: string;
}

function numbered(lines: (string | ChangedLine)[] = []): ChangedLine[] {
  return lines.map((line, i) => (typeof line === 'string' ? { line: i + 1, text: line } : line));
}

export function fileChange(path: string, spec: FileSpec = {}): FileChange {
  const added = numbered(spec.added);
  const removed = numbered(spec.removed);
  return {
    path,
    previousPath: spec.previousPath,
    status: spec.status ?? 'added',
    isBinary: async () => spec.binary ?? false,
    lineCounts: async () => ({ additions: added.length, deletions: removed.length }),
    addedLines: async () => added,
    removedLines: async () => removed,
  };
}

export function pullRequest(overrides: Partial<PullRequestInfo> = {}): PullRequestInfo {
  return { title: 'feat: add things', body: '## Testing\nRan the unit tests.\n', labels: [], draft: false, ...overrides };
}

/** A diff-mode change set built in memory, for table-driven check and engine tests. */
export function changeSet(options: {
  files?: FileChange[];
  head?: Record<string, string>;
  base?: Record<string, string>;
  pr?: PullRequestInfo;
  mode?: 'diff' | 'scan';
  repository?: string;
}): ChangeSet {
  return {
    mode: options.mode ?? 'diff',
    files: options.files ?? [],
    head: memoryTree(options.head ?? {}, 'head'),
    base: memoryTree(options.base ?? {}, 'base'),
    pr: options.pr,
    repository: options.repository ?? 'acme/web',
  };
}

/** Every file of `head` as added, the way a scan sees a tree. */
export function scanOf(head: Record<string, string>): ChangeSet {
  return changeSet({
    mode: 'scan',
    head,
    files: Object.entries(head).map(([path, text]) => fileChange(path, { added: numberLines(text) })),
  });
}

/** A registry with no teams, for checks that do not look teams up. */
export const noTeams = TeamRegistry.empty();

/** Runs a file-at-a-time check over a change set's files as the engine does, each file's content read from head. */
export async function evaluateEachFile<Options>(check: FileCheck<Options>, options: Options, cs: ChangeSet, today = '2027-01-01'): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const file of cs.files) {
    if (file.status === 'deleted') continue;
    results.push(...(await check.evaluateFile({ options, file, content: contentOf(file, cs.head), changeSet: cs, today, teams: noTeams })));
  }
  return results;
}
