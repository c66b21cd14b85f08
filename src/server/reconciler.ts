// The reconciler: GitHub stays the durable store, so whatever this server refused, dropped or
// left half done is found again from GitHub itself, on start and every few minutes.
// - Failed deliveries: GitHub never redelivers them by itself ("Handling failed webhook
//   deliveries"). As its docs recommend, recent deliveries are listed with the App's JWT, grouped
//   by GUID, and the latest attempt of each GUID that never succeeded is redelivered
//   (`POST /app/hook/deliveries/{id}/attempts`), at most five times.
// - Unfinished work: open pull requests in repositories with recent activity are compared with
//   their `standards` check run. A head with no run, a run for an older state of the pull request
//   (its fingerprint differs), or a run left queued or in progress past the job deadline is
//   checked again.
// Each pass makes at most `maxCalls` API calls and says what it deferred.
import type { Logger } from 'pino';
import type { ClientFactory, GitHubClient } from './github-client.ts';
import { headFingerprint, openPullsWithHead, refFromPull, type TrustedStandards } from './check-job.ts';
import type { PullRequestRef } from './github-source.ts';
import { CHECK_NAME, type CheckRunSummary } from './report-back.ts';
import { workKey, type PullRequestWork, type Scheduler } from './scheduler.ts';

/** Redeliveries of one delivery before it is given up (and logged as such). */
export const MAX_REDELIVERIES_PER_DELIVERY = 5;
/** A redelivery asked for is given this long to show up in the delivery log before it is asked for again. */
const REDELIVERY_GRACE_MS = 120_000;

export interface ReconcilerOptions {
  clients: ClientFactory;
  scheduler: Pick<Scheduler, 'offer' | 'has' | 'room'>;
  standards(): Promise<TrustedStandards>;
  log: Logger;
  lookbackMs: number;
  maxCalls: number;
  staleAfterMs: number;
  appId?: number;
  /** Repositories (`owner/repo`) swept on every pass whether or not a delivery named them: a token has no delivery log. */
  repositories?: readonly string[];
}

interface DeliveryRecord {
  guid: string;
  ok: boolean;
  /** The newest failed attempt: the one to redeliver. */
  latestFailed?: number;
  deliveredAt: number;
  attempts: number;
  redeliveredAt?: number;
  event: string;
}

interface ActiveRepository {
  installation?: number;
  repositoryId?: number;
  owner?: string;
  repo?: string;
  lastActivity: number;
}

export interface PassSummary {
  deliveriesRead: number;
  redelivered: number;
  givenUp: number;
  repositories: number;
  pullRequests: number;
  scheduled: { key: string; reason: string }[];
  calls: number;
  /** Work left for the next pass because the call budget ran out. */
  deferred: number;
}

class Budget {
  calls = 0;
  constructor(readonly limit: number) {}
  get spent(): boolean {
    return this.calls >= this.limit;
  }
  async spend<T>(call: () => Promise<T>): Promise<T> {
    this.calls++;
    return call();
  }
}

export class Reconciler {
  private readonly deliveries = new Map<string, DeliveryRecord>();
  private newestDeliveryId = 0;
  private readonly repositories = new Map<string, ActiveRepository>();
  private running: Promise<PassSummary> | undefined;

  constructor(private readonly options: ReconcilerOptions) {}

  /** Notes a repository that just had a delivery, so its pull requests are swept even without the delivery log (token mode). */
  noteActivity(repository: { installation?: number; owner: string; repo: string; repositoryId?: number }): void {
    const key = repository.repositoryId ? `id:${repository.repositoryId}` : `${repository.owner}/${repository.repo}`.toLowerCase();
    this.repositories.set(key, { ...this.repositories.get(key), ...repository, lastActivity: Date.now() });
  }

  /** A repository named in the settings, as active now: one entry, even once a delivery has noted it by id. */
  private noteConfigured(name: string): void {
    const [owner, repo] = name.split('/') as [string, string];
    const lower = name.toLowerCase();
    const byId = [...this.repositories.values()].find((known) => known.repositoryId && known.owner && `${known.owner}/${known.repo}`.toLowerCase() === lower);
    if (byId) {
      byId.lastActivity = Date.now();
      this.repositories.delete(lower);
      return;
    }
    this.noteActivity({ owner, repo });
  }

