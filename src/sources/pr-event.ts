import { readFile } from 'node:fs/promises';
import type { PullRequestInfo } from '../changeset.ts';
import { UsageError } from '../diagnostics.ts';

interface PullRequestPayload {
  number?: number;
  title?: string;
  body?: string | null;
  draft?: boolean;
  labels?: { name?: string }[];
  user?: { login?: string };
  base?: { sha?: string; ref?: string };
  head?: { sha?: string };
}

/** PR metadata from a `pull_request` webhook payload, the format of GitHub Actions' GITHUB_EVENT_PATH. */
export function pullRequestFromEvent(event: unknown): PullRequestInfo | undefined {
  const pr = (event as { pull_request?: PullRequestPayload } | null)?.pull_request;
  if (!pr || typeof pr !== 'object') return undefined;
  return {
    number: pr.number,
    title: pr.title ?? '',
    body: pr.body ?? '',
    labels: (pr.labels ?? []).map((label) => label.name ?? '').filter(Boolean),
    author: pr.user?.login,
    draft: pr.draft ?? false,
    baseSha: pr.base?.sha,
    headSha: pr.head?.sha,
    baseRef: pr.base?.ref,
  };
}

export async function readPullRequestEvent(file: string): Promise<{ pr: PullRequestInfo; repository?: string }> {
  let event: unknown;
  try {
    event = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new UsageError(`--pr-event ${file}: ${reason}`);
  }
  const pr = pullRequestFromEvent(event);
  if (!pr) throw new UsageError(`--pr-event ${file}: not a pull_request event (it has no "pull_request" object)`);
  const repository = (event as { repository?: { full_name?: string } }).repository?.full_name;
  return { pr, repository };
}
