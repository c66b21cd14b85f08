// What a pull request cannot change: each test is an attack a hostile PR author tried, on a
// real git repository, and what must happen instead.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { RepoBuilder } from '../src/demo/repo-builder.ts';
import { runCli } from './helpers/cli.ts';
import { standardsCopy } from './helpers/standards.ts';

const ROOT = join(import.meta.dirname, '..');
const DATE = '2026-11-26';
const KEY = '-----BEGIN RSA PRIVATE KEY-----';
const HEALTHY = { 'README.md': '# x\n', CODEOWNERS: '* @acme/payments\n', LICENSE: 'MIT\n', 'src/a.ts': 'export {};\n' };
const repos: RepoBuilder[] = [];
afterAll(() => repos.forEach((r) => r.dispose()));

function newRepo(base: Record<string, string | Buffer> = HEALTHY): RepoBuilder {
  const repo = new RepoBuilder();
  repos.push(repo);
  repo.write(base).commit('chore: base');
  return repo;
}

function pullRequest(change: Record<string, string | Buffer>, base: Record<string, string | Buffer> = HEALTHY): RepoBuilder {
  const repo = newRepo(base);
  repo.branch('pr').write(change).commit('feat: change');
  return repo;
}

async function check(repo: RepoBuilder, extra: string[] = [], env: NodeJS.ProcessEnv = { STANDARDS_DIR: ROOT }) {
  const run = await runCli(['check', '--repo', repo.dir, '--base', 'main', '--format', 'json', '--date', DATE, ...extra], { env });
  return { ...run, report: run.code === 2 ? undefined : JSON.parse(run.stdout) };
}

const failing = (report: { findings: { standard: string; file: string | null; severity: string; pre_existing: boolean }[] }) =>
  report.findings.filter((f) => f.severity === 'fail' && !f.pre_existing).map((f) => `${f.standard} ${f.file}`);

