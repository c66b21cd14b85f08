/** A bounded in-process work queue: a few jobs run at once, and a full queue refuses more. */
export class BoundedQueue {
  private running = 0;
  private readonly waiting: (() => Promise<void>)[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly capacity: number,
    readonly concurrency: number,
  ) {}

  get size(): number {
    return this.waiting.length + this.running;
  }

  /** Queues a job; false when the queue is full (the caller answers 503 so GitHub redelivers). */
  push(job: () => Promise<void>): boolean {
    if (this.size >= this.capacity) return false;
    this.waiting.push(job);
    this.next();
    return true;
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (!this.size) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private next(): void {
    while (this.running < this.concurrency && this.waiting.length) {
      const job = this.waiting.shift()!;
      this.running++;
      void job()
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          this.next();
          if (!this.size) for (const resolve of this.idleWaiters.splice(0)) resolve();
        });
    }
  }
}

/** At most `limit` promises from `work` in flight at once. */
export function limiter(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async (work) => {
    if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await work();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}
