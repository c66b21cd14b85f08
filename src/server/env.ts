import { createPrivateKey } from 'node:crypto';
import { UsageError } from '../diagnostics.ts';
import { isRepositoryName } from '../sources/repository-name.ts';

export interface ServerSettings {
  webhookSecret: string;
  /** GitHub App credentials (an installation token per delivery), or a plain token. */
  auth: { appId: string; privateKey: string } | { token: string };
  apiUrl: string;
  port: number;
  host: string;
  standardsDir?: string;
  /** Pull requests waiting at most (each one entry, however many deliveries it got); past it, 503. */
  queueSize: number;
  /** Pull requests checked at once, in all. */
  concurrency: number;
  /** Pull requests checked at once for one installation, so one busy organisation cannot hold every slot. */
  installationConcurrency: number;
  /** Every GitHub call gives up after this long (and is retried). */
  requestTimeoutMs: number;
  /** A pull request whose check runs longer than this is abandoned (its check run is picked up again by the reconciler). */
  jobTimeoutMs: number;
  /** SIGTERM: how long accepted work may take to finish. */
  shutdownTimeoutMs: number;
  /** How often the reconciler looks for failed deliveries and unfinished check runs; 0 turns it off. */
  reconcileIntervalMs: number;
  /** How far back it looks (GitHub keeps deliveries for three days). */
  reconcileLookbackMs: number;
  /** API calls one reconciler pass makes at most (reads and redeliveries alike). */
  reconcileMaxCalls: number;
  /**
   * With a token, which has no delivery log: repositories (`owner/repo`) swept on every pass, so
   * their pull requests are found again after a restart even if no delivery reached this process.
   */
  reconcileRepositories: string[];
  /** Bytes of unsigned request bodies held at once, across all uploads, before new ones are refused. */
  maxPendingBodyBytes: number;
  /** Spacing between one installation's writes (GitHub asks for a second between POST/PATCH/PUT/DELETE). */
  writeIntervalMs: number;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) throw new UsageError(`${name}=${raw}: must be a whole number of at least ${minimum}`);
  return value;
}

/** `owner/repo` names, separated by commas or spaces; each one checked. */
function repositoryList(env: NodeJS.ProcessEnv, name: string): string[] {
  const names = (env[name] ?? '').split(/[\s,]+/).filter(Boolean);
  const bad = names.find((entry) => !isRepositoryName(entry));
  if (bad !== undefined) throw new UsageError(`${name}: ${JSON.stringify(bad)} is not a repository; write owner/repo, separated by commas`);
  return [...new Map(names.map((entry) => [entry.toLowerCase(), entry])).values()];
}

/** A PEM private key that Node can read, or a usage error saying what is wrong, checked before the server starts. */
function privateKeyFrom(raw: string): string {
  // Private keys often arrive through env files with escaped newlines.
  const pem = raw.replace(/\\n/g, '\n').trim();
  try {
    createPrivateKey(pem);
  } catch (error) {
    throw new UsageError(`GITHUB_PRIVATE_KEY is not a PEM private key Node can read (${(error as Error).message.split('\n')[0]}); paste the .pem file GitHub generated for the App, with its BEGIN and END lines`);
  }
  return `${pem}\n`;
}

/** The server's settings from its environment; every mistake is a usage error naming the variable. */
export function serverSettings(env: NodeJS.ProcessEnv): ServerSettings {
  const webhookSecret = env.WEBHOOK_SECRET;
  if (!webhookSecret) throw new UsageError('WEBHOOK_SECRET is not set: it must match the secret in the GitHub App\'s webhook settings');
  let auth: ServerSettings['auth'];
  if (env.GITHUB_APP_ID || env.GITHUB_PRIVATE_KEY) {
    if (!env.GITHUB_APP_ID || !env.GITHUB_PRIVATE_KEY) throw new UsageError('set both GITHUB_APP_ID and GITHUB_PRIVATE_KEY (the App\'s PEM private key), or GITHUB_TOKEN instead');
    if (!/^\d+$/.test(env.GITHUB_APP_ID)) throw new UsageError(`GITHUB_APP_ID=${env.GITHUB_APP_ID}: the App's numeric id, from its settings page`);
    auth = { appId: env.GITHUB_APP_ID, privateKey: privateKeyFrom(env.GITHUB_PRIVATE_KEY) };
  } else if (env.GITHUB_TOKEN) {
    auth = { token: env.GITHUB_TOKEN };
  } else {
    throw new UsageError('no GitHub credentials: set GITHUB_APP_ID and GITHUB_PRIVATE_KEY, or GITHUB_TOKEN');
  }
  const reconcileRepositories = repositoryList(env, 'RECONCILE_REPOSITORIES');
  if (reconcileRepositories.length && !('token' in auth)) {
    throw new UsageError('RECONCILE_REPOSITORIES is for GITHUB_TOKEN only: with App credentials the reconciler reads the delivery log, which names every repository the App heard from; unset it');
  }
  const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(apiUrl)) throw new UsageError(`GITHUB_API_URL=${apiUrl}: must be an http(s) URL`);
  return {
    webhookSecret,
    auth,
    apiUrl,
    port: whole(env, 'PORT', 3000, 0),
    host: env.HOST || '0.0.0.0',
    standardsDir: env.STANDARDS_DIR || undefined,
    queueSize: whole(env, 'QUEUE_SIZE', 10_000),
    concurrency: whole(env, 'CONCURRENCY', 32),
    installationConcurrency: whole(env, 'INSTALLATION_CONCURRENCY', 2),
    requestTimeoutMs: whole(env, 'REQUEST_TIMEOUT', 15) * 1000,
    jobTimeoutMs: whole(env, 'JOB_TIMEOUT', 180) * 1000,
    shutdownTimeoutMs: whole(env, 'SHUTDOWN_TIMEOUT', 25) * 1000,
    reconcileIntervalMs: whole(env, 'RECONCILE_INTERVAL', 300, 0) * 1000,
    reconcileLookbackMs: whole(env, 'RECONCILE_LOOKBACK', 6) * 3_600_000,
    reconcileMaxCalls: whole(env, 'RECONCILE_MAX_CALLS', 1000),
    reconcileRepositories,
    // Room for one delivery at GitHub's 25 MB cap beside many ordinary ones (tens of KB): a
    // flood of unsigned bodies gets 503 past it, and a real delivery refused meanwhile is
    // redelivered by the reconciler. 64 held up to twice the memory under the bench's flood.
    maxPendingBodyBytes: whole(env, 'MAX_PENDING_BODY_MB', 32) * 1024 * 1024,
    writeIntervalMs: whole(env, 'WRITE_INTERVAL_MS', 1000, 0),
  };
}
