import { gitMaybe } from './git.ts';

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
