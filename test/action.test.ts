import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { RepoBuilder } from '../src/demo/repo-builder.ts';

const ROOT = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as { name: string; examples: Record<string, unknown>[] }[];
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
const repos: RepoBuilder[] = [];
afterAll(() => repos.forEach((r) => r.dispose()));

type Step = { name: string; uses?: string; run?: string; shell?: string; env?: Record<string, string>; if?: string; id?: string };

describe('action.yml', () => {
  test('is a composite action whose inputs are all described, and documented in the README', () => {
    expect(action.runs.using).toBe('composite');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const [name, input] of Object.entries(action.inputs as Record<string, { description?: string }>)) {
      expect(input.description?.length ?? 0, name).toBeGreaterThan(20);
      expect(readme, `README documents input ${name}`).toContain(`\`${name}\``);
    }
  });

  test('checks out the trusted standards into their own folder, then checks, uploads SARIF, and fails last', () => {
    const steps = action.runs.steps as Step[];
    expect(steps.map((s) => s.name)).toEqual(['Check out the trusted standards', 'Set up Node.js', 'Install standards-bot', 'Check the pull request', 'Upload SARIF', 'Fail on failing findings']);
    expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { repository: '${{ inputs.standards-repository }}', ref: '${{ inputs.standards-ref }}', path: '.standards-bot' } });
    expect(steps[4]!.if).toContain("inputs.sarif == 'true'");
  });
});

function runStep(step: Step, cwd: string, env: Record<string, string>) {
  // Composite steps run with bash; the test supplies what Actions would put in the environment.
  return spawnSync('bash', ['-c', step.run!], { cwd, env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('the action\'s script steps, run locally against a temp repository', () => {
  test('annotate the PR from a real pull_request webhook example, write the summary and SARIF, then fail the job', () => {
    const repo = new RepoBuilder();
    repos.push(repo);
    repo.write({ 'README.md': '# x\n', CODEOWNERS: '* @acme/payments\n', LICENSE: 'MIT\n' }).commit('chore: base');
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.branch('pr').write({ 'deploy/.env': 'TOKEN=1\n' }).commit('feat: config');
    const head = repo.git('rev-parse', 'HEAD').trim();

    // The "opened" example from @octokit/webhooks-examples, pointed at this repository's commits.
    const opened = structuredClone(examples.find((e) => e.name === 'pull_request')!.examples.find((e) => e.action === 'opened')!) as {
      pull_request: { base: { sha: string }; head: { sha: string }; title: string };
      repository: { full_name: string };
    };
    opened.pull_request.base.sha = base;
    opened.pull_request.head.sha = head;
    const work = mkdtempSync(join(tmpdir(), 'actions-'));
    const files = { event: join(work, 'event.json'), output: join(work, 'output'), summary: join(work, 'summary.md') };
    writeFileSync(files.event, JSON.stringify(opened));
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');

    const steps = action.runs.steps as Step[];
    const check = steps.find((s) => s.id === 'check')!;
    const env = {
      GITHUB_EVENT_PATH: files.event,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: work,
      STANDARDS_DIR: ROOT,
      STANDARDS_REPO_NAME: opened.repository.full_name,
      STANDARDS_SARIF: 'true',
    };
    const result = runStep(check, repo.dir, env);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^::error file=deploy\/\.env,title=STD-0003 No secret-bearing files are committed::/m);
    expect(result.stdout).toMatch(new RegExp(`^::error title=STD-0006 Pull request titles follow Conventional Commits::PR title "${opened.pull_request.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" does not follow`, 'm'));

    const outputs = Object.fromEntries(readFileSync(files.output, 'utf8').trim().split('\n').map((line) => line.split('=') as [string, string]));
    expect(outputs).toEqual({ sarif: join(work, 'standards.sarif'), verdict: 'fail', 'exit-code': '1' });
    expect(JSON.parse(readFileSync(outputs.sarif!, 'utf8')).runs[0].results.length).toBeGreaterThan(0);
    expect(readFileSync(files.summary, 'utf8')).toContain('## ❌ Standards: failing');

    const enforce = steps.at(-1)!;
    expect(runStep(enforce, repo.dir, { EXIT_CODE: outputs['exit-code']! }).status).toBe(1);
    expect(runStep(enforce, repo.dir, { EXIT_CODE: '0' }).status).toBe(0);
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

  test('org-scan.yml scans a matrix of repositories, keeps the reports as artifacts, and builds the dashboard from them', () => {
    const scan = workflow('org-scan.yml');
    expect(scan.jobs.scan.strategy.matrix.repo).toBe('${{ fromJSON(needs.list.outputs.repos) }}');
    const steps = JSON.stringify(scan.jobs.scan.steps);
    expect(steps).toContain('scan --repo target --standards standards');
    expect(steps).toContain('actions/upload-artifact@v4');
    expect(JSON.stringify(scan.jobs.dashboard.steps)).toContain('dashboard --out site --reports reports');
    expect(JSON.parse(readFileSync(join(ROOT, 'org/repos.json'), 'utf8'))).toEqual(expect.arrayContaining(['acme/payments-api']));
  });
});
