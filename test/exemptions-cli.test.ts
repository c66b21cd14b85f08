import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { RepoBuilder } from '../src/demo/repo-builder.ts';
import { runCli } from './helpers/cli.ts';
import { standardsCopy } from './helpers/standards.ts';

const ROOT = join(import.meta.dirname, '..');
const repos: RepoBuilder[] = [];
afterAll(() => repos.forEach((r) => r.dispose()));

const SELF_EXEMPTION = `id: EX-0099
standard: STD-0003
repos: [acme/web]
reason: We really need this .env file committed, trust us.
approved_by: sam-security
created: 2026-11-20
expires: 2027-01-31
`;

describe('exemptions are read from the trusted standards checkout only', () => {
  test('a PR whose branch adds an exemption for its own violation still fails', async () => {
    const repo = new RepoBuilder();
    repos.push(repo);
    // The repository under review is itself a standards repository, so the exemption would be
    // picked up if the tool ever read exemptions from the change.
    for (const entry of ['rules', 'teams.yaml', 'standards.config.yaml']) cpSync(join(ROOT, entry), join(repo.dir, entry), { recursive: true });
    repo.write({ 'README.md': '# x\n', CODEOWNERS: '* @acme/payments\n', LICENSE: 'MIT\n' }).commit('chore: base');
    repo.branch('pr').write({ '.env': 'SECRET=1\n', 'exemptions/EX-0099.yaml': SELF_EXEMPTION }).commit('feat: config');

    const trusted = standardsCopy();
    const run = await runCli(['check', '--repo', repo.dir, '--standards', trusted, '--repo-name', 'acme/web', '--format', 'json', '--date', '2026-11-26']);
    const report = JSON.parse(run.stdout);
    expect(run.code).toBe(1);
    expect(report.findings.find((f: { file: string }) => f.file === '.env')).toMatchObject({ standard: 'STD-0003', severity: 'fail', exemption: null });
    expect(report.summary.exempted).toBe(0);

    // The same exemption in the trusted checkout does exempt it.
    writeFileSync(join(trusted, 'exemptions/EX-0099.yaml'), SELF_EXEMPTION);
    const approved = await runCli(['check', '--repo', repo.dir, '--standards', trusted, '--repo-name', 'acme/web', '--format', 'json', '--date', '2026-11-26']);
    expect(JSON.parse(approved.stdout).findings.find((f: { file: string }) => f.file === '.env').exemption).toEqual({ id: 'EX-0099', expires: '2027-01-31', approved_by: 'sam-security' });
  });

  test('an invalid exemption in the standards checkout is a configuration error (exit 2)', async () => {
    const trusted = standardsCopy();
    writeFileSync(join(trusted, 'exemptions/EX-0099.yaml'), SELF_EXEMPTION.replace('sam-security', 'mallory'));
    const run = await runCli(['validate', '--standards', trusted]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('exemptions/EX-0099.yaml:5:14: approved_by: mallory is not a maintainer of @acme/security, which owns STD-0003; maintainers: sam-security');
  });
});

describe('standards exemptions', () => {
  test.each([
    { argv: [], ids: ['EX-0003', 'EX-0002', 'EX-0001', 'EX-0004', 'EX-0005', 'EX-0006', 'EX-0007', 'EX-0008'] },
    { argv: ['--status', 'expiring'], ids: ['EX-0002'] },
    { argv: ['--team', '@acme/payments'], ids: ['EX-0002', 'EX-0001'] },
    { argv: ['--team', '@acme/legal-engineering'], ids: ['EX-0002', 'EX-0008'] },
    { argv: ['--standard', 'std-0016'], ids: ['EX-0004'] },
  ])('$argv', async ({ argv, ids }) => {
    const run = await runCli(['exemptions', '--format', 'json', '--date', '2026-11-26', ...argv]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).exemptions.map((e: { id: string }) => e.id)).toEqual(ids);
  });

  test('the terminal view is a table with a summary line', async () => {
    const run = await runCli(['exemptions', '--date', '2026-11-26']);
    expect(run.stdout.split('\n')[0]).toMatch(/^ID +STANDARD +STATUS +EXPIRES +DAYS +REPOS +PATHS +TEAM +APPROVER +REASON$/);
    expect(run.stdout).toMatch(/^EX-0002 +STD-0015 +expiring +2026-12-15 +19 +acme\/web-storefront/m);
    expect(run.stdout).toContain('8 of 8 exemptions: 6 active, 1 expiring, 1 expired');
  });

  test.each([
    { terminal: 'a CI log (no terminal)', tty: false, columns: undefined, width: 160, layout: 'table' },
    { terminal: 'a 200-column terminal (fitted to 160, the widest)', tty: true, columns: 200, width: 160, layout: 'table' },
    { terminal: 'a 120-column terminal', tty: true, columns: 120, width: 120, layout: 'blocks' },
    { terminal: 'an 80-column terminal', tty: true, columns: 80, width: 80, layout: 'blocks' },
    { terminal: 'a 40-column terminal (fitted to 60, the narrowest)', tty: true, columns: 40, width: 60, layout: 'blocks' },
  ])('fits $terminal: no line past $width columns, every exemption still listed', async ({ tty, columns, width, layout }) => {
    const run = await runCli(['exemptions', '--date', '2026-11-26'], { tty, columns, env: { NO_COLOR: '1' } });
    const lines = run.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(width);
    expect(lines[0]!.startsWith('ID ')).toBe(layout === 'table');
    for (const id of ['EX-0001', 'EX-0002', 'EX-0003', 'EX-0008']) expect(run.stdout).toMatch(new RegExp(`^${id} `, 'm'));
    if (layout === 'blocks') expect(run.stdout).toContain('  approver lib-lead\n');
  });

  test('a bad status is a usage error', async () => {
    expect((await runCli(['exemptions', '--status', 'stale'])).code).toBe(2);
  });
});

