import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DangerDSLType } from 'danger';
import { afterAll, describe, expect, test } from 'vitest';
import { changeSetFromDanger, reportToDanger, checkWithDanger, linesFromStructuredDiff, type DangerReporters } from '../src/adapters/danger.ts';
import { RepoBuilder } from '../src/demo/repo-builder.ts';

const ROOT = join(import.meta.dirname, '..');
const repos: RepoBuilder[] = [];
afterAll(() => repos.forEach((r) => r.dispose()));

function prRepo(): RepoBuilder {
  const repo = new RepoBuilder();
  repos.push(repo);
  repo.write({ 'README.md': '# x\n', CODEOWNERS: '* @acme/payments\n', LICENSE: 'MIT\n', 'src/a.ts': 'export {};\n' }).commit('chore: base');
  repo.branch('pr').write({ '.env': 'SECRET=1\n', 'src/a.ts': 'export {};\n// TODO later\n' }).commit('feat: change');
  return repo;
}

type Chunk = NonNullable<Awaited<ReturnType<DangerDSLType['git']['structuredDiffForFile']>>>['chunks'][number];

/** A DSL built to danger's own DangerDSLType shape: git as danger reports it, github as on a PR. */
function dsl(repo: RepoBuilder, pr: { title: string; body: string }): Pick<DangerDSLType, 'git' | 'github'> {
  const base = repo.git('rev-parse', 'main').trim();
  const head = repo.git('rev-parse', 'HEAD').trim();
  const diffs: Record<string, Chunk[]> = {
    '.env': [{ content: '@@ -0,0 +1 @@', oldStart: 0, oldLines: 0, newStart: 1, newLines: 1, changes: [{ type: 'add', add: true, ln: 1, content: '+SECRET=1' }] }],
    'src/a.ts': [{ content: '@@ -1,0 +2 @@', oldStart: 1, oldLines: 0, newStart: 2, newLines: 1, changes: [{ type: 'add', add: true, ln: 2, content: '+// TODO later' }] }],
  };
  const git = {
    base,
    head,
    created_files: ['.env'],
    modified_files: ['src/a.ts'],
    deleted_files: [],
    commits: [],
    structuredDiffForFile: async (path: string) => ({ chunks: diffs[path] ?? [], fromPath: path }),
  } as unknown as DangerDSLType['git'];
  const github = {
    pr: { number: 7, title: pr.title, body: pr.body, draft: false, user: { login: 'octocat' }, base: { sha: base, ref: 'main' }, head: { sha: head } },
    issue: { labels: [{ name: 'security' }] },
    thisPR: { owner: 'acme', repo: 'web', number: 7 },
  } as unknown as DangerDSLType['github'];
  return { git, github };
}

function recorder() {
  const calls: { kind: keyof DangerReporters; message: string; file?: string; line?: number }[] = [];
  const reporters = Object.fromEntries((['fail', 'warn', 'message', 'markdown'] as const).map((kind) => [kind, (message: string, file?: string, line?: number) => calls.push({ kind, message, file, line })])) as unknown as DangerReporters;
  return { calls, reporters };
}

