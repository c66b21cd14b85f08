// The only module that knows danger's DSL. It imports danger's types, never danger itself:
// `import "danger"` throws outside a dangerfile, so the dangerfile passes its DSL and callbacks in.
import type { DangerDSLType } from 'danger';
import type { ChangedLine, ChangeSet, FileChange, FileStatus, PullRequestInfo } from '../changeset.ts';
import { evaluate } from '../engine/evaluate.ts';
import type { Finding, Report } from '../engine/finding.ts';
import { groupExemptionLinks, proposalProcessLink } from '../engine/links.ts';
import { nextExemptionId } from '../standards/exemptions.ts';
import { COMMENT_LIMIT, renderMarkdown, type MarkdownOptions } from '../report/markdown.ts';
import { plural } from '../report/format.ts';
import { BlobReader, gitMaybe } from '../sources/git.ts';
import { gitTree } from '../sources/git-source.ts';
import { fileFromPatch, patchFromContents, readableText, type ContentTree } from '../sources/content.ts';
import { treeFromPaths } from '../tree.ts';
import type { FilePatch } from '../sources/unified-diff.ts';
import { ConfigError, formatDiagnostic, UsageError } from '../diagnostics.ts';
import { checkedRepositoryName, repositoryName } from '../sources/repository-name.ts';
import { loadTrustedFor, standardsLocation } from '../standards/trusted.ts';
import { readRepoState } from '../review/repo-state.ts';
import { reviewProposal, type Review } from '../review/review.ts';

export interface DangerReporters {
  fail(message: string, file?: string, line?: number): void;
  warn(message: string, file?: string, line?: number): void;
  message(message: string, file?: string, line?: number): void;
  markdown(message: string, file?: string, line?: number): void;
}

export interface DangerOptions {
  /** The trusted standards checkout; default $STANDARDS_DIR, else this package's standards. */
  standards?: string;
  /** The checkout danger runs in; default the current directory. */
  repo?: string;
  /** owner/name; default the PR's repository, else $GITHUB_REPOSITORY. */
  repository?: string;
  /** YYYY-MM-DD; default today. */
  today?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Judge what is staged (`danger local --staging`): the index against HEAD. Default: whether
   * danger was run with --staging, which its runner process receives in its arguments.
   */
  staging?: boolean;
}

/** Whether this danger run was started with --staging (or -s): danger's runner process gets the command's flags. */
function runWithStaging(argv: readonly string[]): boolean {
  return argv.includes('--staging') || argv.includes('-s');
}

type Dsl = Pick<DangerDSLType, 'git'> & { github?: DangerDSLType['github'] };

/** Added and removed lines from danger's structured diff (parse-diff chunks). */
export function linesFromStructuredDiff(diff: Awaited<ReturnType<DangerDSLType['git']['structuredDiffForFile']>>): FilePatch {
  const added: ChangedLine[] = [];
  const removed: ChangedLine[] = [];
  for (const chunk of diff?.chunks ?? []) {
    for (const change of chunk.changes) {
      if (change.type === 'add') added.push({ line: change.ln, text: change.content.slice(1).replace(/\r$/, '') });
      else if (change.type === 'del') removed.push({ line: change.ln, text: change.content.slice(1).replace(/\r$/, '') });
    }
  }
  return { added, removed };
}

/** Trees through the GitHub API, for `danger ci` runs without the commits checked out. */
function githubTree(github: DangerDSLType['github'], sha: string, label: string): ContentTree {
  const { owner, repo } = github.thisPR;
  let listing: Promise<string[]> | undefined;
  const bytes = async (path: string) => {
    const text = await github.utils.fileContents(path, `${owner}/${repo}`, sha);
    return text ? Buffer.from(text, 'utf8') : undefined;
  };
  const paths = () =>
    (listing ??= github.api.rest.git
      .getTree({ owner, repo, tree_sha: sha, recursive: 'true' })
      .then((response) => response.data.tree.filter((entry) => entry.type === 'blob' && entry.path).map((entry) => entry.path!)));
  const read = async (path: string) => {
    const content = await bytes(path);
    if (!content) return undefined;
    const { binary, text } = readableText(content);
    return binary ? undefined : text;
  };
  return { ...treeFromPaths(label, paths, read), bytes };
}

function pullRequest(github: DangerDSLType['github'] | undefined): PullRequestInfo | undefined {
  const pr = github?.pr;
  if (!pr) return undefined;
  const labels = (github.issue?.labels ?? (pr as unknown as { labels?: { name: string }[] }).labels ?? []).map((label) => label.name);
  return { number: pr.number, title: pr.title ?? '', body: pr.body ?? '', labels, author: pr.user?.login, draft: Boolean((pr as { draft?: boolean }).draft), baseSha: pr.base?.sha, headSha: pr.head?.sha, baseRef: pr.base?.ref };
}

