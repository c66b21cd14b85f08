// Adopting standards-bot as a new organisation would: `standards init`, then the new repository's
// own checks, a pull request in a product repository judged by it, the org scan's matrix, and the
// governance the generated CODEOWNERS gives.
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { RepoBuilder } from '../src/demo/repo-builder.ts';
import { runCli } from './helpers/cli.ts';
import { FakeGitHub } from './helpers/fake-github.ts';

const ROOT = join(import.meta.dirname, '..');
const TODAY = '2026-11-26';
const repos: RepoBuilder[] = [];
afterAll(() => repos.forEach((r) => r.dispose()));

describe('standards init --org', () => {
  let standards: RepoBuilder;
  let created: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    standards = new RepoBuilder();
    repos.push(standards);
    created = await runCli(['init', '--org', 'globex', '--dir', standards.dir]);
    standards.commit('chore: standards-bot init');
  });

  test('creates the repository, with nothing of the example organisation left in it', () => {
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^Created globex's standards repository in .*:\n {2}19 standards \(\d+ active, \d+ proposed\)/);
    const files = standards.git('ls-files').trim().split('\n');
    for (const file of ['standards.config.yaml', 'teams.yaml', 'STANDARDS.md', '.github/CODEOWNERS', '.github/workflows/standards.yml', '.github/workflows/standards-check.yml', '.github/workflows/org-scan.yml', 'README.md', 'CONTRIBUTING.md', 'LICENSE', 'package.json', 'schema/standard.schema.json', 'test/standards/STD-0008/fail/large-change.yaml']) {
      expect(files, file).toContain(file);
    }
    // The schemas' hints keep the package's generic examples ("such as @acme/…"); everything else is the new organisation's.
    for (const file of files.filter((f) => !f.startsWith('schema/'))) expect(readFileSync(join(standards.dir, file), 'utf8'), file).not.toMatch(/acme/i);
    expect(parse(readFileSync(join(standards.dir, 'teams.yaml'), 'utf8')).teams).toEqual({ '@globex/platform': expect.objectContaining({ name: 'Platform' }) });
  });

  test('the generic standards are active; language, library, ownership and on-call ones are proposed', async () => {
    const listed = await runCli(['explain', 'STD-0003', '--standards', standards.dir]);
    expect(listed.stdout).toMatch(/active/);
    const status = (file: string) => /^status: (\w+)$/m.exec(readFileSync(join(standards.dir, 'rules', file), 'utf8'))![1];
    expect(['security/no-secret-files.yaml', 'security/no-private-keys.yaml', 'general/required-files.yaml', 'pull-requests/conventional-title.yaml'].map(status)).toEqual(['active', 'active', 'active', 'active']);
    expect(['languages/php-sunset.yaml', 'libraries/denied-libraries.yaml', 'ownership/codeowners-coverage.yaml', 'operations/oncall-readiness.yaml'].map(status)).toEqual(['proposed', 'proposed', 'proposed', 'proposed']);
  });

  test('validate, test and docs --check pass on it, and it passes its own scan', async () => {
    for (const argv of [['validate'], ['test'], ['docs', '--check']]) {
      const run = await runCli([...argv, '--standards', standards.dir]);
      expect(run.code, `${argv.join(' ')}: ${run.stdout}${run.stderr}`).toBe(0);
    }
    const scan = await runCli(['scan', '--repo', standards.dir, '--standards', standards.dir, '--repo-name', 'globex/standards', '--format', 'json', '--date', TODAY]);
    const report = JSON.parse(scan.stdout);
    expect(report.findings.filter((f: { severity: string }) => f.severity !== 'info'), scan.stdout).toEqual([]);
    expect(scan.code).toBe(0);
  });

  test("checks a product repository's pull request with the new standards", async () => {
    const product = new RepoBuilder();
    repos.push(product);
    product.write({ 'README.md': '# shop\n', CODEOWNERS: '* @globex/platform\n', LICENSE: 'MIT\n' }).commit('chore: base');
    product.branch('pr').write({ 'config/.env': 'TOKEN=1\n', 'src/a.ts': 'export {};\n' }).commit('feat: config');
    const run = await runCli(['check', '--repo', product.dir, '--base', 'main', '--standards', standards.dir, '--repo-name', 'globex/shop', '--format', 'json', '--date', TODAY]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.findings.find((f: { standard: string }) => f.standard === 'STD-0003')).toMatchObject({ file: 'config/.env', severity: 'fail' });
    expect(report.findings[0].links.standard).toMatch(/^https:\/\/github\.com\/globex\/standards\/blob\/main\/STANDARDS\.md#/);
  });

  test('running it twice refuses to overwrite, and writes nothing', async () => {
    const before = standards.git('status', '--porcelain');
    const again = await runCli(['init', '--org', 'globex', '--dir', standards.dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^standards: .* already has rules\/.*; init never overwrites\. Use an empty folder, or --dir\n$/);
    expect(standards.git('status', '--porcelain')).toBe(before);
  });

  test.each([
    ['not an org', /--org "not an org": use the organisation's GitHub login/],
    ['-leading', /use the organisation's GitHub login/],
  ])('--org %j is a usage error', async (org, message) => {
    const run = await runCli(['init', '--org', org, '--dir', mkdtempSync(join(tmpdir(), 'init-'))]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  test('the generated CODEOWNERS gives each rule file to its owner team, and docs --check catches drift', async () => {
    const codeowners = readFileSync(join(standards.dir, '.github/CODEOWNERS'), 'utf8');
    expect(codeowners).toContain('\n* @globex/platform\n');
    expect(codeowners).toContain('\n/rules/security/no-secret-files.yaml @globex/platform\n');
    writeFileSync(join(standards.dir, '.github/CODEOWNERS'), `${codeowners}/x @globex/someone\n`);
    const run = await runCli(['docs', '--check', '--standards', standards.dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('.github/CODEOWNERS is out of date');
    writeFileSync(join(standards.dir, '.github/CODEOWNERS'), codeowners);
  });
});

describe("this repository's own CODEOWNERS", () => {
  test('this repository passes its own scan: README, CODEOWNERS, a licence, an owner for every file, and its fixtures exempted in the open', async () => {
    const run = await runCli(['scan', '--repo', ROOT, '--standards', ROOT, '--repo-name', 'acme/standards', '--format', 'json', '--date', TODAY]);
    const report = JSON.parse(run.stdout) as { verdict: string; findings: { standard: string; severity: string; message: string; exemption: { id: string } | null }[] };
    expect(report.findings.filter((f) => f.severity === 'fail' && !f.exemption).map((f) => `${f.standard} ${f.message}`)).toEqual([]);
    expect(run.code).toBe(0);
    expect(new Set(report.findings.filter((f) => f.exemption).map((f) => f.exemption!.id))).toEqual(new Set(['EX-0005', 'EX-0006', 'EX-0007', 'EX-0008']));
  });

  test('is generated: rule files by their owner team, exemptions by the owner of the standard they exempt, teams.yaml by the platform team', () => {
    const codeowners = readFileSync(join(ROOT, '.github/CODEOWNERS'), 'utf8');
    expect(codeowners).toContain('\n/teams.yaml @acme/platform-guild\n');
    expect(codeowners).toContain('\n/rules/security/no-secret-files.yaml @acme/security\n');
    const exemption = parse(readFileSync(join(ROOT, 'exemptions/EX-0001.yaml'), 'utf8')) as { standard: string };
    const ruleOwner = readFileSync(join(ROOT, 'STANDARDS.md'), 'utf8');
    expect(ruleOwner).toContain(exemption.standard);
    expect(codeowners).toMatch(/\n\/exemptions\/EX-0001\.yaml @acme\/[a-z-]+\n/);
  });
});

describe('standards org-repos: the org scan matrix', () => {
  let github: FakeGitHub;
  beforeAll(async () => {
    // The loopback GitHub double follows GET /orgs/{org}/repos: pages of at most 100, a Link header, archived flags.
    github = new FakeGitHub();
    await github.start();
    github.orgRepositories.set(
      'globex',
      Array.from({ length: 1_030 }, (_, i) => ({ name: `repo-${String(i).padStart(4, '0')}`, archived: i % 100 === 7, fork: i === 3 })),
    );
  });
  afterAll(() => github.stop());

  test('1,030 repositories from the API, archived ones and forks skipped: at most 256 jobs, each repository exactly once', async () => {
    const run = await runCli(['org-repos', '--org', 'globex'], { env: { ORG_READ_TOKEN: 't', GITHUB_API_URL: github.url } });
    expect(run.code, run.stderr).toBe(0);
    const matrix = JSON.parse(run.stdout) as { include: { batch: number; repos: string }[] };
    expect(matrix.include.length).toBeLessThanOrEqual(256);
    const scanned = matrix.include.flatMap((job) => job.repos.split(' '));
    const expected = Array.from({ length: 1_030 }, (_, i) => i).filter((i) => i % 100 !== 7 && i !== 3).map((i) => `globex/repo-${String(i).padStart(4, '0')}`);
    expect(scanned.sort()).toEqual(expected);
    expect(run.stderr).toBe(`standards: ${expected.length} repositories in ${matrix.include.length} jobs\n`);
    expect(github.requests.filter((r) => r.path === '/orgs/globex/repos').length).toBe(11);
  });

  test('org/repos.json overrides the API; a bad entry is named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'repos-'));
    writeFileSync(join(dir, 'repos.json'), JSON.stringify(['acme/a', 'acme/b']));
    const run = await runCli(['org-repos', '--repos-file', join(dir, 'repos.json'), '--max-jobs', '1']);
    expect(JSON.parse(run.stdout)).toEqual({ include: [{ batch: 1, repos: 'acme/a acme/b' }] });
    writeFileSync(join(dir, 'repos.json'), JSON.stringify(['acme/a', 'acme/b; rm -rf /']));
    const bad = await runCli(['org-repos', '--repos-file', join(dir, 'repos.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('item 2 ("acme/b; rm -rf /") is not "owner/name"');
  });

  test('no token, an unknown organisation and --max-jobs 300 are usage errors', async () => {
    expect((await runCli(['org-repos', '--org', 'globex'])).stderr).toContain('set ORG_READ_TOKEN');
    const unknown = await runCli(['org-repos', '--org', 'nobody'], { env: { ORG_READ_TOKEN: 't', GITHUB_API_URL: github.url } });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("could not list nobody's repositories (GitHub answered 404)");
    expect((await runCli(['org-repos', '--org', 'globex', '--max-jobs', '300'])).stderr).toContain("--max-jobs 300: a whole number from 1 to 256 (GitHub's limit on one matrix)");
  });

  test('org-scan.yml takes its matrix from org-repos and scans each batch', () => {
    const workflow = parse(readFileSync(join(ROOT, '.github/workflows/org-scan.yml'), 'utf8'));
    expect(workflow.jobs.scan.strategy.matrix).toBe('${{ fromJSON(needs.list.outputs.matrix) }}');
    expect(JSON.stringify(workflow.jobs.list.steps)).toContain('standards org-repos');
    expect(workflow.jobs.scan.steps.find((s: { env?: Record<string, string> }) => s.env?.REPOS).env.REPOS).toBe('${{ matrix.repos }}');
    expect(existsSync(join(ROOT, 'org/repos.json'))).toBe(true);
  });
});

describe('the published package', () => {
  test('has no dependencies to install: a product repository installing the tarball gets one package, and the CLI, library and danger adapter run from it', async () => {
    const { spawnSync } = await import('node:child_process');
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    const dir = mkdtempSync(join(tmpdir(), 'pack-'));
    const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(packed.status, packed.stderr).toBe(0);
    const [{ filename, size }] = JSON.parse(packed.stdout) as { filename: string; size: number }[];
    expect(size).toBeLessThan(5 * 1024 * 1024);

    const product = new RepoBuilder();
    repos.push(product);
    product.write({ '.gitignore': 'node_modules/\n', 'package.json': '{ "name": "shop", "private": true }\n', 'README.md': '# shop\n', CODEOWNERS: '* @acme/payments\n', LICENSE: 'MIT\n' }).commit('chore: base');
    const installed = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, filename)], { cwd: product.dir, encoding: 'utf8' });
    expect(installed.status, installed.stderr).toBe(0);
    expect(installed.stderr).not.toContain('EBADENGINE');
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(join(product.dir, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['standards-bot']);

    product.branch('pr').write({ '.env': 'TOKEN=1\n' }).commit('feat: env');
    const bin = join(product.dir, 'node_modules/standards-bot/bin/standards.js');
    const check = spawnSync(process.execPath, [bin, 'check', '--base', 'main', '--repo-name', 'acme/shop', '--format', 'json'], { cwd: product.dir, encoding: 'utf8', env: { PATH: process.env.PATH!, STANDARDS_DIR: join(product.dir, 'node_modules/standards-bot') } });
    expect(check.status, check.stderr).toBe(1);
    expect(JSON.parse(check.stdout).findings.map((f: { standard: string }) => f.standard)).toContain('STD-0003');
    const imports = spawnSync(process.execPath, ['--input-type=module', '-e', "const danger = await import('standards-bot/danger'); const lib = await import('standards-bot'); console.log(typeof danger.checkWithDanger, Object.keys(lib).length > 0)"], { cwd: product.dir, encoding: 'utf8' });
    expect(imports.stdout.trim(), imports.stderr).toBe('function true');
  });
});
