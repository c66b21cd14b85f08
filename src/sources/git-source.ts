import { emptyTree, numberLines, type ChangedLine, type ChangeSet, type FileChange, type FileStatus, type PullRequestInfo, type TreeView } from '../changeset.ts';
import { UsageError } from '../diagnostics.ts';
import { BlobReader, git, GitError, gitMaybe, looksBinary } from './git.ts';
import { parseFilePatch, splitPatch } from './unified-diff.ts';

export interface GitSource {
  changeSet: ChangeSet;
  /** Stops the blob reader's git process. */
  close(): void;
}

interface TreeEntry {
  objectId: string;
}

/** A commit's tree, listed once with `git ls-tree` and read through the shared blob reader. */
export function gitTree(repo: string, commit: string, label: string, blobs: BlobReader): TreeView {
  let entries: Promise<Map<string, TreeEntry>> | undefined;
  const list = () =>
    (entries ??= git(repo, ['ls-tree', '-r', '-z', '--full-tree', commit]).then((out) => {
      const map = new Map<string, TreeEntry>();
      for (const record of out.split('\0')) {
        if (!record) continue;
        const tab = record.indexOf('\t');
        const [, type, objectId] = record.slice(0, tab).split(' ');
        // Submodules (type "commit") have no content in this repository.
        if (type === 'blob') map.set(record.slice(tab + 1), { objectId: objectId! });
      }
      return map;
    }));
  return {
    ref: label,
    paths: async () => [...(await list()).keys()],
    async read(path) {
      const entry = (await list()).get(path);
      if (!entry) return undefined;
      const blob = await blobs.read(entry.objectId);
      return blob && !looksBinary(blob) ? blob.toString('utf8') : undefined;
    },
  };
}

/** "main (1a2b3c4d5e6f)", or just the short sha when the ref was a sha. */
function refLabel(ref: string, sha: string): string {
  return sha.startsWith(ref) ? sha.slice(0, 12) : `${ref} (${sha.slice(0, 12)})`;
}

async function resolveCommit(repo: string, ref: string, flag: string): Promise<string> {
  const sha = await gitMaybe(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!sha) throw new UsageError(`${flag} ${ref}: no such commit in ${repo}`);
  return sha;
}

