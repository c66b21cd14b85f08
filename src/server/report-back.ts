import type { Finding, Report } from '../engine/finding.ts';
import { COMMENT_LIMIT, renderMarkdown, type MarkdownOptions } from '../report/markdown.ts';
import { markdownInline, terminalSafe } from '../report/untrusted.ts';
import type { GitHubClient } from './github-client.ts';

export const CHECK_NAME = 'standards';
export const COMMENT_MARKER = '<!-- standards-bot:pull-request-summary -->';
/** The API takes at most 50 annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;

type Repo = { owner: string; repo: string };
export type ReportBackOptions = Pick<MarkdownOptions, 'proposalProcess' | 'exemptionLink'>;
type Annotation = { path: string; start_line: number; end_line: number; annotation_level: 'failure' | 'warning' | 'notice'; title: string; message: string; raw_details?: string };

export function conclusion(report: Report): 'success' | 'neutral' | 'failure' {
  if (report.verdict === 'fail') return 'failure';
  return report.summary.warn > 0 ? 'neutral' : 'success';
}

/** Annotations for findings that have a file: inline on the PR's diff, with the three links. */
export function annotations(report: Report): Annotation[] {
  return report.findings
    .filter((f): f is Finding & { file: string } => f.file !== null)
    .map((f) => ({
      path: f.file,
      start_line: f.line ?? 1,
      end_line: f.line ?? 1,
      annotation_level: f.exemption || f.pre_existing || f.severity === 'info' ? 'notice' : f.severity === 'fail' ? 'failure' : 'warning',
      title: terminalSafe(`${f.standard} ${f.title}`).slice(0, 255),
      message: terminalSafe(`${f.message}\n\nHow to fix: ${f.remediation}`).slice(0, 64_000),
      raw_details: `Why: ${f.links.standard}\nPropose a change: ${f.links.propose}\nRequest an exemption: ${f.links.exemption}`,
    }));
}

/** A commit's check run, as far as claiming one and deciding whether it is current read it. */
export interface CheckRunSummary {
  id: number;
  head_sha: string;
  name: string;
  status: string;
  external_id: string | null;
  started_at: string | null;
  app?: { id: number } | null;
}

