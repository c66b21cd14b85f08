// `npm run bench`: whole-process benchmarks of standards-bot on deterministic synthetic
// repositories, each beside its floor (the same git work alone) or a peer, with the ratio. Its
// options are in USAGE below (`npm run bench -- --help`). Results and the before/after history
// live in bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { cpus, totalmem, tmpdir } from 'node:os';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format, measure, measureWithFloor, unjudged } from './measure.mjs';
import { newestProfile, topFunctions } from './profile.mjs';
import { cargoToml, packageLock, pullRequestFiles, repositoryFiles, syntheticRepository } from './synthetic.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/standards.js');
const DATE = '2026-11-26';

const USAGE = `usage: npm run bench -- [options]

  (no options)            every scenario at full size, five runs each (several minutes)
  --size smoke            the smallest size, one run each (what npm test runs)
  --size big              adds the scan of 368,000 files (hugeScan) and the dashboard from
                          its report (hugeDashboard)
  --only S1,S2            some scenarios: startup, S1, S2, S3, S4, S5, S6, codeowners (its
                          rows are owners), bigFile (big-file), dashboard
  --only repolinter       the peer: repolinter (installed from npm) beside a scan, on 5,000 files
                          and on S3's 100,000
  --profile S2            one run of a scenario under --cpu-prof, and its top five functions
  --runs N                runs of each command (default 5; 1 at --size smoke)
  --json FILE             the figures as JSON too
  --timeout SECONDS       stop a run after this long (default 900) and say so
  --cache DIR             where the synthetic repositories are built (default bench/.cache)
  --skip-build            measure what is built already
  -h, --help              this text`;

