// `standards init --org NAME`: a new standards repository for an organisation, made from the
// standards this package ships. The generic standards (secrets, required files, pull-request
// hygiene) start active; the language, library, ownership and on-call ones start proposed, for
// the organisation to adopt one at a time. Nothing is ever overwritten.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { generatedFiles } from '../docs/standards-md.ts';
import { UsageError } from '../diagnostics.ts';
import { PACKAGE_ROOT, packageVersion } from '../package.ts';
import { loadTrusted } from '../standards/trusted.ts';
import { EXIT, type CliIo } from './shared.ts';

export interface InitOptions {
  org: string;
  dir?: string;
  action?: string;
}

/** Rule folders whose standards every organisation can enforce from day one. */
const ACTIVE_FOLDERS = ['rules/security/', 'rules/pull-requests/', 'rules/general/required-files.yaml'];

const ORG_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** Where adopters take the Action from unless they say otherwise. */
export const DEFAULT_ACTION = 'standards-bot/standards-bot@v0';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The example organisation's team names (payments for @acme/payments), from the package's teams.yaml. */
function exampleTeamNames(): string[] {
  return [...readFileSync(join(PACKAGE_ROOT, 'teams.yaml'), 'utf8').matchAll(/^\s+"@acme\/([A-Za-z0-9_.-]+)":/gm)].map((m) => m[1]!);
}

/**
 * The package's example text made the organisation's: its team handles become the one example
 * team (the deliberately misspelt handle in a failing example stays misspelt), and its name and
 * domain become the organisation's.
 */
export function adaptText(text: string, org: string): string {
  return text
    .replace(/@acme\/paymnets/g, `@${org}/platfrom`)
    .replace(/@acme\/[A-Za-z0-9_.-]+/g, `@${org}/platform`)
    // Backstage catalog owners name a team without the organisation: group:payments.
    .replace(new RegExp(`\\bgroup:(default/)?(?:${exampleTeamNames().map((name) => name.replace(/[.]/g, '\\.')).join('|')})\\b`, 'g'), 'group:$1platform')
    .replace(/\bacme\b/g, org.toLowerCase())
    .replace(/\bAcme\b/g, org);
}

function adaptRule(path: string, text: string, org: string): string {
  const active = ACTIVE_FOLDERS.some((prefix) => path.startsWith(prefix));
  const adapted = adaptText(text, org);
  return active ? adapted : adapted.replace(/^status: \w+$/m, 'status: proposed');
}

function configYaml(org: string): string {
  return `# yaml-language-server: $schema=./schema/config.schema.json
# ${org}'s settings. Links on every finding are built from these.
organisation: ${org}
repository:
  # Web URL of this standards repository: findings link to STANDARDS.md, rule files and new exemptions here.
  url: https://github.com/${org}/standards
  default_branch: main
# Where the "propose a change" process is described, relative to this repository.
proposal_process: CONTRIBUTING.md#proposing-a-standard
docs: STANDARDS.md
exemptions:
  max_days: 365
  warn_days: 30
# Major changes to the standards need this group's approval, and enforce_from at least
# notice_days ahead. The platform team owns teams.yaml and these settings (.github/CODEOWNERS).
governance:
  group: "@${org}/platform"
  platform_team: "@${org}/platform"
  notice_days: 14
`;
}

function teamsYaml(org: string): string {
  return `# yaml-language-server: $schema=./schema/teams.schema.json
# ${org}'s teams. Ownership and on-call standards use this list to tell a real team from a typo;
# maintainers are the GitHub users who may approve exemptions on a team's behalf.
# Add every team that owns code, a service or a standard. Replace the example values below.
teams:
  "@${org}/platform":
    name: Platform
    slack: "#platform"
    oncall: "none:replace with the team's rotation, such as pagerduty:PABC123"
    maintainers: [replace-with-a-github-username]
`;
}

