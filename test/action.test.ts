import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { RepoBuilder } from '../src/demo/repo-builder.ts';
import { standardsCopy } from './helpers/standards.ts';

const ROOT = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as { name: string; examples: Record<string, unknown>[] }[];
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
const repos: RepoBuilder[] = [];
afterAll(() => repos.forEach((r) => r.dispose()));

describe('action.yml', () => {
  test('is a JavaScript action on node24 running the committed bundle; every input is described and documented in the README', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action/index.mjs' });
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const [name, input] of Object.entries(action.inputs as Record<string, { description?: string }>)) {
      expect(input.description?.length ?? 0, name).toBeGreaterThan(20);
      expect(readme, `README documents input ${name}`).toContain(`\`${name}\``);
    }
    expect(action.inputs['standards-repository'].default).toBe('${{ github.repository_owner }}/standards');
  });

  test('dist/action/index.mjs is what scripts/bundle-action.mjs makes from this source (run `npm run build:action` and commit it)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'index.mjs');
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts/bundle-action.mjs'), '--out', out], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    expect(readFileSync(out, 'utf8') === readFileSync(join(ROOT, 'dist/action/index.mjs'), 'utf8'), 'the committed bundle is out of date').toBe(true);
  });
});

/**
 * A GitHub the Action can fetch from, on disk: `GITHUB_SERVER_URL=file://…/server` makes the
 * Action's `${server}/owner/name.git` a bare repository here. Like github.com, it serves any
 * reachable commit by its SHA (uploadpack.allowReachableSHA1InWant), which the shallow-checkout
 * deepening relies on.
 */
class LocalGitHub {
  readonly dir = mkdtempSync(join(tmpdir(), 'local-github-'));

  publish(repo: RepoBuilder, fullName: string): string {
    const bare = join(this.dir, `${fullName}.git`);
    spawnSync('git', ['clone', '--quiet', '--bare', repo.dir, bare]);
    spawnSync('git', ['-C', bare, 'config', 'uploadpack.allowReachableSHA1InWant', 'true']);
    return bare;
  }

  get url(): string {
    return `file://${this.dir}`;
  }
}

/** The standards of this repository as a repository of their own, as an organisation keeps them. */
function standardsRepository(edit: (dir: string) => void = () => undefined): RepoBuilder {
  const repo = new RepoBuilder();
  repos.push(repo);
  const copy = standardsCopy();
  edit(copy);
  cpSync(copy, repo.dir, { recursive: true });
  repo.commit('chore: standards');
  return repo;
}

/** A product repository with a pull request, published, and checked out shallow as actions/checkout does by default. */
function shallowPullRequest(github: LocalGitHub, change: Record<string, string>, branchCommits = 1) {
  const repo = new RepoBuilder();
  repos.push(repo);
  repo.write({ 'README.md': '# x\n', CODEOWNERS: '* @acme/payments\n', LICENSE: 'MIT\n' }).commit('chore: base');
  for (let i = 0; i < 3; i++) repo.write({ [`docs/${i}.md`]: `# ${i}\n` }).commit(`docs: page ${i}`);
  const base = repo.git('rev-parse', 'HEAD').trim();
  repo.branch('pr').write(change).commit('feat: change');
  for (let i = 0; i < branchCommits; i++) repo.write({ 'docs/later.md': `# later ${i}\n` }).commit(`docs: later ${i}`);
  const head = repo.git('rev-parse', 'HEAD').trim();
  // main moves on after the branch point, as it does while a pull request is open.
  repo.git('checkout', '--quiet', 'main');
  repo.write({ 'docs/main.md': '# main\n' }).commit('docs: main moves on');
  const mainHead = repo.git('rev-parse', 'HEAD').trim();
  github.publish(repo, 'acme/web');
  const checkout = mkdtempSync(join(tmpdir(), 'checkout-'));
  spawnSync('git', ['clone', '--quiet', '--depth=1', '--branch', 'pr', `${github.url}/acme/web.git`, checkout]);
  expect(spawnSync('git', ['-C', checkout, 'rev-parse', '--is-shallow-repository'], { encoding: 'utf8' }).stdout.trim()).toBe('true');
  return { checkout, base: mainHead, head, branchPoint: base };
}