/** Exits with a usage error: 2, as the CLI does, and no stack trace. */
function usageError(message) {
  console.error(`bench: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      size: { type: 'string', default: 'full' },
      only: { type: 'string' },
      profile: { type: 'string' },
      json: { type: 'string' },
      runs: { type: 'string' },
      timeout: { type: 'string', default: '900' },
      cache: { type: 'string', default: join(ROOT, 'bench/.cache') },
      'skip-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  usageError(error.message);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!['smoke', 'full', 'big'].includes(args.size)) usageError(`--size ${args.size}: use smoke, full or big`);
for (const name of ['runs', 'timeout']) {
  if (args[name] !== undefined && !/^[1-9][0-9]*$/.test(args[name])) usageError(`--${name} ${args[name]}: a whole number, 1 or more`);
}
const SMOKE = args.size === 'smoke';
const RUNS = SMOKE ? 1 : Number(args.runs ?? 5);
// The table's row names are accepted for the scenarios that print them.
const ALIASES = { owners: 'codeowners', 'big-file': 'bigFile', 'huge-scan': 'hugeScan', 'huge-dashboard': 'hugeDashboard', 'S3-peer': 'repolinter', 'peer-5k': 'repolinter' };
const asked = args.only?.split(',').map((name) => name.trim());
const scenarioNamed = (name) => ALIASES[name] ?? name;
const only = asked && new Set(asked.map(scenarioNamed));
// The CLI starts from a code cache per command (src/startup/code-cache.ts). The bench keeps its
// own, emptied at the start (below, once the arguments are known to be good), so the first run of
// each command is a first start; medians are then of a warm cache, as on a developer's machine or
// a runner after its first check. S1 also measures a start with no cache at all, as on a fresh CI
// machine.
const COMPILE_CACHE = join(args.cache, 'compile-cache');
process.env.STANDARDS_COMPILE_CACHE = COMPILE_CACHE;

// Sizes scale down together for the smoke run, so every scenario still runs end to end.
const N = (full) => (SMOKE ? Math.max(40, Math.round(full / 100)) : full);

const rows = [];
const growth = [];

/** Extra node flags for every measured standards command (a profile run adds --cpu-prof). */
let nodeFlags = [];
function standards(argv) {
  return [process.execPath, ...nodeFlags, BIN, ...argv];
}

function git(repo, ...argv) {
  return spawnSync('git', argv, { cwd: repo, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 }).stdout;
}

const floors = {
  /** What git alone does for a change: list it with numbers, and read every changed blob. */
  diff: (base = 'main', head = 'pr') => ['bash', '-c', `git diff --numstat ${base} ${head} >/dev/null && git diff --raw --no-abbrev ${base} ${head} | awk '$4 !~ /^0+$/ {print $4}' | git cat-file --batch >/dev/null`],
  /** What git alone does for a scan: list the tree and read every blob. */
  scan: (head = 'HEAD') => ['bash', '-c', `git ls-tree -r ${head} | awk '$2 == "blob" {print $3}' | git cat-file --batch >/dev/null`],
};

function record(row) {
  // A row measured elsewhere (S6's server bench) brings its floor without a ratio of pairs.
  if (row.floor && row.ratio === undefined) row.ratio = row.wall / row.floor.wall;
  rows.push(row);
  const figures = [format.seconds(row.wall, row.stopped), format.mib(row.rss), row.floor ? `floor ${format.seconds(row.floor.wall)} (${format.times(row.ratio)})` : '', row.target ? `target ${row.target}` : ''].filter(Boolean);
  console.log(`  ${row.id.padEnd(10)} ${row.what}: ${figures.join(', ')}`);
  // Said loudly: the figure is of a run that skipped work.
  for (const standard of row.unjudged ?? []) console.log(`  ${''.padEnd(10)} ✗ not a full run: ${standard.slice(0, 160)}`);
}

function run(id, what, argv, options = {}) {
  // A JSON report is kept from the first run, to say whether every standard did its work.
  const reports = argv.includes('json') ? mkdtempSync(join(tmpdir(), 'bench-report-')) : undefined;
  const measuring = { runs: RUNS, expectCodes: options.expectCodes ?? [0, 1], cwd: options.cwd, env: options.env, timeout: Number(args.timeout), firstStdout: reports && join(reports, 'report.json') };
  // A floor is measured in turn with the command, run by run: see measureWithFloor.
  const result = options.floor ? measureWithFloor(argv, options.floor, measuring, { runs: RUNS, cwd: options.cwd, expectCodes: options.floorCodes ?? [0], timeout: measuring.timeout }) : measure(argv, measuring);
  const row = { id, what, ...result, target: options.target, peer: options.peer };
  if (reports) {
    if (!result.stopped) row.unjudged = unjudged(join(reports, 'report.json'));
    rmSync(reports, { recursive: true, force: true });
  }
  record(row);
  return row;
}

const checkArgs = (repo) => ['check', '--repo', repo, '--base', 'main', '--head', 'pr', '--standards', ROOT, '--format', 'json', '--date', DATE];
const scanArgs = (repo, head = 'HEAD') => ['scan', '--repo', repo, '--head', head, '--standards', ROOT, '--format', 'json', '--date', DATE];

async function prRepository(size, change) {
  const key = `pr-${size}-m${change.modify}-a${change.add}${change.name ? `-${change.name}` : ''}`;
  return syntheticRepository(args.cache, key, () => {
    const base = repositoryFiles(size);
    return { base, change: pullRequestFiles(base, change) };
  });
}

async function treeRepository(size, options = {}) {
  const key = `tree-${size}${options.name ? `-${options.name}` : ''}`;
  return syntheticRepository(args.cache, key, () => ({ base: options.files ?? repositoryFiles(size, options) }));
}

const scenarios = {
  async startup() {
    console.log('start-up');
    run('startup', 'node -e 0 (floor)', [process.execPath, '-e', '0']);
    run('startup', 'standards --version', standards(['--version']), { target: '≤ 0.12 s' });
    run('startup', 'standards --help', standards(['--help']));
    run('startup', 'standards validate', standards(['validate', '--standards', ROOT]));
  },

  async S1() {
    console.log('S1: a typical pull request, 10 files changed');
    const repo = await prRepository(N(5000), { modify: 6, add: 4 });
    run('S1', `10-file PR in a ${N(5000)}-file repo`, standards(checkArgs(repo)), { floor: floors.diff(), cwd: repo, target: '≤ 0.25 s, ≤ 120 MiB' });
    run('S1-cold', `the same, with no code cache (a fresh machine's first start)`, standards(checkArgs(repo)), { cwd: repo, env: { ...process.env, STANDARDS_COMPILE_CACHE: 'off' } });
    for (const size of [1000, 5000, 25000, 100000].map(N)) {
      const grown = await prRepository(size, { modify: 6, add: 4 });
      const row = run('S1-growth', `10-file PR in a ${size}-file repo`, standards(checkArgs(grown)), { floor: floors.diff(), cwd: grown, target: size === N(100000) ? '≤ 0.5 s' : undefined });
      growth.push({ series: '10-file PR', size, wall: row.wall, rss: row.rss });
    }
  },

  async S2() {
    console.log('S2: 10,000 files changed in a 100,000-file repository');
    const repo = await prRepository(N(100000), { modify: N(5000), add: N(5000) });
    run('S2', `${N(10000)}-file PR in a ${N(100000)}-file repo`, standards(checkArgs(repo)), { floor: floors.diff(), cwd: repo, target: '≤ 3 s, ≤ 400 MiB, ≤ 3× floor' });
  },

  async S3() {
    console.log('S3: scan of a 100,000-file repository');
    for (const size of [1000, 10000, 100000].map(N)) {
      const repo = await treeRepository(size);
      const row = run(size === N(100000) ? 'S3' : 'S3-growth', `scan of ${size} files`, standards(scanArgs(repo)), { floor: floors.scan(), cwd: repo, target: size === N(100000) ? '≤ 10 s, ≤ 600 MiB' : undefined });
      growth.push({ series: 'scan', size, wall: row.wall, rss: row.rss });
    }
    // As CI reads a report: through a pipe (to jq, or to the runner's log), whose reader can fall
    // behind. A file, as above, always takes the next write at once. Peak RSS is the largest of
    // the pipeline's processes: the scan's.
    const repo = await treeRepository(N(100000));
    run('S3-piped', `scan of ${N(100000)} files, its report read through a pipe`, ['bash', '-c', 'set -o pipefail; "$@" | cat', 'bash', ...standards(scanArgs(repo))], { cwd: repo, target: '≤ 10 s, ≤ 600 MiB' });
    // A monorepo with many exemptions: 500, each for one service's unowned files (STD-0016, the
    // CODEOWNERS standard, whose owner team ana-platform maintains), beside this repository's own.
    const exempted = mkdtempSync(join(tmpdir(), 'bench-exemptions-'));
    for (const entry of ['rules', 'exemptions', 'teams.yaml', 'standards.config.yaml']) cpSync(join(ROOT, entry), join(exempted, entry), { recursive: true });
    for (let i = 0; i < 500; i++) {
      const id = `EX-${String(1000 + i).padStart(4, '0')}`;
      writeFileSync(join(exempted, 'exemptions', `${id}.yaml`), `id: ${id}\nstandard: STD-0016\nrepos: [acme/bench]\npaths: ["services/svc-${i}/**"]\nreason: Owners for this service are being named in the reorganisation.\napproved_by: ana-platform\ncreated: 2026-10-01\nexpires: 2027-03-31\n`);
    }
    const exemptArgs = [...scanArgs(repo).map((arg) => (arg === ROOT ? exempted : arg)), '--repo-name', 'acme/bench'];
    run('S3-exempt', `scan of ${N(100000)} files, with 500 path exemptions`, standards(exemptArgs), { cwd: repo, target: '≤ 10 s, ≤ 600 MiB' });
    rmSync(exempted, { recursive: true, force: true });
    // SARIF for code scanning: at most 25,000 results, each with the line hash GitHub computes
    // from the file's text, so each of their files is read again after the scan.
    run('S3-sarif', `scan of ${N(100000)} files, as SARIF`, standards(scanArgs(repo).map((arg) => (arg === 'json' ? 'sarif' : arg))), { cwd: repo });
  },

  async S4() {
    console.log("S4: the Action's entry point on the demo pull request");
    const { buildDemoScenario } = await import('../dist/demo/scenario.js');
    const { repo, eventFile } = buildDemoScenario();
    const work = mkdtempSync(join(tmpdir(), 'bench-action-'));
    // As the runner starts a node24 action: its bundled file, inputs as INPUT_*, the event and
    // output files. The standards are given as standards-path (a checkout made before it), so the
    // figure is the Action's own time beyond the checkouts.
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_OUTPUT: join(work, 'output'),
      GITHUB_STEP_SUMMARY: join(work, 'summary.md'),
      GITHUB_REPOSITORY_OWNER: 'acme',
      RUNNER_TEMP: work,
      'INPUT_STANDARDS-PATH': ROOT,
      'INPUT_REPO-NAME': 'acme/payments-api',
      INPUT_SARIF: 'true',
      'INPUT_WORKING-DIRECTORY': '.',
    };
    writeFileSync(env.GITHUB_OUTPUT, '');
    writeFileSync(env.GITHUB_STEP_SUMMARY, '');
    run('S4', 'the bundled Action (dist/action/index.mjs) on the demo PR, with SARIF', [process.execPath, join(ROOT, 'dist/action/index.mjs')], { cwd: repo.dir, env, target: '≤ 5 s beyond the checkouts' });
    repo.dispose();
    rmSync(work, { recursive: true, force: true });
  },

  async S5() {
    console.log('S5: large manifests');
    for (const count of [10000, 20000, 100000].map(N)) {
      const repo = await syntheticRepository(args.cache, `lock-${count}`, () => ({ base: repositoryFiles(N(200)), change: new Map([['package-lock.json', packageLock(count)]]) }));
      const row = run(count === N(100000) ? 'S5' : 'S5-growth', `PR adding a ${count}-package package-lock.json`, standards(checkArgs(repo)), { target: count === N(100000) ? '≤ 2 s, ≤ 500 MiB' : undefined });
      growth.push({ series: 'package-lock.json packages', size: count, wall: row.wall, rss: row.rss });
    }
    const cargo = N(200000);
    const repo = await syntheticRepository(args.cache, `cargo-${cargo}`, () => ({ base: repositoryFiles(N(200)), change: new Map([['Cargo.toml', cargoToml(cargo)]]) }));
    run('S5-cargo', `PR adding a ${cargo}-dependency Cargo.toml`, standards(checkArgs(repo)), { target: '≤ 2 s, ≤ 500 MiB' });
  },

  async codeowners() {
    console.log('CODEOWNERS: scan of 10,000 paths with 500 rules and 5,000 unowned files');
    const size = N(10000);
    const files = repositoryFiles(size, { rules: SMOKE ? 20 : 500 });
    const repo = await treeRepository(size, { name: 'codeowners', files });
    run('owners', `scan of ${size} paths, ${SMOKE ? 20 : 500} CODEOWNERS rules`, standards(scanArgs(repo)), { floor: floors.scan(), cwd: repo, target: '≤ 5 s' });
  },

  async S6() {
    console.log(`S6: standards serve under a burst of ${SMOKE ? 40 : 2000} deliveries, against the loopback GitHub double`);
    const { serverBench } = await import('./server.mjs');
    for (const row of await serverBench({ root: ROOT, smoke: SMOKE, bin: BIN })) record(row);
  },

  async bigFile() {
    console.log('one 80 MB file');
    const size = SMOKE ? 1 : 80;
    const line = 'const value = computeSomethingQuiteLong(alpha, beta, gamma); // padding to a typical line\n';
    const text = line.repeat(Math.ceil((size * 1024 * 1024) / line.length));
    const files = new Map([['README.md', '# big\n'], ['LICENSE', 'MIT\n'], ['data/huge.ts', text]]);
    const repo = await treeRepository(1, { name: `one-${size}mb`, files });
    run('big-file', `scan of a repo holding one ${size} MB file`, standards(scanArgs(repo)), { floor: floors.scan(), cwd: repo, target: '≤ 2 s' });
    // A pull request that rewrites every line of it (a regenerated file): git's patch holds every
    // line twice. The issue names no target for it; it is measured so that its cost is known.
    const rewritten = await syntheticRepository(args.cache, `pr-one-${size}mb-rewritten`, () => ({ base: files, change: new Map([['data/huge.ts', text.replaceAll('padding', 'PADDING')]]) }));
    run('big-file', `check of a PR rewriting every line of that ${size} MB file`, standards(checkArgs(rewritten)), { floor: floors.diff(), cwd: rewritten });
  },

  async dashboard() {
    // The org scan's last step: the dashboard from every repository's JSON report. Here one
    // report of the 100,000-file scan (119 MB, 65,506 findings), named 16 times.
    const size = N(100000);
    const copies = SMOKE ? 2 : 16;
    console.log(`the dashboard from ${copies} reports of the ${size}-file scan`);
    const repo = await treeRepository(size);
    const work = mkdtempSync(join(tmpdir(), 'bench-dashboard-'));
    const reports = join(work, 'reports');
    mkdirSync(reports);
    const first = join(reports, 'repo-01.json');
    writeScanReport(repo, first);
    for (let i = 2; i <= copies; i++) symlinkSync(first, join(reports, `repo-${String(i).padStart(2, '0')}.json`));
    run('dashboard', `dashboard from ${copies} reports of the ${size}-file scan`, standards(dashboardArgs(reports, work)), { expectCodes: [0] });
    rmSync(work, { recursive: true, force: true });
  },
};

