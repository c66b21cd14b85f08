// One pull request checked from GitHub's API, idempotently: by the pull request's current state,
// not by the delivery that asked. A redelivery of work that finished is a no-op; one that failed
// is checked again.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { PullRequestInfo } from '../changeset.ts';
import { evaluate } from '../engine/evaluate.ts';
import type { Report } from '../engine/finding.ts';
import { groupExemptionLinks, proposalProcessLink } from '../engine/links.ts';
import { pullRequestFromEvent } from '../sources/pr-event.ts';
import { nextExemptionId } from '../standards/exemptions.ts';
import { loadTrusted, type Trusted } from '../standards/trusted.ts';
import { outsideJob, type GitHubClient } from './github-client.ts';
import { changeSetFromApi, type PullRequestRef } from './github-source.ts';
import { claimCheckRun, completeCheckRun, conclusion, failCheckRun, releaseCheckRun, upsertComment, yieldToNewerRun } from './report-back.ts';
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

/**
 * The fingerprint of a head commit's check run: of its one pull request, or, when the commit is
 * the head of several open pull requests, of all of them. A check run belongs to a commit, so
 * GitHub shows the same run on each of them, and it must stand for every one.
 */
export function headFingerprint(prs: readonly PullRequestInfo[], digest: string): string {
  if (prs.length === 1) return fingerprint(prs[0]!, digest);
  const each = prs.map((pr) => fingerprint(pr, digest)).sort();
  return createHash('sha256').update(JSON.stringify(each)).digest('hex');
}

/**
 * The open pull requests whose head is `headSha`, as GitHub associates them with the commit
 * (`GET /repos/{owner}/{repo}/commits/{sha}/pulls`), fewest first by number. GitHub may list a
 * pull request just opened a moment late; that one's own delivery then checks the head again.
 * Undefined when GitHub does not find the commit in the repository (404, or 422 "No commit
 * found"): it can name none, and the caller says so.
 */
