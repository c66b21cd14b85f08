// The GitHub Action (action.yml, `runs.using: node24`). It is bundled with everything it needs
// into one committed file, dist/action/index.mjs, so a pull request's job installs nothing: it
// fetches the trusted standards, makes sure the pull request's base is in the checkout, checks
// the pull request, and writes annotations, the job summary, outputs and optionally SARIF.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { check, type CheckOptions } from '../cli/check.ts';
import { EXIT, reportFailure, type CliIo } from '../cli/shared.ts';
import { UsageError } from '../diagnostics.ts';
import { checkedRepositoryName } from '../sources/repository-name.ts';
import { escapeData } from '../report/github.ts';
import { markdownCodeBlock, terminalSafe } from '../report/untrusted.ts';

/** Where the Action writes: the job log, and the files GitHub reads outputs and the summary from. */
export interface ActionIo {
  stdout: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** An input as GitHub hands it to a JavaScript action: INPUT_ and the name in capitals, spaces as _. */
export function input(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** Which standards repository to read: the input, else the one named `standards` in the organisation the workflow runs in. */
export function standardsRepository(env: NodeJS.ProcessEnv): string {
  const given = input(env, 'standards-repository');
  const repository = given || (env.GITHUB_REPOSITORY_OWNER ? `${env.GITHUB_REPOSITORY_OWNER}/standards` : '');
  if (!repository) throw new UsageError('no standards repository: set the standards-repository input (owner/name)');
  if (!REPOSITORY.test(repository)) throw new UsageError(`standards-repository "${repository}" is not owner/name`);
  return repository;
}

interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<GitResult> {
  return new Promise((done) => {
    execFile('git', args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => done({ ok: !error, stdout: stdout.trim(), stderr: stderr.trim() }));
  });
}

/**
 * Git's environment with the token as an HTTP header, the way actions/checkout passes it: in
 * configuration given through the environment, so it is on no command line and in no file.
 */
function gitEnvWithToken(env: NodeJS.ProcessEnv, token: string): NodeJS.ProcessEnv {
  if (!token) return { ...env, GIT_TERMINAL_PROMPT: '0' };
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraheader', GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}` };
}

/**
 * The trusted standards: the `standards-path` input when the workflow checked them out itself,
 * else a shallow fetch of the standards repository at `standards-ref` into the runner's temp
 * folder. Never the repository under review.
 */
export async function fetchStandards(io: ActionIo): Promise<{ dir: string; repository?: string; commit?: string }> {
  const { env } = io;
  const path = input(env, 'standards-path');
  if (path) return { dir: resolve(io.cwd, path) };
  const repository = standardsRepository(env);
  const ref = input(env, 'standards-ref') || 'HEAD';
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const token = input(env, 'token');
  if (token) io.stdout.write(`::add-mask::${token}\n`);
  const dir = join(env.RUNNER_TEMP || join(io.cwd, '..'), 'standards-bot', 'standards');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const gitEnv = gitEnvWithToken(env, token);
  const url = `${server}/${repository}.git`;
  io.stdout.write(`Fetching the standards from ${repository} at ${ref}\n`);
  const steps: string[][] = [
    ['init', '--quiet'],
    ['fetch', '--quiet', '--no-tags', '--depth=1', url, ref],
    ['checkout', '--quiet', '--detach', 'FETCH_HEAD'],
  ];
  for (const args of steps) {
    const result = await git(dir, args, gitEnv);
    if (!result.ok) {
      const why = result.stderr.split('\n').filter(Boolean).pop() ?? 'git failed';
      throw new UsageError(
        `could not fetch the standards repository ${repository} at ${ref}: ${why}. ` +
          'Check the standards-repository and standards-ref inputs; a private standards repository needs a token that can read it (the token input).',
      );
    }
  }
  const commit = (await git(dir, ['rev-parse', 'HEAD'])).stdout;
  return { dir, repository, commit };
}

/** The base and head commits a pull_request event names, when the run is for one. */
function eventCommits(env: NodeJS.ProcessEnv): { base?: string; head?: string } {
  if (!env.GITHUB_EVENT_PATH || !env.GITHUB_EVENT_NAME?.startsWith('pull_request')) return {};
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: { base?: { sha?: unknown }; head?: { sha?: unknown } } };
    const sha = (value: unknown) => (typeof value === 'string' && /^[0-9a-f]{40}$/.test(value) ? value : undefined);
    return { base: sha(event.pull_request?.base?.sha), head: sha(event.pull_request?.head?.sha) };
  } catch {
    // An unreadable event is reported by the check itself, with its line and column.
    return {};
  }
}

/** How deep each fetch goes while looking for the merge base; then the whole history. */
const DEEPEN_STEPS = [50, 500, 5000];

/**
 * A shallow checkout (actions/checkout's default fetches one commit) has neither the base nor the
 * merge base. Fetch the base commit the event names and deepen both sides until git finds where
 * the pull request branched, then, if need be, the whole history.
 */