function packageJson(org: string): string {
  const manifest = {
    name: `${org.toLowerCase()}-standards`,
    private: true,
    description: `${org}'s engineering standards, checked by standards-bot`,
    scripts: { validate: 'standards validate', test: 'standards test', docs: 'standards docs', 'docs:check': 'standards docs --check', scan: 'standards scan' },
    devDependencies: { 'standards-bot': `^${packageVersion()}` },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** This repository's own pull requests: validation, rule tests, generated files, its own standards, and the review. */
function selfWorkflow(): string {
  return `# The standards repository's own checks. Make "standards" a required status check on main,
# with "Require review from Code Owners" on (see README).
name: standards
on:
  pull_request:
permissions:
  contents: read
jobs:
  standards:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - run: npm install --no-audit --no-fund
      - run: npx standards validate --standards .
      - run: npx standards test --standards .
      - run: npx standards docs --check --standards .
      # This repository meets its own standards: README, LICENSE, CODEOWNERS, no secrets.
      - run: npx standards scan --repo . --standards .
      - name: Review the proposal
        run: npx standards review-proposal --base "origin/\${BASE_REF}" >> "$GITHUB_STEP_SUMMARY"
        env:
          BASE_REF: \${{ github.base_ref }}
`;
}

/** The check every product repository runs: the file an organisation ruleset makes a required workflow. */
function productWorkflow(org: string, action: string): string {
  return `# The pull-request check for ${org}'s repositories. Roll it out with an organisation ruleset
# ("Require workflows to pass before merging", pointing at this file), or copy it into a
# repository as .github/workflows/standards.yml. See this repository's README, "First steps".
name: standards-check
on:
  pull_request:
permissions:
  contents: read
jobs:
  standards:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ${action}
        with:
          standards-repository: ${org}/standards
          # A private standards repository needs a token that can read it: see standards-bot's
          # README, "Adopting standards-bot", step 5.
          # token: \${{ secrets.STANDARDS_READ_TOKEN }}
`;
}

function orgScanWorkflow(): string {
  return readFileSync(join(PACKAGE_ROOT, '.github/workflows/org-scan.yml'), 'utf8');
}

function readme(org: string, action: string): string {
  return `# ${org} standards

${org}'s engineering standards as data, checked on every pull request by
[standards-bot](https://www.npmjs.com/package/standards-bot). Made by \`standards init --org ${org}\`.

- \`rules/\`: one YAML file per standard. The generic ones (secrets, required files, pull-request
  hygiene) are \`active\`; the language, library, ownership and on-call ones are \`proposed\`: they
  report for information only until a pull request sets them \`active\`.
- \`exemptions/\`: approved, expiring exceptions (see \`exemptions/README.md\`).
- \`teams.yaml\`: the teams. Replace the example team with yours before anything else.
- \`STANDARDS.md\`, \`schema/\` and \`.github/CODEOWNERS\`: generated by \`npx standards docs\`; CI fails while they are stale.

## First steps

1. Edit \`teams.yaml\` (your teams and their maintainers) and \`standards.config.yaml\`
   (repository URL, governance group), then run \`npm install && npx standards docs\`.
2. Check that everything holds: \`npx standards validate && npx standards test && npx standards docs --check\`.
3. Push this repository as \`${org}/standards\`. The Action finds it there by default.
4. Protect \`main\`: require the \`standards\` check and "Require review from Code Owners". The
   generated CODEOWNERS then makes each standard's owner team approve changes to it, and the
   standard's owners approve exemptions from it.
5. Roll the check out with an organisation ruleset that requires
   \`.github/workflows/standards-check.yml\` from this repository (it uses \`${action}\`).

## Changing a standard

See [CONTRIBUTING.md](CONTRIBUTING.md). Every pull request here is reviewed by
\`standards review-proposal\`, which names the rigour level and who must approve.
`;
}

function license(org: string, year: string): string {
  return `Copyright (c) ${year} ${org}. All rights reserved.

This repository holds ${org}'s internal engineering standards. Replace this notice with the
licence your organisation uses for internal repositories.
`;
}

/** Every file `init` writes, relative to the new repository, with its content. */
export function initFiles(org: string, action: string, year: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of filesUnder(join(PACKAGE_ROOT, 'rules'))) {
    const path = relative(PACKAGE_ROOT, file).replace(/\\/g, '/');
    files.set(path, adaptRule(path, readFileSync(file, 'utf8'), org));
  }
  // File-based rule examples, which `standards test` and review-proposal run.
  for (const file of filesUnder(join(PACKAGE_ROOT, 'test/standards'))) files.set(relative(PACKAGE_ROOT, file).replace(/\\/g, '/'), adaptText(readFileSync(file, 'utf8'), org));
  files.set('exemptions/README.md', adaptText(readFileSync(join(PACKAGE_ROOT, 'exemptions/README.md'), 'utf8'), org));
  files.set('CONTRIBUTING.md', adaptText(readFileSync(join(PACKAGE_ROOT, 'CONTRIBUTING.md'), 'utf8'), org));
  files.set('standards.config.yaml', configYaml(org));
  files.set('teams.yaml', teamsYaml(org));
  files.set('package.json', packageJson(org));
  files.set('.gitignore', 'node_modules/\n');
  files.set('README.md', readme(org, action));
  files.set('LICENSE', license(org, year));
  files.set('.github/workflows/standards.yml', selfWorkflow());
  files.set('.github/workflows/standards-check.yml', productWorkflow(org, action));
  files.set('.github/workflows/org-scan.yml', orgScanWorkflow());
  return files;
}

/** `standards init`: writes a new standards repository, then its generated files (STANDARDS.md, schemas, CODEOWNERS). */
export async function init(io: CliIo, options: InitOptions): Promise<number> {
  if (!ORG_LOGIN.test(options.org)) throw new UsageError(`--org ${JSON.stringify(options.org)}: use the organisation's GitHub login (letters, digits and single hyphens, at most 39)`);
  const action = options.action ?? DEFAULT_ACTION;
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.\-/]+@[A-Za-z0-9_.\-/]+$/.test(action)) throw new UsageError(`--action ${JSON.stringify(action)}: use owner/repo@ref`);
  const dir = resolve(io.cwd, options.dir ?? '.');
  const files = initFiles(options.org, action, new Date().toISOString().slice(0, 4));
  const generated = ['STANDARDS.md', '.github/CODEOWNERS', 'schema'];
  // Refuse before writing anything: a second run, or a folder that already holds a standards repository, is left as it is.
  const existing = [...files.keys(), ...generated].filter((path) => existsSync(join(dir, path)));
  if (existing.length) {
    throw new UsageError(`${dir} already has ${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ` and ${existing.length - 3} more` : ''}; init never overwrites. Use an empty folder, or --dir`);
  }
  for (const [path, content] of files) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content, { flag: 'wx' });
  }
  const { standards, config, exemptions } = await loadTrusted(dir);
  for (const file of generatedFiles(standards, config, exemptions)) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.content, { flag: 'wx' });
  }
  const active = standards.filter((s) => s.status === 'active').length;
  io.stdout.write(
    [
      `Created ${options.org}'s standards repository in ${dir}:`,
      `  ${standards.length} standards (${active} active, ${standards.length - active} proposed), teams.yaml, standards.config.yaml,`,
      '  STANDARDS.md, .github/CODEOWNERS, workflows, README.md and CONTRIBUTING.md.',
      'Next:',
      '  1. Replace the example team and maintainer in teams.yaml, then run `npx standards docs`.',
      '  2. Review LICENSE and the proposed standards; activate the ones you adopt by pull request.',
      `  3. Push it as ${options.org}/standards and protect main (README: "First steps").`,
      '',
    ].join('\n'),
  );
  return EXIT.pass;
}