describe('standards dashboard', () => {
  test('builds index.html and data.json from scan reports', async () => {
    const repo = new RepoBuilder();
    repos.push(repo);
    repo.write({ 'README.md': '# x\n', 'legacy/a.php': '<?php\n' }).commit('chore: tree');
    const reports = mkdtempSync(join(tmpdir(), 'reports-'));
    const scan = await runCli(['scan', '--repo', repo.dir, '--repo-name', 'acme/legacy-checkout', '--format', 'json', '--date', '2026-11-26']);
    writeFileSync(join(reports, 'legacy-checkout.json'), scan.stdout);
    const out = join(mkdtempSync(join(tmpdir(), 'site-')), 'site');
    const run = await runCli(['dashboard', '--out', out, '--reports', reports, '--date', '2026-11-26']);
    expect(run).toMatchObject({ code: 0, stdout: `Wrote ${out}/index.html (8 exemptions, 1 reports).\n` });
    const data = JSON.parse(readFileSync(join(out, 'data.json'), 'utf8'));
    expect(data.compliance.map((c: { repository: string }) => c.repository)).toEqual(['acme/legacy-checkout']);
    expect(data.deprecatedLanguages).toEqual([{ language: 'PHP', files: 1, repositories: 1, sunset: '2027-06-30' }]);
    expect(data.rows.find((r: { id: string }) => r.id === 'EX-0001')).toMatchObject({ status: 'active' });
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });

  test('a report file that is not a scan report is named in the error', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'reports-'));
    writeFileSync(join(reports, 'oops.json'), '{"hello": 1}');
    const run = await runCli(['dashboard', '--out', join(reports, 'site'), '--reports', reports]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${reports}/oops.json:1:1: not a standards report (no findings, summary and context); expected the output of \`standards scan --format json\``);
  });
});

