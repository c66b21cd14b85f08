import { describe, expect, test } from 'vitest';
import { Scheduler, workKey, type PullRequestWork } from './scheduler.ts';

const work = (installation: number, number: number, source = `d-${installation}-${number}`, headSha = 'a'): PullRequestWork => ({ key: workKey('acme', `app-${installation}`, number), installation, owner: 'acme', repo: `app-${installation}`, number, headSha, sources: [source] });

/** A scheduler whose checks finish when the test says so. */
function harness(options: Partial<ConstructorParameters<typeof Scheduler>[0]> = {}) {
  const started: PullRequestWork[] = [];
  const finish = new Map<string, () => void>();
  const scheduler = new Scheduler({
    capacity: 100,
    concurrency: 4,
    installationConcurrency: 2,
    jobTimeoutMs: 60_000,
    run: (w, signal) =>
      new Promise<void>((resolve, reject) => {
        started.push({ ...w, sources: [...w.sources] });
        finish.set(w.key, resolve);
        signal.addEventListener('abort', () => reject(signal.reason));
      }),
    ...options,
  });
  const done = async (key: string) => {
    finish.get(key)!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { scheduler, started, done };
}

describe('Scheduler', () => {
  test('deliveries for a waiting pull request collapse into one entry, at the newest head', () => {
    const { scheduler, started } = harness({ concurrency: 1 });
    expect(scheduler.offer(work(1, 1))).toBe('queued');
    expect(scheduler.offer(work(1, 2, 'push-1', 'b'))).toBe('queued');
    expect(scheduler.offer(work(1, 2, 'push-2', 'c'))).toBe('coalesced');
    expect(scheduler.offer(work(1, 2, 'push-3', 'd'))).toBe('coalesced');
    expect(scheduler.status()).toMatchObject({ pending: 1, running: 1, queued: 2, coalesced: 2 });
    expect(started.map((w) => w.number)).toEqual([1]);
  });

  test('a delivery for a pull request being checked runs it once more afterwards, however many arrive', async () => {
    const { scheduler, started, done } = harness();
    scheduler.offer(work(1, 1, 'first', 'a'));
    for (const sha of ['b', 'c', 'd']) expect(scheduler.offer(work(1, 1, `push-${sha}`, sha))).toBe('coalesced');
    await done(workKey('acme', 'app-1', 1));
    expect(started.map((w) => [w.headSha, w.sources])).toEqual([
      ['a', ['first']],
      ['d', ['push-b', 'push-c', 'push-d']],
    ]);
  });

  test('installations take turns, each within its slots', () => {
    const { scheduler, started } = harness({ concurrency: 4, installationConcurrency: 2 });
    for (let n = 1; n <= 5; n++) scheduler.offer(work(1, n));
    scheduler.offer(work(2, 1));
    scheduler.offer(work(3, 1));
    expect(started.map((w) => `${w.installation}#${w.number}`)).toEqual(['1#1', '1#2', '2#1', '3#1']);
  });

  test('past capacity, offers are refused; a pull request already waiting still coalesces', () => {
    const { scheduler } = harness({ capacity: 2, concurrency: 1 });
    scheduler.offer(work(1, 1));
    scheduler.offer(work(1, 2));
    scheduler.offer(work(1, 3));
    expect(scheduler.offer(work(1, 4))).toBe('full');
    expect(scheduler.offer(work(1, 3, 'again'))).toBe('coalesced');
    expect(scheduler.full).toBe(true);
    expect(scheduler.status().refused).toBe(1);
  });

  test('a check past its deadline is aborted', async () => {
    const settled: unknown[] = [];
    const timed = new Scheduler({ capacity: 1, concurrency: 1, installationConcurrency: 1, jobTimeoutMs: 20, run: (_w, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))), onSettled: (_w, outcome) => settled.push(outcome) });
    timed.offer(work(1, 1));
    await timed.idle();
    expect(settled).toEqual([{ ok: false, error: new Error('the check took longer than 0.02 s') }]);
    expect(timed.size).toBe(0);
  });

  test('drain: refuses new work, finishes what it can by the deadline, aborts the rest and reports it', async () => {
    const { scheduler, done } = harness({ concurrency: 1 });
    scheduler.offer(work(1, 1));
    scheduler.offer(work(1, 2));
    scheduler.offer(work(1, 3));
    const draining = scheduler.drain(200, 50);
    expect(scheduler.offer(work(1, 4))).toBe('draining');
    await done(workKey('acme', 'app-1', 1));
    const { unfinished, interrupted } = await draining;
    expect(interrupted.map((w) => w.number)).toEqual([2]);
    expect(unfinished.map((w) => w.number)).toEqual([3]);
  });
});