describe('the danger adapter', () => {
  test('lines come from danger\'s structured diff', () => {
    const diff = { fromPath: 'a', chunks: [{ content: '', oldStart: 1, oldLines: 1, newStart: 1, newLines: 2, changes: [{ type: 'del', del: true, ln: 1, content: '-old' }, { type: 'add', add: true, ln: 1, content: '+new\r' }, { type: 'normal', normal: true, ln1: 2, ln2: 2, content: ' same' }] }] } as never;
    expect(linesFromStructuredDiff(diff)).toEqual({ added: [{ line: 1, text: 'new' }], removed: [{ line: 1, text: 'old' }] });
  });

  test('builds the change set from danger.git and danger.github.pr', async () => {
    const repo = prRepo();
    const { changeSet, close } = await changeSetFromDanger(dsl(repo, { title: 'feat: x', body: '## Testing\nran it' }), { repo: repo.dir });
    try {
      expect(await Promise.all(changeSet.files.map(async (f) => [f.path, f.status, (await f.lineCounts()).additions]))).toEqual([
        ['.env', 'added', 1],
        ['src/a.ts', 'modified', 1],
      ]);
      expect(changeSet.pr).toMatchObject({ number: 7, title: 'feat: x', labels: ['security'], author: 'octocat' });
      expect(changeSet.repository).toBe('acme/web');
      expect(await changeSet.head.read('src/a.ts')).toBe('export {};\n// TODO later\n');
      expect((await changeSet.base.paths()).sort()).toEqual(['CODEOWNERS', 'LICENSE', 'README.md', 'src/a.ts']);
    } finally {
      close();
    }
  });

  test('maps the report onto danger: one fail() naming the count, and the budgeted Markdown report', async () => {
    const repo = prRepo();
    const { calls, reporters } = recorder();
    const report = await checkWithDanger(dsl(repo, { title: 'stuff', body: '## Testing\nran it' }), reporters, { repo: repo.dir, today: '2026-11-26', env: { STANDARDS_DIR: ROOT } });
    expect(report!.verdict).toBe('fail');
    expect(calls.map((c) => c.kind)).toEqual(['fail', 'markdown']);
    expect(calls[0]!.message).toBe('2 failing findings from the engineering standards: see the report below.');
    const markdown = calls[1]!.message;
    expect(markdown.startsWith('## ❌ Standards: failing')).toBe(true);
    for (const standard of ['STD-0003', 'STD-0006', 'STD-0005']) expect(markdown).toMatch(new RegExp(`### (?:❌|⚠️) ${standard} · `));
    expect(markdown).toMatch(/\[Why\]\(https:[^)]+#std-0003\) · \[Propose a change\]\(https:[^)]+\.yaml\) · \[Request an exemption\]\(https:[^)]+\)/);
  });

  test('warnings alone become one warn()', async () => {
    const repo = prRepo();
    const first = recorder();
    const report = (await checkWithDanger(dsl(repo, { title: 'feat: x', body: '## Testing\nok' }), first.reporters, { repo: repo.dir, today: '2026-11-26', env: { STANDARDS_DIR: ROOT } }))!;
    const warnings = report.findings.filter((f) => f.severity === 'warn');
    const { calls, reporters } = recorder();
    reportToDanger({ ...report, verdict: 'pass', findings: warnings, summary: { ...report.summary, fail: 0, warn: warnings.length } }, reporters);
    expect(calls.map((c) => [c.kind, c.message.split('\n')[0]])).toEqual([
      ['warn', '1 warning from the engineering standards: see the report below.'],
      ['markdown', '## ⚠️ Standards: passing'],
    ]);
  });

  test('exemptions apply by repository: EX-0002 covers acme/web-storefront\'s lockfile only, so .env still fails', async () => {
    const repo = prRepo();
    const { calls, reporters } = recorder();
    await checkWithDanger(dsl(repo, { title: 'feat: x', body: '## Testing\nok' }), reporters, { repo: repo.dir, today: '2026-11-26', repository: 'acme/web-storefront', standards: ROOT, env: {} });
    expect(calls.find((c) => c.kind === 'fail')?.message).toBe('1 failing finding from the engineering standards: see the report below.');
    expect(calls.find((c) => c.kind === 'markdown')?.message).toContain('### ❌ STD-0003 · ');
  });

  test('under danger ci, an unset STANDARDS_DIR is a failing run, never the example standards', async () => {
    const repo = prRepo();
    const { calls, reporters } = recorder();
    const exitCode = process.exitCode;
    try {
      // danger ci and danger pr leave DANGER_LOCAL_NO_CI unset; only danger local sets it.
      expect(await checkWithDanger(dsl(repo, { title: 'feat: x', body: '## Testing\nok' }), reporters, { repo: repo.dir, today: '2026-11-26', env: {} })).toBeUndefined();
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = exitCode;
    }
    expect(calls).toEqual([{ kind: 'fail', message: expect.stringMatching(/^standards-bot could not check this pull request: STANDARDS_DIR is not set, and a pull request is never judged by the example standards/) }]);

    const local = recorder();
    const report = await checkWithDanger(dsl(repo, { title: 'feat: x', body: '## Testing\nok' }), local.reporters, { repo: repo.dir, today: '2026-11-26', env: { DANGER_LOCAL_NO_CI: 'yes' } });
    expect(report?.notices[0]).toMatch(/^no standards folder was given, so these are the example standards/);
  });
});

describe('a real `danger local` run, offline', () => {
  function runDanger(repo: RepoBuilder, extra: string[] = []) {
    writeFileSync(
      join(repo.dir, 'dangerfile.ts'),
      `import { danger, fail, warn, message, markdown, schedule } from 'danger';\nimport { checkWithDanger } from '${join(ROOT, 'dist/adapters/danger.js')}';\nschedule(checkWithDanger(danger, { fail, warn, message, markdown }, { repository: 'acme/web', today: '2026-11-26' }));\n`,
    );
    return spawnSync(process.execPath, [join(ROOT, 'node_modules/danger/distribution/commands/danger.js'), 'local', '--base', 'main', '--dangerfile', 'dangerfile.ts', ...extra], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, STANDARDS_DIR: ROOT },
      timeout: 60_000,
    });
  }

  test('prints one failure line and the report with its links; exits 0 without --failOnErrors', () => {
    const run = runDanger(prRepo());
    expect(run.stdout).toContain('Danger: ⅹ Failing the build, there is 1 fail.');
    expect(run.stdout).toContain('## Failures\n1 failing finding from the engineering standards: see the report below.\n');
    expect(run.stdout).toContain('## ❌ Standards: failing');
    expect(run.stdout).toContain('### ❌ STD-0003 · No secret-bearing files are committed\n');
    expect(run.stdout).toContain('[Why](https://github.com/acme/standards/blob/main/STANDARDS.md#std-0003)');
    expect(run.stdout).toContain('### ⚠️ STD-0005 · New TODOs name a ticket\n');
    expect(run.status).toBe(0);
  });

  test('--failOnErrors makes fail() fail the build', () => {
    expect(runDanger(prRepo(), ['--failOnErrors']).status).toBe(1);
  });

  test('--staging judges a staged dependency change, which is in no commit yet', () => {
    const repo = new RepoBuilder();
    repos.push(repo);
    repo.write({ 'README.md': '# x\n', CODEOWNERS: '* @acme/payments\n', LICENSE: 'MIT\n', 'package.json': '{ "name": "web", "dependencies": { "react": "^18.3.1" } }\n' }).commit('chore: base');
    repo.write({ 'package.json': '{ "name": "web", "dependencies": { "react": "^18.3.1", "moment": "^2.30.1" } }\n' });
    repo.git('add', 'package.json');
    const run = runDanger(repo, ['--staging']);
    expect(run.stdout).toMatch(/STD-0012 .*\n[\s\S]*moment/);
    // Nothing was committed: HEAD is still the base.
    expect(repo.git('log', '--oneline').trim().split('\n')).toHaveLength(1);
  });
});

