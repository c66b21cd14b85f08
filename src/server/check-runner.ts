// The main thread's side of the check worker (check-worker.ts): work goes out as messages,
// outcomes and log lines come back. A worker that dies fails the checks it was running (the
// reconciler finds them) and is replaced.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { pino, type Logger } from 'pino';
import { PACKAGE_ROOT } from '../package.ts';
import type { FromWorker, ToWorker, WorkerOptions } from './check-worker.ts';
import type { PullRequestWork } from './scheduler.ts';

/** The worker's entry point: the bundle's when built, else tsc's output. */
function workerEntry(): string {
  for (const candidate of [join(PACKAGE_ROOT, 'dist/bundle/server-worker.js'), join(PACKAGE_ROOT, 'dist/server/check-worker.js')]) if (existsSync(candidate)) return candidate;
  throw new Error(`the server's check worker is not built (looked in ${PACKAGE_ROOT}/dist); run npm run build`);
}

/**
 * The worker's young generation, in MB. V8 sizes it for throughput (up to 48 MB on 64-bit), and
 * a second isolate doubles that; a check allocates in short bursts, so a small nursery costs a
 * few more scavenges and keeps the server's resident memory down.
 */
const WORKER_YOUNG_GENERATION_MB = 12;

export class CheckRunner {
  private worker!: Worker;
  private nextId = 1;
  private closing = false;
  private readonly pending = new Map<number, { resolve(value: string): void; reject(error: Error): void }>();
  private readonly destination: { write(line: string): unknown };

  constructor(
    private readonly options: WorkerOptions,
    private readonly log: Logger,
  ) {
    this.destination = (log as unknown as Record<symbol, { write(line: string): unknown }>)[pino.symbols.streamSym];
    this.start();
  }

  private start(): void {
    const worker = new Worker(workerEntry(), { workerData: this.options, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'log') {
        this.destination.write(message.line);
        return;
      }
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(Object.assign(new Error(message.error.message), { status: message.error.status, github: message.error.github }));
    });
    worker.on('error', (error) => this.log.error({ error: error.message }, 'check worker failed'));
    worker.on('exit', (code) => {
      for (const [id, waiting] of this.pending) {
        this.pending.delete(id);
        waiting.reject(new Error(`the check worker stopped (exit ${code})`));
      }
      if (!this.closing) {
        this.log.error({ code }, 'check worker stopped; starting another');
        this.start();
      }
    });
    this.worker = worker;
  }

  /** Checks one pull request in the worker; `signal` aborts it there. */
  run(work: PullRequestWork, signal: AbortSignal, deadline: number): Promise<string> {
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      signal.addEventListener('abort', () => this.post({ type: 'abort', id, reason: (signal.reason as Error)?.message ?? 'aborted' }), { once: true });
      this.post({ type: 'run', id, work, deadline });
    });
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }
}
