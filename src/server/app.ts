import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhooks } from '@octokit/webhooks';
import { pino, type Logger } from 'pino';
import { dashboardData } from '../dashboard/data.ts';
import { renderDashboard } from '../dashboard/html.ts';
import { ConfigError, formatDiagnostic } from '../diagnostics.ts';
import { evaluate } from '../engine/evaluate.ts';
import { groupExemptionLinks, proposalProcessLink } from '../engine/links.ts';
import { nextExemptionId } from '../standards/exemptions.ts';
import { pullRequestFromEvent } from '../sources/pr-event.ts';
import { loadTrusted, standardsRoot } from '../standards/trusted.ts';
import type { ServerSettings } from './env.ts';
import { createClientFactory, type ClientTuning, type GitHubClient } from './github-client.ts';
import { changeSetFromApi, MAX_LISTED_FILES, type PullRequestRef } from './github-source.ts';
import { BoundedQueue } from './queue.ts';
import { completeCheckRun, CHECK_NAME, upsertCheckRun, upsertComment } from './report-back.ts';

/** GitHub caps webhook payloads at 25 MB; anything larger is not from GitHub. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;
const REMEMBERED_DELIVERIES = 10_000;

export const PULL_REQUEST_ACTIONS = ['opened', 'synchronize', 'reopened', 'edited', 'ready_for_review', 'labeled', 'unlabeled'] as const;

export interface ServerOptions {
  settings: ServerSettings;
  logger?: Logger;
  tuning?: ClientTuning;
  /** YYYY-MM-DD; injectable for tests. */
  today?: () => string;
}

export interface StandardsServer {
  server: Server;
  listen(): Promise<AddressInfo>;
  close(): Promise<void>;
  /** Resolves when every accepted delivery has been processed. */
  idle(): Promise<void>;
  stats: { processed: number; failed: number; duplicates: number };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json', ...headers });
  res.end(text);
}