function runAction(cwd: string, github: LocalGitHub, event: unknown, inputs: Record<string, string> = {}) {
  const work = mkdtempSync(join(tmpdir(), 'runner-'));
  const files = { event: join(work, 'event.json'), output: join(work, 'output'), summary: join(work, 'summary.md') };
  writeFileSync(files.event, JSON.stringify(event));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH!,
    HOME: process.env.HOME!,
    GITHUB_SERVER_URL: github.url,
    GITHUB_REPOSITORY: 'acme/web',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: work,
    // What GitHub passes for action.yml's defaults.
    'INPUT_STANDARDS-REPOSITORY': 'acme/standards',
    'INPUT_REPO-NAME': 'acme/web',
    INPUT_SARIF: 'false',
    'INPUT_WORKING-DIRECTORY': '.',
    INPUT_TOKEN: '',
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const run = spawnSync(process.execPath, [join(ROOT, 'dist/action/index.mjs')], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  const outputs = Object.fromEntries(readFileSync(files.output, 'utf8').trim().split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  return { run, outputs, summary: readFileSync(files.summary, 'utf8'), work };
}

/** The "opened" example from @octokit/webhooks-examples, pointed at these commits. */
function openedEvent(base: string, head: string, title = 'feat: a change') {
  const opened = structuredClone(examples.find((e) => e.name === 'pull_request')!.examples.find((e) => e.action === 'opened')!) as {
    pull_request: { base: { sha: string; ref: string }; head: { sha: string }; title: string; body: string | null };
    repository: { full_name: string };
  };
  opened.pull_request.base.sha = base;
  opened.pull_request.base.ref = 'main';
  opened.pull_request.head.sha = head;
  opened.pull_request.title = title;
  opened.pull_request.body = '## Testing\nUnit tests.\n';
  opened.repository.full_name = 'acme/web';
  return opened;
}

describe('the bundled Action, run as the runner runs it, on a shallow checkout', () => {
  test('fetches the standards from <owner>/standards, deepens to the merge base, annotates, summarises and fails on a secret', () => {
    const github = new LocalGitHub();
    github.publish(standardsRepository(), 'acme/standards');
    const pr = shallowPullRequest(github, { 'deploy/.env': 'TOKEN=1\n' });
    const { run, outputs, summary } = runAction(pr.checkout, github, openedEvent(pr.base, pr.head), { 'STANDARDS-REPOSITORY': '' });
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain("::group::The checkout is shallow: fetching the pull request's base");
    expect(run.stdout).toMatch(/^::error file=deploy\/\.env,title=STD-0003 No secret-bearing files are committed::/m);
    // Only the pull request's own change is judged: main's later commit and the base's history are not.
    expect(run.stdout).not.toContain('docs/main.md');
    expect(outputs).toMatchObject({ verdict: 'fail', 'exit-code': '1' });
    expect(outputs['standards-dir']).toMatch(/standards-bot\/standards$/);
    expect(summary).toContain('## ❌ Standards: failing');
    expect(spawnSync('git', ['-C', pr.checkout, 'merge-base', pr.base, pr.head], { encoding: 'utf8' }).stdout.trim()).toBe(pr.branchPoint);
  });

  test('a clean pull request passes, and with sarif: "true" the SARIF file is named in the outputs', () => {
    const github = new LocalGitHub();
    github.publish(standardsRepository(), 'acme/standards');
    const pr = shallowPullRequest(github, { 'src/a.ts': 'export const a = 1;\n' });
    const { run, outputs } = runAction(pr.checkout, github, openedEvent(pr.base, pr.head), { SARIF: 'true' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(outputs).toMatchObject({ verdict: 'pass', 'exit-code': '0' });
    const sarif = JSON.parse(readFileSync(outputs.sarif!, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.name).toBe('standards-bot');
  });

  test('a merge base deeper than the first fetch is still found', () => {
    const github = new LocalGitHub();
    github.publish(standardsRepository(), 'acme/standards');
    // 80 commits on the branch: 50 deep from its head does not reach where it branched.
    const pr = shallowPullRequest(github, { 'src/a.ts': 'export const a = 1;\n' }, 80);
    const { run, outputs } = runAction(pr.checkout, github, openedEvent(pr.base, pr.head));
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('fetched 500 commits deep');
    expect(outputs.verdict).toBe('pass');
  });

  test('a broken rule file in the standards repository is an error annotation and a summary, exit 2, and no stack trace', () => {
    const github = new LocalGitHub();
    github.publish(
      standardsRepository((dir) => writeFileSync(join(dir, 'rules/general/todo-needs-ticket.yaml'), 'id: STD-0001\ntitle: [unclosed\n')),
      'acme/standards',
    );
    const pr = shallowPullRequest(github, { 'src/a.ts': 'export const a = 1;\n' });
    const { run, outputs, summary } = runAction(pr.checkout, github, openedEvent(pr.base, pr.head));
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^::error title=standards-bot could not check this pull request::rules\/general\/todo-needs-ticket\.yaml:\d+:\d+: /m);
    expect(outputs).toMatchObject({ verdict: 'error', 'exit-code': '2' });
    expect(summary).toContain('## ⚠️ standards-bot could not check this pull request');
    expect(summary).toMatch(/rules\/general\/todo-needs-ticket\.yaml:\d+:\d+/);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });

  test('a standards repository that cannot be fetched says which, and what to check', () => {
    const github = new LocalGitHub();
    const pr = shallowPullRequest(github, { 'src/a.ts': 'export const a = 1;\n' });
    const { run, outputs } = runAction(pr.checkout, github, openedEvent(pr.base, pr.head), { 'STANDARDS-REPOSITORY': 'acme/nope' });
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^::error title=standards-bot could not check this pull request::standards: could not fetch the standards repository acme\/nope at HEAD: .*Check the standards-repository and standards-ref inputs/m);
    expect(outputs.verdict).toBe('error');
  });

  test('a repo-name input that is not owner/name is an error annotation naming the input', () => {
    const github = new LocalGitHub();
    github.publish(standardsRepository(), 'acme/standards');
    const pr = shallowPullRequest(github, { 'src/a.ts': 'export const a = 1;\n' });
    const { run, outputs } = runAction(pr.checkout, github, openedEvent(pr.base, pr.head), { 'REPO-NAME': 'web' });
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^::error title=standards-bot could not check this pull request::standards: the repo-name input "web": not a repository; write owner\/name, as in acme\/web$/m);
    expect(outputs.verdict).toBe('error');
  });

  test('a push whose event mentions "pull_request" is not read as a pull request', () => {
    const github = new LocalGitHub();
    github.publish(standardsRepository(), 'acme/standards');
    const repo = new RepoBuilder();
    repos.push(repo);
    repo.write({ 'README.md': '# x\n', CODEOWNERS: '* @acme/payments\n', LICENSE: 'MIT\n' }).commit('chore: base');
    repo.branch('pr').write({ 'b.ts': 'x\n' }).commit('feat: change');
    const dir = mkdtempSync(join(tmpdir(), 'event-'));
    writeFileSync(join(dir, 'push.json'), JSON.stringify({ ref: 'refs/heads/pr', head_commit: { message: 'pull_request' }, commits: [{ message: '"pull_request"' }] }));
    const work = mkdtempSync(join(tmpdir(), 'runner-'));
    writeFileSync(join(work, 'output'), '');
    const run = spawnSync(process.execPath, [join(ROOT, 'dist/action/index.mjs')], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH!, HOME: process.env.HOME!, GITHUB_SERVER_URL: github.url, GITHUB_REPOSITORY_OWNER: 'acme', GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: join(dir, 'push.json'), GITHUB_OUTPUT: join(work, 'output'), RUNNER_TEMP: work },
    });
    expect(run.status, run.stdout).toBe(0);
    expect(readFileSync(join(work, 'output'), 'utf8')).toContain('verdict=pass');
  });
});

describe('workflows', () => {
  const workflow = (name: string) => parse(readFileSync(join(ROOT, '.github/workflows', name), 'utf8'));

  test('standards.yml runs on pull_request with read-only permissions, never pull_request_target', () => {
    const standards = workflow('standards.yml');
    expect(Object.keys(standards.on)).toEqual(['pull_request']);
    expect(standards.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(standards.jobs)).toEqual(['test', 'review-proposal', 'danger']);
    expect(JSON.stringify(standards)).not.toContain('pull_request_target');
  });
});