/** This App's `standards` check runs on a commit, oldest first. */
async function ourCheckRuns(client: GitHubClient, repo: Repo, headSha: string, appId?: number): Promise<CheckRunSummary[]> {
  const { data } = await client.rest.checks.listForRef({ ...repo, ref: headSha, check_name: CHECK_NAME, filter: 'all', per_page: 100, ...(appId ? { app_id: appId } : {}) });
  return (data.check_runs as unknown as CheckRunSummary[])
    .filter((run) => run.name === CHECK_NAME && run.head_sha === headSha && (!appId || !run.app || Number(run.app.id) === appId))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

export type Claim = { outcome: 'claimed'; id: number } | { outcome: 'unchanged' | 'claimed-elsewhere' | 'superseded'; id: number };

/**
 * Takes the commit's `standards` check run for one check of the pull request as `fingerprint`
 * describes it. GitHub is the only shared state between replicas and restarts, so the check run
 * carries the claim: its `external_id` is the fingerprint, its `started_at` when the claim was
 * made.
 * - a completed run for the same fingerprint: nothing changed since, nothing to do (unless
 *   `force`d: someone pressed "Re-run");
 * - an unfinished run for it, started less than `staleAfterMs` ago: another worker has it;
 * - otherwise the newest run is reused (one check run per head SHA), or one is created.
 * Two workers that create at the same moment: the newer run wins, because GitHub shows the newest
 * run for a name, and a skipped run counts as passing. The older worker sees the newer run either
 * here, right after creating its own, or when it calls `yieldToNewerRun` before reporting.
 */
export async function claimCheckRun(client: GitHubClient, repo: Repo, headSha: string, fingerprint: string, staleAfterMs: number, { appId, force = false }: { appId?: number; force?: boolean } = {}): Promise<Claim> {
  const runs = await ourCheckRuns(client, repo, headSha, appId);
  const current = runs.at(-1);
  const started_at = new Date().toISOString();
  const checking = { title: 'Checking…', summary: 'standards-bot is checking this commit against the standards.' };
  if (current) {
    if (current.external_id === fingerprint) {
      if (current.status === 'completed' && !force) return { outcome: 'unchanged', id: Number(current.id) };
      if (current.started_at && Date.now() - Date.parse(current.started_at) < staleAfterMs) return { outcome: 'claimed-elsewhere', id: Number(current.id) };
    }
    await client.rest.checks.update({ ...repo, check_run_id: Number(current.id), status: 'in_progress', started_at, external_id: fingerprint, output: checking });
    return { outcome: 'claimed', id: Number(current.id) };
  }
  const { data } = await client.rest.checks.create({ ...repo, name: CHECK_NAME, head_sha: headSha, status: 'in_progress', started_at, external_id: fingerprint, output: checking });
  const id = Number(data.id);
  if (await yieldToNewerRun(client, repo, headSha, id, appId)) return { outcome: 'superseded', id };
  return { outcome: 'claimed', id };
}

/**
 * Completes check run `id` as a skipped duplicate when the commit has a newer `standards` run,
 * which only a worker that created one at the same moment makes: that worker reports, this one
 * stops. Called right after creating a run and again just before reporting, because the other
 * worker may create its run after this one's first look.
 */
export async function yieldToNewerRun(client: GitHubClient, repo: Repo, headSha: string, id: number, appId?: number): Promise<boolean> {
  const newest = (await ourCheckRuns(client, repo, headSha, appId)).at(-1);
  if (!newest || Number(newest.id) <= id) return false;
  await client.rest.checks.update({ ...repo, check_run_id: id, status: 'completed', conclusion: 'skipped', completed_at: new Date().toISOString(), output: { title: 'Duplicate', summary: `Two standards-bot workers started this check at once; check run ${newest.id} has it.` } });
  return true;
}

/**
 * Gives a check run back when its check could not finish (GitHub failing, the job timed out, the
 * server stopping): queued, with no fingerprint, so the reconciler's next pass checks it again.
 */
export async function releaseCheckRun(client: GitHubClient, repo: Repo, checkRunId: number, reason: string): Promise<void> {
  await client.rest.checks.update({ ...repo, check_run_id: checkRunId, status: 'queued', external_id: '', output: { title: 'Not checked yet', summary: `${markdownInline(reason)}\n\nstandards-bot will check this commit again within minutes.` } });
}

/** Completes a check run whose check itself failed: fail closed, saying why. */
export async function failCheckRun(client: GitHubClient, repo: Repo, checkRunId: number, reason: string): Promise<void> {
  await client.rest.checks.update({ ...repo, check_run_id: checkRunId, status: 'completed', conclusion: 'failure', completed_at: new Date().toISOString(), output: { title: 'Could not check this pull request', summary: `standards-bot could not finish this check, so it fails rather than pass unchecked:\n\n> ${markdownInline(reason)}\n` } });
}

/** Completes the check run: conclusion, Markdown summary, and annotations in batches of 50. */
export async function completeCheckRun(client: GitHubClient, repo: Repo, checkRunId: number, report: Report, options: ReportBackOptions & { notes?: string[]; incomplete?: boolean }): Promise<void> {
  const title = options.incomplete ? 'Not all of this pull request could be checked' : report.verdict === 'fail' ? `${report.summary.fail} failing standard${report.summary.fail === 1 ? '' : 's'}` : report.summary.warn ? `${report.summary.warn} warning${report.summary.warn === 1 ? '' : 's'}` : 'All standards pass';
  const notes = options.notes?.length ? `${options.notes.map((n) => `> ${markdownInline(n)}`).join('\n')}\n\n` : '';
  const summary = `${notes}${renderMarkdown(report, { ...options, prefix: notes, budget: { limit: COMMENT_LIMIT, unit: 'bytes', elsewhere: "this check run's annotations" } })}`;
  const all = annotations(report);
  const batches = all.length ? Array.from({ length: Math.ceil(all.length / ANNOTATIONS_PER_REQUEST) }, (_, i) => all.slice(i * ANNOTATIONS_PER_REQUEST, (i + 1) * ANNOTATIONS_PER_REQUEST)) : [[]];
  for (const [index, batch] of batches.entries()) {
    const last = index === batches.length - 1;
    await client.rest.checks.update({
      ...repo,
      check_run_id: checkRunId,
      ...(last ? { status: 'completed' as const, conclusion: options.incomplete ? ('failure' as const) : conclusion(report), completed_at: new Date().toISOString() } : {}),
      output: { title, summary, annotations: batch },
    });
  }
}

async function markerComments(client: GitHubClient, repo: Repo, number: number) {
  const comments = await client.paginate(client.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 });
  return comments.filter((comment) => comment.body?.includes(COMMENT_MARKER)).sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * The one PR comment, found by its hidden marker and updated in place. A pull request that now
 * passes gets its comment marked resolved; one that always passed gets none. If replicas raced
 * and created two, the later ones are deleted.
 */
export async function upsertComment(client: GitHubClient, repo: Repo, number: number, report: Report, options: ReportBackOptions & { headSha: string }): Promise<'created' | 'updated' | 'resolved' | 'none'> {
  const existing = await markerComments(client, repo, number);
  const passing = report.verdict === 'pass' && report.summary.warn === 0;
  if (passing) {
    if (!existing.length) return 'none';
    await client.rest.issues.updateComment({ ...repo, comment_id: Number(existing[0]!.id), body: `${COMMENT_MARKER}\n## ✅ Standards: resolved\n\nEverything passes as of ${options.headSha.slice(0, 12)}; the findings reported here earlier are fixed.\n` });
    return 'resolved';
  }
  const prefix = `${COMMENT_MARKER}\n`;
  const body = `${prefix}${renderMarkdown(report, { ...options, prefix, budget: { limit: COMMENT_LIMIT, unit: 'bytes', elsewhere: `the ${CHECK_NAME} check run` } })}`;
  if (existing.length) {
    await client.rest.issues.updateComment({ ...repo, comment_id: Number(existing[0]!.id), body });
    return 'updated';
  }
  await client.rest.issues.createComment({ ...repo, issue_number: number, body });
  const after = await markerComments(client, repo, number);
  for (const duplicate of after.slice(1)) {
    // Another worker racing here deletes the same duplicate: its 404 is the outcome both wanted.
    await client.rest.issues.deleteComment({ ...repo, comment_id: Number(duplicate.id) }).catch((error: { status?: number }) => {
      if (error.status !== 404) throw error;
    });
  }
  return 'created';
}
