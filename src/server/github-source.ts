import type { ChangeSet, FileChange, FileStatus, PullRequestInfo } from '../changeset.ts';
import { fileFromPatch, patchFromContents, readableText, type ContentTree } from '../sources/content.ts';
import { treeFromPaths } from '../tree.ts';
import { parseFilePatch } from '../sources/unified-diff.ts';
import { groupDigits } from '../report/format.ts';
import type { GitHubClient } from './github-client.ts';
import Bottleneck from 'bottleneck';

/** GitHub lists at most this many files of a pull request. */
export const MAX_LISTED_FILES = 3000;

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  pr: PullRequestInfo;
  /** The PR's own count of changed files, to tell when the listing was cut short. */
  changedFiles?: number;
}

const STATUS: Record<string, FileStatus> = { added: 'added', removed: 'deleted', modified: 'modified', renamed: 'renamed', copied: 'added', changed: 'modified', unchanged: 'modified' };

/** Raw file contents arrive as text or as bytes, depending on the content type GitHub sends. */
export function rawBytes(data: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  throw new Error('unexpected contents response: expected raw file contents');
}

/** A tree read through the API: listed once (git trees), files fetched only when a check reads them. */
export function apiTree(client: GitHubClient, ref: { owner: string; repo: string }, sha: string, limit: Bottleneck, failures: unknown[] = []): ContentTree & { entries(): Promise<{ shas: Map<string, string>; truncated: boolean }> } {
  let listing: Promise<string[]> | undefined;
  const cache = new Map<string, Promise<Buffer | undefined>>();
  const bytes = (path: string) => {
    let content = cache.get(path);
    if (!content) {
      content = limit.schedule(async () => {
        try {
          const { data } = await client.rest.repos.getContent({ ...ref, path, ref: sha, mediaType: { format: 'raw' } });
          return rawBytes(data);
        } catch (error) {
          if ((error as { status?: number }).status === 404) return undefined;
          failures.push(error);
          throw error;
        }
      });
      cache.set(path, content);
    }
    return content;
  };
  let blobs: Promise<{ shas: Map<string, string>; truncated: boolean }> | undefined;
  const entries = () =>
    (blobs ??= client.rest.git.getTree({ ...ref, tree_sha: sha, recursive: 'true' }).then(
      ({ data }) => ({
        shas: new Map(data.tree.filter((e) => e.type === 'blob' && e.path && e.sha).map((e) => [e.path!, e.sha!])),
        truncated: data.truncated,
      }),
      (error: unknown) => {
        failures.push(error);
        throw error;
      },
    ));
  const paths = () => (listing ??= entries().then(({ shas }) => [...shas.keys()]));
  const read = async (path: string) => {
    const content = await bytes(path);
    if (!content) return undefined;
    const { binary, text } = readableText(content);
    return binary ? undefined : text;
  };
  return { ...treeFromPaths(sha.slice(0, 12), paths, read), bytes, entries };
}

/**
 * The change set of a pull request from GitHub's API: its files (paginated), patches for lines,
 * contents on demand. `failures` collects what GitHub would not serve while the change set is
 * read (the engine reports such a read as a finding; the server retries the work instead).
 */
export async function changeSetFromApi(client: GitHubClient, ref: PullRequestRef, options: { contentConcurrency?: number } = {}): Promise<{ changeSet: ChangeSet; incomplete?: string; failures: unknown[] }> {
  const repo = { owner: ref.owner, repo: ref.repo };
  const entries = await client.paginate(client.rest.pulls.listFiles, { ...repo, pull_number: ref.number, per_page: 100 });
  // The PR's diff is against the merge base, as the files list is; fall back to the base tip.
  let mergeBase = ref.baseSha;
  try {
    const { data } = await client.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${ref.baseSha}...${ref.headSha}`, per_page: 1 });
    mergeBase = data.merge_base_commit.sha;
  } catch {
    // Keep the base tip: findings about the whole repository are then judged against it.
  }
  const limit = new Bottleneck({ maxConcurrent: options.contentConcurrency ?? 8 });
  const failures: unknown[] = [];
  const head = apiTree(client, repo, ref.headSha, limit, failures);
  const base = apiTree(client, repo, mergeBase, limit, failures);
  const files: FileChange[] = entries.map((entry) => {
    const status = STATUS[entry.status] ?? 'modified';
    const meta = { path: entry.filename, previousPath: entry.previous_filename, status, counts: { additions: entry.additions, deletions: entry.deletions } };
    const headBytes = () => head.bytes(entry.filename);
    // GitHub sends no patch for files it shows as binary (which the PR's own .gitattributes can
    // decide) and for very large diffs: those are diffed here from their contents, when read.
    const patch = entry.patch || status === 'deleted' ? parseFilePatch(entry.patch ?? '') : async () => patchFromContents(status === 'added' ? undefined : await base.bytes(entry.previous_filename ?? entry.filename), await headBytes());
    return fileFromPatch(meta, patch, headBytes);
  });
  // GitHub lists at most 3,000 files of a pull request. Past that, the rest of the change is
  // found by comparing the two trees blob by blob; a tree GitHub itself cut short (over 100,000
  // entries) leaves the change incomplete, and the caller says so and fails.
  let incomplete: string | undefined;
  if (entries.length >= MAX_LISTED_FILES || (ref.changedFiles ?? 0) > entries.length) {
    const listed = new Set(entries.flatMap((e) => [e.filename, e.previous_filename].filter((p): p is string => Boolean(p))));
    const [before, after] = await Promise.all([base.entries(), head.entries()]);
    for (const [path, sha] of after.shas) {
      if (listed.has(path) || before.shas.get(path) === sha) continue;
      const status: FileStatus = before.shas.has(path) ? 'modified' : 'added';
      const headBytes = () => head.bytes(path);
      files.push(fileFromPatch({ path, status }, async () => patchFromContents(status === 'added' ? undefined : await base.bytes(path), await headBytes()), headBytes));
    }
    for (const path of before.shas.keys()) {
      if (listed.has(path) || after.shas.has(path)) continue;
      files.push(fileFromPatch({ path, status: 'deleted' }, async () => patchFromContents(await base.bytes(path), undefined), () => base.bytes(path)));
    }
    if (before.truncated || after.truncated) incomplete = `GitHub lists only the first ${groupDigits(MAX_LISTED_FILES)} files of a pull request, and cut short the tree of ${after.truncated ? 'its head' : 'its base'} (over 100,000 entries), so this pull request's change could not be read in full`;
  }
  return {
    changeSet: {
      mode: 'diff',
      files,
      head,
      base,
      pr: ref.pr,
      repository: `${ref.owner}/${ref.repo}`,
      notices: incomplete ? [incomplete] : undefined,
    },
    incomplete,
    failures,
  };
}