  /** One pass; a pass already running is joined rather than doubled. */
  pass(): Promise<PassSummary> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<PassSummary> {
    const budget = new Budget(this.options.maxCalls);
    const summary: PassSummary = { deliveriesRead: 0, redelivered: 0, givenUp: 0, repositories: 0, pullRequests: 0, scheduled: [], calls: 0, deferred: 0 };
    const cutoff = Date.now() - this.options.lookbackMs;
    const app = this.options.clients.app();
    if (app) {
      summary.deliveriesRead = await this.readDeliveries(app, budget, cutoff);
      await this.redeliver(app, budget, summary);
    }
    await this.sweep(budget, cutoff, summary);
    summary.calls = budget.calls;
    const recovered = summary.redelivered + summary.scheduled.length;
    this.options.log[recovered || summary.deferred || summary.givenUp ? 'info' : 'debug']({ ...summary, scheduled: summary.scheduled.slice(0, 50) }, 'reconciler pass');
    return summary;
  }

  /** Reads the delivery log, newest first, down to what the last pass saw or the lookback. */
  private async readDeliveries(app: GitHubClient, budget: Budget, cutoff: number): Promise<number> {
    let read = 0;
    let newest = this.newestDeliveryId;
    pages: for await (const page of app.paginate.iterator(app.rest.apps.listWebhookDeliveries, { per_page: 100 })) {
      budget.calls++;
      for (const delivery of page.data) {
        const id = Number(delivery.id);
        const at = Date.parse(delivery.delivered_at);
        if (id <= this.newestDeliveryId || at < cutoff) break pages;
        newest = Math.max(newest, id);
        read++;
        const ok = delivery.status_code >= 200 && delivery.status_code < 300;
        const record = this.deliveries.get(delivery.guid) ?? { guid: delivery.guid, ok: false, deliveredAt: at, attempts: 0, event: delivery.action ? `${delivery.event}.${delivery.action}` : delivery.event };
        record.ok ||= ok;
        if (delivery.redelivery) {
          record.attempts++;
          // The redelivery asked for has happened: its outcome is what counts now.
          record.redeliveredAt = undefined;
        }
        if (!ok && (record.latestFailed === undefined || id > record.latestFailed)) record.latestFailed = id;
        record.deliveredAt = Math.max(record.deliveredAt, at);
        this.deliveries.set(delivery.guid, record);
        if (delivery.repository_id) {
          const key = `id:${delivery.repository_id}`;
          const known = this.repositories.get(key);
          this.repositories.set(key, { ...known, repositoryId: Number(delivery.repository_id), installation: delivery.installation_id ? Number(delivery.installation_id) : known?.installation, lastActivity: Math.max(known?.lastActivity ?? 0, at) });
        }
      }
      if (budget.spent) break;
    }
    this.newestDeliveryId = newest;
    for (const [guid, record] of this.deliveries) if (record.deliveredAt < cutoff) this.deliveries.delete(guid);
    return read;
  }

  private async redeliver(app: GitHubClient, budget: Budget, summary: PassSummary): Promise<void> {
    const now = Date.now();
    for (const record of this.deliveries.values()) {
      if (record.ok || record.latestFailed === undefined) continue;
      if (record.redeliveredAt && now - record.redeliveredAt < REDELIVERY_GRACE_MS) continue;
      if (record.attempts >= MAX_REDELIVERIES_PER_DELIVERY) {
        if (record.attempts === MAX_REDELIVERIES_PER_DELIVERY) {
          record.attempts++;
          summary.givenUp++;
          this.options.log.error({ delivery: record.guid, event: record.event, attempts: MAX_REDELIVERIES_PER_DELIVERY }, 'delivery given up: it failed every redelivery');
        }
        continue;
      }
      // A full queue would refuse the redelivery too: leave it for a later pass.
      if (budget.spent || this.options.scheduler.room() <= 0) {
        summary.deferred++;
        continue;
      }
      try {
        await budget.spend(() => app.rest.apps.redeliverWebhookDelivery({ delivery_id: record.latestFailed! }));
        record.redeliveredAt = now;
        summary.redelivered++;
        this.options.log.info({ delivery: record.guid, event: record.event, attempt: record.attempts + 1 }, 'failed delivery redelivered');
      } catch (error) {
        this.options.log.warn({ delivery: record.guid, error: (error as Error).message }, 'redelivery refused');
      }
    }
  }

  /** Open pull requests of recently active repositories whose current state has no finished check. */
  private async sweep(budget: Budget, cutoff: number, summary: PassSummary): Promise<void> {
    const { digest } = await this.options.standards();
    for (const name of this.options.repositories ?? []) this.noteConfigured(name);
    const active = [...this.repositories.entries()].filter(([, r]) => r.lastActivity >= cutoff).sort((a, b) => b[1].lastActivity - a[1].lastActivity);
    for (const [key, repository] of this.repositories) if (repository.lastActivity < cutoff) this.repositories.delete(key);
    for (const [index, [, repository]] of active.entries()) {
      if (budget.spent) {
        summary.deferred += active.length - index;
        break;
      }
      summary.repositories++;
      try {
        await this.sweepRepository(repository, budget, cutoff, digest, summary);
      } catch (error) {
        this.options.log.warn({ repository: repository.owner ? `${repository.owner}/${repository.repo}` : repository.repositoryId, error: (error as Error).message }, 'reconciler could not read a repository');
      }
    }
  }