/** danger's created, modified and deleted files as changes, with contents read from `head` and `base`. */
async function filesFromDanger(git: DangerDSLType['git'], head: ContentTree, base: ContentTree): Promise<FileChange[]> {
  const entries: [string, FileStatus][] = [
    ...git.created_files.map((p): [string, FileStatus] => [p, 'added']),
    ...git.modified_files.map((p): [string, FileStatus] => [p, 'modified']),
    ...git.deleted_files.map((p): [string, FileStatus] => [p, 'deleted']),
  ];
  return Promise.all(
    entries.map(async ([path, listed]) => {
      const diff = await git.structuredDiffForFile(path);
      const previousPath = diff?.fromPath && diff.fromPath !== path ? diff.fromPath : undefined;
      const status = previousPath ? 'renamed' : listed;
      const headBytes = () => head.bytes(path);
      // danger's diff honours the change's own .gitattributes (`*.py -diff` prints no lines), so a
      // file it gives no lines for is diffed here from its contents.
      const patch =
        diff?.chunks.length || status === 'deleted'
          ? linesFromStructuredDiff(diff)
          : await patchFromContents(status === 'added' ? undefined : await base.bytes(previousPath ?? path), await headBytes());
      return fileFromPatch({ path, previousPath, status }, patch, headBytes);
    }),
  );
}

/** The engine's change set from danger's DSL: files from danger.git, lines from its structured diffs. */
export async function changeSetFromDanger(danger: Dsl, options: { repo: string; repository?: string; staging?: boolean }): Promise<{ changeSet: ChangeSet; close(): void }> {
  const { git, github } = danger;
  const pr = pullRequest(github);
  if (options.staging) return stagedChangeSet(danger, options);
  const baseSha = pr?.baseSha ?? git.base;
  const headSha = pr?.headSha ?? git.head;
  // Prefer the local checkout (danger local, or CI with history); fall back to the API.
  const local = (await gitMaybe(options.repo, ['rev-parse', '--verify', '--quiet', `${headSha}^{commit}`])) && (await gitMaybe(options.repo, ['rev-parse', '--verify', '--quiet', `${baseSha}^{commit}`]));
  const blobs = new BlobReader(options.repo);
  let head: ContentTree;
  let base: ContentTree;
  if (local) {
    const mergeBase = (await gitMaybe(options.repo, ['merge-base', baseSha, headSha])) ?? baseSha;
    head = gitTree(options.repo, headSha, headSha.slice(0, 12), blobs);
    base = gitTree(options.repo, mergeBase, mergeBase.slice(0, 12), blobs);
  } else if (github) {
    head = githubTree(github, headSha, headSha.slice(0, 12));
    base = githubTree(github, baseSha, baseSha.slice(0, 12));
  } else {
    throw new Error(`neither the commits ${baseSha} and ${headSha} nor the GitHub API are available to read files`);
  }

  const files = await filesFromDanger(git, head, base);
  const repository = options.repository ?? (github?.thisPR ? `${github.thisPR.owner}/${github.thisPR.repo}` : undefined);
  return { changeSet: { mode: 'diff', files, head, base, pr, repository }, close: () => blobs.close() };
}

/**
 * `danger local --staging`: danger lists the staged files, and their contents are in the index,
 * not in any commit. The index is written as a tree object (what `git commit` does first, with no
 * ref moved) and read like a commit's tree, against HEAD.
 */
async function stagedChangeSet(danger: Dsl, options: { repo: string; repository?: string }): Promise<{ changeSet: ChangeSet; close(): void }> {
  const staged = await gitMaybe(options.repo, ['write-tree']);
  const headCommit = await gitMaybe(options.repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!staged || !headCommit) throw new UsageError(`could not read the staged changes in ${options.repo} (git write-tree failed: is a merge in progress?)`);
  const blobs = new BlobReader(options.repo);
  const head = gitTree(options.repo, staged, 'staged changes', blobs);
  const base = gitTree(options.repo, headCommit, headCommit.slice(0, 12), blobs);
  const files = await filesFromDanger(danger.git, head, base);
  return { changeSet: { mode: 'diff', files, head, base, repository: options.repository }, close: () => blobs.close() };
}

// danger wraps what it is given in its own comment: a table of fail() and warn() rows, a header
// and a footer. The report keeps this much of GitHub's comment limit free for them.
const DANGER_WRAPPING = 5_000;

/**
 * Maps a report onto danger: one fail() (or warn()) that names the count, so danger fails the
 * build, and one markdown() with the whole report, budgeted to fit GitHub's comment limit with
 * danger's own wrapping around it. Per-finding rows would overflow the limit on a large change
 * and GitHub would refuse the comment.
 */
export function reportToDanger(report: Report, reporters: DangerReporters, options: { proposalProcess?: string; exemptionLink?: MarkdownOptions['exemptionLink'] } = {}): void {
  const { fail, warn } = report.summary;
  if (fail) reporters.fail(`${plural(fail, 'failing finding')} from the engineering standards: see the report below.`);
  else if (warn) reporters.warn(`${plural(warn, 'warning')} from the engineering standards: see the report below.`);
  reporters.markdown(renderMarkdown(report, { ...options, budget: { limit: COMMENT_LIMIT - DANGER_WRAPPING, unit: 'bytes', elsewhere: 'the CI log, or run `standards check` locally' } }));
}