describe('the proposal review in danger', () => {
  test('a pull request that touches rules gets the review as markdown, and fails when it needs changes', async () => {
    const { reviewProposalWithDanger } = await import('../src/adapters/danger.ts');
    const { cpSync, rmSync } = await import('node:fs');
    const repo = new RepoBuilder();
    repos.push(repo);
    for (const entry of ['rules', 'exemptions', 'teams.yaml', 'standards.config.yaml', 'STANDARDS.md']) cpSync(join(ROOT, entry), join(repo.dir, entry), { recursive: true });
    repo.commit('chore: standards');
    repo.branch('pr');
    rmSync(join(repo.dir, 'rules/general/service-readme.yaml'));
    repo.commit('remove STD-0009');
    const git = { base: 'main', head: 'HEAD', created_files: [], modified_files: [], deleted_files: ['rules/general/service-readme.yaml'], commits: [] } as unknown as DangerDSLType['git'];
    const { calls, reporters } = recorder();
    const review = await reviewProposalWithDanger({ git }, reporters, { repo: repo.dir, today: '2026-11-26' });
    expect(review?.refused).toBe(true);
    expect(calls.map((c) => c.kind)).toEqual(['markdown', 'fail']);
    expect(calls[0]!.message).toContain('STD-0009 (rules/general/service-readme.yaml) was deleted; standards are never deleted');
  });

  test('other pull requests get no review', async () => {
    const { reviewProposalWithDanger } = await import('../src/adapters/danger.ts');
    const git = { base: 'main', head: 'HEAD', created_files: ['src/a.ts'], modified_files: [], deleted_files: [], commits: [] } as unknown as DangerDSLType['git'];
    const { calls, reporters } = recorder();
    expect(await reviewProposalWithDanger({ git }, reporters, { repo: ROOT })).toBeUndefined();
    expect(calls).toEqual([]);
  });
});

