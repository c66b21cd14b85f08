import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import { afterAll, describe, expect, test } from 'vitest';
import { RepoBuilder } from '../src/demo/repo-builder.ts';
import { runCli } from './helpers/cli.ts';

const require = createRequire(import.meta.url);
// ajv-draft-04 is CommonJS; under NodeNext its class arrives as the default's default.
const AjvDraft04 = ((AjvDraft04Module as unknown as { default?: typeof AjvDraft04Module }).default ?? AjvDraft04Module) as unknown as typeof AjvDraft04Module.default;
// The official SARIF 2.1.0 schema (rtm.5), as shipped in @microsoft/jest-sarif; read in place.
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));

const repos: RepoBuilder[] = [];
afterAll(() => repos.forEach((r) => r.dispose()));

function prRepo(): RepoBuilder {
  const repo = new RepoBuilder();
  repos.push(repo);
  repo.write({ 'README.md': '# x\n', CODEOWNERS: '* @acme/payments\n', LICENSE: 'MIT\n', 'package-lock.json': '{"lockfileVersion":3,"packages":{"":{}}}\n' }).commit('chore: base');
  repo
    .branch('pr')
    .write({
      '.env': 'SECRET=1\n',
      'src/a,b:c.ts': '// TODO later\nexport {};\n',
      'package-lock.json': `${JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { w: '1' } }, 'node_modules/w': { version: '1.0.0', license: 'GPL-3.0-only' } } }, null, 2)}\n`,
    })
    .commit('feat: change');
  return repo;
}

describe('--format sarif', () => {
  test('validates against the official SARIF 2.1.0 schema, with rules, levels, locations and suppressions', async () => {
    const repo = prRepo();
    // acme/web-storefront has EX-0002 for STD-0015 on package-lock.json: an exempted finding.
    const run = await runCli(['check', '--repo', repo.dir, '--format', 'sarif', '--date', '2026-11-26', '--repo-name', 'acme/web-storefront']);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout);
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(SARIF_SCHEMA);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);

    const [sarifRun] = sarif.runs;
    const rules = sarifRun.tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).not.toContain('STD-0001');
    const secrets = rules.find((r: { id: string }) => r.id === 'STD-0003');
    expect(secrets).toMatchObject({
      name: 'NoSecretBearingFilesAreCommitted',
      shortDescription: { text: 'No secret-bearing files are committed' },
      helpUri: 'https://github.com/acme/standards/blob/main/STANDARDS.md#std-0003',
      defaultConfiguration: { level: 'error' },
      properties: { propose: 'https://github.com/acme/standards/edit/main/rules/security/no-secret-files.yaml' },
    });
    expect(secrets.properties.exemption).toMatch(/^https:\/\/github\.com\/acme\/standards\/new\/main\?filename=exemptions%2FEX-0009\.yaml/);

    const results = sarifRun.results as { ruleId: string; ruleIndex: number; level: string; locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[]; suppressions?: unknown[] }[];
    const env = results.find((r) => r.ruleId === 'STD-0003')!;
    expect(env).toMatchObject({ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: '.env', uriBaseId: '%SRCROOT%' } } }] });
    expect(rules[env.ruleIndex].id).toBe('STD-0003');
    const todo = results.find((r) => r.ruleId === 'STD-0005')!;
    expect(todo).toMatchObject({ level: 'warning', locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a%2Cb%3Ac.ts' }, region: { startLine: 1 } } }] });
    const licence = results.find((r) => r.ruleId === 'STD-0015')!;
    expect(licence.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'EX-0002, approved by lee-legal, until 2026-12-15' }]);
  });

  test('exits like text mode', async () => {
    const repo = new RepoBuilder();
    repos.push(repo);
    repo.write({ 'README.md': '# x\n', CODEOWNERS: '* @acme/payments\n', LICENSE: 'MIT\n' }).commit('chore: base');
    repo.branch('pr').write({ 'src/ok.ts': 'export {};\n' }).commit('feat: ok');
    expect((await runCli(['check', '--repo', repo.dir, '--format', 'sarif', '--date', '2026-11-26'])).code).toBe(0);
  });
});

describe('--format github', () => {
  test('writes workflow commands with file, line and title, and appends the summary to GITHUB_STEP_SUMMARY', async () => {
    const repo = prRepo();
    const summary = join(mkdtempSync(join(tmpdir(), 'summary-')), 'summary.md');
    writeFileSync(summary, '# Earlier step\n');
    const run = await runCli(['check', '--repo', repo.dir, '--format', 'github', '--date', '2026-11-26', '--repo-name', 'acme/web'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.find((l) => l.startsWith('::error file=.env,'))).toMatch(/^::error file=\.env,title=STD-0003 No secret-bearing files are committed::\.env must not be committed \(added here\)%0AHow to fix: .*%0AWhy: https:\/\/github\.com\/acme\/standards\/blob\/main\/STANDARDS\.md#std-0003%0APropose a change: https:\/\/.*%0ARequest an exemption: https:\/\/.*$/);
    expect(lines.find((l) => l.startsWith('::warning'))).toMatch(/^::warning file=src\/a%2Cb%3Ac\.ts,line=1,title=STD-0005 New TODOs name a ticket::/);
    expect(lines.at(-1)).toMatch(/^::notice title=standards::Failing: \d+ failing, 1 warning, 0 info$/);
    expect(lines.every((l) => !l.slice(2).includes('\n'))).toBe(true);
    const written = readFileSync(summary, 'utf8');
    expect(written.startsWith('# Earlier step\n## ❌ Standards: failing')).toBe(true);
  });
});
