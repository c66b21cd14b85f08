// One pull request checked from GitHub's API, idempotently: by the pull request's current state,
// not by the delivery that asked. A redelivery of work that finished is a no-op; one that failed
// is checked again.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { PullRequestInfo } from '../changeset.ts';
import { evaluate } from '../engine/evaluate.ts';
import { groupExemptionLinks, proposalProcessLink } from '../engine/links.ts';
import { pullRequestFromEvent } from '../sources/pr-event.ts';
import { nextExemptionId } from '../standards/exemptions.ts';
import { loadTrusted, type Trusted } from '../standards/trusted.ts';
import { outsideJob, type GitHubClient } from './github-client.ts';
import { changeSetFromApi, type PullRequestRef } from './github-source.ts';
import { claimCheckRun, completeCheckRun, failCheckRun, releaseCheckRun, upsertComment, yieldToNewerRun } from './report-back.ts';
import type { PullRequestWork } from './scheduler.ts';

/** The trusted standards and a digest of them: a change to the standards is a reason to check again. */
export interface TrustedStandards {
  trusted: Trusted;
  digest: string;
}

/** The standards checkout is read again at most this often, so a `git pull` there takes effect without a reload per check. */
const STANDARDS_TTL_MS = 5_000;

/** The trusted standards of `root`, read at most every few seconds; a broken checkout is read again next time, not remembered. */
export function cachedStandards(root: string): () => Promise<TrustedStandards> {
  let cached: { at: number; value: Promise<TrustedStandards> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > STANDARDS_TTL_MS) {
      const value = loadTrusted(root).then((trusted) => ({ trusted, digest: standardsDigest(trusted) }));
      cached = { at: Date.now(), value };
      value.catch(() => (cached = undefined));
    }
    return cached.value;
  };
}

export function standardsDigest(trusted: Trusted): string {
  const { config, standards, teams, exemptions } = trusted;
  return createHash('sha256').update(JSON.stringify({ config, standards, teams, exemptions })).digest('hex').slice(0, 16);
}

/**
 * What a check's result depends on, hashed: the pull request and its head commit, the fields
 * standards read, and the standards. Not the base SHA: the change is judged against the merge base, which only moves
 * when the head does, while the base branch's tip moves all day.
 */
export function fingerprint(pr: PullRequestInfo, digest: string): string {
  const fields = [pr.number, pr.headSha, pr.title, pr.body, [...pr.labels].sort(), pr.author ?? '', pr.draft, pr.baseRef ?? '', digest];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** A pull request as the REST API returns it (pulls.get or pulls.list), reduced to what a check needs. */
export function refFromPull(owner: string, repo: string, pull: Record<string, unknown>): PullRequestRef {
  const info = pullRequestFromEvent({ pull_request: pull })!;
  return { owner, repo, number: info.number!, headSha: info.headSha!, baseSha: info.baseSha!, pr: info, changedFiles: pull.changed_files as number | undefined };
}

export type JobOutcome = 'checked' | 'unchanged' | 'claimed-elsewhere' | 'superseded' | 'closed';

/** An error from GitHub (an HTTP status, a timeout, a reset), as opposed to one in the check itself. */
export function isGitHubError(error: unknown): boolean {
  const e = error as { status?: unknown; name?: string; request?: unknown };
  return typeof e?.status === 'number' || e?.request !== undefined || e?.name === 'AbortError' || e?.name === 'TimeoutError' || e?.name === 'HttpError';
}

export interface JobDependencies {
  client: GitHubClient;
  standards(): Promise<TrustedStandards>;
  today(): string;
  /** How long a claim on a check run holds before another worker may take it over. */
  staleAfterMs: number;
  appId?: number;
  log: Logger;
  signal?: AbortSignal;
}

/**
 * Checks one pull request at its current head. GitHub failures that outlast the retries leave
 * the check run queued with no fingerprint (the reconciler takes it up again); a failure in the
 * check itself completes the run as failed: it is never passed unchecked.
 */
export async function checkPullRequest(work: PullRequestWork, deps: JobDependencies): Promise<JobOutcome> {
  const { client, log } = deps;
  const repo = { owner: work.owner, repo: work.repo };
  const { data: pull } = await client.rest.pulls.get({ ...repo, pull_number: work.number });
  if (pull.state !== 'open') return 'closed';
  const ref = refFromPull(work.owner, work.repo, pull as unknown as Record<string, unknown>);
  const { trusted, digest } = await deps.standards();
  const claim = await claimCheckRun(client, repo, ref.headSha, fingerprint(ref.pr, digest), deps.staleAfterMs, { appId: deps.appId, force: work.force });
  if (claim.outcome !== 'claimed') return claim.outcome;
  try {
    const { changeSet, incomplete, failures } = await changeSetFromApi(client, ref);
    const date = deps.today();
    const report = await evaluate(trusted.standards, changeSet, { config: trusted.config, today: date, teams: trusted.teams, exemptions: trusted.exemptions });
    // A file GitHub would not serve is not a finding about the pull request: the work failed.
    if (failures.length) throw failures[0];
    deps.signal?.throwIfAborted();
    const links = {
      proposalProcess: proposalProcessLink(trusted.config),
      exemptionLink: groupExemptionLinks(trusted.config, trusted.standards, { repository: changeSet.repository, today: date, exemptionId: nextExemptionId(trusted.exemptions) }),
    };
    if (await yieldToNewerRun(client, repo, ref.headSha, claim.id, deps.appId)) return 'superseded';
    await completeCheckRun(client, repo, claim.id, report, { ...links, notes: incomplete ? [incomplete] : [], incomplete: Boolean(incomplete) });
    const comment = await upsertComment(client, repo, ref.number, report, { ...links, headSha: ref.headSha });
    log.info({ head: ref.headSha, verdict: incomplete ? 'incomplete' : report.verdict, summary: report.summary, check_run: claim.id, comment }, 'pull request checked');
    return 'checked';
  } catch (error) {
    const reason = (error as Error).message ?? String(error);
    // Giving the run back is best effort: GitHub may be the thing failing, and then the claim
    // simply goes stale and the reconciler finds it that way.
    // Outside the job: its signal may be what stopped it.
    const giveBack = outsideJob(() => (isGitHubError(error) || deps.signal?.aborted ? releaseCheckRun(client, repo, claim.id, `The check did not finish: ${reason}.`) : failCheckRun(client, repo, claim.id, reason)));
    await giveBack.catch((cause: Error) => log.warn({ check_run: claim.id, error: cause.message }, 'could not update the check run after a failure'));
    throw error;
  }
}
