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

/** The one check run named `standards` on a commit: found by name and SHA, so redeliveries and replicas update rather than add. */
export async function upsertCheckRun(client: GitHubClient, repo: Repo, headSha: string): Promise<number> {
  const { data } = await client.rest.checks.listForRef({ ...repo, ref: headSha, check_name: CHECK_NAME, filter: 'all', per_page: 100 });
  const existing = data.check_runs.filter((run) => run.name === CHECK_NAME && run.head_sha === headSha).sort((a, b) => Number(a.id) - Number(b.id))[0];
  if (existing) {
    await client.rest.checks.update({ ...repo, check_run_id: Number(existing.id), status: 'in_progress', started_at: new Date().toISOString() });
    return Number(existing.id);
  }
  const created = await client.rest.checks.create({ ...repo, name: CHECK_NAME, head_sha: headSha, status: 'in_progress', started_at: new Date().toISOString() });
  return Number(created.data.id);
}

/** Completes the check run: conclusion, Markdown summary, and annotations in batches of 50. */
export async function completeCheckRun(client: GitHubClient, repo: Repo, checkRunId: number, report: Report, options: ReportBackOptions & { notes?: string[] }): Promise<void> {
  const title = report.verdict === 'fail' ? `${report.summary.fail} failing standard${report.summary.fail === 1 ? '' : 's'}` : report.summary.warn ? `${report.summary.warn} warning${report.summary.warn === 1 ? '' : 's'}` : 'All standards pass';
  const notes = options.notes?.length ? `${options.notes.map((n) => `> ${markdownInline(n)}`).join('\n')}\n\n` : '';
  const summary = `${notes}${renderMarkdown(report, { ...options, prefix: notes, budget: { limit: COMMENT_LIMIT, unit: 'bytes', elsewhere: "this check run's annotations" } })}`;
  const all = annotations(report);
  const batches = all.length ? Array.from({ length: Math.ceil(all.length / ANNOTATIONS_PER_REQUEST) }, (_, i) => all.slice(i * ANNOTATIONS_PER_REQUEST, (i + 1) * ANNOTATIONS_PER_REQUEST)) : [[]];
  for (const [index, batch] of batches.entries()) {
    const last = index === batches.length - 1;
    await client.rest.checks.update({
      ...repo,
      check_run_id: checkRunId,
      ...(last ? { status: 'completed' as const, conclusion: conclusion(report), completed_at: new Date().toISOString() } : {}),
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
  for (const duplicate of after.slice(1)) await client.rest.issues.deleteComment({ ...repo, comment_id: Number(duplicate.id) });
  return 'created';
}
