import { readFileSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { PullRequestInfo } from './changeset.ts';
import { checksByType } from './checks/index.ts';
import type { OrgConfig } from './config.ts';
import { ConfigError, formatDiagnostic, UsageError } from './diagnostics.ts';
import { buildDashboard, readReports } from './dashboard/build.ts';
import { generatedFiles } from './docs/standards-md.ts';
import { evaluate } from './engine/evaluate.ts';
import type { Report } from './engine/finding.ts';
import { proposalProcessLink, proposeLink, standardLink } from './engine/links.ts';
import { exemptionRows, filterRows, renderExemptionsText, type ExemptionFilter } from './report/exemptions-table.ts';
import { renderGithub } from './report/github.ts';
import { runExamples } from './review/examples.ts';
import { createStandardsServer } from './server/app.ts';
import { serverSettings } from './server/env.ts';
import { readRepoState } from './review/repo-state.ts';
import { reviewProposal } from './review/review.ts';
import { renderJson } from './report/json.ts';
import { renderSarif } from './report/sarif.ts';
import { renderMarkdown } from './report/markdown.ts';
import { renderText } from './report/text.ts';
import type { Standard } from './standards/standard.ts';
import { nextExemptionId } from './standards/exemptions.ts';
import { loadTrusted, loadTrustedFor, PACKAGE_ROOT, standardsLocation, standardsRoot, type Trusted } from './standards/trusted.ts';
import { ensureGitRepository, gitRangeSource, gitScanSource, gitTree, type GitSource } from './sources/git-source.ts';
import { fsScanSource } from './sources/fs-source.ts';
import { BlobReader, gitMaybe } from './sources/git.ts';
import { readPullRequestEvent } from './sources/pr-event.ts';
import { repositoryName } from './sources/repository-name.ts';

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const EXIT = { pass: 0, fail: 1, usage: 2 } as const;


const FORMATS = ['text', 'json', 'markdown', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

interface CommonOptions {
  standards?: string;
  repo: string;
  format: Format;
  date?: string;
  repoName?: string;
}

function today(explicit: string | undefined): string {
  if (explicit === undefined) return new Date().toISOString().slice(0, 10);
  const parsed = new Date(`${explicit}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(explicit) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== explicit) {
    throw new UsageError(`--date ${explicit}: not a valid date; use YYYY-MM-DD`);
  }
  return explicit;
}

function trusted(io: CliIo, standardsDir: string | undefined): Promise<Trusted> {
  return loadTrusted(standardsRoot(standardsDir, io.env, io.cwd));
}

async function render(report: Report, format: Format, io: CliIo, context: Trusted, date: string): Promise<string> {
  const proposalProcess = proposalProcessLink(context.config);
  if (format === 'json') return renderJson(report);
  if (format === 'markdown') return renderMarkdown(report, { proposalProcess });
  if (format === 'sarif') return renderSarif(report, { standards: context.standards, config: context.config, version: packageVersion(), today: date, nextExemptionId: nextExemptionId(context.exemptions) });
  if (format === 'github') {
    // In GitHub Actions the Markdown summary goes to the job's summary page too.
    if (io.env.GITHUB_STEP_SUMMARY) await appendFile(io.env.GITHUB_STEP_SUMMARY, renderMarkdown(report, { proposalProcess }));
    return renderGithub(report);
  }
  return renderText(report, { color: Boolean(io.stdout.isTTY) && !io.env.NO_COLOR && io.env.TERM !== 'dumb' });
}

async function runReport(io: CliIo, options: CommonOptions, open: (repo: string) => Promise<GitSource>): Promise<number> {
  const date = today(options.date);
  const location = standardsLocation(options.standards, io.env, io.cwd);
  const repo = resolve(io.cwd, options.repo);
  const source = await open(repo);
  try {
    // Standards come from the trusted checkout, never from the repository under review.
    const context = await loadTrustedFor(location, { repo, changeSet: source.changeSet });
    const { config, standards, teams, exemptions, notices } = context;
    const report = await evaluate(standards, source.changeSet, { config, today: date, teams, exemptions, notices });
    io.stdout.write(await render(report, options.format, io, context, date));
    return report.verdict === 'fail' ? EXIT.fail : EXIT.pass;
  } finally {
    source.close();
  }
}

function eventFile(explicit: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (explicit) return explicit;
  // Inside a pull_request workflow, GitHub Actions hands over the event without being asked.
  if (env.GITHUB_EVENT_PATH && env.GITHUB_EVENT_NAME?.startsWith('pull_request')) return env.GITHUB_EVENT_PATH;
  return undefined;
}

function explainStandard(standard: Standard, config: OrgConfig): string {
  const check = checksByType.get(standard.check.type)!;
  const { type, ...options } = standard.check;
  const lines = [
    `${standard.id}: ${standard.title}`,
    '',
    `owner:         ${standard.owner}`,
    `status:        ${standard.status}${standard.superseded_by ? ` (superseded by ${standard.superseded_by})` : ''}`,
    `severity:      ${standard.severity}`,
    `enforced from: ${standard.enforce_from ?? 'now'}`,
    `review by:     ${standard.review_by}`,
    `applies to:    ${standard.applies_to.paths.join(', ')}${standard.applies_to.exclude.length ? ` (except ${standard.applies_to.exclude.join(', ')})` : ''}`,
    `check:         ${type}: ${check.summary}`,
    ...(Object.keys(options).length ? [`options:       ${JSON.stringify(options)}`] : []),
    '',
    'Why',
    standard.rationale.trim(),
    '',
    'How to fix',
    standard.remediation.trim(),
    '',
    `standard:          ${standardLink(config, standard)}`,
    `propose a change:  ${proposeLink(config, standard)}`,
    `rule file:         ${standard.file}`,
  ];
  return `${lines.join('\n')}\n`;
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('standards')
    .description('Check changes against the organisation\'s codified standards. Every finding links to why the standard exists, how to propose changing it, and how to request an exemption.')
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });

  const standardsOption = () => new Option('--standards <dir>', 'the trusted standards checkout, never the repository under review (default: $STANDARDS_DIR, else the example standards shipped in this package)');
  const reportOptions = (command: Command) =>
    command
      .addOption(standardsOption())
      .option('--repo <dir>', 'the repository to check', '.')
      .option('--repo-name <owner/name>', 'the repository\'s name for links and exemptions (default: $GITHUB_REPOSITORY, else the origin remote)')
      .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
      .option('--date <YYYY-MM-DD>', 'evaluate as of this date, for lifecycle dates (default: today)');

  reportOptions(program.command('check'))
    .description('check a change (a git range, like a pull request) against the standards; exit 0 pass, 1 failing findings, 2 configuration or usage error')
    .option('--base <ref>', 'compare from the merge-base with this ref (default: the PR event\'s base, else origin/HEAD, main or master)')
    .option('--head <ref>', 'the change\'s head', 'HEAD')
    .option('--pr-event <file>', 'a pull_request event JSON (GITHUB_EVENT_PATH format) for PR title, description and labels')
    .action(async (options: CommonOptions & { base?: string; head: string; prEvent?: string }) => {
      let pr: PullRequestInfo | undefined;
      let fromEvent: string | undefined;
      const file = eventFile(options.prEvent, io.env);
      if (file) ({ pr, repository: fromEvent } = await readPullRequestEvent(resolve(io.cwd, file)));
      const repo = resolve(io.cwd, options.repo);
      const repository = await repositoryName({ explicit: options.repoName, env: io.env, fromEvent, repo });
      setExit(await runReport(io, options, (dir) => gitRangeSource({ repo: dir, base: options.base, head: options.head, pr, repository })));
    });

  reportOptions(program.command('scan'))
    .description('report every divergence in a repository\'s tree (every file counts as added); a folder outside git is scanned as it is on disk')
    .option('--head <ref>', 'the commit to scan', 'HEAD')
    .action(async (options: CommonOptions & { head: string }) => {
      const repo = resolve(io.cwd, options.repo);
      const repository = await repositoryName({ explicit: options.repoName, env: io.env, repo });
      // A folder outside git is scanned as it is on disk; a repository, at --head.
      const inGit = (await gitMaybe(repo, ['rev-parse', '--git-dir'])) !== undefined;
      setExit(await runReport(io, options, (dir) => (inGit ? gitScanSource({ repo: dir, head: options.head, repository }) : fsScanSource({ dir, repository }))));
    });

  program
    .command('validate')
    .description('validate every rule file, exemption, teams.yaml and the organisation settings; exit 2 listing each mistake as file:line:column')
    .addOption(standardsOption())
    .action(async (options: { standards?: string }) => {
      const { standards, exemptions, root } = await trusted(io, options.standards);
      io.stdout.write(`${standards.length} standards and ${exemptions.length} exemptions in ${root} are valid.\n`);
      setExit(EXIT.pass);
    });

  program
    .command('docs')
    .description('regenerate STANDARDS.md and schema/standard.schema.json from the rule files')
    .addOption(standardsOption())
    .option('--check', 'write nothing; exit 1 if a committed file differs from what the rules generate')
    .action(async (options: { standards?: string; check?: boolean }) => {
      const { standards, config, root } = await trusted(io, options.standards);
      const stale: string[] = [];
      for (const file of generatedFiles(standards, config)) {
        const path = join(root, file.path);
        const current = await readFile(path, 'utf8').catch(() => undefined);
        if (current === file.content) continue;
        stale.push(file.path);
        if (!options.check) {
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, file.content);
        }
      }
      if (options.check) {
        if (stale.length) io.stderr.write(`${stale.join(', ')} ${stale.length === 1 ? 'is' : 'are'} out of date with the rule files; run \`standards docs\` and commit the result.\n`);
        else io.stdout.write('Generated files are up to date.\n');
        setExit(stale.length ? EXIT.fail : EXIT.pass);
      } else {
        io.stdout.write(stale.length ? `Wrote ${stale.join(', ')}.\n` : 'Generated files were already up to date.\n');
        setExit(EXIT.pass);
      }
    });

  program
    .command('review-proposal')
    .description('review a change to the standards repository itself: validation, rule tests, docs, lifecycle, rigour level and approvers, and impact on a corpus; exit 1 when changes are needed')
    .option('--repo <dir>', 'the standards repository checkout', '.')
    .requiredOption('--base <ref>', 'the proposal\'s base')
    .option('--head <ref>', 'the proposal\'s head', 'HEAD')
    .option('--corpus <dirs...>', 'repository folders to preview the change on (default: impact.corpus in standards.config.yaml)')
    .option('--date <YYYY-MM-DD>', 'evaluate as of this date (default: today)')
    .action(async (options: { repo: string; base: string; head: string; corpus?: string[]; date?: string }) => {
      const repo = resolve(io.cwd, options.repo);
      await ensureGitRepository(repo);
      const blobs = new BlobReader(repo);
      try {
        const resolveRef = async (ref: string, flag: string) => {
          const sha = await gitMaybe(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
          if (!sha) throw new UsageError(`${flag} ${ref}: no such commit in ${repo}`);
          return sha;
        };
        const head = await resolveRef(options.head, '--head');
        const base = (await gitMaybe(repo, ['merge-base', await resolveRef(options.base, '--base'), head])) ?? (await resolveRef(options.base, '--base'));
        const [before, after] = await Promise.all([readRepoState(gitTree(repo, base, options.base, blobs)), readRepoState(gitTree(repo, head, options.head, blobs))]);
        const review = await reviewProposal(before, after, { root: repo, today: today(options.date), corpus: options.corpus?.map((dir) => resolve(io.cwd, dir)) });
        io.stdout.write(review.markdown);
        setExit(review.refused ? EXIT.fail : EXIT.pass);
      } finally {
        blobs.close();
      }
    });

  program
    .command('test')
    .description('run every standard\'s examples: each passing example must be clean, each failing one must fail; a standard without examples fails')
    .addOption(standardsOption())
    .argument('[ids...]', 'only these standards')
    .action(async (ids: string[], options: { standards?: string }) => {
      const context = await trusted(io, options.standards);
      const wanted = ids.map((id) => id.toUpperCase());
      const chosen = context.standards.filter((s) => s.status !== 'superseded' && (!wanted.length || wanted.includes(s.id)));
      const unknown = wanted.filter((id) => !context.standards.some((s) => s.id === id));
      if (unknown.length) throw new UsageError(`unknown standard ${unknown.join(', ')}`);
      let failed = 0;
      for (const standard of chosen) {
        const results = await runExamples(standard, { config: context.config, teams: context.teams, today: today(undefined), root: context.root });
        io.stdout.write(`${standard.id} ${standard.title}\n`);
        if (!results.some((r) => r.kind === 'pass') || !results.some((r) => r.kind === 'fail')) {
          failed++;
          io.stdout.write(`  ✗ needs at least one passing and one failing example (examples: in the rule file, or test/standards/${standard.id}/)\n`);
        }
        for (const result of results) {
          if (!result.ok) failed++;
          io.stdout.write(`  ${result.ok ? '✓' : '✗'} ${result.kind}: ${result.name}${result.problem ? `\n      ${result.problem}` : ''}\n`);
        }
      }
      io.stdout.write(`\n${chosen.length} standards, ${failed ? `${failed} failed` : 'all examples behave'}\n`);
      setExit(failed ? EXIT.fail : EXIT.pass);
    });

  program
    .command('exemptions')
    .description('list exemptions with their status (active, expiring, expired), soonest expiry first')
    .addOption(standardsOption())
    .option('--team <handle>', 'only exemptions requested by, or of standards owned by, this team')
    .option('--standard <id>', 'only exemptions from this standard')
    .addOption(new Option('--status <status>', 'only exemptions with this status').choices(['active', 'expiring', 'expired']))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--date <YYYY-MM-DD>', 'statuses as of this date (default: today)')
    .action(async (options: ExemptionFilter & { standards?: string; format: 'text' | 'json'; date?: string }) => {
      const { exemptions, standards, config } = await trusted(io, options.standards);
      const rows = exemptionRows(exemptions, standards, today(options.date), config.exemptions.warn_days);
      const shown = filterRows(rows, options);
      io.stdout.write(options.format === 'json' ? `${JSON.stringify({ exemptions: shown }, null, 2)}\n` : renderExemptionsText(shown, rows.length));
      setExit(EXIT.pass);
    });

  program
    .command('dashboard')
    .description('build the static exemptions dashboard (index.html and data.json) into a folder')
    .addOption(standardsOption())
    .requiredOption('--out <dir>', 'where to write the site')
    .option('--reports <dir>', 'a folder of `standards scan --format json` outputs, one per repository')
    .option('--date <YYYY-MM-DD>', 'statuses as of this date (default: today)')
    .action(async (options: { standards?: string; out: string; reports?: string; date?: string }) => {
      const { config, standards, exemptions } = await trusted(io, options.standards);
      const reports = options.reports ? await readReports(resolve(io.cwd, options.reports)) : [];
      const { index, data } = await buildDashboard(resolve(io.cwd, options.out), { config, standards, exemptions, reports, today: today(options.date) });
      io.stdout.write(`Wrote ${index} (${data.rows.length} exemptions${reports.length ? `, ${reports.length} reports` : ''}).\n`);
      setExit(EXIT.pass);
    });

  program
    .command('serve')
    .description('run the GitHub App webhook server (configured by environment variables; see the README\'s "GitHub App mode")')
    .action(async () => {
      const settings = serverSettings(io.env);
      // Refuse to start on a broken standards checkout, rather than failing every delivery.
      await loadTrusted(standardsRoot(settings.standardsDir, io.env, io.cwd));
      const app = createStandardsServer({ settings });
      await app.listen();
      await new Promise<void>((resolve) => {
        const stop = () => void app.idle().then(() => app.close()).then(resolve);
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      setExit(EXIT.pass);
    });

  program
    .command('explain')
    .description('show one standard: why it exists, how to fix a finding, and its links')
    .argument('<id>', 'a standard id such as STD-0003')
    .addOption(standardsOption())
    .action(async (id: string, options: { standards?: string }) => {
      const { standards, config } = await trusted(io, options.standards);
      const standard = standards.find((s) => s.id.toLowerCase() === id.toLowerCase());
      if (!standard) throw new UsageError(`unknown standard ${id}; known: ${standards.map((s) => s.id).join(', ')}`);
      io.stdout.write(explainStandard(standard, config));
      setExit(EXIT.pass);
    });

  return program;
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}

/** Runs the CLI and returns its exit code; never throws and never prints a stack trace unless STANDARDS_DEBUG is set. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.pass;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.pass : EXIT.usage;
    }
    if (error instanceof ConfigError) {
      for (const diagnostic of error.diagnostics) io.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
      io.stderr.write(`standards: ${error.diagnostics.length} ${error.diagnostics.length === 1 ? 'problem' : 'problems'} in the standards configuration; nothing was evaluated.\n`);
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`standards: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`standards: ${(error as Error).message ?? String(error)}\n`);
    if (io.env.STANDARDS_DEBUG) io.stderr.write(`${(error as Error).stack}\n`);
    return EXIT.usage;
  }
}
