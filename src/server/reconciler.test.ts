import { expect, test } from 'vitest';
import { fingerprint, headFingerprint } from './check-job.ts';
import { staleReason } from './reconciler.ts';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const HEAD = 'a'.repeat(40);
const run = (id: number, fields: Partial<{ status: string; external_id: string | null; started_at: string | null; name: string; head_sha: string }>) => ({ id, name: 'standards', head_sha: HEAD, status: 'completed', external_id: 'fp', started_at: '2026-11-26T11:59:00Z', ...fields });
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();

test.each([
  { name: 'no run', runs: [], reason: 'no check run for the head commit' },
  { name: 'a run of another name only', runs: [run(1, { name: 'build' })], reason: 'no check run for the head commit' },
  { name: 'completed for the current state', runs: [run(1, {})], reason: undefined },
  { name: 'completed for an older state', runs: [run(1, { external_id: 'older' })], reason: 'the pull request changed since its last check' },
  { name: 'the newest run decides', runs: [run(2, {}), run(1, { external_id: 'older' })], reason: undefined },
  { name: 'given back (no fingerprint)', runs: [run(1, { status: 'queued', external_id: '' })], reason: 'a check was interrupted' },
  { name: 'in progress, claimed a minute ago', runs: [run(1, { status: 'in_progress', started_at: minutesAgo(1) })], reason: undefined },
  { name: 'in progress past the deadline', runs: [run(1, { status: 'in_progress', started_at: minutesAgo(4) })], reason: 'a check run left in_progress past the job deadline' },
  { name: 'queued with no start time', runs: [run(1, { status: 'queued', started_at: null })], reason: 'a check run left queued past the job deadline' },
])('$name → $reason', ({ runs, reason }) => {
  expect(staleReason(runs, HEAD, 'fp', 180_000, NOW)).toBe(reason);
});

const pr = (number: number, title = 'feat: a change') => ({ number, headSha: HEAD, baseSha: 'b'.repeat(40), baseRef: number === 2 ? 'main' : 'release', title, body: '', labels: [], author: 'octocat', draft: false });

test("a head's fingerprint: its one pull request's, or one for all of its open pull requests, in any order", () => {
  expect(headFingerprint([pr(2)], 'digest')).toBe(fingerprint(pr(2), 'digest'));
  const both = headFingerprint([pr(2), pr(3)], 'digest');
  expect(headFingerprint([pr(3), pr(2)], 'digest')).toBe(both);
  for (const other of [[pr(2)], [pr(2, 'edited'), pr(3)], [pr(2), pr(3, 'edited')], [pr(2), pr(3), pr(4)]]) expect(headFingerprint(other, 'digest')).not.toBe(both);
  expect(headFingerprint([pr(2), pr(3)], 'other standards')).not.toBe(both);
  // A run made for both is stale for either alone, and the other way round.
  const runs = [run(1, { external_id: both })];
  expect(staleReason(runs, HEAD, both, 180_000, NOW)).toBeUndefined();
  expect(staleReason(runs, HEAD, fingerprint(pr(2), 'digest'), 180_000, NOW)).toBe('the pull request changed since its last check');
});