export async function openPullsWithHead(client: GitHubClient, repo: { owner: string; repo: string }, headSha: string): Promise<Record<string, unknown>[] | undefined> {
  let pulls: unknown[];
  try {
    pulls = await client.paginate(client.rest.repos.listPullRequestsAssociatedWithCommit, { ...repo, commit_sha: headSha, per_page: 100 });
  } catch (error) {
    const { status } = error as { status?: number };
    if (status === 404 || status === 422) return undefined;
    throw error;
  }
  return (pulls as unknown as { number: number; state: string; head?: { sha?: string } }[])
    .filter((pull) => pull.state === 'open' && pull.head?.sha === headSha)
    .sort((a, b) => a.number - b.number) as unknown as Record<string, unknown>[];
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

/** One pull request of the head, checked. */
interface Checked {
  ref: PullRequestRef;
  report: Report;
  /** Why part of the change could not be read, when it could not. */
  incomplete?: string;
}

const CONCLUSION_RANK = { success: 0, neutral: 1, failure: 2 } as const;

/** How bad a result is, for the one check run of a head: its check run's conclusion, an incomplete check failing. */
function severityOf({ report, incomplete }: Checked): number {
  return incomplete ? CONCLUSION_RANK.failure : CONCLUSION_RANK[conclusion(report)];
}

function verdictText({ report, incomplete }: Checked): string {
  if (incomplete) return 'could not be checked in full';
  if (report.verdict === 'fail') return `${report.summary.fail} failing`;
  return report.summary.warn ? `${report.summary.warn} warning${report.summary.warn === 1 ? '' : 's'}` : 'passes';
}

/**
 * Checks the pull request at its current head, and every other open pull request with the same
 * head: GitHub shows a commit's one check run on each of them, so the run reports the worst of
 * them (fail closed), and each pull request's comment reports its own findings. GitHub failures
 * that outlast the retries leave the check run queued with no fingerprint (the reconciler takes
 * it up again); a failure in the check itself completes the run as failed: it is never passed
 * unchecked.
 */
export async function checkPullRequest(work: PullRequestWork, deps: JobDependencies): Promise<JobOutcome> {
  const { client, log } = deps;
  const repo = { owner: work.owner, repo: work.repo };
  const { data: pull } = await client.rest.pulls.get({ ...repo, pull_number: work.number });
  if (pull.state !== 'open') return 'closed';
  const ref = refFromPull(work.owner, work.repo, pull as unknown as Record<string, unknown>);
  const group = [ref];
  const sharing = await openPullsWithHead(client, repo, ref.headSha);
  // The pull request at hand is then checked on its own, as before the head's were asked for.
  if (!sharing) log.warn({ head: ref.headSha }, "GitHub could not list the head commit's pull requests; checking this one alone");
  for (const other of sharing ?? []) {
    if (other.number === ref.number) continue;
    // Read on its own, as this one was: only a single pull request carries its count of changed files.
    const { data } = await client.rest.pulls.get({ ...repo, pull_number: other.number as number });
    if (data.state === 'open' && data.head.sha === ref.headSha) group.push(refFromPull(work.owner, work.repo, data as unknown as Record<string, unknown>));
  }
  group.sort((a, b) => a.number - b.number);
  const { trusted, digest } = await deps.standards();
  const claim = await claimCheckRun(client, repo, ref.headSha, headFingerprint(group.map((member) => member.pr), digest), deps.staleAfterMs, { appId: deps.appId, force: work.force });
  if (claim.outcome !== 'claimed') return claim.outcome;
  try {
    const date = deps.today();
    const checked: Checked[] = [];
    let repository: string | undefined;
    for (const member of group) {
      const { changeSet, incomplete, failures } = await changeSetFromApi(client, member);
      const report = await evaluate(trusted.standards, changeSet, { config: trusted.config, today: date, teams: trusted.teams, exemptions: trusted.exemptions });
      // A file GitHub would not serve is not a finding about the pull request: the work failed.
      if (failures.length) throw failures[0];
      deps.signal?.throwIfAborted();
      repository = changeSet.repository;
      checked.push({ ref: member, report, incomplete });
    }
    const links = {
      proposalProcess: proposalProcessLink(trusted.config),
      exemptionLink: groupExemptionLinks(trusted.config, trusted.standards, { repository, today: date, exemptionId: nextExemptionId(trusted.exemptions) }),
    };
    // The first of the worst: with one pull request, that one.
    const shown = checked.reduce((worst, next) => (severityOf(next) > severityOf(worst) ? next : worst));
    const notes = shown.incomplete ? [shown.incomplete] : [];
    if (!sharing) notes.push(`GitHub could not say which other open pull requests have this commit as their head, so this check run is for #${ref.number} alone.`);
    if (checked.length > 1) {
      const each = checked.map((c) => `#${c.ref.number} ${verdictText(c)}`).join(', ');
      notes.push(`This commit is the head of ${checked.length} open pull requests (${each}). A check run belongs to a commit, so this one reports the worst of them, #${shown.ref.number}; each pull request's comment lists its own findings.`);
    }
    if (await yieldToNewerRun(client, repo, ref.headSha, claim.id, deps.appId)) return 'superseded';
    await completeCheckRun(client, repo, claim.id, shown.report, { ...links, notes, incomplete: Boolean(shown.incomplete) });
    for (const { ref: member, report, incomplete } of checked) {
      const comment = await upsertComment(client, repo, member.number, report, { ...links, headSha: member.headSha });
      // The job's logger names the pull request it was given; another of the head's is named apart.
      const fields = { head: member.headSha, verdict: incomplete ? 'incomplete' : report.verdict, summary: report.summary, check_run: claim.id, comment };
      log.info(member === ref ? fields : { ...fields, same_head_pull_request: member.number }, 'pull request checked');
    }
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
