import { resolve } from 'node:path';
import { fsScanSource } from '../sources/fs-source.ts';
import { gitScanSource } from '../sources/git-source.ts';
import { gitDirOf } from '../sources/git.ts';
import { checkedRepositoryName, repositoryName } from '../sources/repository-name.ts';
import { runReport, type ReportOptions } from './report.ts';
import type { CliIo } from './shared.ts';

/** `standards scan`: every divergence in a tree; a folder outside git is scanned as it is on disk. */
export async function scan(io: CliIo, options: ReportOptions & { head: string }): Promise<number> {
  const repo = resolve(io.cwd, options.repo);
  const [repository, gitDir] = await Promise.all([repositoryName({ explicit: checkedRepositoryName(options.repoName), env: io.env, repo }), gitDirOf(repo)]);
  const inGit = gitDir !== undefined;
  return runReport(io, options, (dir) => (inGit ? gitScanSource({ repo: dir, head: options.head, repository }) : fsScanSource({ dir, repository })));
}
