import type { ChangeSet, FileChange, FileStatus, PullRequestInfo } from '../changeset.ts';
import { fileFromPatch, patchFromContents, readableText, type ContentTree } from '../sources/content.ts';
import { treeFromPaths } from '../tree.ts';
import { parseFilePatch } from '../sources/unified-diff.ts';
import type { GitHubClient } from './github-client.ts';
import { limiter } from './queue.ts';

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
export function apiTree(client: GitHubClient, ref: { owner: string; repo: string }, sha: string, limit: ReturnType<typeof limiter>): ContentTree {
  let listing: Promise<string[]> | undefined;
  const cache = new Map<string, Promise<Buffer | undefined>>();
  const bytes = (path: string) => {
    let content = cache.get(path);
    if (!content) {
      content = limit(async () => {
        try {
          const { data } = await client.rest.repos.getContent({ ...ref, path, ref: sha, mediaType: { format: 'raw' } });
          return rawBytes(data);
        } catch (error) {
          if ((error as { status?: number }).status === 404) return undefined;
          throw error;
        }
      });
      cache.set(path, content);
    }
    return content;
  };
  const paths = () =>
    (listing ??= client.rest.git.getTree({ ...ref, tree_sha: sha, recursive: 'true' }).then(({ data }) => data.tree.filter((e) => e.type === 'blob' && e.path).map((e) => e.path!)));
  const read = async (path: string) => {
    const content = await bytes(path);
    if (!content) return undefined;
    const { binary, text } = readableText(content);
    return binary ? undefined : text;
  };
  return { ...treeFromPaths(sha.slice(0, 12), paths, read), bytes };
}

/** The change set of a pull request from GitHub's API: its files (paginated), patches for lines, contents on demand. */
export async function changeSetFromApi(client: GitHubClient, ref: PullRequestRef, options: { contentConcurrency?: number } = {}): Promise<{ changeSet: ChangeSet; truncated: boolean }> {
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
  const limit = limiter(options.contentConcurrency ?? 8);
  const head = apiTree(client, repo, ref.headSha, limit);
  const base = apiTree(client, repo, mergeBase, limit);
  const files: FileChange[] = entries.map((entry) => {
    const status = STATUS[entry.status] ?? 'modified';
    const meta = { path: entry.filename, previousPath: entry.previous_filename, status, additions: entry.additions, deletions: entry.deletions };
    const headBytes = () => head.bytes(entry.filename);
    // GitHub sends no patch for files it shows as binary (which the PR's own .gitattributes can
    // decide) and for very large diffs: those are diffed here from their contents, when read.
    const patch = entry.patch || status === 'deleted' ? parseFilePatch(entry.patch ?? '') : async () => patchFromContents(status === 'added' ? undefined : await base.bytes(entry.previous_filename ?? entry.filename), await headBytes());
    return fileFromPatch(meta, patch, headBytes);
  });
  const truncated = entries.length >= MAX_LISTED_FILES || (ref.changedFiles ?? 0) > entries.length;
  return {
    changeSet: {
      mode: 'diff',
      files,
      head,
      base,
      pr: ref.pr,
      repository: `${ref.owner}/${ref.repo}`,
    },
    truncated,
  };
}
