// The webhook server. It keeps no state that matters: a delivery is verified, turned into "check
// this pull request" and acknowledged at once; the check reads the pull request afresh from
// GitHub, and the check run it leaves there is the record of what was done (check-job.ts). What
// this process refuses or loses in a crash, the reconciler finds again (reconciler.ts), so any
// number of replicas can run behind a load balancer.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhooks } from '@octokit/webhooks';
import { pino, type Logger } from 'pino';
import { dashboardData } from '../dashboard/data.ts';
import { renderDashboard } from '../dashboard/html.ts';
import { ConfigError, formatDiagnostic, UsageError } from '../diagnostics.ts';
import { standardsRoot } from '../standards/trusted.ts';
import { cachedStandards } from './check-job.ts';
import { CheckRunner } from './check-runner.ts';
import { collectorAfterChecks, exposedGc } from './heap.ts';
import type { ServerSettings } from './env.ts';
import { createClientFactory, type ClientTuning } from './github-client.ts';
import { LOG_REDACTION } from './logging.ts';
import { Reconciler, type PassSummary } from './reconciler.ts';
import { CHECK_NAME } from './report-back.ts';
import { Scheduler, workKey, type PullRequestWork } from './scheduler.ts';

/** GitHub caps webhook payloads at 25 MB; anything larger is not from GitHub. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;
/** Of the shutdown deadline, what is kept for giving interrupted check runs back. */
const RELEASE_RESERVE_MS = 3_000;

export const PULL_REQUEST_ACTIONS = ['opened', 'synchronize', 'reopened', 'edited', 'ready_for_review', 'converted_to_draft', 'labeled', 'unlabeled'] as const;

export interface ServerOptions {
  settings: ServerSettings;
  logger?: Logger;
  tuning?: ClientTuning;
  /** YYYY-MM-DD; injectable for tests. */
  today?: () => string;
  /**
   * The main thread's full collection (heap.ts); by default V8's own, where it can be had.
   * Injectable so a test can see when the main thread collects.
   */
  collectGarbage?: () => void;
}

export interface ShutdownReport {
  /** Pull requests accepted but never started. */
  unfinished: PullRequestWork[];
  /** Pull requests whose check was stopped part way. */
  interrupted: PullRequestWork[];
}

export interface StandardsServer {
  server: Server;
  listen(): Promise<AddressInfo>;
  /** Stops at once: for tests and for a second signal. */
  close(): Promise<void>;
  /** Stops accepting, finishes what it can within SHUTDOWN_TIMEOUT, gives the rest back, and closes. */
  shutdown(): Promise<ShutdownReport>;
  /** Resolves when every accepted pull request has been checked. */
  idle(): Promise<void>;
  /** One reconciler pass now (it also runs on start and every RECONCILE_INTERVAL). */
  reconcile(): Promise<PassSummary>;
  /** What is waiting or running, for a forced stop's last log line. */
  outstanding(): PullRequestWork[];
  stats(): ReturnType<Scheduler['status']> & { bodiesRefused: number };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json', ...headers });
  res.end(text);
}

/** Answers, then drops the connection: the rest of an unwanted body is never read. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.once('finish', () => req.destroy());
  send(res, status, body, { connection: 'close', ...headers });
}

// GitHub waits 10 s for a delivery's answer, so a request still arriving after 15 s is not
// GitHub's: it is cut off (Node's default is 300 s), and with it any body length it reserved.
const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 15_000;

type BodyOutcome = Buffer | 'too-large' | 'busy' | 'aborted' | 'bad-signature';

/**
 * Bytes of dropped bodies (refused, cut off or not matching their signature) after which the
 * main thread collects. Counted across bodies, so that a stream of small bad uploads cannot make
 * the server spend its time collecting: each collection costs a sender 16 MB sent.
 */
const COLLECT_AFTER_DROPPED_BYTES = 16 * 1024 * 1024;

/**
 * Request bodies must be read before their signature can be checked, so the bytes held across
 * all uploads in flight are capped: past `maxPending`, uploads are refused (503) instead of
 * buffered. One body is capped at GitHub's 25 MB (413). The HMAC is computed as the bytes arrive,
 * so a body that does not match is dropped as it ends, never joined, decoded or parsed.
 * `collect`, V8's full collection, is called once dropped bodies add up to
 * COLLECT_AFTER_DROPPED_BYTES.
 */