describe('standards test', () => {
  test('passes on the shipped standards, listing each example', async () => {
    const run = await runCli(['test', 'STD-0003', 'std-0008']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'STD-0003 No secret-bearing files are committed',
        '  ✓ pass: an example env file with placeholders',
        '  ✓ fail: a committed .env and a private key file',
        'STD-0008 Pull requests stay small enough to review',
        '  ✓ pass: a small change, plus a big lockfile that does not count',
        '  ✓ fail: seven hundred new lines',
        '',
        '2 standards, all examples behave',
        '',
      ].join('\n'),
    );
  });

  test('every shipped standard\'s examples behave, so a changed message cannot leave one stale', async () => {
    const run = await runCli(['test']);
    expect(run.stdout).not.toContain('✗');
    expect(run.stdout).toMatch(/\n\d+ standards, all examples behave\n$/);
    expect(run.code).toBe(0);
  });

  test('an example that does not behave fails, saying why', async () => {
    const trusted = standardsCopy();
    const file = join(trusted, 'rules/security/no-secret-files.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('files: { .env.example: "TOKEN=changeme\\n" }', 'files: { .env: "TOKEN=changeme\\n" }'));
    const run = await runCli(['test', 'STD-0003', '--standards', trusted]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  ✗ pass: an example env file with placeholders\n      expected no findings, got 1: .env must not be committed (added here)');
  });
});

describe('standards exempt', () => {
  test('writes the next exemption file into the standards checkout, prefilled, and says what is left to fill in', async () => {
    const standards = standardsCopy();
    const run = await runCli(['exempt', 'std-0003', '--path', '.env', '--path', 'config/*.pem', '--repo-name', 'acme/web', '--standards', standards, '--date', '2026-11-26'], { cwd: standards });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'Wrote exemptions/EX-0009.yaml: an exemption from STD-0003 (No secret-bearing files are committed) for acme/web, .env, config/*.pem.',
        '  Fill in reason (why, and the plan to comply); approved_by (a maintainer of @acme/security: sam-security); expires (at most 365 days from 2026-11-26).',
        '  Then run `standards validate` there and open a pull request to the standards repository.',
        '',
      ].join('\n'),
    );
    const file = readFileSync(join(standards, 'exemptions/EX-0009.yaml'), 'utf8');
    expect(file).toContain('id: EX-0009\nstandard: STD-0003\nrepos:\n  - acme/web\npaths:\n  - .env\n  - config/*.pem\nreason: ""\napproved_by: ""\ncreated: 2026-11-26\nexpires: ""\n');
    // Until it is filled in, validate says exactly what is missing.
    expect((await runCli(['validate', '--standards', standards])).code).toBe(2);
  });

  test('with everything given, the file is valid as written', async () => {
    const standards = standardsCopy();
    const run = await runCli(
      ['exempt', 'STD-0003', '--path', '.env', '--repo-name', 'acme/web', '--reason', 'The fixture holds fake values for the integration tests.', '--approved-by', '@sam-security', '--days', '90', '--requested-by', '@acme/payments', '--standards', standards, '--date', '2026-11-26'],
      { cwd: standards },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Fill in');
    expect(readFileSync(join(standards, 'exemptions/EX-0009.yaml'), 'utf8')).toContain('requested_by: "@acme/payments"\nreason: "The fixture holds fake values for the integration tests."\napproved_by: "sam-security"\ncreated: 2026-11-26\nexpires: "2027-02-24"\n');
    const validate = await runCli(['validate', '--standards', standards]);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
  });

  test.each([
    { args: ['STD-9999'], message: /STD-9999 is not a standard; known: STD-0001, STD-0002/ },
    { args: ['STD-0001'], message: /STD-0001 is superseded by STD-0003: exempt from that instead/ },
    { args: ['STD-0003', '--days', '400'], message: /--days 400: give a whole number of days from 1 to 365 \(exemptions\.max_days\)/ },
    { args: ['STD-0003', '--expires', '2027-13-01'], message: /--date 2027-13-01: not a valid date/ },
    { args: ['STD-0003', '--reason', 'long enough reason for this one', '--approved-by', 'someone-else', '--expires', '2027-01-31'], message: /the exemption would not be valid; nothing was written:\n {2}exemptions\/EX-0009\.yaml:\d+:\d+: .*someone-else/ },
  ])('$args is refused with exit 2 and says why', async ({ args, message }) => {
    const standards = standardsCopy();
    const run = await runCli(['exempt', ...args, '--repo-name', 'acme/web', '--standards', standards, '--date', '2026-11-26']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('--print, or no standards checkout named, prints the file instead', async () => {
    const run = await runCli(['exempt', 'STD-0003', '--path', '.env', '--repo-name', 'acme/web', '--date', '2026-11-26']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Exemption from STD-0003 \(No secret-bearing files are committed\)\./);
    expect(run.stderr).toMatch(/^standards: printed, not written: no standards checkout was named \(--standards or STANDARDS_DIR\)\. Save it as exemptions\/EX-0009\.yaml in the standards repository, or open https:\/\/github\.com\/acme\/standards\/new\/main\?filename=exemptions%2FEX-0009\.yaml&value=/);
  });
});
