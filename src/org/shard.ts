// The org scan's matrix. A GitHub Actions matrix holds at most 256 jobs, so repositories are
// scanned in batches: the batch size is computed from the list, and every repository lands in
// exactly one job.

/** GitHub's documented limit on the jobs one matrix generates. */
export const MATRIX_JOB_LIMIT = 256;

/** owner/name as GitHub spells them; anything else never reaches a shell or a URL. */
export const REPOSITORY_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** Repositories in contiguous batches of equal size (the last may be smaller), at most `maxJobs` of them. */
export function shardRepositories(repositories: readonly string[], maxJobs = MATRIX_JOB_LIMIT): string[][] {
  if (!Number.isInteger(maxJobs) || maxJobs < 1 || maxJobs > MATRIX_JOB_LIMIT) throw new RangeError(`maxJobs must be a whole number from 1 to ${MATRIX_JOB_LIMIT}`);
  const unique = [...new Set(repositories)];
  const size = Math.max(1, Math.ceil(unique.length / maxJobs));
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += size) batches.push(unique.slice(i, i + size));
  return batches;
}

/** The matrix for `strategy.matrix`: one entry per job, its repositories space-separated. */
export function scanMatrix(repositories: readonly string[], maxJobs = MATRIX_JOB_LIMIT): { include: { batch: number; repos: string }[] } {
  return { include: shardRepositories(repositories, maxJobs).map((batch, i) => ({ batch: i + 1, repos: batch.join(' ') })) };
}
