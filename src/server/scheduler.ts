// Pull requests waiting to be checked, in memory only: GitHub stays the durable store (a check run
// left unfinished, or a delivery refused, is found again by the reconciler). Work is per pull
// request, not per delivery: deliveries for a pull request that is already waiting collapse into
// one entry, which is checked at the pull request's newest head; one that is being checked is
// checked once more after. Installations take turns, each with a few slots, so one busy
// organisation cannot hold them all.

export interface PullRequestWork {
  /** installation/owner/repo#number */
  key: string;
  installation?: number;
  owner: string;
  repo: string;
  number: number;
  /** The head the newest delivery named; the check reads the pull request afresh anyway. */
  headSha?: string;
  /** Checked even if the pull request has not changed since its last check (a "Re-run" in GitHub's UI). */
  force?: boolean;
  /** Deliveries (or "reconciler") this entry stands for, for the log. */
  sources: string[];
}

export type Offer = 'queued' | 'coalesced' | 'full' | 'draining';

interface Running {
  work: PullRequestWork;
  started: number;
  controller: AbortController;
  done: Promise<void>;
}

export interface SchedulerOptions<T> {
  capacity: number;
  concurrency: number;
  installationConcurrency: number;
  jobTimeoutMs: number;
  /** Checks one pull request; rejects when it could not be finished. */
  run(work: PullRequestWork, signal: AbortSignal, deadline: number): Promise<T>;
  onSettled?(work: PullRequestWork, outcome: { ok: true; value: T } | { ok: false; error: unknown }): void;
}

export function workKey(owner: string, repo: string, number: number): string {
  // Not by installation: a repository's pull request is one piece of work whichever installation
  // id a delivery or the reconciler names (an App reinstalled gets a new one).
  return `${owner}/${repo}#${number}`.toLowerCase();
}

export class Scheduler<T = unknown> {
  private readonly pending = new Map<string, PullRequestWork>();
  /** Keys waiting, per installation, oldest first; installations take turns from `turn`. */
  private readonly lanes = new Map<string, string[]>();
  private readonly again = new Map<string, PullRequestWork>();
  private readonly running = new Map<string, Running>();
  private readonly runningPerInstallation = new Map<string, number>();
  private turn = 0;
  private draining = false;
  private idleWaiters: (() => void)[] = [];
  readonly stats = { queued: 0, coalesced: 0, refused: 0, completed: 0, failed: 0 };

  constructor(private readonly options: SchedulerOptions<T>) {}

  get size(): number {
    return this.pending.size + this.again.size + this.running.size;
  }

  get full(): boolean {
    return this.pending.size + this.again.size >= this.options.capacity;
  }

  /** Whether this pull request is waiting or being checked here. */
  has(key: string): boolean {
    return this.pending.has(key) || this.again.has(key) || this.running.has(key);
  }

  /** Pull requests that can still be queued before offers are refused. */
  room(): number {
    return this.draining ? 0 : this.options.capacity - this.pending.size - this.again.size;
  }

  /** The longest a check now running has run, in ms. */
  oldestRunningMs(now = Date.now()): number {
    let oldest = 0;
    for (const { started } of this.running.values()) oldest = Math.max(oldest, now - started);
    return oldest;
  }

  status() {
    return { pending: this.pending.size + this.again.size, running: this.running.size, draining: this.draining, ...this.stats };
  }

  offer(work: PullRequestWork): Offer {
    if (this.draining) return 'draining';
    const merge = (into: PullRequestWork) => {
      into.headSha = work.headSha ?? into.headSha;
      into.force ||= work.force;
      // A pull request pushed to all day is one entry: its list of deliveries stays short.
      into.sources = [...into.sources, ...work.sources].slice(-50);
      this.stats.coalesced++;
      return 'coalesced' as const;
    };
    const waiting = this.pending.get(work.key) ?? this.again.get(work.key);
    if (waiting) return merge(waiting);
    if (this.full) {
      this.stats.refused++;
      return 'full';
    }
    if (this.running.has(work.key)) {
      // Checked again once the current check ends, at what is then the newest head.
      this.again.set(work.key, { ...work, sources: [...work.sources] });
      this.stats.coalesced++;
      return 'coalesced';
    }
    this.enqueue({ ...work, sources: [...work.sources] });
    this.stats.queued++;
    this.pump();
    return 'queued';
  }

