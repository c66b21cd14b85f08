import { createWriteStream } from 'node:fs';
import { appendFile, stat } from 'node:fs/promises';
import type { ChangeSet } from '../changeset.ts';
import { resolve } from 'node:path';
import { evaluate } from '../engine/evaluate.ts';
import type { Report } from '../engine/finding.ts';
import { groupExemptionLinks, proposalProcessLink } from '../engine/links.ts';
import { packageVersion } from '../package.ts';
import type { GitSource } from '../sources/git-source.ts';
import { nextExemptionId } from '../standards/exemptions.ts';
import { loadTrustedFor, loadTrustedOutside, standardsLocation, type Trusted } from '../standards/trusted.ts';
import { EXIT, terminalWidth, today, useColour, type CliIo, type Format, type OutputStream } from './shared.ts';

/** Options every reporting command (check, scan) takes. */
export interface ReportOptions {
  standards?: string;
  repo: string;
  format: Format;
  date?: string;
  repoName?: string;
  /** The same report in more formats, each written to its file (the Action's SARIF beside its annotations). */
  alsoWrite?: { format: Format; file: string }[];
}

/** A report in the chosen format, as one text or in pieces; each reporter is loaded only when it is the one asked for. */
async function render(report: Report, format: Format, io: CliIo, context: Trusted, date: string, changeSet: ChangeSet): Promise<string | Iterable<string>> {
  const proposalProcess = proposalProcessLink(context.config);
  const exemptionLink = groupExemptionLinks(context.config, context.standards, { repository: report.context.repository ?? undefined, today: date, exemptionId: nextExemptionId(context.exemptions) });
  if (format === 'json') return (await import('../report/json.ts')).jsonChunks(report);
  if (format === 'markdown') {
    const { COMMENT_LIMIT, renderMarkdown } = await import('../report/markdown.ts');
    // Sized for a pull-request comment, the usual place for it.
    return renderMarkdown(report, { proposalProcess, exemptionLink, budget: { limit: COMMENT_LIMIT, unit: 'bytes', elsewhere: 'the full report, `standards check --format json`' } });
  }
  if (format === 'sarif') {
    const { renderSarif } = await import('../report/sarif.ts');
    return renderSarif(report, { standards: context.standards, config: context.config, version: packageVersion(), today: date, nextExemptionId: nextExemptionId(context.exemptions), head: changeSet.head });
  }
  if (format === 'github') {
    // In GitHub Actions the Markdown summary goes to the job's summary page too, within what is
    // left of the step's 1 MiB.
    const summaryFile = io.env.GITHUB_STEP_SUMMARY;
    if (summaryFile) {
      const { renderMarkdown, STEP_SUMMARY_LIMIT } = await import('../report/markdown.ts');
      const used = await stat(summaryFile).then((s) => s.size).catch(() => 0);
      const limit = STEP_SUMMARY_LIMIT - used;
      if (limit > 4_096) await appendFile(summaryFile, renderMarkdown(report, { proposalProcess, exemptionLink, budget: { limit, unit: 'bytes', elsewhere: "this job's annotations and log" } }));
    }
    return (await import('../report/github.ts')).githubPieces(report);
  }
  return (await import('../report/text.ts')).textPieces(report, { color: useColour(io), width: terminalWidth(io) });
}

/** Resolves when `stream` can take more, or can take nothing more: drained, closed or failed. */
function writable(stream: OutputStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ['drain', 'close', 'error'] as const) stream.off?.(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error'] as const) stream.once!(event, done);
  });
}

/**
 * Writes text given in pieces in writes of about 64 KB: neither one huge string nor a write per
 * piece. A reader that falls behind is waited for: written into a pipe without waiting, a
 * 100,000-file scan's 119 MB JSON report sat in memory whole, and peak RSS went from 410 to
 * 680 MiB (bench/RESULTS.md, sixteenth pass). Once the reader has gone (`| head`), the rest is
 * not made.
 */
export async function writeOut(stdout: OutputStream, output: string | Iterable<string>): Promise<void> {
  const write = async (text: string) => {
    if (stdout.write(text) === false && stdout.once && !stdout.destroyed) await writable(stdout);
  };
  if (typeof output === 'string') return write(output);
  let pending: string[] = [];
  let size = 0;
  for (const piece of output) {
    if (stdout.destroyed) return;
    pending.push(piece);
    size += piece.length;
    if (size >= 65_536) {
      // A piece that is 64 KB by itself (a JSON report's findings come 256 at a time) is written as it is, not copied by a join.
      await write(pending.length === 1 ? pending[0]! : pending.join(''));
      pending = [];
      size = 0;
    }
  }
  if (pending.length && !stdout.destroyed) await write(pending.join(''));
}

/** Writes a report to a file as stdout gets it, piece by piece; a failed write throws, never leaves a short file unsaid. */
export async function writeFileOut(file: string, output: string | Iterable<string>): Promise<void> {
  const stream = createWriteStream(file);
  let failure: Error | undefined;
  stream.on('error', (error) => (failure ??= error));
  await writeOut(stream, output);
  await new Promise<void>((resolve) => stream.end(resolve));
  if (failure) throw new Error(`could not write ${file}: ${failure.message}`);
}

/** Opens a change set, judges it with the trusted standards, prints it, and returns the exit code. */
export async function runReport(io: CliIo, options: ReportOptions, open: (repo: string) => Promise<GitSource>): Promise<number> {
  const date = today(options.date);
  const location = standardsLocation(options.standards, io.env, io.cwd);
  const repo = resolve(io.cwd, options.repo);
  // Read while git computes the change, when their folder is outside the repository (the usual
  // case). An error here waits its turn: one opening the repository is reported first.
  const early = loadTrustedOutside(location, repo).then(
    (placed) => ({ placed }),
    (error: unknown) => ({ error }),
  );
  const source = await open(repo);
  try {
    // Standards come from the trusted checkout, never from the repository under review.
    const settled = await early;
    if ('error' in settled) throw settled.error;
    const context = await loadTrustedFor(location, { repo, changeSet: source.changeSet }, settled.placed);
    const { config, standards, teams, exemptions, notices } = context;
    const report = await evaluate(standards, source.changeSet, { config, today: date, teams, exemptions, notices });
    await writeOut(io.stdout, await render(report, options.format, io, context, date, source.changeSet));
    for (const extra of options.alsoWrite ?? []) await writeFileOut(extra.file, await render(report, extra.format, io, context, date, source.changeSet));
    return report.verdict === 'fail' ? EXIT.fail : EXIT.pass;
  } finally {
    source.close();
  }
}