/** Writes a scan of `repo` into `file`, as an org scan leaves each repository's report; not measured, nor profiled. */
function writeScanReport(repo, file) {
  const out = openSync(file, 'w');
  const [command, ...argv] = [process.execPath, BIN, ...scanArgs(repo)];
  const scan = spawnSync(command, argv, { cwd: repo, stdio: ['ignore', out, 'inherit'] });
  closeSync(out);
  if (scan.status !== 0 && scan.status !== 1) throw new Error(`the scan for the dashboard exited ${scan.status}`);
}

const dashboardArgs = (reports, work) => ['dashboard', '--out', join(work, 'site'), '--reports', reports, '--standards', ROOT, '--date', DATE];

// A peer, measured only when asked for by name (`--only repolinter`): it installs a pinned
// repolinter from the npm registry into the cache, and lints a checkout of a synthetic repository
// beside standards-bot's scan of that checkout: the 5,000-file size the issue's own table compared
// the two at, and the 100,000-file repository that S3 scans, which the target names.
const REPOLINTER = 'repolinter@0.12.0';
scenarios.repolinter = async () => {
  console.log(`peer: ${REPOLINTER} (its default rules) beside standards-bot's scan, on a checkout of each size`);
  const peers = join(args.cache, 'peers');
  const bin = join(peers, 'node_modules/.bin/repolinter');
  if (!existsSync(bin)) {
    const install = spawnSync('npm', ['install', '--prefix', peers, '--no-audit', '--no-fund', '--silent', REPOLINTER], { stdio: 'inherit' });
    if (install.status !== 0) {
      console.log(`  skipped: could not install ${REPOLINTER} (is the npm registry reachable?)`);
      return;
    }
  }
  for (const [size, id, target] of [[N(5000), 'peer-5k', undefined], [N(100000), 'S3-peer', '≥ 3× faster than repolinter']]) {
    const checkout = join(args.cache, `checkout-tree-${size}`);
    if (!existsSync(checkout)) spawnSync('git', ['clone', '--quiet', await treeRepository(size), checkout], { stdio: 'inherit' });
    // The two are run in turn, run by run, as a command and its floor are: the ratio is the
    // median of the pairs, so it does not depend on which minutes each ran in. repolinter exits
    // 1 when a rule fails, as standards-bot does.
    const ours = run(id, `standards-bot scan of a ${size}-file checkout, run in turn with ${REPOLINTER}`, standards(scanArgs(checkout)), { cwd: checkout, floor: [bin, 'lint', '.'], floorCodes: [0, 1], target });
    record({ id, what: `${REPOLINTER}, default rules, on the same checkout (the floor column above)`, ...ours.floor });
    console.log(`  repolinter ÷ standards-bot at ${size} files: ${format.times(1 / ours.ratio)} (median of ${RUNS} pairs)`);
  }
};

