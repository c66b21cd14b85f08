// GitHub clients for the server, one per installation, with GitHub's documented rules for
// integrators built in (docs.github.com, "Rate limits for the REST API" and "Best practices for
// using the REST API"):
// - writes (POST, PATCH, PUT, DELETE) one at a time, at least a second apart, for each
//   installation: the secondary limit is counted per installation, so installations do not wait
//   for one another; at most 500 content-creating requests an hour, too;
// - at most 10 requests in flight per installation, far under GitHub's 100;
// - a 403 or 429 waits for `retry-after`, or for `x-ratelimit-reset` when the primary limit is
//   spent, or a minute for a secondary limit that names no wait; never less;
// - every call has a timeout; 5xx answers, timeouts and resets are retried with back-off.
// The retry and throttling plugins were replaced by this one hook: between them, a 429 with
// `retry-after: 30` was retried after 1, 5 and 14 seconds, against GitHub's guidance.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import Bottleneck from 'bottleneck';
import type { Logger } from 'pino';
import type { ServerSettings } from './env.ts';

export const GitHub = Octokit.plugin(restEndpointMethods, paginateRest);
export type GitHubClient = InstanceType<typeof GitHub>;

export interface ClientTuning {
  /** Base of the back-off for 5xx answers and timeouts, in ms (GitHub's guidance: seconds). */
  retryBaseMs?: number;
  /** Tries after the first. */
  retries?: number;
  /** The wait for a secondary rate limit that names none, in ms (GitHub: at least a minute). */
  secondaryFallbackMs?: number;
}

/** The work a request belongs to: its signal aborts the request, its deadline bounds any wait. */
interface JobContext {
  signal: AbortSignal;
  deadline: number;
}

const job = new AsyncLocalStorage<JobContext>();

/** Runs `work` as one job: GitHub calls made within it stop when `signal` aborts, and no retry waits past `deadline`. */
export function inJob<T>(signal: AbortSignal, deadline: number, work: () => Promise<T>): Promise<T> {
  return job.run({ signal, deadline }, work);
}

/** Runs `work` outside any job: for the writes that record a job's end after its signal aborted. */
export function outsideJob<T>(work: () => Promise<T>): Promise<T> {
  return job.exit(work);
}

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface ResponseError {
  status?: number;
  message: string;
  response?: { headers?: Record<string, string | undefined> };
}

/**
 * How long GitHub asks to wait before this request is tried again, or undefined when it should
 * not be: a 403 or 429 rate limit, a 5xx, a timeout or a dropped connection.
 */
export function waitBeforeRetry(error: ResponseError, attempt: number, tuning: Required<ClientTuning>, now = Date.now()): number | undefined {
  const status = error.status;
  const headers = error.response?.headers ?? {};
  if (status === 403 || status === 429) {
    const retryAfter = Number(headers['retry-after']);
    if (Number.isFinite(retryAfter) && retryAfter >= 0 && headers['retry-after'] !== undefined) return retryAfter * 1000;
    if (headers['x-ratelimit-remaining'] === '0' && headers['x-ratelimit-reset']) return Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - now) + 1000;
    if (status === 429 || /secondary rate limit/i.test(error.message)) return tuning.secondaryFallbackMs;
    // Any other 403 is a permission GitHub will not grant on a second try.
    return undefined;
  }
  // Octokit reports a network failure, a reset or a timeout as status 500 or none.
  if (status === undefined || status >= 500) return tuning.retryBaseMs * 2 ** attempt;
  return undefined;
}

interface InstallationLimits {
  requests: Bottleneck;
  writes: Bottleneck;
}

/**
 * Clients by installation (the App's JWT client for /app endpoints, and a token client when the
 * server runs with a plain token), each with its own limits, cached for the life of the server.
 */
export function createClientFactory(settings: ServerSettings, log: Logger, tuning: ClientTuning = {}) {
  const policy: Required<ClientTuning> = { retryBaseMs: tuning.retryBaseMs ?? 1000, retries: tuning.retries ?? 3, secondaryFallbackMs: tuning.secondaryFallbackMs ?? 60_000 };
  const limits = new Map<string, InstallationLimits>();
  const clients = new Map<string, GitHubClient>();

  const limitsFor = (key: string): InstallationLimits => {
    let found = limits.get(key);
    if (!found) {
      found = {
        requests: new Bottleneck({ maxConcurrent: 10 }),
        writes: new Bottleneck({ maxConcurrent: 1, minTime: settings.writeIntervalMs, reservoir: 500, reservoirRefreshAmount: 500, reservoirRefreshInterval: 3_600_000 }),
      };
      limits.set(key, found);
    }
    return found;
  };

  const build = (key: string, options: ConstructorParameters<typeof GitHub>[0]): GitHubClient => {
    const client = new GitHub({ baseUrl: settings.apiUrl, userAgent: 'standards-bot', ...options });
    const { requests, writes } = limitsFor(key);
    client.hook.wrap('request', async (request, options) => {
      const context = job.getStore();
      for (let attempt = 0; ; attempt++) {
        // An installation token is fetched from inside another request: it must not wait for a
        // slot that request holds.
        const token = /^\/app\/installations\/[^/]+\/access_tokens/.test(options.url);
        const timeout = AbortSignal.timeout(settings.requestTimeoutMs);
        const signal = context ? AbortSignal.any([timeout, context.signal]) : timeout;
        const send = async () => {
          // before-after-hook binds the options each hook was first called with, and Octokit's
          // auth hook re-reads them: the signal goes on that object, not on a copy.
          options.request = { ...options.request, signal };
          return request(options);
        };
        try {
          if (token) return await send();
          return await requests.schedule(() => (WRITES.has(options.method) ? writes.schedule(send) : send()));
        } catch (error) {
          if (context?.signal.aborted) throw context.signal.reason ?? error;
          const wait = waitBeforeRetry(error as ResponseError, attempt, policy);
          const due = Date.now() + (wait ?? 0);
          if (wait === undefined || attempt >= policy.retries || (context && due > context.deadline)) throw error;
          log.warn({ installation: key, method: options.method, url: options.url, status: (error as ResponseError).status, error: (error as Error).message, waitMs: wait, attempt: attempt + 1 }, 'GitHub call failed; retrying');
          await sleep(wait, context?.signal);
        }
      }
    });
    return client;
  };

  return {
    /** A client for one installation (or the token), reused across deliveries. */
    forInstallation(installationId?: number): GitHubClient {
      const key = 'token' in settings.auth ? 'token' : `installation-${installationId ?? 'none'}`;
      let client = clients.get(key);
      if (!client) {
        client = 'token' in settings.auth ? build(key, { auth: settings.auth.token }) : build(key, { authStrategy: createAppAuth, auth: { appId: settings.auth.appId, privateKey: settings.auth.privateKey, installationId } });
        clients.set(key, client);
      }
      return client;
    },
    /** The App itself (its JWT), for /app endpoints; undefined when the server runs with a plain token. */
    app(): GitHubClient | undefined {
      if ('token' in settings.auth) return undefined;
      let client = clients.get('app');
      if (!client) {
        client = build('app', { authStrategy: createAppAuth, auth: { appId: settings.auth.appId, privateKey: settings.auth.privateKey } });
        clients.set('app', client);
      }
      return client;
    },
  };
}

export type ClientFactory = ReturnType<typeof createClientFactory>;
