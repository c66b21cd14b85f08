import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import type { Logger } from 'pino';
import type { ServerSettings } from './env.ts';

export const GitHub = Octokit.plugin(restEndpointMethods, paginateRest, retry, throttling);
export type GitHubClient = InstanceType<typeof GitHub>;

export interface ClientTuning {
  /** Base of the retry back-off for 5xx errors, in ms (GitHub's guidance: seconds). */
  retryBaseMs?: number;
  /** Spacing between mutating requests, in ms; GitHub asks for at least a second. */
  writeIntervalMs?: number;
  /** Spacing between requests that notify people (comments), in ms; the throttling plugin's default is 3 s. */
  notificationIntervalMs?: number;
}

/**
 * An Octokit client for one delivery: an installation token when the server runs as a GitHub
 * App, else the configured token. 5xx answers are retried with back-off, and rate limits
 * (primary and secondary) wait for retry-after, then retry.
 */
export function createClientFactory(settings: ServerSettings, log: Logger, tuning: ClientTuning = {}) {
  const write = new Bottleneck.Group({ id: 'standards-write', maxConcurrent: 1, minTime: tuning.writeIntervalMs ?? 1000 });
  const notifications = new Bottleneck.Group({ id: 'standards-notifications', maxConcurrent: 1, minTime: tuning.notificationIntervalMs ?? 3000 });
  const throttle = {
    write,
    notifications,
    retryAfterBaseValue: tuning.retryBaseMs ?? 1000,
    onRateLimit: (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      log.warn({ retryAfter, method: options.method, url: options.url, retryCount }, 'GitHub rate limit hit');
      return retryCount < 2;
    },
    onSecondaryRateLimit: (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      log.warn({ retryAfter, method: options.method, url: options.url, retryCount }, 'GitHub secondary rate limit hit');
      return retryCount < 2;
    },
  };
  const common = {
    baseUrl: settings.apiUrl,
    userAgent: 'standards-bot',
    retry: { retryAfterBaseValue: tuning.retryBaseMs ?? 1000 },
    throttle,
    log: { debug: () => undefined, info: () => undefined, warn: (message: string) => log.warn(message), error: (message: string) => log.error(message) },
  };
  return (installationId?: number): GitHubClient => {
    if ('token' in settings.auth) return new GitHub({ ...common, auth: settings.auth.token });
    return new GitHub({ ...common, authStrategy: createAppAuth, auth: { appId: settings.auth.appId, privateKey: settings.auth.privateKey, installationId } });
  };
}
