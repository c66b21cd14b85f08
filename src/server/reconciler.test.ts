import { expect, test } from 'vitest';
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

test.each([
  { name: 'made for the other one, and this one unchanged since', external: 'fp-of-3', updated: minutesAgo(5), reason: undefined },
  { name: 'made for the other one, but this one changed after it completed', external: 'fp-of-3', updated: minutesAgo(0), reason: 'the pull request changed since its last check' },
  { name: 'made for a state no open pull request has', external: 'older', updated: minutesAgo(5), reason: 'the pull request changed since its last check' },
])('one head in two open pull requests, a run $name → $reason', ({ external, updated, reason }) => {
  const runs = [{ ...run(1, { external_id: external }), completed_at: minutesAgo(1) }];
  expect(staleReason(runs, HEAD, 'fp', 180_000, NOW, { states: new Set(['fp', 'fp-of-3']), updatedAt: updated })).toBe(reason);
});