describe("a PR's .gitattributes cannot hide its own lines from content checks", () => {
  test.each<{ attack: string; attributes: Record<string, string>; path?: string; textconv?: boolean }>([
    { attack: '*.py -diff', attributes: { '.gitattributes': '*.py -diff\n' } },
    { attack: 'a nested deep/.gitattributes with * binary', attributes: { 'deep/.gitattributes': '* binary\n' }, path: 'deep/app.py' },
    { attack: '* binary at the root', attributes: { '.gitattributes': '* binary\n' } },
    { attack: '-text', attributes: { '.gitattributes': '*.py -text\n' } },
    { attack: 'linguist-generated', attributes: { '.gitattributes': '*.py linguist-generated=true\n' } },
    { attack: 'diff=foo with a textconv driver that blanks the file', attributes: { '.gitattributes': '*.py diff=foo\n' }, textconv: true },
  ])('$attack', async ({ attributes, path = 'app.py', textconv }) => {
    const repo = pullRequest({ ...attributes, [path]: `import os\n${KEY}\nMIIEow\n` });
    // A textconv driver lives in git config: the checkout's own, which a runner may have set.
    if (textconv) repo.git('config', 'diff.foo.textconv', 'true');
    const { code, report } = await check(repo);
    expect(code).toBe(1);
    expect(failing(report)).toContain(`STD-0004 ${path}`);
    expect(report.findings.find((f: { standard: string }) => f.standard === 'STD-0004').line).toBe(2);
  });

  test('scan reads the bytes too: a repository whose .gitattributes says binary still shows its key', async () => {
    const repo = newRepo({ ...HEALTHY, '.gitattributes': '* binary\n', 'deep/.gitattributes': '* -diff\n', 'deep/app.py': `${KEY}\n` });
    const run = await runCli(['scan', '--repo', repo.dir, '--format', 'json', '--date', DATE], { env: { STANDARDS_DIR: ROOT } });
    expect(failing(JSON.parse(run.stdout))).toContain('STD-0004 deep/app.py');
  });

  test('a key followed by a NUL byte is still found, up to the NUL', async () => {
    const repo = pullRequest({ 'keys/blob.bin': Buffer.concat([Buffer.from(`${KEY}\nMIIE`), Buffer.from([0, 1, 2, 3]), Buffer.from('\nmore\n')]) });
    const { code, report } = await check(repo);
    expect(code).toBe(1);
    expect(failing(report)).toContain('STD-0004 keys/blob.bin');
  });

  test('in-tree .gitattributes files change nothing: the same change with and without them gives the same findings', async () => {
    const change = { 'app.py': `${KEY}\n`, 'notes.md': 'TODO: later\n', 'img.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) };
    const plain = await check(pullRequest(change));
    const attributes = '* -diff -text binary linguist-generated linguist-vendored\n*.md diff=foo\n';
    const marked = await check(pullRequest({ ...change, '.gitattributes': attributes, 'sub/.gitattributes': attributes }));
    const shape = (report: { findings: { standard: string; file: string | null; line: number | null; message: string }[] }) =>
      report.findings.filter((f) => !f.file?.endsWith('.gitattributes')).map((f) => [f.standard, f.file, f.line, f.message.replace(/EX-\d{4}/g, 'EX')]);
    expect(shape(marked.report)).toEqual(shape(plain.report));
    expect(marked.code).toBe(plain.code);
  });
});

describe('an empty or missing standards folder never falls back to the repository under review', () => {
  // The attack: a PR adds its own rules/ without the security standards, plus a .env.
  const ownRules = () => {
    const copy = standardsCopy();
    rmSync(join(copy, 'rules/security'), { recursive: true });
    const files: Record<string, string> = { '.env': 'TOKEN=1\n' };
    for (const name of ['standards.config.yaml', 'teams.yaml', 'rules/general/required-files.yaml']) files[name] = readFileSync(join(copy, name), 'utf8');
    return files;
  };

  test('STANDARDS_DIR= (set but empty) is a usage error', async () => {
    const repo = pullRequest(ownRules());
    const run = await check(repo, [], { STANDARDS_DIR: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('standards: STANDARDS_DIR is set but empty; set it to the folder of the trusted standards checkout, or unset it\n');
  });

  test("--standards '' is a usage error", async () => {
    const repo = pullRequest(ownRules());
    const run = await check(repo, ['--standards', ''], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('standards: --standards is empty; name the folder of the trusted standards checkout\n');
  });

  test('--standards pointing at the PR checkout judges it by its base commit, which has no standards: refused', async () => {
    const repo = pullRequest(ownRules());
    const run = await check(repo, ['--standards', repo.dir], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/standards\.config\.yaml:1:1: not found at main/);
  });

  test('--repo naming a folder inside the checkout still finds the repository it belongs to', async () => {
    const repo = pullRequest({ ...ownRules(), 'sub/b.ts': 'x\n' });
    const run = await runCli(['check', '--repo', join(repo.dir, 'sub'), '--base', 'main', '--standards', repo.dir], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/standards\.config\.yaml:1:1: not found at main/);
  });

  test('a standards folder the PR tracks, inside its repository, is refused', async () => {
    const rules = Object.fromEntries(Object.entries(ownRules()).filter(([path]) => path !== '.env').map(([path, text]) => [`policy/${path}`, text]));
    const repo = pullRequest({ ...rules, '.env': 'TOKEN=1\n' });
    const run = await check(repo, ['--standards', join(repo.dir, 'policy')], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^standards: --standards .*\/policy is inside the repository under review \(.*\), which tracks files there: a pull request could write the standards it is judged by/);
    // The message names the repository's top folder.
    expect(run.stderr).toContain(`(${realpathSync(repo.dir)})`);
  });

  test('an untracked, separate checkout inside the work tree (as the Action makes) is used', async () => {
    const repo = pullRequest({ '.env': 'TOKEN=1\n' });
    cpSync(standardsCopy(), join(repo.dir, '.standards-bot'), { recursive: true });
    const run = await check(repo, ['--standards', join(repo.dir, '.standards-bot')], {});
    expect(run.code).toBe(1);
    expect(failing(run.report)).toContain('STD-0003 .env');
  });

  test('the standards repository judging itself uses the standards of its base commit, not the ones the PR writes', async () => {
    const repo = new RepoBuilder();
    repos.push(repo);
    cpSync(standardsCopy(), repo.dir, { recursive: true });
    repo.write({ 'README.md': '# standards\n', CODEOWNERS: '* @acme/platform-guild\n', LICENSE: 'MIT\n' }).commit('chore: standards');
    repo.branch('pr');
    rmSync(join(repo.dir, 'rules/security'), { recursive: true });
    repo.write({ '.env': 'TOKEN=1\n' }).commit('feat: drop the security standards');
    const run = await check(repo, ['--standards', repo.dir], {});
    expect(run.code).toBe(1);
    expect(failing(run.report)).toContain('STD-0003 .env');
    expect(run.report.notices.join('\n')).toMatch(/judged by its own standards as committed at main/);
  });

  test('a standards folder that does not exist is one line and exit 2', async () => {
    const run = await check(pullRequest({ 'b.ts': 'x\n' }), ['--standards', '/no/such/standards'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('standards: the standards folder /no/such/standards does not exist; point --standards or STANDARDS_DIR at a checkout of the standards repository\n');
  });

  test('with no folder named, the report says the example standards were used', async () => {
    const run = await check(pullRequest({ 'b.ts': 'x\n' }), [], {});
    expect(run.report.notices[0]).toMatch(/^no standards folder was given, so these are the example standards shipped with standards-bot/);
  });
});

describe('every change shape git can produce is judged, never a usage error', () => {
  test.each<{ shape: string; base?: { link: { symlink: string } }; build: (repo: RepoBuilder) => void; fails?: string; expectLine?: { path: string; text: string }; submodule?: boolean }>([
    {
      shape: 'a file turned into a symlink',
      build: (repo: RepoBuilder) => {
        rmSync(join(repo.dir, 'src/a.ts'));
        symlinkSync('TODO-later.ts', join(repo.dir, 'src/a.ts'));
      },
      expectLine: { path: 'src/a.ts', text: 'TODO-later.ts' },
    },
    {
      shape: 'a symlink turned into a file',
      base: { ...HEALTHY, link: { symlink: 'README.md' } },
      build: (repo: RepoBuilder) => {
        rmSync(join(repo.dir, 'link'));
        writeFileSync(join(repo.dir, 'link'), `${KEY}\n`);
      },
      fails: 'STD-0004 link',
    },
    {
      shape: 'a submodule turned into a folder',
      submodule: true,
      build: (repo: RepoBuilder) => {
        repo.git('rm', '--quiet', '--cached', 'vendor/lib');
        rmSync(join(repo.dir, 'vendor/lib'), { recursive: true, force: true });
        rmSync(join(repo.dir, '.gitmodules'));
        repo.write({ 'vendor/lib/key.pem.txt': `${KEY}\n` });
      },
      fails: 'STD-0004 vendor/lib/key.pem.txt',
    },
  ])('$shape', async ({ base, build, fails, expectLine, submodule }) => {
    const repo = newRepo();
    if (base?.link) {
      symlinkSync(base.link.symlink, join(repo.dir, 'link'));
      repo.commit('chore: link');
    }
    if (submodule) {
      const lib = newRepo({ 'lib.txt': 'lib\n' });
      repo.git('-c', 'protocol.file.allow=always', 'submodule', '--quiet', 'add', lib.dir, 'vendor/lib');
      repo.commit('chore: submodule');
    }
    repo.branch('pr');
    build(repo);
    repo.commit('feat: change shape');
    const { code, report, stderr } = await check(repo);
    expect(stderr).toBe('');
    expect(code).not.toBe(2);
    if (fails) expect(failing(report)).toContain(fails);
    if (expectLine) {
      const { gitRangeSource } = await import('../src/sources/git-source.ts');
      const source = await gitRangeSource({ repo: repo.dir, base: 'main' });
      const file = source.changeSet.files.find((f) => f.path === expectLine.path)!;
      expect(file.kind).toBe('symlink');
      expect(await file.addedLines()).toEqual([{ line: 1, text: expectLine.text }]);
      source.close();
    }
  });

  test('base equal to head says there was nothing to compare', async () => {
    const repo = newRepo();
    const run = await runCli(['check', '--repo', repo.dir, '--base', 'HEAD', '--date', DATE], { env: { STANDARDS_DIR: ROOT } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^note: nothing to compare: base and head are the same commit \(\w{12}\); no file was checked$/m);
  });

  test('a forged event whose base is the head says there was nothing to compare', async () => {
    const repo = pullRequest({ 'b.ts': 'x\n' });
    const head = repo.git('rev-parse', 'HEAD').trim();
    const dir = mkdtempSync(join(tmpdir(), 'event-'));
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 1, title: 'feat: b', body: '## Testing\nyes', base: { sha: head, ref: 'main' }, head: { sha: head } } }));
    const run = await runCli(['check', '--repo', repo.dir, '--pr-event', join(dir, 'event.json'), '--format', 'json', '--date', DATE], { env: { STANDARDS_DIR: ROOT } });
    expect(JSON.parse(run.stdout).notices).toContain(`nothing to compare: base and head are the same commit (${head.slice(0, 12)}); no file was checked`);
  });
});

describe('configuration that validates but should not', () => {
  const validate = (edit: (dir: string) => void) => {
    const dir = standardsCopy();
    edit(dir);
    return runCli(['validate', '--standards', dir]);
  };

  test('a supersession cycle is refused, naming every file in it', async () => {
    const run = await validate((dir) => {
      const a = join(dir, 'rules/general/todo-needs-ticket.yaml');
      writeFileSync(a, readFileSync(a, 'utf8').replace('status: active', 'status: superseded\nsuperseded_by: STD-0900'));
      writeFileSync(join(dir, 'rules/general/loop.yaml'), readFileSync(a, 'utf8').replace('id: STD-0005', 'id: STD-0900').replace('superseded_by: STD-0900', 'superseded_by: STD-0005'));
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('rules/general/loop.yaml:');
    expect(run.stderr).toContain('rules/general/todo-needs-ticket.yaml:');
    expect(run.stderr).toContain('superseded_by goes round in a loop: STD-0005 (rules/general/todo-needs-ticket.yaml) → STD-0900 (rules/general/loop.yaml) → STD-0005');
  });

  test('an alias bomb in a rule file names the file and line', async () => {
    const run = await validate((dir) => {
      const file = join(dir, 'rules/general/todo-needs-ticket.yaml');
      writeFileSync(file, `${readFileSync(file, 'utf8')}x-a: &a [l, l, l, l, l, l, l, l, l, l]\nx-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nx-c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n`);
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^rules\/general\/todo-needs-ticket\.yaml:\d+:\d+: invalid YAML: aliases expand past 100 copies/m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('a tag outside the core schema is refused at its line and column', async () => {
    const run = await validate((dir) => {
      const file = join(dir, 'exemptions/EX-0001.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^reason: .*$/m, 'reason: !!python/object:os.system "echo hi and more words"'));
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^exemptions\/EX-0001\.yaml:6:9: invalid YAML: the tag !!python\/object:os\.system is not allowed/m);
  });
});

describe('the event file', () => {
  test('a forged labels field is named, not an internal error', async () => {
    const repo = pullRequest({ 'b.ts': 'x\n' });
    const dir = mkdtempSync(join(tmpdir(), 'event-'));
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 1, title: 'feat: x', body: '', labels: 'notalist' } }, null, 2));
    const run = await runCli(['check', '--repo', repo.dir, '--pr-event', join(dir, 'event.json')], { env: { STANDARDS_DIR: ROOT } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/event\.json:6:15: pull_request\.labels: must be a list, got "notalist"/);
    expect(run.stderr).not.toContain('is not a function');
  });
});

describe('danger runs hold the same line', () => {
  const dangerBin = join(ROOT, 'node_modules/danger/distribution/commands/danger.js');
  const runDanger = (repo: RepoBuilder, env: Record<string, string>, command = 'local') => {
    writeFileSync(
      join(repo.dir, 'dangerfile.ts'),
      `import { danger, fail, warn, message, markdown, schedule } from 'danger';\nimport { checkWithDanger } from '${join(ROOT, 'dist/adapters/danger.js')}';\nschedule(checkWithDanger(danger, { fail, warn, message, markdown }, { today: '${DATE}' }));\n`,
    );
    return spawnSync(process.execPath, [dangerBin, command, '--base', 'main', '--dangerfile', 'dangerfile.ts'], { cwd: repo.dir, encoding: 'utf8', env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env }, timeout: 60_000 });
  };

  test("danger's own diff honours the PR's *.py -diff; the file is diffed from its contents instead", () => {
    const run = runDanger(pullRequest({ '.gitattributes': '*.py -diff\n', 'app.py': `import os\n${KEY}\n` }), { STANDARDS_DIR: ROOT });
    expect(run.stdout).toContain('### ❌ STD-0004 · No private keys in source files\n');
    expect(run.stdout).toMatch(/- `app\.py:2`: adds a private key/);
  });

  test('an unset STANDARDS_DIR under danger local says the example standards were used', () => {
    const run = runDanger(pullRequest({ 'b.ts': 'x\n' }), {});
    expect(run.stdout).toContain('standards-bot: no standards folder was given, so these are the example standards shipped with standards-bot');
  });

  test('a missing or empty standards folder is one clear line and a failing run, with no stack trace', () => {
    for (const dir of ['', '/no/such/standards']) {
      const run = runDanger(pullRequest({ 'b.ts': 'x\n' }), { STANDARDS_DIR: dir });
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/standards-bot could not check this pull request: (STANDARDS_DIR is set but empty|the standards folder \/no\/such\/standards does not exist)/);
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .*\.js:\d+/);
    }
  });

  test('danger local names the repository from the origin remote, so exemptions apply and links are prefilled', () => {
    const repo = pullRequest({ 'b.ts': 'x\n' });
    repo.git('remote', 'add', 'origin', 'https://github.com/acme/web-storefront.git');
    const run = runDanger(repo, { STANDARDS_DIR: ROOT });
    // EX-0002 names acme/web-storefront: it is expiring, so the repository it covers is told.
    expect(run.stdout).toContain('exemption EX-0002');
    expect(run.stdout).not.toContain('OWNER%2FREPO');
  });
});