/** Whether danger runs on a real pull request (`danger ci`, `danger pr`) rather than `danger local`, which sets DANGER_LOCAL_NO_CI. */
function onPullRequest(env: NodeJS.ProcessEnv): boolean {
  return !env.DANGER_LOCAL_NO_CI;
}

/** One line, or a first line and the file:line:col list, for a run that could not judge anything. */
function setupFailure(error: UsageError | ConfigError): string {
  if (error instanceof UsageError) return `standards-bot could not check this pull request: ${error.message}`;
  const lines = error.diagnostics.map(formatDiagnostic);
  return `standards-bot could not check this pull request: ${lines.length} ${lines.length === 1 ? 'problem' : 'problems'} in the standards configuration; nothing was evaluated.\n\n\`\`\`\n${lines.join('\n')}\n\`\`\``;
}

/**
 * Checks a pull request from inside a dangerfile. Three lines in a product repository:
 *
 *   import { danger, fail, warn, message, markdown, schedule } from 'danger';
 *   import { checkWithDanger } from 'standards-bot/danger';
 *   schedule(checkWithDanger(danger, { fail, warn, message, markdown }));
 *
 * A standards folder that is missing, empty, inside the pull request, or broken is one `fail()`
 * (and a failing exit code), never a stack trace or a silent pass.
 */
export async function checkWithDanger(danger: Dsl, reporters: DangerReporters, options: DangerOptions = {}): Promise<Report | undefined> {
  const env = options.env ?? process.env;
  const repo = options.repo ?? process.cwd();
  try {
    const location = standardsLocation(options.standards, env, process.cwd(), 'the `standards` option of checkWithDanger');
    if (location.from === 'package' && onPullRequest(env)) {
      throw new UsageError(
        'STANDARDS_DIR is not set, and a pull request is never judged by the example standards shipped with standards-bot: set STANDARDS_DIR to a trusted checkout of your standards repository, or pass { standards } to checkWithDanger',
      );
    }
    const fromPlatform = danger.github?.thisPR ? `${danger.github.thisPR.owner}/${danger.github.thisPR.repo}` : undefined;
    const repository = await repositoryName({ explicit: checkedRepositoryName(options.repository, 'the `repository` option of checkWithDanger'), env, fromEvent: fromPlatform, repo });
    const staging = options.staging ?? (!danger.github?.thisPR && runWithStaging(process.argv));
    const source = await changeSetFromDanger(danger, { repo, repository, staging });
    try {
      const trusted = await loadTrustedFor(location, { repo, changeSet: source.changeSet });
      const today = options.today ?? new Date().toISOString().slice(0, 10);
      const report = await evaluate(trusted.standards, source.changeSet, { config: trusted.config, today, teams: trusted.teams, exemptions: trusted.exemptions, notices: trusted.notices });
      for (const notice of report.notices) reporters.message(`standards-bot: ${notice}`);
      reportToDanger(report, reporters, {
        proposalProcess: proposalProcessLink(trusted.config),
        exemptionLink: groupExemptionLinks(trusted.config, trusted.standards, { repository: report.context.repository ?? undefined, today, exemptionId: nextExemptionId(trusted.exemptions) }),
      });
      return report;
    } finally {
      source.close();
    }
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof ConfigError)) throw error;
    reporters.fail(setupFailure(error));
    // danger exits 0 on fail() unless run with --failOnErrors; a run that judged nothing must not pass.
    process.exitCode = 1;
    return undefined;
  }
}

const GOVERNED = (path: string) => path.startsWith('rules/') || path.startsWith('exemptions/') || ['teams.yaml', 'standards.config.yaml'].includes(path);

/**
 * In the standards repository's own dangerfile: when a pull request touches rules, exemptions,
 * teams or settings, post the proposal review, and fail when it needs changes.
 */
export async function reviewProposalWithDanger(danger: Dsl, reporters: DangerReporters, options: { repo?: string; today?: string } = {}): Promise<Review | undefined> {
  const { git } = danger;
  if (![...git.created_files, ...git.modified_files, ...git.deleted_files].some(GOVERNED)) return undefined;
  const repo = options.repo ?? process.cwd();
  const blobs = new BlobReader(repo);
  try {
    const base = (await gitMaybe(repo, ['merge-base', git.base, git.head])) ?? git.base;
    const [before, after] = await Promise.all([readRepoState(gitTree(repo, base, git.base, blobs)), readRepoState(gitTree(repo, git.head, git.head, blobs))]);
    const review = await reviewProposal(before, after, { root: repo, today: options.today ?? new Date().toISOString().slice(0, 10) });
    reporters.markdown(review.markdown);
    if (review.refused) reporters.fail('This proposal to change the standards needs changes: see the standards proposal review.');
    return review;
  } finally {
    blobs.close();
  }
}