export function bodyReader(maxPending: number, secret: string, collect?: () => void) {
  let pending = 0;
  let droppedSinceCollection = 0;
  return {
    get pending() {
      return pending;
    },
    read(req: IncomingMessage, signature: string): Promise<BodyOutcome> {
      return new Promise((resolve) => {
        const hmac = createHmac('sha256', secret);
        const declared = Number(req.headers['content-length']);
        if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return resolve('too-large');
        // A declared length is reserved before a byte is read, so uploads that start together
        // cannot all be let in while nothing has arrived yet: past the budget they are refused
        // unread, instead of each holding part of a body until the budget runs out.
        const reserved = Number.isFinite(declared) ? declared : 0;
        if (pending + reserved > maxPending) return resolve('busy');
        pending += reserved;
        const chunks: Buffer[] = [];
        let size = 0;
        let held = reserved;
        let settled = false;
        const finish = (outcome: BodyOutcome) => {
          if (settled) return;
          settled = true;
          pending -= held;
          req.off('data', onData);
          if (typeof outcome === 'string') {
            req.pause();
            // The budget is free again at once; the bytes only when V8 next collects. Large bodies
            // dropped are collected now, or the next one let in would sit beside them.
            chunks.length = 0;
            droppedSinceCollection += size;
            if (collect && droppedSinceCollection >= COLLECT_AFTER_DROPPED_BYTES) {
              droppedSinceCollection = 0;
              setImmediate(collect);
            }
          }
          resolve(outcome);
        };
        const onData = (chunk: Buffer) => {
          size += chunk.length;
          // Past what was reserved (a chunked upload reserves nothing), each byte is counted as it comes.
          const grown = Math.max(reserved, size) - held;
          held += grown;
          pending += grown;
          if (size > MAX_BODY_BYTES) return finish('too-large');
          if (pending > maxPending) return finish('busy');
          hmac.update(chunk);
          chunks.push(chunk);
        };
        const onEnd = () => {
          const expected = Buffer.from(`sha256=${hmac.digest('hex')}`);
          const given = Buffer.from(signature);
          if (given.length !== expected.length || !timingSafeEqual(given, expected)) return finish('bad-signature');
          finish(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
        };
        req.on('data', onData);
        req.on('end', onEnd);
        req.on('close', () => finish('aborted'));
        req.on('error', () => finish('aborted'));
      });
    },
  };
}

interface Delivery {
  id: string;
  event: string;
  payload: Record<string, any>;
}

/** The pull requests a delivery asks to check; none for events this server does not act on. */
export function workFromDelivery({ id, event, payload }: Delivery): PullRequestWork[] {
  const installation = typeof payload.installation?.id === 'number' ? payload.installation.id : undefined;
  const owner: string | undefined = payload.repository?.owner?.login;
  const repo: string | undefined = payload.repository?.name;
  if (!owner || !repo) return [];
  const work = (number: unknown, headSha?: string, force = false): PullRequestWork[] =>
    typeof number === 'number' && Number.isInteger(number) && number > 0 ? [{ key: workKey(owner, repo, number), installation, owner, repo, number, headSha, force, sources: [id] }] : [];
  if (event === 'pull_request' && (PULL_REQUEST_ACTIONS as readonly string[]).includes(payload.action)) return work(payload.pull_request?.number, payload.pull_request?.head?.sha);
  // "Re-run" in GitHub's UI: checked again even if nothing changed.
  if (event === 'check_run' && payload.action === 'rerequested' && payload.check_run?.name === CHECK_NAME) {
    return (payload.check_run.pull_requests ?? []).flatMap((pull: { number?: unknown; head?: { sha?: string } }) => work(pull.number, pull.head?.sha, true));
  }
  if (event === 'check_suite' && payload.action === 'rerequested') {
    return (payload.check_suite?.pull_requests ?? []).flatMap((pull: { number?: unknown; head?: { sha?: string } }) => work(pull.number, pull.head?.sha, true));
  }
  return [];
}

/** The webhook server: verifies, acknowledges with 202 at once, and checks pull requests from a bounded, coalescing queue. */
export function createStandardsServer(options: ServerOptions): StandardsServer {
  const { settings } = options;
  const log = options.logger ?? pino({ name: 'standards-bot', redact: LOG_REDACTION });
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const root = standardsRoot(settings.standardsDir, {}, process.cwd());
  // Checks run in a worker thread with their own GitHub clients; these serve the reconciler.
  const clients = createClientFactory(settings, log, options.tuning);
  const runner = new CheckRunner({ settings, tuning: options.tuning, today: options.today?.() }, log);
  const webhooks = new Webhooks({ secret: settings.webhookSecret });
  const gc = options.collectGarbage ?? exposedGc();
  const bodies = bodyReader(settings.maxPendingBodyBytes, settings.webhookSecret, gc);
  const appId = 'appId' in settings.auth ? Number(settings.auth.appId) : undefined;
  let bodiesRefused = 0;
  let draining = false;

  const standards = cachedStandards(root);

  // The main thread collects when the queue empties, as the check worker does (heap.ts): a burst
  // of deliveries grows its heap, which V8 would otherwise keep. Only then, never during a burst,
  // where a collection would hold up the deliveries being answered.
  const collectWhenIdle = collectorAfterChecks(gc, Number.POSITIVE_INFINITY);
  const scheduler = new Scheduler({
    capacity: settings.queueSize,
    concurrency: settings.concurrency,
    installationConcurrency: settings.installationConcurrency,
    jobTimeoutMs: settings.jobTimeoutMs,
    run: (work, signal, deadline) => runner.run(work, signal, deadline),
    onSettled: (work, outcome) => {
      // After the scheduler has let this work go: then an empty queue reads as empty.
      setImmediate(() => {
        const { pending, running } = scheduler.status();
        collectWhenIdle(pending + running);
      });
      const context = { repository: `${work.owner}/${work.repo}`, pull_request: work.number, deliveries: work.sources.slice(-20) };
      if (outcome.ok) {
        if (outcome.value !== 'checked') log.info({ ...context, outcome: outcome.value }, 'pull request needed no check');
        return;
      }
      const error = outcome.error as Error & { status?: number };
      log.error({ ...context, error: error.message, status: error.status }, 'check failed; the reconciler will take it up again');
    },
  });

  const reconciler = new Reconciler({ clients, scheduler, standards, log, lookbackMs: settings.reconcileLookbackMs, maxCalls: settings.reconcileMaxCalls, staleAfterMs: settings.jobTimeoutMs, appId, repositories: settings.reconcileRepositories });
  let reconcilerState: { lastPass?: string; lastError?: string } = {};
  const reconcile = async () => {
    try {
      const summary = await reconciler.pass();
      reconcilerState = { lastPass: new Date().toISOString() };
      return summary;
    } catch (error) {
      reconcilerState = { ...reconcilerState, lastError: (error as Error).message };
      log.warn({ error: (error as Error).message }, 'reconciler pass failed');
      throw error;
    }
  };
  let timer: NodeJS.Timeout | undefined;

  async function onWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (draining) return refuse(req, res, 503, { error: 'shutting down; the reconciler redelivers refused deliveries' }, { 'retry-after': '30' });
    const event = req.headers['x-github-event'];
    const id = req.headers['x-github-delivery'];
    const signature = req.headers['x-hub-signature-256'];
    // Headers first: an unsigned request is refused before a byte of its body is read.
    if (typeof signature !== 'string' || !signature) return refuse(req, res, 401, { error: 'missing X-Hub-Signature-256' });
    if (typeof event !== 'string' || !event) return refuse(req, res, 400, { error: 'missing X-GitHub-Event' });
    if (typeof id !== 'string' || !id) return refuse(req, res, 400, { error: 'missing X-GitHub-Delivery' });
    const body = await bodies.read(req, signature);
    if (body === 'aborted') return;
    if (body === 'bad-signature') return send(res, 401, { error: 'signature does not match' });
    if (body === 'too-large') return refuse(req, res, 413, { error: `payload over ${MAX_BODY_BYTES} bytes, GitHub's limit` });
    if (body === 'busy') {
      bodiesRefused++;
      return refuse(req, res, 503, { error: 'too many uploads in flight; try again' }, { 'retry-after': '5' });
    }
    const text = body.toString('utf8');
    // The incremental check above guards memory; @octokit/webhooks stays the authority.
    if (!(await webhooks.verify(text, signature).catch(() => false))) return send(res, 401, { error: 'signature does not match' });
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return send(res, 400, { error: 'body is not JSON' });
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return send(res, 400, { error: 'body is not a JSON object' });
    const delivery: Delivery = { id, event, payload: payload as Record<string, any> };
    const name = delivery.payload.action ? `${event}.${delivery.payload.action}` : event;
    if (event === 'ping') {
      log.info({ delivery: id, event }, 'ping received');
      return send(res, 200, { status: 'pong' });
    }
    const work = workFromDelivery(delivery);
    if (!work.length) return send(res, 202, { status: 'ignored', event: name });
    const repository = delivery.payload.repository as { id?: number; owner: { login: string }; name: string };
    reconciler.noteActivity({ installation: work[0]!.installation, owner: repository.owner.login, repo: repository.name, repositoryId: repository.id });
    const offers = work.map((w) => scheduler.offer(w));
    if (offers.some((o) => o === 'full' || o === 'draining')) {
      // Refused, so GitHub records it as a failed delivery, which the reconciler redelivers.
      log.warn({ delivery: id, event: name, pending: scheduler.status().pending }, 'queue full: delivery refused; the reconciler will redeliver it');
      return send(res, 503, { error: 'queue full, try again' }, { 'retry-after': '60' });
    }
    send(res, 202, { status: offers.every((o) => o === 'coalesced') ? 'coalesced' : 'queued' });
  }

  async function onDashboard(res: ServerResponse): Promise<void> {
    try {
      const { trusted } = await standards();
      send(res, 200, renderDashboard(dashboardData({ ...trusted, reports: [], today: today() })));
    } catch (error) {
      const message = error instanceof ConfigError ? error.diagnostics.map(formatDiagnostic).join('\n') : (error as Error).message;
      log.error({ error: message }, 'dashboard unavailable');
      send(res, 500, { error: 'the standards checkout is not valid; see the server log' });
    }
  }

  /** Why the server is not healthy: a full queue, or a check that outran its deadline and did not stop. */
  function degradedBecause(): string[] {
    const reasons: string[] = [];
    if (scheduler.full) reasons.push('queue full');
    if (scheduler.oldestRunningMs() > settings.jobTimeoutMs) reasons.push(`a check has run past its ${settings.jobTimeoutMs / 1000} s deadline`);
    return reasons;
  }

  // Node checks for timed-out requests every 30 s by default; every second keeps the 15 s a 15 s.
  const server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1_000 }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handle = async () => {
      if (req.method === 'GET' && path === '/healthz') {
        const reasons = degradedBecause();
        const { rss, heapUsed } = process.memoryUsage();
        return send(res, reasons.length ? 503 : 200, { status: reasons.length ? 'degraded' : 'ok', reasons, ...scheduler.status(), bodiesRefused, reconciler: reconcilerState, memory: { rss, heapUsed, pendingBodies: bodies.pending } });
      }
      if (req.method === 'GET' && path === '/readyz') {
        if (draining) return send(res, 503, { status: 'draining' });
        if (scheduler.full) return send(res, 503, { status: 'queue full' });
        return send(res, 200, { status: 'ready' });
      }
      if (req.method === 'GET' && path === '/dashboard') return onDashboard(res);
      if (path === '/' || path === '/webhooks') {
        if (req.method !== 'POST') return send(res, 405, { error: 'POST webhook deliveries here' }, { allow: 'POST' });
        return onWebhook(req, res);
      }
      send(res, 404, { error: 'not found' });
    };
    handle().catch((error: Error) => {
      log.error({ error: error.message }, 'request failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    });
  });

  const close = async () => {
    if (timer) clearInterval(timer);
    server.closeAllConnections();
    await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), runner.close()]);
  };

  let shuttingDown: Promise<ShutdownReport> | undefined;
  async function shutdown(): Promise<ShutdownReport> {
    draining = true;
    if (timer) clearInterval(timer);
    log.info({ deadlineMs: settings.shutdownTimeoutMs, ...scheduler.status() }, 'shutting down: refusing new deliveries, finishing accepted work');
    const report = await scheduler.drain(Math.max(0, settings.shutdownTimeoutMs - RELEASE_RESERVE_MS), RELEASE_RESERVE_MS);
    for (const work of report.interrupted) log.warn({ repository: `${work.owner}/${work.repo}`, pull_request: work.number, deliveries: work.sources }, 'check interrupted by shutdown; its check run was given back to the reconciler');
    for (const work of report.unfinished) log.warn({ repository: `${work.owner}/${work.repo}`, pull_request: work.number, deliveries: work.sources }, 'accepted delivery not checked before shutdown; the reconciler will find the pull request');
    log.info({ unfinished: report.unfinished.length, interrupted: report.interrupted.length }, 'shut down');
    await close();
    return report;
  }

  return {
    server,
    stats: () => ({ ...scheduler.status(), bodiesRefused }),
    idle: () => scheduler.idle(),
    reconcile,
    outstanding: () => scheduler.outstanding(),
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) => {
          const reason =
            error.code === 'EADDRINUSE' ? new UsageError(`port ${settings.port} on ${settings.host} is in use: stop what holds it, or set PORT`)
            : error.code === 'EACCES' ? new UsageError(`not allowed to listen on port ${settings.port}: use a port above 1023, or set PORT`)
            : error;
          // The check worker would keep the process alive after the error is printed.
          void runner.close().finally(() => reject(reason));
        });
        // Standards are read before the first delivery, not while deliveries wait for an answer.
        void standards().catch(() => undefined);
        server.listen(settings.port, settings.host, () => {
          const address = server.address() as AddressInfo;
          log.info({ port: address.port, host: settings.host, api: settings.apiUrl, standards: root }, 'standards-bot listening');
          if (settings.reconcileIntervalMs > 0) {
            void reconcile().catch(() => undefined);
            timer = setInterval(() => void reconcile().catch(() => undefined), settings.reconcileIntervalMs);
            timer.unref();
          }
          resolve(address);
        });
      }),
    close,
    shutdown: () => (shuttingDown ??= shutdown()),
  };
}
