import { UsageError } from '../diagnostics.ts';
import { gitMaybe } from './git.ts';

// GitHub's own rules: an owner is letters, digits and single hyphens, not at either end; a
// repository name is letters, digits, '.', '-' and '_', and never '.' or '..'.
const REPOSITORY_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;

/** Whether `value` is owner/name as GitHub allows it. */
export function isRepositoryName(value: string): boolean {
  return REPOSITORY_NAME.test(value);
}

/** A repository name given by hand (`--repo-name`), checked: a usage error names what was given. */
export function checkedRepositoryName(value: string | undefined, label = '--repo-name'): string | undefined {
  if (value !== undefined && !isRepositoryName(value)) throw new UsageError(`${label} ${JSON.stringify(value)}: not a repository; write owner/name, as in acme/web`);
  return value;
}

/** owner/name from a remote URL: https://host/owner/name(.git), git@host:owner/name(.git), ssh://… */
export function repositoryFromRemote(url: string): string | undefined {
  const match = /^(?:[a-z+]+:\/\/(?:[^@/]+@)?[^/]+\/|[^@\s]+@[^:]+:)([^/]+\/[^/]+?)(?:\.git)?\/?$/i.exec(url.trim());
  return match?.[1];
}

/** Which repository is under check: --repo-name, else GITHUB_REPOSITORY, else the PR event's, else origin's URL. */
export async function repositoryName(options: { explicit?: string; env: NodeJS.ProcessEnv; fromEvent?: string; repo: string }): Promise<string | undefined> {
  if (options.explicit) return options.explicit;
  if (options.env.GITHUB_REPOSITORY) return options.env.GITHUB_REPOSITORY;
  if (options.fromEvent) return options.fromEvent;
  const origin = await gitMaybe(options.repo, ['remote', 'get-url', 'origin']);
  return origin ? repositoryFromRemote(origin) : undefined;
}
