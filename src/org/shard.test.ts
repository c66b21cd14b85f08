import { describe, expect, test } from 'vitest';
import { MATRIX_JOB_LIMIT, scanMatrix, shardRepositories } from './shard.ts';

const repos = (n: number) => Array.from({ length: n }, (_, i) => `acme/repo-${i}`);

describe('shardRepositories', () => {
  test.each([
    { count: 0, jobs: 0, size: 0 },
    { count: 1, jobs: 1, size: 1 },
    { count: 200, jobs: 200, size: 1 },
    { count: 256, jobs: 256, size: 1 },
    { count: 257, jobs: 129, size: 2 },
    { count: 1_000, jobs: 250, size: 4 },
    { count: 10_000, jobs: 250, size: 40 },
  ])('$count repositories → $jobs jobs of at most $size', ({ count, jobs, size }) => {
    const batches = shardRepositories(repos(count));
    expect(batches.length).toBe(jobs);
    expect(batches.length).toBeLessThanOrEqual(MATRIX_JOB_LIMIT);
    expect(Math.max(0, ...batches.map((b) => b.length))).toBe(size);
    // Each repository exactly once.
    expect(batches.flat().sort()).toEqual(repos(count).sort());
  });

  test('1,000 repositories: at most 256 jobs in the matrix, covering each repository exactly once', () => {
    const matrix = scanMatrix(repos(1_000));
    expect(matrix.include.length).toBeLessThanOrEqual(256);
    const seen = matrix.include.flatMap((job) => job.repos.split(' '));
    expect(seen.length).toBe(1_000);
    expect(new Set(seen).size).toBe(1_000);
  });

  test('a repository listed twice is scanned once', () => {
    expect(shardRepositories(['a/b', 'a/b', 'c/d']).flat()).toEqual(['a/b', 'c/d']);
  });

  test.each([0, 257, 1.5])('maxJobs %s is refused', (maxJobs) => {
    expect(() => shardRepositories(repos(3), maxJobs)).toThrow(RangeError);
  });
});