const BIG_ONLY = ['hugeScan', 'hugeDashboard'];
if (args.size === 'big') {
  const hugeRepository = () => {
    const files = repositoryFiles(368000, { seed: 8 });
    // Pad to about 3.7 KB a file, so the tree holds 1.35 GB of text.
    for (const [path, text] of files) if (/\.(ts|py|go|java)$/.test(path)) files.set(path, text.repeat(Math.max(1, Math.round(3700 / text.length))));
    return treeRepository(368000, { name: 'huge', files });
  };
  scenarios.hugeScan = async () => {
    console.log('a scan of 368,000 files / 1.35 GB of text');
    const repo = await hugeRepository();
    run('huge-scan', 'scan of 368k files, 1.35 GB', standards(scanArgs(repo)), { floor: floors.scan(), cwd: repo, target: 'completes, ≤ 1.5 GB' });
  };
  scenarios.hugeDashboard = async () => {
    // The dashboard from that scan's report: 858 MB, more than Node can hold as one string, so
    // it is read as it streams in.
    console.log("the dashboard from the 368,000-file scan's report");
    const work = mkdtempSync(join(tmpdir(), 'bench-dashboard-'));
    const reports = join(work, 'reports');
    mkdirSync(reports);
    writeScanReport(await hugeRepository(), join(reports, 'repo.json'));
    run('huge-dashboard', "dashboard from the 368k-file scan's report", standards(dashboardArgs(reports, work)), { expectCodes: [0] });
    rmSync(work, { recursive: true, force: true });
  };
}

