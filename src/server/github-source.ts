import type { ChangeSet, FileChange, FileStatus, PullRequestInfo, TreeView } from '../changeset.ts';
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

/** Raw file contents arrive as text or as bytes, depending on the content type GitHub sends; binary files read as undefined. */
export function decodeRaw(data: unknown): string | undefined {
  let bytes: Buffer;
  if (typeof data === 'string') bytes = Buffer.from(data, 'utf8');
  else if (data instanceof ArrayBuffer) bytes = Buffer.from(data);
  else if (ArrayBuffer.isView(data)) bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  else throw new Error('unexpected contents response: expected raw file contents');
  return bytes.subarray(0, 8000).includes(0) ? undefined : bytes.toString('utf8');
}

/** A tree read through the API: listed once (git trees), files fetched only when a check reads them. */
export function apiTree(client: GitHubClient, ref: { owner: string; repo: string }, sha: string, limit: ReturnType<typeof limiter>): TreeView {
  let listing: Promise<string[]> | undefined;
  const cache = new Map<string, Promise<string | undefined>>();
  return {
    ref: sha.slice(0, 12),
    paths: () =>
      (listing ??= client.rest.git.getTree({ ...ref, tree_sha: sha, recursive: 'true' }).then(({ data }) => data.tree.filter((e) => e.type === 'blob' && e.path).map((e) => e.path!))),
    read(path) {
      let text = cache.get(path);
      if (!text) {
        text = limit(async () => {
          try {
            const { data } = await client.rest.repos.getContent({ ...ref, path, ref: sha, mediaType: { format: 'raw' } });
            return decodeRaw(data);
          } catch (error) {
            if ((error as { status?: number }).status === 404) return undefined;
            throw error;
          }
        });
        cache.set(path, text);
      }
      return text;
    },
  };
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
  const files: FileChange[] = entries.map((entry) => {
    const { added, removed } = entry.patch ? parseFilePatch(entry.patch) : { added: [], removed: [] };
    const status = STATUS[entry.status] ?? 'modified';
    return {
      path: entry.filename,
      previousPath: entry.previous_filename,
      status,
      // GitHub sends no patch for binary files (and for very large diffs).
      binary: !entry.patch && entry.changes === 0 && (status === 'added' || status === 'modified'),
      additions: entry.additions,
      deletions: entry.deletions,
      addedLines: async () => added,
      removedLines: async () => removed,
    };
  });
  const truncated = entries.length >= MAX_LISTED_FILES || (ref.changedFiles ?? 0) > entries.length;
  return {
    changeSet: {
      mode: 'diff',
      files,
      head: apiTree(client, repo, ref.headSha, limit),
      base: apiTree(client, repo, mergeBase, limit),
      pr: ref.pr,
      repository: `${ref.owner}/${ref.repo}`,
    },
    truncated,
  };
}