  private lane(work: PullRequestWork): string {
    return String(work.installation ?? '-');
  }

  private enqueue(work: PullRequestWork): void {
    this.pending.set(work.key, work);
    const lane = this.lane(work);
    const keys = this.lanes.get(lane);
    if (keys) keys.push(work.key);
    else this.lanes.set(lane, [work.key]);
  }

  /** The next pull request to start: installations in turn, each within its slots. */
  private next(): PullRequestWork | undefined {
    const lanes = [...this.lanes.keys()];
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[(this.turn + i) % lanes.length]!;
      if ((this.runningPerInstallation.get(lane) ?? 0) >= this.options.installationConcurrency) continue;
      const keys = this.lanes.get(lane)!;
      const key = keys.shift()!;
      if (!keys.length) this.lanes.delete(lane);
      this.turn = (this.turn + i + 1) % Math.max(1, lanes.length);
      const work = this.pending.get(key)!;
      this.pending.delete(key);
      return work;
    }
    return undefined;
  }

  private pump(): void {
    while (this.running.size < this.options.concurrency) {
      const work = this.next();
      if (!work) break;
      this.start(work);
    }
  }

  private start(work: PullRequestWork): void {
    const lane = this.lane(work);
    this.runningPerInstallation.set(lane, (this.runningPerInstallation.get(lane) ?? 0) + 1);
    const controller = new AbortController();
    const started = Date.now();
    const deadline = started + this.options.jobTimeoutMs;
    const timer = setTimeout(() => controller.abort(new Error(`the check took longer than ${this.options.jobTimeoutMs / 1000} s`)), this.options.jobTimeoutMs);
    const done = this.options
      .run(work, controller.signal, deadline)
      .then(
        (value) => {
          this.stats.completed++;
          this.options.onSettled?.(work, { ok: true, value });
        },
        (error: unknown) => {
          this.stats.failed++;
          this.options.onSettled?.(work, { ok: false, error });
        },
      )
      .finally(() => {
        clearTimeout(timer);
        this.running.delete(work.key);
        this.runningPerInstallation.set(lane, this.runningPerInstallation.get(lane)! - 1);
        const again = this.again.get(work.key);
        if (again) {
          this.again.delete(work.key);
          if (!this.draining) this.enqueue(again);
          else this.pending.set(again.key, again);
        }
        if (!this.draining) this.pump();
        if (!this.size || (this.draining && !this.running.size)) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
    this.running.set(work.key, { work, started, controller, done });
  }

  /** Resolves once nothing is waiting or running. */
  idle(): Promise<void> {
    if (!this.size) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Everything waiting or running. */
  outstanding(): PullRequestWork[] {
    return [...[...this.running.values()].map((r) => r.work), ...this.pending.values(), ...this.again.values()];
  }

  /**
   * Stops accepting work, lets what is running and waiting finish until `deadlineMs`, then
   * aborts the rest and gives aborted checks `graceMs` to record that (a hung call may never
   * return). Returns the pull requests not finished, to log.
   */
  async drain(deadlineMs: number, graceMs: number): Promise<{ unfinished: PullRequestWork[]; interrupted: PullRequestWork[] }> {
    this.draining = true;
    const deadline = Date.now() + deadlineMs;
    // Waiting work still runs while there is time: keep starting it.
    while (Date.now() < deadline && (this.pending.size || this.running.size)) {
      const free = this.options.concurrency - this.running.size;
      for (let i = 0; i < free; i++) {
        const work = this.next();
        if (!work) break;
        this.start(work);
      }
      const settle = Promise.race([...this.running.values()].map((r) => r.done));
      await Promise.race([settle, new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(250, deadline - Date.now()))))]);
    }
    const interrupted = [...this.running.values()].map((r) => r.work);
    for (const running of this.running.values()) running.controller.abort(new Error('the server is shutting down'));
    await Promise.race([Promise.allSettled([...this.running.values()].map((r) => r.done)), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    const unfinished = [...this.pending.values(), ...this.again.values()];
    this.pending.clear();
    this.again.clear();
    this.lanes.clear();
    return { unfinished, interrupted };
  }
}