/** Reads a body up to `limit` bytes; past it, stops reading and reports `too-large`. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return resolve('too-large');
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The webhook server: verifies, acknowledges with 202 at once, and checks pull requests from a bounded queue. */
export function createStandardsServer(options: ServerOptions): StandardsServer {
  const { settings } = options;
  const log = options.logger ?? pino({ name: 'standards-bot', redact: { paths: ['*.authorization', '*.token', '*.privateKey', '*.webhookSecret'], censor: '[redacted]' } });
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const root = standardsRoot(settings.standardsDir, {}, process.cwd());
  const clientFor = createClientFactory(settings, log, options.tuning);
  const webhooks = new Webhooks({ secret: settings.webhookSecret });
  const queue = new BoundedQueue(settings.queueSize, settings.concurrency);
  const seen = new Set<string>();
  const stats = { processed: 0, failed: 0, duplicates: 0 };

  async function checkPullRequest(client: GitHubClient, ref: PullRequestRef, delivery: Logger): Promise<void> {
    // Standards come from the trusted checkout, read afresh so a `git pull` there takes effect.
    const trusted = await loadTrusted(root);
    const repo = { owner: ref.owner, repo: ref.repo };
    const checkRunId = await upsertCheckRun(client, repo, ref.headSha);
    const { changeSet, truncated } = await changeSetFromApi(client, ref);
    const date = today();
    const report = await evaluate(trusted.standards, changeSet, { config: trusted.config, today: date, teams: trusted.teams, exemptions: trusted.exemptions });
    const notes = truncated
      ? [`This pull request changes ${ref.changedFiles ?? `more than ${MAX_LISTED_FILES}`} files; GitHub's API lists only the first ${MAX_LISTED_FILES.toLocaleString('en')}, so the rest were not checked.`]
      : [];
    const links = {
      proposalProcess: proposalProcessLink(trusted.config),
      exemptionLink: groupExemptionLinks(trusted.config, trusted.standards, { repository: changeSet.repository, today: date, exemptionId: nextExemptionId(trusted.exemptions) }),
    };
    await completeCheckRun(client, repo, checkRunId, report, { ...links, notes });
    const comment = await upsertComment(client, repo, ref.number, report, { ...links, headSha: ref.headSha });
    delivery.info({ repository: changeSet.repository, pull_request: ref.number, head: ref.headSha, verdict: report.verdict, summary: report.summary, check_run: checkRunId, comment }, 'pull request checked');
  }

  const refFrom = (repository: { owner: { login: string }; name: string }, pr: Record<string, unknown>): PullRequestRef => {
    const info = pullRequestFromEvent({ pull_request: pr })!;
    return { owner: repository.owner.login, repo: repository.name, number: info.number!, headSha: info.headSha!, baseSha: info.baseSha!, pr: info, changedFiles: pr.changed_files as number | undefined };
  };

  webhooks.on(
    PULL_REQUEST_ACTIONS.map((action) => `pull_request.${action}` as const),
    async ({ id, payload }) => {
      const delivery = log.child({ delivery: id, event: 'pull_request', action: payload.action });
      await checkPullRequest(clientFor(payload.installation?.id), refFrom(payload.repository, payload.pull_request as unknown as Record<string, unknown>), delivery);
    },
  );
  webhooks.on('check_run.rerequested', async ({ id, payload }) => {
    if (payload.check_run.name !== CHECK_NAME) return;
    const delivery = log.child({ delivery: id, event: 'check_run', action: 'rerequested' });
    const client = clientFor(payload.installation?.id);
    for (const pull of payload.check_run.pull_requests) {
      const { data } = await client.rest.pulls.get({ owner: payload.repository.owner.login, repo: payload.repository.name, pull_number: pull.number });
      await checkPullRequest(client, refFrom(payload.repository, data as unknown as Record<string, unknown>), delivery);
    }
  });
  webhooks.on('ping', ({ id }) => {
    log.info({ delivery: id, event: 'ping' }, 'ping received');
  });

  const handled = new Set<string>(['ping', 'check_run.rerequested', ...PULL_REQUEST_ACTIONS.map((a) => `pull_request.${a}`)]);

  async function onWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === 'too-large') {
      // Answer, then drop the connection: the rest of the body is never read.
      res.once('finish', () => req.destroy());
      send(res, 413, { error: `payload over ${MAX_BODY_BYTES} bytes, GitHub's limit` }, { connection: 'close' });
      return;
    }
    const event = req.headers['x-github-event'];
    const id = req.headers['x-github-delivery'];
    const signature = req.headers['x-hub-signature-256'];
    if (typeof signature !== 'string' || !signature) return send(res, 401, { error: 'missing X-Hub-Signature-256' });
    const text = body.toString('utf8');
    if (!(await webhooks.verify(text, signature).catch(() => false))) return send(res, 401, { error: 'signature does not match' });
    if (typeof event !== 'string' || !event) return send(res, 400, { error: 'missing X-GitHub-Event' });
    if (typeof id !== 'string' || !id) return send(res, 400, { error: 'missing X-GitHub-Delivery' });
    let payload: { action?: string };
    try {
      payload = JSON.parse(text) as { action?: string };
    } catch {
      return send(res, 400, { error: 'body is not JSON' });
    }
    const name = payload.action ? `${event}.${payload.action}` : event;
    if (!handled.has(name) && !handled.has(event)) return send(res, 202, { status: 'ignored', event: name });
    if (seen.has(id)) {
      stats.duplicates++;
      log.info({ delivery: id, event: name }, 'redelivery ignored: already processed');
      return send(res, 202, { status: 'duplicate' });
    }
    seen.add(id);
    if (seen.size > REMEMBERED_DELIVERIES) seen.delete(seen.values().next().value!);
    const accepted = queue.push(async () => {
      try {
        await webhooks.receive({ id, name: event, payload } as Parameters<typeof webhooks.receive>[0]);
        stats.processed++;
      } catch (error) {
        stats.failed++;
        const errors = (error as { errors?: { message: string; status?: number }[] }).errors ?? [error as Error];
        log.error({ delivery: id, event: name, errors: errors.map((e) => ({ message: e.message, status: (e as { status?: number }).status })) }, 'delivery failed');
      }
    });
    if (!accepted) {
      seen.delete(id);
      log.warn({ delivery: id, event: name, queued: queue.size }, 'queue full: asking GitHub to redeliver');
      return send(res, 503, { error: 'queue full, try again' }, { 'retry-after': '30' });
    }
    send(res, 202, { status: 'queued' });
  }

  async function onDashboard(res: ServerResponse): Promise<void> {
    try {
      const trusted = await loadTrusted(root);
      send(res, 200, renderDashboard(dashboardData({ ...trusted, reports: [], today: today() })));
    } catch (error) {
      const message = error instanceof ConfigError ? error.diagnostics.map(formatDiagnostic).join('\n') : (error as Error).message;
      log.error({ error: message }, 'dashboard unavailable');
      send(res, 500, { error: 'the standards checkout is not valid; see the server log' });
    }
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handle = async () => {
      if (req.method === 'GET' && path === '/healthz') return send(res, 200, { status: 'ok', queued: queue.size, ...stats });
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

  return {
    server,
    stats,
    idle: () => queue.idle(),
    listen: () =>
      new Promise((resolve) => {
        server.listen(settings.port, settings.host, () => {
          const address = server.address() as AddressInfo;
          log.info({ port: address.port, host: settings.host, api: settings.apiUrl, standards: root }, 'standards-bot listening');
          resolve(address);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
