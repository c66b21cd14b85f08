import { resolve } from 'node:path';
import type { PullRequestInfo } from '../changeset.ts';
import { gitRangeSource } from '../sources/git-source.ts';
import { readPullRequestEvent } from '../sources/pr-event.ts';
import { checkedRepositoryName, repositoryName } from '../sources/repository-name.ts';
import { runReport, type ReportOptions } from './report.ts';
import type { CliIo } from './shared.ts';

export interface CheckOptions extends ReportOptions {
  base?: string;
  head: string;
  prEvent?: string;
}

function eventFile(explicit: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (explicit) return explicit;
  // Inside a pull_request workflow, GitHub Actions hands over the event without being asked.
  if (env.GITHUB_EVENT_PATH && env.GITHUB_EVENT_NAME?.startsWith('pull_request')) return env.GITHUB_EVENT_PATH;
  return undefined;
}

/** `standards check`: a change (a git range, like a pull request) against the standards. */
export async function check(io: CliIo, options: CheckOptions): Promise<number> {
  let pr: PullRequestInfo | undefined;
  let fromEvent: string | undefined;
  const file = eventFile(options.prEvent, io.env);
  if (file) ({ pr, repository: fromEvent } = await readPullRequestEvent(resolve(io.cwd, file)));
  const repo = resolve(io.cwd, options.repo);
  // Asked of git while the source opens, not before it.
  const repository = repositoryName({ explicit: checkedRepositoryName(options.repoName), env: io.env, fromEvent, repo });
  return runReport(io, options, (dir) => gitRangeSource({ repo: dir, base: options.base, head: options.head, pr, repository }));
}
