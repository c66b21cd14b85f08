// The `standards` command line: the commands, their options and help. Each command's work lives
// in its own module under src/cli/ and is imported only when that command runs, so `--help` and
// `--version` load commander and little else.
import { Command, CommanderError, Option } from 'commander';
import { packageVersion } from './package.ts';
import type { CheckOptions } from './cli/check.ts';
import type { DashboardOptions } from './cli/dashboard.ts';
import type { ExemptOptions } from './cli/exempt.ts';
import type { ExemptionsOptions } from './cli/exemptions.ts';
import type { InitOptions } from './cli/init.ts';
import type { OrgReposOptions } from './cli/org-repos.ts';
import type { ReportOptions } from './cli/report.ts';
import type { ReviewProposalOptions } from './cli/review-proposal.ts';
import { EXIT, FORMATS, reportFailure, type CliIo } from './cli/shared.ts';
import { ParseMemo, parsesFileFor, useParseMemo } from './standards/parse-memo.ts';

export { EXIT, type CliIo } from './cli/shared.ts';

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('standards')
    .description("Check changes against the organisation's codified standards. Every finding links to why the standard exists, how to propose changing it, and how to request an exemption.")
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });

  const standardsOption = () =>
    new Option('--standards <dir>', 'the trusted standards checkout, never the repository under review (default: $STANDARDS_DIR, else the example standards shipped in this package)');
  const reportOptions = (command: Command) =>
    command
      .addOption(standardsOption())
      .option('--repo <dir>', 'the repository to check', '.')
      .option('--repo-name <owner/name>', "the repository's name for links and exemptions (default: $GITHUB_REPOSITORY, else the origin remote)")
      .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
      .option('--date <YYYY-MM-DD>', 'evaluate as of this date, for lifecycle dates (default: today)');
  // Runs a command's module (imported only now) and records its exit code.
  const run =
    <Args extends unknown[]>(work: (...args: Args) => Promise<number>) =>
    async (...args: Args) =>
      setExit(await work(...args));

  reportOptions(program.command('check'))
    .description('check a change (a git range, like a pull request) against the standards; exit 0 pass, 1 failing findings, 2 configuration or usage error')
    .option('--base <ref>', "compare from the merge-base with this ref (default: the PR event's base, else origin/HEAD, main or master)")
    .option('--head <ref>', "the change's head", 'HEAD')
    .option('--pr-event <file>', 'a pull_request event JSON (GITHUB_EVENT_PATH format) for PR title, description and labels')
    .action(run(async (options: CheckOptions) => (await import('./cli/check.ts')).check(io, options)));

  reportOptions(program.command('scan'))
    .description("report every divergence in a repository's tree (every file counts as added); a folder outside git is scanned as it is on disk")
    .option('--head <ref>', 'the commit to scan', 'HEAD')
    .action(run(async (options: ReportOptions & { head: string }) => (await import('./cli/scan.ts')).scan(io, options)));

  program
    .command('validate')
    .description('validate every rule file, exemption, teams.yaml and the organisation settings; exit 2 listing each mistake as file:line:column')
    .addOption(standardsOption())
    .action(run(async (options: { standards?: string }) => (await import('./cli/validate.ts')).validate(io, options)));

  program
    .command('docs')
    .description('regenerate STANDARDS.md, .github/CODEOWNERS (each rule file owned by its team) and the JSON Schemas under schema/ from the rule files')
    .addOption(standardsOption())
    .option('--check', 'write nothing; exit 1 if a committed file differs from what the rules generate')
    .action(run(async (options: { standards?: string; check?: boolean }) => (await import('./cli/docs.ts')).docs(io, options)));

  program
    .command('review-proposal')
    .description('review a change to the standards repository itself: validation, rule tests, docs, lifecycle, rigour level and approvers, and impact on a corpus; exit 1 when changes are needed')
    .option('--repo <dir>', 'the standards repository checkout', '.')
    .requiredOption('--base <ref>', "the proposal's base")
    .option('--head <ref>', "the proposal's head", 'HEAD')
    .option('--corpus <dirs...>', 'repository folders to preview the change on (default: impact.corpus in standards.config.yaml)')
    .option('--date <YYYY-MM-DD>', 'evaluate as of this date (default: today)')
    .action(run(async (options: ReviewProposalOptions) => (await import('./cli/review-proposal.ts')).reviewProposalCommand(io, options)));

  program
    .command('test')
    .description("run every standard's examples: each passing example must be clean, each failing one must fail; a standard without examples fails")
    .addOption(standardsOption())
    .argument('[ids...]', 'only these standards')
    .action(run(async (ids: string[], options: { standards?: string }) => (await import('./cli/test-examples.ts')).testExamples(io, ids, options)));

  program
    .command('exemptions')
    .description('list exemptions with their status (active, expiring, expired), soonest expiry first')
    .addOption(standardsOption())
    .option('--team <handle>', 'only exemptions requested by, or of standards owned by, this team')
    .option('--standard <id>', 'only exemptions from this standard')
    .addOption(new Option('--status <status>', 'only exemptions with this status').choices(['active', 'expiring', 'expired']))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--date <YYYY-MM-DD>', 'statuses as of this date (default: today)')
    .action(run(async (options: ExemptionsOptions) => (await import('./cli/exemptions.ts')).exemptions(io, options)));

  program
    .command('exempt')
    .description("write a prefilled exemption file (exemptions/EX-NNNN.yaml) into the standards checkout, for a pull request there; what is not given (reason, approver, expiry) is left to fill in")
    .argument('<id>', 'the standard to be exempted from, such as STD-0003')
    .option('--path <glob...>', 'paths the exemption covers (repeatable); leave out to cover the whole repository')
    .option('--repo-name <owner/name>', 'the repository it is for (default: $GITHUB_REPOSITORY, else the origin remote of the current folder)')
    .option('--reason <text>', 'why the standard cannot be met now, and the plan to comply (20 characters at least)')
    .option('--approved-by <username>', "the GitHub username of a maintainer of the standard's owner team")
    .option('--expires <YYYY-MM-DD>', 'when it ends (at most exemptions.max_days from today)')
    .option('--days <n>', 'when it ends, as a number of days from today')
    .option('--requested-by <team>', 'the requesting team, such as @acme/payments')
    .option('--ticket <url>', 'the tracking ticket')
    .addOption(standardsOption())
    .option('--print', 'print the file instead of writing it')
    .option('--date <YYYY-MM-DD>', "today's date, for the created field (default: today)")
    .action(run(async (id: string, options: ExemptOptions) => (await import('./cli/exempt.ts')).exempt(io, id, options)));

  program
    .command('dashboard')
    .description('build the static standards dashboard (index.html and data.json): triage, exemptions, divergence and its history')
    .addOption(standardsOption())
    .requiredOption('--out <dir>', 'where to write the site')
    .option('--reports <dir>', 'a folder of `standards scan --format json` outputs, one per repository')
    .option('--history <dir>', 'a folder of dated scan summaries (YYYY-MM-DD.json) to plot as trends')
    .option('--record', "with --history and --reports: add today's summary to the history first")
    .option('--date <YYYY-MM-DD>', 'statuses as of this date (default: today)')
    .action(run(async (options: DashboardOptions) => (await import('./cli/dashboard.ts')).dashboard(io, options)));

  program
    .command('init')
    .description("create a new standards repository for an organisation: settings, one example team, the generic standards active and the rest proposed, workflows, CODEOWNERS and a README; never overwrites")
    .requiredOption('--org <name>', "the organisation's GitHub login")
    .option('--dir <dir>', 'where to create it', '.')
    .option('--action <owner/repo@ref>', 'the standards-bot Action the generated workflow uses (default: standards-bot/standards-bot@v0)')
    .action(run(async (options: InitOptions) => (await import('./cli/init.ts')).init(io, options)));

  program
    .command('org-repos')
    .description("print the org scan's job matrix as JSON: the organisation's repositories (archived ones skipped) in batches that fit GitHub's 256 jobs per matrix")
    .option('--org <name>', 'list the repositories of this organisation from the GitHub API (token: $ORG_READ_TOKEN, else $GITHUB_TOKEN; API: $GITHUB_API_URL)')
    .option('--repos-file <file>', 'a JSON list of owner/name to use instead of the API')
    .option('--max-jobs <n>', 'jobs in the matrix at most', '256')
    .option('--include-forks', 'scan forks too')
    .action(run(async (options: OrgReposOptions) => (await import('./cli/org-repos.ts')).orgRepos(io, options)));

  program
    .command('serve')
    .description('run the GitHub App webhook server (configured by environment variables; see the README\'s "GitHub App mode")')
    .addHelpText(
      'after',
      [
        '',
        'Environment:',
        '  WEBHOOK_SECRET        the secret of the App\'s webhook settings (required)',
        '  GITHUB_APP_ID and GITHUB_PRIVATE_KEY',
        '                        the App\'s id and PEM private key (\\n for newlines accepted)',
        '  GITHUB_TOKEN          a token instead of App credentials',
        '  GITHUB_API_URL        the API base (default https://api.github.com; GitHub Enterprise Server: https://HOST/api/v3)',
        '  STANDARDS_DIR         the trusted standards checkout (default: the example standards in this package)',
        '  PORT, HOST            where to listen (default 3000, 0.0.0.0; PORT=0 picks a free port)',
        '  QUEUE_SIZE            pull requests waiting at most before deliveries are refused with 503 (default 10000)',
        '  CONCURRENCY           pull requests checked at once (default 32)',
        '  INSTALLATION_CONCURRENCY  of those, at most this many for one installation (default 2)',
        '  REQUEST_TIMEOUT       seconds before a GitHub call is abandoned and retried (default 15)',
        '  JOB_TIMEOUT           seconds one pull request may take (default 180)',
        '  SHUTDOWN_TIMEOUT      seconds SIGTERM waits for accepted work (default 25; a second signal stops at once)',
        '  RECONCILE_INTERVAL    seconds between reconciler passes; 0 turns it off (default 300)',
        '  RECONCILE_LOOKBACK    hours of deliveries and pull request activity it looks back over (default 6)',
        '  RECONCILE_MAX_CALLS   GitHub API calls one pass makes at most (default 1000)',
        '  RECONCILE_REPOSITORIES  with GITHUB_TOKEN: owner/repo names, comma-separated, swept on every pass',
        '  MAX_PENDING_BODY_MB   MB of not-yet-verified request bodies held at once (default 32)',
        '  WRITE_INTERVAL_MS     spacing of one installation\'s writes, per GitHub\'s guidance (default 1000)',
        '',
        'Routes: POST /webhooks, GET /healthz (503 when degraded), GET /readyz (503 while draining), GET /dashboard.',
      ].join('\n'),
    )
    .action(run(async () => (await import('./cli/serve.ts')).serve(io)));

  program
    .command('explain')
    .description('show one standard: why it exists, how to fix a finding, and its links')
    .argument('<id>', 'a standard id such as STD-0003')
    .addOption(standardsOption())
    .action(run(async (id: string, options: { standards?: string }) => (await import('./cli/explain.ts')).explain(io, id, options)));

  return program;
}

/** Runs the CLI and returns its exit code; never throws and never prints a stack trace unless STANDARDS_DEBUG is set. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.pass;
  const program = buildProgram(io, (c) => (code = c));
  const parsesFile = io.runCache === undefined ? undefined : parsesFileFor(io.runCache.dir, io.runCache.build);
  const parses = parsesFile === undefined ? undefined : ParseMemo.read(parsesFile);
  useParseMemo(parses);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.pass : EXIT.usage;
    }
    return reportFailure(error, io);
  } finally {
    useParseMemo(undefined);
    if (parsesFile !== undefined) parses?.write(parsesFile);
  }
}