// Asked for by a name that runs nothing, the bench would print an empty table and pass.
const named = (asked ?? []).map((name) => ['--only', name]);
if (args.profile) named.push(['--profile', args.profile]);
for (const [option, name] of named) {
  const scenario = scenarioNamed(name);
  if (BIG_ONLY.includes(scenario) && !scenarios[scenario]) usageError(`${option} ${name}: the 368,000-file scan and its dashboard run only with --size big`);
  if (!scenarios[scenario]) usageError(`${option} ${name}: no such scenario; choose from ${Object.keys(scenarios).join(', ')}`);
}
/** Every scenario but the peer, which installs from the registry and runs only when named. */
const chosen = (id) => (only ? only.has(id) : id !== 'repolinter');

// Nothing is changed until the arguments are known to be good: a mistyped option must not empty
// the code cache of a bench already running. The test suite's smoke run has built already
// (--skip-build).
mkdirSync(args.cache, { recursive: true });
rmSync(COMPILE_CACHE, { recursive: true, force: true });
if (!args['skip-build']) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

if (args.profile) {
  const runner = scenarios[scenarioNamed(args.profile)];
  const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  nodeFlags = ['--cpu-prof', `--cpu-prof-dir=${dir}`];
  await runner();
  const file = newestProfile(dir);
  console.log(`\nTop five functions by self time (${file}):`);
  for (const { name, ms, share } of topFunctions(file, 5, ROOT)) console.log(`  ${(share * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
  process.exit(0);
}

console.log(`standards-bot bench (${args.size}): ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}\n`);
for (const [id, runner] of Object.entries(scenarios)) {
  if (chosen(id)) await runner();
}

console.log('\n| scenario | what | wall (median) | CPU | peak RSS | floor or peer | ratio | target |');
console.log('|---|---|---|---|---|---|---|---|');
for (const row of rows) {
  const what = row.unjudged?.length ? `${row.what} (✗ not a full run: ${row.unjudged.length} could not evaluate)` : row.what;
  console.log(`| ${row.id} | ${what} | ${format.seconds(row.wall, row.stopped)} | ${format.seconds(row.cpu)} | ${format.mib(row.rss)} | ${row.floor ? format.seconds(row.floor.wall) : ''} | ${row.floor ? format.times(row.ratio) : ''} | ${row.target ?? ''} |`);
}
if (growth.length) {
  console.log('\n| growth series | size | wall | peak RSS | × the smallest |');
  console.log('|---|---|---|---|---|');
  for (const series of [...new Set(growth.map((g) => g.series))]) {
    const points = growth.filter((g) => g.series === series);
    for (const point of points) console.log(`| ${series} | ${point.size} | ${format.seconds(point.wall)} | ${format.mib(point.rss)} | ${format.ratio(point.wall, points[0].wall)} |`);
  }
}
if (args.json) writeFileSync(args.json, `${JSON.stringify({ size: args.size, date: new Date().toISOString(), node: process.version, cpus: cpus().length, rows, growth }, null, 2)}\n`);