export async function ensureMergeBase(repo: string, io: ActionIo): Promise<void> {
  if ((await git(repo, ['rev-parse', '--is-shallow-repository'])).stdout !== 'true') return;
  const { base } = eventCommits(io.env);
  if (!base) return;
  const head = (await git(repo, ['rev-parse', 'HEAD'])).stdout;
  const found = async () => (await git(repo, ['cat-file', '-e', `${base}^{commit}`])).ok && (await git(repo, ['merge-base', base, head])).ok;
  if (await found()) return;
  const gitEnv = gitEnvWithToken(io.env, input(io.env, 'token'));
  io.stdout.write(`::group::The checkout is shallow: fetching the pull request's base ${base.slice(0, 12)} and deepening until the merge base is there\n`);
  try {
    for (const depth of DEEPEN_STEPS) {
      const result = await git(repo, ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', `--depth=${depth}`, 'origin', base, head], gitEnv);
      io.stdout.write(`fetched ${depth} commits deep${result.ok ? '' : `: ${result.stderr.split('\n').pop()}`}\n`);
      if (await found()) return;
    }
    const result = await git(repo, ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', '--unshallow', 'origin', base, head], gitEnv);
    io.stdout.write(`fetched the whole history${result.ok ? '' : `: ${result.stderr.split('\n').pop()}`}\n`);
  } finally {
    io.stdout.write('::endgroup::\n');
  }
}

/** A writable that keeps what is written. */
function collector(): { write(text: string): boolean; text(): string } {
  const parts: string[] = [];
  return { write: (text: string) => parts.push(text) > 0, text: () => parts.join('') };
}

/**
 * Why nothing was checked, where people look in Actions: as error annotations (the checks page
 * and the pull request) and in the job summary, not only as exit code 2 in the log.
 */
function reportCouldNotCheck(io: ActionIo, message: string): void {
  const lines = message.split('\n').filter(Boolean);
  for (const line of lines.slice(0, 10)) io.stdout.write(`::error title=standards-bot could not check this pull request::${escapeData(terminalSafe(line))}\n`);
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary) {
    appendFileSync(
      summary,
      [
        '## ⚠️ standards-bot could not check this pull request',
        '',
        'Nothing was checked, so this is not a pass. What went wrong:',
        '',
        markdownCodeBlock(lines.join('\n')),
        '',
        'A problem in a rule, exemption or teams file is fixed in the standards repository; `standards validate` there lists each one. A wrong input is fixed in this workflow.',
        '',
      ].join('\n'),
    );
  }
}

function setOutputs(env: NodeJS.ProcessEnv, outputs: Record<string, string>): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) return;
  appendFileSync(file, Object.entries(outputs).map(([name, value]) => `${name}=${value}\n`).join(''));
}

const VERDICTS: Record<number, string> = { 0: 'pass', 1: 'fail' };

/** Runs the Action; returns its exit code (0 pass, 1 failing findings, 2 could not check). */
export async function runAction(io: ActionIo): Promise<number> {
  const { env } = io;
  const stderr = collector();
  const cliIo = (stdout: CliIo['stdout']): CliIo => ({ stdout, stderr, env, cwd: io.cwd });
  let code: number;
  let standardsDir = '';
  let sarif = '';
  const repo = resolve(io.cwd, input(env, 'working-directory') || '.');
  try {
    const standards = await fetchStandards(io);
    standardsDir = standards.dir;
    if (standards.commit) io.stdout.write(`Standards: ${standards.repository} at ${standards.commit}\n`);
    await ensureMergeBase(repo, io);
    // SARIF, when asked for, is written from the same evaluation as the annotations.
    const sarifFile = input(env, 'sarif') === 'true' ? join(env.RUNNER_TEMP || io.cwd, 'standards.sarif') : undefined;
    const options: CheckOptions = { standards: standards.dir, repo, format: 'github', head: 'HEAD', repoName: checkedRepositoryName(input(env, 'repo-name') || undefined, 'the repo-name input'), alsoWrite: sarifFile ? [{ format: 'sarif', file: sarifFile }] : undefined };
    code = await check(cliIo(io.stdout), options);
    if (sarifFile && code !== EXIT.usage) sarif = sarifFile;
  } catch (error) {
    code = reportFailure(error, cliIo(io.stdout));
  }
  const problems = stderr.text();
  if (problems) {
    // Between stop-commands markers nothing in the message can act as a workflow command.
    const token = randomBytes(16).toString('hex');
    io.stdout.write(`::stop-commands::${token}\n${terminalSafe(problems)}::${token}::\n`);
  }
  if (code === EXIT.usage) reportCouldNotCheck(io, problems || 'standards-bot stopped without saying why');
  setOutputs(env, { verdict: VERDICTS[code] ?? 'error', 'exit-code': String(code), sarif, 'standards-dir': standardsDir && existsSync(standardsDir) ? standardsDir : '' });
  return code;
}