describe('under danger ci without the commits checked out', () => {
  test('reads trees and contents through the GitHub API (a loopback GitHub stands in for it)', async () => {
    const { FakeGitHub } = await import('./helpers/fake-github.ts');
    const { GitHub } = await import('../src/server/github-client.ts');
    const base = 'b'.repeat(40);
    const head = 'c'.repeat(40);
    const github = await new FakeGitHub()
      .repository('acme/web', { commits: { [base]: { 'README.md': '# x\n', CODEOWNERS: '* @acme/payments\n', LICENSE: 'MIT\n' }, [head]: { 'README.md': '# x\n', CODEOWNERS: '* @acme/payments\n', 'id_rsa': 'key\n' } }, pulls: {} })
      .start();
    try {
      const api = new GitHub({ baseUrl: github.url, auth: 'ghp_danger', throttle: { enabled: false }, retry: { enabled: false } });
      const dangerGitHub = {
        api,
        thisPR: { owner: 'acme', repo: 'web', number: 9 },
        pr: { number: 9, title: 'feat: keys', body: '## Testing\nnone', user: { login: 'octocat' }, base: { sha: base, ref: 'main' }, head: { sha: head } },
        issue: { labels: [] },
        utils: {
          fileContents: async (path: string, _slug: string, ref: string) => {
            const response = await api.rest.repos.getContent({ owner: 'acme', repo: 'web', path, ref, mediaType: { format: 'raw' } }).catch(() => undefined);
            return response ? Buffer.from(response.data as unknown as ArrayBuffer).toString('utf8') : '';
          },
        },
      } as unknown as DangerDSLType['github'];
      const git = { base, head, created_files: ['id_rsa'], modified_files: [], deleted_files: ['LICENSE'], commits: [], structuredDiffForFile: async () => ({ chunks: [], fromPath: undefined }) } as unknown as DangerDSLType['git'];
      const { calls, reporters } = recorder();
      const report = await checkWithDanger({ git, github: dangerGitHub }, reporters, { repo: mkdtempSync(join(tmpdir(), 'no-checkout-')), today: '2026-11-26', env: { STANDARDS_DIR: ROOT } });
      expect(report!.findings.filter((f) => !f.pre_existing).map((f) => [f.standard, f.file])).toEqual([
        ['STD-0002', null],
        ['STD-0003', 'id_rsa'],
      ]);
      expect(calls.filter((c) => c.kind === 'fail').map((c) => c.message)).toEqual(['2 failing findings from the engineering standards: see the report below.']);
      expect(github.requests.some((r) => r.path === `/repos/acme/web/git/trees/${head}`)).toBe(true);
      expect(github.requests.every((r) => r.method === 'GET')).toBe(true);
    } finally {
      await github.stop();
    }
  });
});