/** The branch GitHub would compare against: origin's HEAD, else main or master. */
export async function defaultBranch(repo: string): Promise<string | undefined> {
  const originHead = await gitMaybe(repo, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  if (originHead) return originHead;
  for (const candidate of ['main', 'master', 'origin/main', 'origin/master']) {
    if (await gitMaybe(repo, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`])) return candidate;
  }
  return undefined;
}

export async function ensureGitRepository(repo: string): Promise<void> {
  try {
    await git(repo, ['rev-parse', '--git-dir']);
  } catch (error) {
    if (error instanceof GitError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UsageError(`${repo} is not a git repository (or does not exist); pass --repo DIR`);
    }
    throw error;
  }
}

interface NameStatus {
  status: FileStatus;
  path: string;
  previousPath?: string;
}

function parseNameStatus(out: string): NameStatus[] {
  const fields = out.split('\0');
  const entries: NameStatus[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const code = fields[i++]!;
    if (!code) continue;
    if (code.startsWith('R') || code.startsWith('C')) {
      const previousPath = fields[i++]!;
      const path = fields[i++]!;
      entries.push(code.startsWith('R') ? { status: 'renamed', path, previousPath } : { status: 'added', path });
    } else {
      const status: FileStatus = code === 'A' ? 'added' : code === 'D' ? 'deleted' : 'modified';
      entries.push({ status, path: fields[i++]! });
    }
  }
  return entries;
}

function parseNumstat(out: string): { additions: number; deletions: number; binary: boolean }[] {
  const fields = out.split('\0');
  const stats = [];
  for (let i = 0; i < fields.length - 1; ) {
    const record = fields[i++]!;
    if (!record) continue;
    const [added, deleted, path] = record.split('\t');
    // A rename's paths follow as two extra NUL-separated fields.
    if (path === '') i += 2;
    const binary = added === '-';
    stats.push({ additions: binary ? 0 : Number(added), deletions: binary ? 0 : Number(deleted), binary });
  }
  return stats;
}

const DIFF_FLAGS = ['--no-ext-diff', '--no-textconv', '--find-renames', '--no-color'];

async function emptyTreeId(repo: string): Promise<string> {
  return (await git(repo, ['hash-object', '-t', 'tree', '/dev/null'])).trim();
}

/**
 * A change set for `base...head` as GitHub shows a pull request: from the merge-base of the
 * two to head. Without `base`, the PR event's base or the default branch is used.
 */
export async function gitRangeSource(options: { repo: string; base?: string; head?: string; pr?: PullRequestInfo; repository?: string }): Promise<GitSource> {
  const { repo } = options;
  await ensureGitRepository(repo);
  const headRef = options.head ?? 'HEAD';
  const head = await resolveCommit(repo, headRef, '--head');

  let baseRef = options.base;
  if (!baseRef && options.pr?.baseSha && (await gitMaybe(repo, ['cat-file', '-e', `${options.pr.baseSha}^{commit}`])) !== undefined) {
    baseRef = options.pr.baseSha;
  }
  baseRef ??= await defaultBranch(repo);
  if (!baseRef) throw new UsageError(`could not find a default branch (origin/HEAD, main or master) in ${repo} to compare with; pass --base REF`);
  const baseCommit = await resolveCommit(repo, baseRef, '--base');
  const base = await gitMaybe(repo, ['merge-base', baseCommit, head]);
  if (!base) {
    const shallow = (await gitMaybe(repo, ['rev-parse', '--is-shallow-repository'])) === 'true';
    throw new UsageError(
      shallow
        ? `${baseRef} and ${headRef} share no history in this shallow clone; fetch the history (in GitHub Actions: actions/checkout with fetch-depth: 0)`
        : `${baseRef} and ${headRef} share no history; pass a --base that ${headRef} branched from`,
    );
  }

  const range = [base, head];
  const [nameStatus, numstat, patch] = await Promise.all([
    git(repo, ['diff', '--name-status', '-z', ...DIFF_FLAGS, ...range]),
    git(repo, ['diff', '--numstat', '-z', ...DIFF_FLAGS, ...range]),
    git(repo, ['diff', '-U0', ...DIFF_FLAGS, ...range]),
  ]);
  const entries = parseNameStatus(nameStatus);
  const stats = parseNumstat(numstat);
  const sections = splitPatch(patch);
  // All three listings come from the same diff machinery with the same flags, so they share an order.
  if (stats.length !== entries.length || sections.length !== entries.length) {
    throw new Error(`git diff listings disagree (${entries.length} files, ${stats.length} stats, ${sections.length} patches)`);
  }

  const blobs = new BlobReader(repo);
  const files: FileChange[] = entries.map((entry, i) => {
    const { added, removed } = parseFilePatch(sections[i]!);
    return {
      ...entry,
      ...stats[i]!,
      addedLines: async () => added,
      removedLines: async () => removed,
    };
  });

  return {
    changeSet: {
      mode: 'diff',
      files,
      head: gitTree(repo, head, refLabel(headRef, head), blobs),
      base: gitTree(repo, base, base === baseCommit ? refLabel(baseRef, base) : `merge-base of ${refLabel(baseRef, baseCommit)} (${base.slice(0, 12)})`, blobs),
      pr: options.pr,
      repository: options.repository,
    },
    close: () => blobs.close(),
  };
}

/** Every file of `head`'s tree as an added file: how `standards scan` reports all divergence. */
export async function gitScanSource(options: { repo: string; head?: string; repository?: string }): Promise<GitSource> {
  const { repo } = options;
  await ensureGitRepository(repo);
  const headRef = options.head ?? 'HEAD';
  const head = await resolveCommit(repo, headRef, '--head');
  const numstat = await git(repo, ['diff', '--numstat', '-z', '--no-renames', '--no-ext-diff', '--no-textconv', await emptyTreeId(repo), head]);

  const blobs = new BlobReader(repo);
  const tree = gitTree(repo, head, refLabel(headRef, head), blobs);
  const files: FileChange[] = [];
  for (const record of numstat.split('\0')) {
    if (!record) continue;
    const [added, , path] = record.split('\t');
    const binary = added === '-';
    let lines: Promise<ChangedLine[]> | undefined;
    const addedLines = () => (lines ??= tree.read(path!).then((text) => numberLines(text ?? '')));
    files.push({ path: path!, status: 'added', binary, additions: binary ? 0 : Number(added), deletions: 0, addedLines, removedLines: async () => [] });
  }
  return {
    changeSet: { mode: 'scan', files, head: tree, base: emptyTree, repository: options.repository },
    close: () => blobs.close(),
  };
}
