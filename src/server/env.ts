import { UsageError } from '../diagnostics.ts';

export interface ServerSettings {
  webhookSecret: string;
  /** GitHub App credentials (an installation token per delivery), or a plain token. */
  auth: { appId: string; privateKey: string } | { token: string };
  apiUrl: string;
  port: number;
  host: string;
  standardsDir?: string;
  queueSize: number;
  concurrency: number;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${name}=${raw}: must be a whole number of at least 1`);
  return value;
}

/** The server's settings from its environment; every mistake is a usage error naming the variable. */
export function serverSettings(env: NodeJS.ProcessEnv): ServerSettings {
  const webhookSecret = env.WEBHOOK_SECRET;
  if (!webhookSecret) throw new UsageError('WEBHOOK_SECRET is not set: it must match the secret in the GitHub App\'s webhook settings');
  let auth: ServerSettings['auth'];
  if (env.GITHUB_APP_ID || env.GITHUB_PRIVATE_KEY) {
    if (!env.GITHUB_APP_ID || !env.GITHUB_PRIVATE_KEY) throw new UsageError('set both GITHUB_APP_ID and GITHUB_PRIVATE_KEY (the App\'s PEM private key), or GITHUB_TOKEN instead');
    // Private keys often arrive through env files with escaped newlines.
    auth = { appId: env.GITHUB_APP_ID, privateKey: env.GITHUB_PRIVATE_KEY.replace(/\\n/g, '\n') };
  } else if (env.GITHUB_TOKEN) {
    auth = { token: env.GITHUB_TOKEN };
  } else {
    throw new UsageError('no GitHub credentials: set GITHUB_APP_ID and GITHUB_PRIVATE_KEY, or GITHUB_TOKEN');
  }
  const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(apiUrl)) throw new UsageError(`GITHUB_API_URL=${apiUrl}: must be an http(s) URL`);
  return {
    webhookSecret,
    auth,
    apiUrl,
    port: env.PORT === '0' ? 0 : positive(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    standardsDir: env.STANDARDS_DIR || undefined,
    queueSize: positive(env, 'QUEUE_SIZE', 100),
    concurrency: positive(env, 'CONCURRENCY', 4),
  };
}
