import { cpSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RepoBuilder } from '../src/demo/repo-builder.ts';
import { runCli } from './helpers/cli.ts';

const ROOT = join(import.meta.dirname, '..');
const TODAY = '2026-11-26';
let repo: RepoBuilder;

/** A copy of this standards repository as a git repository of its own, for proposals against it. */
beforeAll(() => {
  repo = new RepoBuilder();
  for (const entry of ['rules', 'exemptions', 'teams.yaml', 'standards.config.yaml', 'STANDARDS.md', 'schema', 'test/fixtures/impact-corpus', 'test/standards']) cpSync(join(ROOT, entry), join(repo.dir, entry), { recursive: true });
  repo.commit('chore: standards as they are');
});
afterAll(() => repo.dispose());

async function propose(branch: string, edit: () => void, regenerate = true) {
  repo.git('checkout', '--quiet', 'main');
  repo.branch(branch);
  edit();
  if (regenerate) await runCli(['docs', '--standards', repo.dir]);
  repo.commit(`proposal: ${branch}`);
  return runCli(['review-proposal', '--repo', repo.dir, '--base', 'main', '--head', branch, '--date', TODAY]);
}

const rule = (path: string) => join(repo.dir, 'rules', path);
const edit = (path: string, from: string, to: string) => writeFileSync(rule(path), readFileSync(rule(path), 'utf8').replace(from, to));

