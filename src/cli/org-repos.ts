// `standards org-repos`: the org scan's job matrix. Lists the organisation's repositories from
// the GitHub API (archived and disabled ones skipped), or reads them from a JSON file that
// overrides the list, and prints them in batches that fit a matrix's 256 jobs.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../diagnostics.ts';
import { MATRIX_JOB_LIMIT, REPOSITORY_NAME, scanMatrix } from '../org/shard.ts';
import { EXIT, type CliIo } from './shared.ts';

export interface OrgReposOptions {
  org?: string;
  reposFile?: string;
  maxJobs: string;
  includeForks?: boolean;
}

async function fromFile(file: string): Promise<string[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--repos-file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : `not JSON (${(error as Error).message})`}`);
  }
  if (!Array.isArray(parsed)) throw new UsageError(`--repos-file ${file}: must be a JSON list of "owner/name" strings`);
  return parsed.map((item, i) => {
    if (typeof item !== 'string' || !REPOSITORY_NAME.test(item)) throw new UsageError(`--repos-file ${file}: item ${i + 1} (${JSON.stringify(item)}) is not "owner/name"`);
    return item;
  });
}

/** GET /orgs/{org}/repos, every page, with the token in ORG_READ_TOKEN or GITHUB_TOKEN. */
async function fromApi(org: string, env: NodeJS.ProcessEnv, includeForks: boolean): Promise<string[]> {
  const token = env.ORG_READ_TOKEN || env.GITHUB_TOKEN;
  if (!token) throw new UsageError('listing repositories needs a token: set ORG_READ_TOKEN (or GITHUB_TOKEN) with read access to the organisation, or pass --repos-file');
  const { Octokit } = await import('@octokit/core');
  const { paginateRest } = await import('@octokit/plugin-paginate-rest');
  const octokit = new (Octokit.plugin(paginateRest))({ auth: token, baseUrl: env.GITHUB_API_URL || 'https://api.github.com', userAgent: 'standards-bot org-repos' });
  try {
    const repos = await octokit.paginate('GET /orgs/{org}/repos', { org, type: 'all', per_page: 100 });
    return repos.filter((r) => !r.archived && !r.disabled && (includeForks || !r.fork)).map((r) => r.full_name);
  } catch (error) {
    const status = (error as { status?: number }).status;
    throw new UsageError(`could not list ${org}'s repositories${status ? ` (GitHub answered ${status})` : ''}: ${(error as Error).message}. The token needs read access to the organisation's repositories (metadata: read)`);
  }
}

export async function orgRepos(io: CliIo, options: OrgReposOptions): Promise<number> {
  const maxJobs = Number(options.maxJobs);
  if (!Number.isInteger(maxJobs) || maxJobs < 1 || maxJobs > MATRIX_JOB_LIMIT) throw new UsageError(`--max-jobs ${options.maxJobs}: a whole number from 1 to ${MATRIX_JOB_LIMIT} (GitHub's limit on one matrix)`);
  let repos: string[];
  if (options.reposFile) repos = await fromFile(resolve(io.cwd, options.reposFile));
  else if (options.org) repos = await fromApi(options.org, io.env, options.includeForks ?? false);
  else throw new UsageError('give --org NAME to list from GitHub, or --repos-file FILE');
  const matrix = scanMatrix(repos.filter((r) => REPOSITORY_NAME.test(r)).sort(), maxJobs);
  io.stdout.write(`${JSON.stringify(matrix)}\n`);
  io.stderr.write(`standards: ${repos.length} repositories in ${matrix.include.length} jobs\n`);
  return EXIT.pass;
}