  private async sweepRepository(repository: ActiveRepository, budget: Budget, cutoff: number, digest: string, summary: PassSummary): Promise<void> {
    const client = this.options.clients.forInstallation(repository.installation);
    if (!repository.owner) {
      const { data } = await budget.spend(() => client.request('GET /repositories/{repository_id}', { repository_id: repository.repositoryId! }));
      repository.owner = (data as { owner: { login: string } }).owner.login;
      repository.repo = (data as { name: string }).name;
    }
    const owner = repository.owner;
    const repo = repository.repo!;
    // The recently updated open pull requests first, all of them: a commit can be the head of
    // several, and its one check run stands for all of them.
    const pulls: { number: number; ref: PullRequestRef }[] = [];
    pages: for await (const page of client.paginate.iterator(client.rest.pulls.list, { owner, repo, state: 'open', sort: 'updated', direction: 'desc', per_page: 100 })) {
      budget.calls++;
      for (const pull of page.data) {
        if (Date.parse(pull.updated_at) < cutoff) break pages;
        pulls.push({ number: pull.number, ref: refFromPull(owner, repo, pull as unknown as Record<string, unknown>) });
      }
      if (budget.spent) break;
    }
    // One job checks every open pull request of a head, so a head is looked at once, and the job
    // is given the pull request updated last.
    const byHead = new Map<string, { number: number; ref: PullRequestRef }[]>();
    for (const pull of pulls) {
      const members = byHead.get(pull.ref.headSha);
      if (members) members.push(pull);
      else byHead.set(pull.ref.headSha, [pull]);
    }
    for (const [headSha, members] of byHead) {
      const keys = members.map((member) => workKey(owner, repo, member.number));
      if (keys.some((key) => this.options.scheduler.has(key))) continue;
      if (budget.spent) {
        summary.deferred += members.length;
        continue;
      }
      summary.pullRequests += members.length;
      const { data } = await budget.spend(() => client.rest.checks.listForRef({ owner, repo, ref: headSha, check_name: CHECK_NAME, filter: 'all', per_page: 100, ...(this.options.appId ? { app_id: this.options.appId } : {}) }));
      const runs = data.check_runs as CheckRunSummary[];
      let reason = staleReason(runs, headSha, headFingerprint(members.map((member) => member.ref.pr), digest), this.options.staleAfterMs);
      if (reason === CHANGED_SINCE && !budget.spent) {
        // An open pull request of this head that was last updated before the lookback is not in
        // the list above, but the run stands for it too: ask GitHub for all of them.
        const all = await budget.spend(() => openPullsWithHead(client, { owner, repo }, headSha));
        if (all && all.length > members.length) reason = staleReason(runs, headSha, headFingerprint(all.map((pull) => refFromPull(owner, repo, pull).pr), digest), this.options.staleAfterMs);
      }
      if (!reason) continue;
      const work: PullRequestWork = { key: keys[0]!, installation: repository.installation, owner, repo, number: members[0]!.number, headSha, sources: ['reconciler'] };
      const offered = this.options.scheduler.offer(work);
      if (offered === 'full' || offered === 'draining') {
        summary.deferred++;
        continue;
      }
      summary.scheduled.push({ key: work.key, reason });
    }
  }
}

const CHANGED_SINCE = 'the pull request changed since its last check';

/**
 * Why a head's `standards` check runs call for a check, or undefined when they do not. `expected`
 * is the head's fingerprint: of its open pull requests, all of them (`headFingerprint`), since a
 * check run belongs to a commit and stands for each pull request it is the head of.
 */
export function staleReason(runs: CheckRunSummary[], headSha: string, expected: string, staleAfterMs: number, now = Date.now()): string | undefined {
  const current = runs.filter((r) => r.name === CHECK_NAME && r.head_sha === headSha).sort((a, b) => Number(a.id) - Number(b.id)).at(-1);
  if (!current) return 'no check run for the head commit';
  if (current.status === 'completed') return current.external_id === expected ? undefined : CHANGED_SINCE;
  if (!current.external_id) return 'a check was interrupted';
  if (!current.started_at || now - Date.parse(current.started_at) >= staleAfterMs) return `a check run left ${current.status} past the job deadline`;
  return undefined;
}
