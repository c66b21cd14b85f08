// `npm run demo`: builds a throwaway repository with a pull request that breaks several of the
// shipped standards, then runs the real CLI on it and prints the report.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist/cli.js'))) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const { buildDemoScenario } = await import('../dist/demo/scenario.js');

const { repo, eventFile } = buildDemoScenario();
console.log(`Demo repository: ${repo.dir}`);
console.log('Pull request "Refunds stuff" (feature/refunds → main) adds .env and a private key, deletes LICENSE,');
console.log('adds an untracked TODO, 650 lines of rates, new PHP and Ruby, the denied npm library moment, a GPL');
console.log('package, bumps golang.org/x/net to a still-vulnerable version, deploys a new service nobody owns to');
console.log('production without a runbook, and leaves its Testing section empty.\n');
console.log(`$ standards check --repo ${repo.dir} --pr-event ${eventFile}\n`);

const run = spawnSync(process.execPath, [join(root, 'bin/standards.js'), 'check', '--repo', repo.dir, '--pr-event', eventFile], {
  stdio: 'inherit',
  // The demo judges with the example standards this package ships, named explicitly.
  env: { ...process.env, GITHUB_REPOSITORY: '', STANDARDS_DIR: root },
});
console.log(`\nstandards check exited ${run.status}: ${run.status === 1 ? 'the pull request fails, as it should.' : 'unexpected for this demo.'}`);

// The org view: scan the PR's head as one repository's report, then build the exemptions dashboard.
const reports = mkdtempSync(join(tmpdir(), 'standards-reports-'));
const scan = spawnSync(process.execPath, [join(root, 'bin/standards.js'), 'scan', '--repo', repo.dir, '--standards', root, '--repo-name', 'acme/payments-api', '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
writeFileSync(join(reports, 'payments-api.json'), scan.stdout);
const site = join(tmpdir(), 'standards-dashboard');
const dashboard = spawnSync(process.execPath, [join(root, 'bin/standards.js'), 'dashboard', '--out', site, '--reports', reports], { encoding: 'utf8' });
process.stdout.write(dashboard.stdout);
process.stderr.write(dashboard.stderr);
console.log(`Exemptions dashboard: ${pathToFileURL(join(site, 'index.html')).href}`);

rmSync(eventFile, { force: true });
rmSync(reports, { recursive: true, force: true });
repo.dispose();
process.exit(run.status === 1 && dashboard.status === 0 ? 0 : 1);
