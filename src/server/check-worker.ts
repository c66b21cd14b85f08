// The worker thread that checks pull requests. The main thread only receives deliveries: a check
// (a 100,000-package lockfile, thousands of API responses to parse) never holds up a delivery's
// 202, which GitHub times out after ten seconds. GitHub clients, and with them each
// installation's write spacing, live here.
import { parentPort, workerData } from 'node:worker_threads';
import { pino } from 'pino';
import { checkPullRequest, cachedStandards, isGitHubError } from './check-job.ts';
import type { ServerSettings } from './env.ts';
import { createClientFactory, inJob, type ClientTuning } from './github-client.ts';
import { collectorAfterChecks, exposedGc } from './heap.ts';
import { LOG_REDACTION } from './logging.ts';
import type { PullRequestWork } from './scheduler.ts';
import { standardsRoot } from '../standards/trusted.ts';

export interface WorkerOptions {
  settings: ServerSettings;
  tuning?: ClientTuning;
  /** YYYY-MM-DD, fixed; else today, each time. */
  today?: string;
}

/** Main thread → worker. */
export type ToWorker = { type: 'run'; id: number; work: PullRequestWork; deadline: number } | { type: 'abort'; id: number; reason: string };
/** Worker → main thread. */
export type FromWorker = { type: 'done'; id: number; ok: true; value: string } | { type: 'done'; id: number; ok: false; error: { message: string; status?: number; github: boolean } } | { type: 'log'; line: string };

if (parentPort) {
  const port = parentPort;
  const { settings, tuning, today: fixedToday } = workerData as WorkerOptions;
  // Log lines go to the main thread's logger, so one process writes one stream.
  const log = pino({ name: 'standards-bot', redact: LOG_REDACTION }, { write: (line: string) => port.postMessage({ type: 'log', line } satisfies FromWorker) });
  const clients = createClientFactory(settings, log, tuning);
  const standards = cachedStandards(standardsRoot(settings.standardsDir, {}, process.cwd()));
  const today = () => fixedToday ?? new Date().toISOString().slice(0, 10);
  const appId = 'appId' in settings.auth ? Number(settings.auth.appId) : undefined;
  const running = new Map<number, AbortController>();
  const afterCheck = collectorAfterChecks(exposedGc());

  port.on('message', (message: ToWorker) => {
    if (message.type === 'abort') {
      running.get(message.id)?.abort(new Error(message.reason));
      return;
    }
    const { id, work, deadline } = message;
    const controller = new AbortController();
    running.set(id, controller);
    const context = { repository: `${work.owner}/${work.repo}`, pull_request: work.number, deliveries: work.sources.slice(-20) };
    inJob(controller.signal, deadline, () => checkPullRequest(work, { client: clients.forInstallation(work.installation), standards, today, staleAfterMs: settings.jobTimeoutMs, appId, signal: controller.signal, log: log.child(context) }))
      .then(
        (value) => port.postMessage({ type: 'done', id, ok: true, value } satisfies FromWorker),
        (error: Error & { status?: number }) => port.postMessage({ type: 'done', id, ok: false, error: { message: error?.message ?? String(error), status: error?.status, github: isGitHubError(error) } } satisfies FromWorker),
      )
      .finally(() => {
        running.delete(id);
        afterCheck(running.size);
      });
  });
}