describe('standards review-proposal on a real git repository', () => {
  test('a change outside rules, exemptions and teams is not reviewed', async () => {
    const run = await propose('readme', () => writeFileSync(join(repo.dir, 'NOTES.md'), 'notes\n'));
    expect(run).toMatchObject({ code: 0, stdout: '## Standards proposal review\n\nThis change touches no standard, exemption, team or setting: nothing to review.\n' });
  });

  test('a minor wording change passes, approved by the owner team', async () => {
    const run = await propose('wording', () => edit('security/no-private-keys.yaml', 'is a committed secret, whatever the file is\n  called.', 'is a committed secret, whatever the file is\n  named.'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('## ✅ Standards proposal review: minor change');
    expect(run.stdout).toContain('| STD-0004 | rationale edited | minor | @acme/security |');
  });

  test('the full review of a major proposal: a new fail standard without notice, examples or docs', async () => {
    const run = await propose(
      'new-standard',
      () =>
        writeFileSync(
          rule('libraries/no-left-pad.yaml'),
          'id: STD-0020\ntitle: No left-pad\nowner: "@acme/library-guild"\nstatus: active\nseverity: fail\nreview_by: 2027-06-30\nrationale: Eleven lines of code are not worth a dependency.\nremediation: Use String.prototype.padStart instead.\ncheck:\n  type: dependencies\n  deny:\n    - { name: left-pad, reason: use padStart }\n',
        ),
      false,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        '## ❌ Standards proposal review: major change, changes needed',
        '',
        '| Subject | Change | Level | Approvers |',
        '|---|---|---|---|',
        '| STD-0020 | new fail standard (active) | major | @acme/library-guild and @acme/standards-council |',
        '',
        '### ✅ Validation',
        '',
        'All rule files, exemptions, teams and settings are valid.',
        '',
        '### ❌ Rule tests',
        '',
        '- STD-0020 has no passing example; add examples: { pass: […], fail: […] } to rules/libraries/no-left-pad.yaml',
        '',
        '### ❌ Docs',
        '',
        '- STANDARDS.md was not regenerated; run `npx standards docs` and commit it',
        '',
        '### ❌ Lifecycle',
        '',
        "- STD-0020 is a major change; give teams 14 days' notice with enforce_from: 2026-12-10 or later",
        '',
        '### Impact preview',
        '',
        'No change on the 3 corpus repositories.',
        '',
      ].join('\n'),
    );
  });

  test('tightening an active standard in place: advice to supersede, and the impact on the corpus', async () => {
    const run = await propose('tighten', () => {
      edit('libraries/denied-libraries.yaml', '  deprecated:\n', '    - name: request\n      ecosystem: npm\n      reason: deprecated upstream\n      instead: undici\n  deprecated:\n');
      edit('libraries/denied-libraries.yaml', 'review_by: 2027-02-28', 'review_by: 2027-02-28\nenforce_from: 2027-01-15');
    });
    expect(run.stdout).toContain('| STD-0012 | enforce_from moved to 2027-01-15; stricter check or wider scope | major | @acme/library-guild and @acme/standards-council |');
    expect(run.stdout).toContain("- STD-0012 is active and its check gets stricter in place. Don't change a decision, supersede it:");
    expect(run.stdout).toContain('| STD-0012 | corpus/web-storefront | 1 | 0 | <code>package.json</code> |');
  });

  test.each([
    { name: 'a deleted standard', change: () => rmSync(rule('general/service-readme.yaml')), message: 'STD-0009 (rules/general/service-readme.yaml) was deleted; standards are never deleted' },
    { name: 'a status moving back', change: () => edit('languages/php-sunset.yaml', 'status: active', 'status: proposed'), message: 'STD-0010 moves back from active to proposed; status only moves forward' },
    {
      name: 'a reused id',
      change: () => writeFileSync(rule('general/service-readme.yaml'), readFileSync(rule('general/service-readme.yaml'), 'utf8').replace('title: Every service directory has its own README', 'title: Services have Dockerfiles').replace('type: required-files', 'type: forbidden-files').replace(/  directories: \["services\/\*"\]\n  files:\n    - name: README\n      any_of: \[README.md, README\]\n/, '')),
      message: 'STD-0009 now names a different standard',
    },
    { name: 'an invalid rule file', change: () => edit('pull-requests/reviewable-size.yaml', 'max_lines: 600', 'max_lines: many'), message: 'rules/pull-requests/reviewable-size.yaml:' },
  ])('$name is refused', async ({ name, change, message }) => {
    const run = await propose(name.replace(/\W+/g, '-'), change);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(message);
  });

  test('a new exemption is moderate, for the maintainers of the standard\'s owner', async () => {
    const run = await propose('exemption', () =>
      writeFileSync(
        join(repo.dir, 'exemptions/EX-0009.yaml'),
        'id: EX-0009\nstandard: STD-0012\nrepos: [acme/payments-api]\nreason: moment stays until the date library migration lands in Q1.\napproved_by: lib-lead\ncreated: 2026-11-20\nexpires: 2027-03-31\n',
      ),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('| EX-0009 | new exemption from STD-0012 for acme/payments-api, until 2027-03-31 | moderate | maintainers of @acme/library-guild (lib-lead) |');
  });
  test("a wording edit of a standard whose failing example is a file under test/standards/ is not refused for lacking one", async () => {
    const run = await propose('std-0008-wording', () => edit('pull-requests/reviewable-size.yaml', 'approved. Small pull requests', 'approved. Smaller pull requests'));
    expect(run.stdout).not.toContain('has no failing example');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('| STD-0008 | rationale edited | minor | @acme/developer-experience |');
  });

  test('a broken rule file at head gives its validation error and nothing else', async () => {
    const run = await propose('broken-rule', () => writeFileSync(rule('general/todo-needs-ticket.yaml'), 'id: STD-0001\ntitle: [unclosed\n'), false);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/rules\/general\/todo-needs-ticket\.yaml:\d+:\d+: /);
    expect(run.stdout).not.toMatch(/deleted|removed|newly passing|Lifecycle/);
  });

  test('a standard owned by a team missing from teams.yaml is refused', async () => {
    const run = await propose('unknown-owner', () => edit('pull-requests/reviewable-size.yaml', 'owner: "@acme/developer-experience"', 'owner: "@acme/no-such-team"'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('STD-0008 is owned by @acme/no-such-team, which is not a team in teams.yaml');
  });
});
