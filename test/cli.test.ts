import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { RepoBuilder } from '../src/demo/repo-builder.ts';
import { runCli } from './helpers/cli.ts';
import { standardsCopy } from './helpers/standards.ts';

const ROOT = join(import.meta.dirname, '..');
const DATE = '2026-11-26';
const repos: RepoBuilder[] = [];
afterAll(() => repos.forEach((r) => r.dispose()));

function repoWith(base: Record<string, string>, change: Record<string, string>, remove: string[] = []): RepoBuilder {
  const repo = new RepoBuilder();
  repos.push(repo);
  repo.write(base).commit('chore: base');
  repo.branch('pr').write(change);
  if (remove.length) repo.remove(...remove);
  repo.commit('feat: change');
  return repo;
}

const HEALTHY = { 'README.md': '# x\n', CODEOWNERS: '* @acme/payments\n', LICENSE: 'MIT\n', 'src/a.ts': 'export {};\n' };

function eventFile(pr: { title: string; body: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'event-'));
  const file = join(dir, 'event.json');
  writeFileSync(file, JSON.stringify({ action: 'opened', pull_request: { number: 1, ...pr }, repository: { full_name: 'acme/web' } }));
  return file;
}

describe('standards check', () => {
  test('a clean change passes with exit 0', async () => {
    const repo = repoWith(HEALTHY, { 'src/b.ts': 'export const b = 1;\n' });
    const event = eventFile({ title: 'feat: add b', body: '## Testing\nvitest' });
    const run = await runCli(['check', '--repo', repo.dir, '--pr-event', event, '--date', DATE]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^standards: PASS 0 failing, 0 warnings, 0 info \(acme\/web, main \(\w{12}\) → HEAD \(\w{12}\)\)\n/);
    expect(run.stdout).toMatch(/\n✔ PASS: 0 failing, 0 warnings, 0 info \(19 standards checked\)\n$/);
    expect(run.code).toBe(0);
  });

  test('warnings alone still exit 0', async () => {
    const repo = repoWith(HEALTHY, { 'src/b.ts': '// TODO: later\n' });
    const run = await runCli(['check', '--repo', repo.dir, '--date', DATE, '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toMatchObject({ fail: 0, warn: 1 });
    expect(run.code).toBe(0);
  });

  test('failing findings exit 1, and the JSON contract holds', async () => {
    const repo = repoWith(HEALTHY, { '.env': 'TOKEN=abc\n', 'src/c.ts': 'const a = 1;\n// FIXME soon\n' }, ['LICENSE']);
    const event = eventFile({ title: 'stuff', body: 'no sections' });
    const run = await runCli(['check', '--repo', repo.dir, '--pr-event', event, '--format', 'json', '--date', DATE]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['verdict', 'summary', 'findings', 'skipped', 'facts', 'exemptions', 'context', 'notices']);
    expect(report.verdict).toBe('fail');
    expect(report.summary).toEqual({ fail: 4, warn: 1, info: 0, exempted: 0, pre_existing: 0 });
    expect(report.context).toMatchObject({ mode: 'diff', repository: 'acme/web', date: DATE, standards: 19 });
    for (const finding of report.findings) {
      expect(Object.keys(finding).sort()).toEqual(['check', 'exemption', 'file', 'line', 'links', 'message', 'message_id', 'notes', 'pre_existing', 'remediation', 'severity', 'standard', 'title']);
      expect(Object.keys(finding.links)).toEqual(['standard', 'propose', 'exemption']);
      expect(finding.exemption).toBeNull();
    }
    const brief = report.findings.map((f: { standard: string; severity: string; file: string | null; line: number | null }) => [f.standard, f.severity, f.file, f.line]);
    expect(brief).toEqual([
      ['STD-0002', 'fail', null, null],
      ['STD-0003', 'fail', '.env', null],
      ['STD-0006', 'fail', null, null],
      ['STD-0007', 'fail', null, null],
      ['STD-0005', 'warn', 'src/c.ts', 2],
    ]);
    const todo = report.findings[4];
    expect(todo.message).toBe('adds a TODO without a ticket, such as TODO(PROJ-123): // FIXME soon (enforced from 2027-01-04)');
    expect(todo.links.standard).toBe('https://github.com/acme/standards/blob/main/STANDARDS.md#std-0005');
    expect(todo.links.propose).toBe('https://github.com/acme/standards/edit/main/rules/general/todo-needs-ticket.yaml');
  });

  test('GITHUB_EVENT_PATH is read in a pull_request workflow', async () => {
    const repo = repoWith(HEALTHY, { 'src/b.ts': 'export {};\n' });
    const event = eventFile({ title: 'bad title', body: '## Testing\nok' });
    const run = await runCli(['check', '--repo', repo.dir, '--format', 'json', '--date', DATE], { env: { GITHUB_EVENT_PATH: event, GITHUB_EVENT_NAME: 'pull_request' } });
    expect(JSON.parse(run.stdout).findings.map((f: { standard: string }) => f.standard)).toEqual(['STD-0006']);
  });

  test('markdown output is a PR comment: each standard under its heading, with the three links', async () => {
    const repo = repoWith(HEALTHY, { 'keys/id_rsa': 'x\n' });
    const run = await runCli(['check', '--repo', repo.dir, '--format', 'markdown', '--date', DATE, '--repo-name', 'acme/web']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('## ❌ Standards: failing');
    expect(run.stdout).toContain('### ❌ STD-0003 · No secret-bearing files are committed\n');
    expect(run.stdout).toContain('\n- `keys/id_rsa`: `keys/id_rsa` must not be committed (added here)\n');
    expect(run.stdout).toMatch(/\[Why\]\(https:[^)]+#std-0003\) · \[Propose a change\]\(https:[^)]+no-secret-files\.yaml\) · \[Request an exemption\]\(https:[^)]+paths%3A%0A%20%20-%20keys%2Fid_rsa[^)]*\)/);
    expect(run.stdout).toContain('[propose a change](https://github.com/acme/standards/blob/main/CONTRIBUTING.md#proposing-a-standard)');
  });

  test('text output is coloured only on a TTY, and grouped by standard', async () => {
    const repo = repoWith(HEALTHY, { 'keys/id_rsa': 'x\n' });
    const plain = await runCli(['check', '--repo', repo.dir, '--date', DATE]);
    const tty = await runCli(['check', '--repo', repo.dir, '--date', DATE], { tty: true });
    const noColor = await runCli(['check', '--repo', repo.dir, '--date', DATE], { tty: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(noColor.stdout).not.toContain('\u001b[');
    expect(tty.stdout).toContain('\u001b[31m✖\u001b[0m');
    expect(plain.stdout).toContain(
      [
        '✖ STD-0003 No secret-bearing files are committed  https://github.com/acme/standards/blob/main/STANDARDS.md#std-0003',
        '  keys/id_rsa  keys/id_rsa must not be committed (added here)',
        '  fix: Remove the file from the branch',
      ].join('\n'),
    );
    expect(plain.stdout).toContain('\n  exempt: standards exempt STD-0003 --path keys/id_rsa  or see https://github.com/acme/standards/blob/main/STANDARDS.md#std-0003-exemption\n');
    expect(plain.stdout).toContain('\n  propose a change: https://github.com/acme/standards/edit/main/rules/security/no-secret-files.yaml\n');
  });
});

describe('standards scan', () => {
  test('reports all divergence in the tree, and skips change-only checks', async () => {
    const repo = repoWith({ 'README.md': '# x\n', 'src/a.ts': '// TODO: old debt\n', 'prod.pem': 'x' }, {});
    const run = await runCli(['scan', '--repo', repo.dir, '--format', 'json', '--date', DATE, '--repo-name', 'acme/old']);
    const report = JSON.parse(run.stdout);
    expect(run.code).toBe(1);
    expect(report.context).toMatchObject({ mode: 'scan', repository: 'acme/old', base: 'empty tree' });
    expect(report.findings.map((f: { standard: string; file: string | null; pre_existing: boolean }) => [f.standard, f.file, f.pre_existing])).toEqual([
      ['STD-0002', null, false],
      ['STD-0002', null, false],
      ['STD-0003', 'prod.pem', false],
      ['STD-0016', null, false],
      ['STD-0005', 'src/a.ts', false],
    ]);
    expect(report.skipped.map((s: { standard: string }) => s.standard)).toEqual(['STD-0001', 'STD-0006', 'STD-0007', 'STD-0008']);
  });
});

describe('configuration and usage errors exit 2 with no stack trace', () => {
  test('a broken rule file names file, line and column, and nothing is evaluated', async () => {
    const standards = standardsCopy();
    const file = join(standards, 'rules/general/todo-needs-ticket.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('severity: fail', 'severity: blocker'));
    const repo = repoWith(HEALTHY, { '.env': 'x' });
    const run = await runCli(['check', '--repo', repo.dir, '--standards', standards]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'rules/general/todo-needs-ticket.yaml:6:11: severity: "blocker" is not allowed; allowed: fail, warn, info\nstandards: 1 problem in the standards configuration; nothing was evaluated.\n',
    );
  });

  test('validate reports every problem and exits 2', async () => {
    const standards = standardsCopy();
    writeFileSync(join(standards, 'rules/general/extra.yaml'), 'id: STD-0002\ntitle: x\n');
    const run = await runCli(['validate', '--standards', standards]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('rules/general/extra.yaml:1:1: missing required field "owner"');
    expect(run.stderr).toContain('rules/general/extra.yaml:2:8: title: must be at least 3 characters long');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('a broken standards.config.yaml is located too', async () => {
    const standards = standardsCopy();
    writeFileSync(join(standards, 'standards.config.yaml'), 'organisation: Acme\nrepository:\n  url: not a url\n  default_branch: main\nproposal_process: CONTRIBUTING.md\n');
    const run = await runCli(['validate', '--standards', standards]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('standards.config.yaml:3:8: repository.url: "not a url" is not allowed; use the repository web URL, such as https://github.com/acme/standards');
  });

  test.each([
    { name: 'unknown format', argv: ['check', '--format', 'xml'], stderr: /argument 'xml' is invalid. Allowed choices are text, json, markdown, sarif, github/ },
    { name: 'unknown command', argv: ['frobnicate'], stderr: /unknown command 'frobnicate'/ },
    { name: 'unknown option', argv: ['check', '--colour'], stderr: /unknown option '--colour'/ },
    { name: 'bad date', argv: ['check', '--date', '2026-02-30'], stderr: /^standards: --date 2026-02-30: not a valid date; use YYYY-MM-DD\n$/ },
    { name: 'not a repository', argv: ['check', '--repo', '/nonexistent'], stderr: /^standards: \/nonexistent is not a git repository/ },
    { name: 'a --repo-name that is not owner/name', argv: ['check', '--repo-name', 'web'], stderr: /^standards: --repo-name "web": not a repository; write owner\/name, as in acme\/web\n$/ },
    { name: 'the same for scan', argv: ['scan', '--repo-name', 'acme/web/extra'], stderr: /^standards: --repo-name "acme\/web\/extra": not a repository/ },
    { name: 'the same for exempt', argv: ['exempt', 'STD-0003', '--print', '--repo-name', 'acme'], stderr: /^standards: --repo-name "acme": not a repository/ },
    // The standards are read while git works; the repository's error still comes first, alone.
    { name: 'not a repository, and no standards there either', argv: ['check', '--repo', '/nonexistent', '--standards', '/tmp'], stderr: /^standards: \/nonexistent is not a git repository[^\n]*\n$/ },
    { name: 'missing event file', argv: ['check', '--pr-event', '/nonexistent/event.json'], stderr: /event\.json: file not found/ },
    { name: 'explain an unknown id', argv: ['explain', 'STD-9999'], stderr: /^standards: unknown standard STD-9999; known: STD-0001, STD-0002/ },
    { name: 'standards dir without rules', argv: ['validate', '--standards', '/tmp'], stderr: /^standards\.config\.yaml:1:1: not found in \/tmp.*\nrules\/:1:1: no rule files found under \/tmp\/rules/ },
  ])('$name', async ({ argv, stderr }) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(stderr);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('an unknown base ref', async () => {
    const repo = repoWith(HEALTHY, {});
    const run = await runCli(['check', '--repo', repo.dir, '--base', 'nope']);
    expect(run).toMatchObject({ code: 2, stderr: `standards: --base nope: no such commit in ${repo.dir}\n` });
  });
});

describe('docs, validate and explain', () => {
  test('validate passes on the shipped standards', async () => {
    const run = await runCli(['validate']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^19 standards and 8 exemptions in .* are valid\.\n$/);
  });

  test('docs --check passes on the committed STANDARDS.md and fails when a rule drifts from it', async () => {
    expect((await runCli(['docs', '--check'])).code).toBe(0);
    const standards = standardsCopy();
    const file = join(standards, 'rules/security/no-private-keys.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: No private keys in source files', 'title: No private keys anywhere'));
    const drift = await runCli(['docs', '--check', '--standards', standards]);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toBe('STANDARDS.md is out of date with the rule files; run `standards docs` and commit the result.\n');
    const regenerate = await runCli(['docs', '--standards', standards]);
    expect(regenerate).toMatchObject({ code: 0, stdout: 'Wrote STANDARDS.md.\n' });
    expect(readFileSync(join(standards, 'STANDARDS.md'), 'utf8')).toContain('## STD-0004: No private keys anywhere');
    expect((await runCli(['docs', '--check', '--standards', standards])).code).toBe(0);
  });

  test('STANDARDS.md has an index row and an anchored section with links for every standard', async () => {
    const md = readFileSync(join(ROOT, 'STANDARDS.md'), 'utf8');
    const ids = [...md.matchAll(/^\| \[(STD-\d{4})\]\(#std-\d{4}\) \|/gm)].map((m) => m[1]);
    expect(ids).toHaveLength(19);
    for (const id of ids) {
      expect(md).toContain(`<a id="${id!.toLowerCase()}"></a>`);
      expect(md).toMatch(new RegExp(`\\[Propose a change to ${id}\\]\\(https://github\\.com/acme/standards/edit/main/rules/`));
    }
  });

  test('explain prints the standard, why, how to fix, and its links', async () => {
    const run = await runCli(['explain', 'std-0003']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^STD-0003: No secret-bearing files are committed\n/);
    expect(run.stdout).toContain('\nWhy\nEnvironment files, private keys');
    expect(run.stdout).toContain('\nHow to fix\nRemove the file');
    expect(run.stdout).toContain('standard:          https://github.com/acme/standards/blob/main/STANDARDS.md#std-0003');
    expect(run.stdout).toContain('propose a change:  https://github.com/acme/standards/edit/main/rules/security/no-secret-files.yaml');
  });

  test('--help lists the commands and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['check', 'scan', 'validate', 'docs', 'explain']) expect(run.stdout).toContain(`  ${command}`);
  });
});

describe('the installed bin', () => {
  test('runs the built CLI as users do', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/standards.js'), 'validate'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/19 standards and 8 exemptions in .* are valid/);
    const broken = spawnSync(process.execPath, [join(ROOT, 'bin/standards.js'), 'check', '--format', 'yaml'], { encoding: 'utf8' });
    expect(broken.status).toBe(2);
  });
});

test('a report lists its findings in the same order whatever the locale of the machine', () => {
  // localeCompare followed the runner's locale: cs_CZ sorts "ch" after "h", sv_SE "å" after "z",
  // and en_US "å" with "a". Each new PHP file is a finding of the PHP sunset standard.
  const files = ['src/h.php', 'src/ch.php', 'src/z.php', 'src/å.php'];
  const repo = repoWith(HEALTHY, Object.fromEntries(files.map((file) => [file, '<?php echo 1;\n'])));
  const order = (locale: string) => {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/standards.js'), 'check', '--repo', repo.dir, '--standards', ROOT, '--format', 'json', '--date', DATE], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: locale, LC_ALL: locale },
    });
    expect(result.stderr).toBe('');
    const findings = JSON.parse(result.stdout).findings as { standard: string; file: string }[];
    return findings.filter((f) => f.standard === 'STD-0010').map((f) => f.file);
  };
  for (const locale of ['C.UTF-8', 'en_US.UTF-8', 'cs_CZ.UTF-8', 'sv_SE.UTF-8']) expect(order(locale), locale).toEqual(['src/ch.php', 'src/h.php', 'src/z.php', 'src/å.php']);
});

test('a reader that stops early ends the report quietly, and the exit code is still the verdict', async () => {
  // 300 new PHP files: 300 findings, a JSON report several times a pipe's 64 KB buffer, so the
  // CLI is still writing when its reader goes, as with `standards check | head`.
  const files = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`src/page-${i}.php`, '<?php echo 1;\n']));
  const repo = repoWith(HEALTHY, files);
  const child = spawn(process.execPath, [join(ROOT, 'bin/standards.js'), 'check', '--repo', repo.dir, '--standards', ROOT, '--format', 'json', '--date', DATE], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  let first = '';
  child.stdout.once('data', (chunk: Buffer) => {
    first = chunk.toString('utf8');
    child.stdout.destroy();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(first.startsWith('{')).toBe(true);
  expect(stderr).toBe('');
  expect(code).toBe(1);
});

test('the built code validates with validators compiled at build time, not at start-up', () => {
  // In a plain node process: the build's modules, as users run them.
  const script = `const { validatorCounts } = await import('./dist/standards/validate.js'); const { loadTrusted } = await import('./dist/standards/trusted.js'); await loadTrusted('.'); console.log(JSON.stringify(validatorCounts));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const counts = JSON.parse(run.stdout);
  expect(counts.compiled).toBe(0);
  expect(counts.precompiled).toBeGreaterThanOrEqual(5);
});
