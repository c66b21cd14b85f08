// Deterministic synthetic repositories for the benchmarks: the same seed and size give the same
// commits, byte for byte. Written with `git fast-import`, which streams blobs and trees straight
// into the object store: a 100k-file repository takes seconds instead of minutes of `git add`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a small, fast, seedable PRNG. */
export function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const WORDS = ['account', 'balance', 'ledger', 'refund', 'invoice', 'payment', 'order', 'cart', 'user', 'session', 'token', 'report', 'event', 'queue', 'worker', 'cache', 'index', 'search', 'price', 'stock'];

// Share of each kind of file in a tree, by extension (weights).
const KINDS = [
  ['ts', 34], ['js', 6], ['py', 14], ['go', 9], ['java', 7], ['rb', 4], ['php', 2], ['md', 10], ['yaml', 6], ['json', 4], ['sql', 2], ['sh', 2],
];
const TOTAL_WEIGHT = KINDS.reduce((sum, [, w]) => sum + w, 0);

function kindOf(rng) {
  let roll = rng.int(TOTAL_WEIGHT);
  for (const [kind, weight] of KINDS) {
    if ((roll -= weight) < 0) return kind;
  }
  return 'ts';
}

/** A source file of a language: 20–80 lines, now and then a TODO, with or without a ticket. */
function sourceFile(kind, rng, name) {
  const lines = [];
  const count = 20 + rng.int(60);
  const word = () => rng.pick(WORDS);
  for (let i = 0; i < count; i++) {
    const w = word();
    if (rng.chance(0.01)) lines.push(rng.chance(0.5) ? `// TODO(PAY-${100 + rng.int(900)}): handle ${w}` : `// TODO: handle ${w} later`);
    else if (kind === 'py') lines.push(i % 6 === 0 ? `def ${w}_${i}(value):` : `    return value * ${i}  # ${w}`);
    else if (kind === 'go') lines.push(i % 6 === 0 ? `func ${w}${i}(v int) int {` : `\treturn v * ${i} // ${w}`);
    else if (kind === 'rb') lines.push(i % 6 === 0 ? `def ${w}_${i}(value)` : `  value * ${i} # ${w}`);
    else if (kind === 'md') lines.push(i === 0 ? `# ${name}` : `The ${w} module keeps ${word()} and ${word()} in step (${i}).`);
    else if (kind === 'yaml') lines.push(`${w}_${i}: ${rng.int(1000)}`);
    else if (kind === 'json') lines.push(i === 0 ? '{' : i === count - 1 ? `  "end": ${i}\n}` : `  "${w}_${i}": ${rng.int(1000)},`);
    else if (kind === 'sql') lines.push(`SELECT ${w}, ${word()} FROM ${word()}s WHERE id = ${i};`);
    else if (kind === 'sh') lines.push(i === 0 ? '#!/usr/bin/env bash' : `echo "${w} ${i}"`);
    else lines.push(i % 6 === 0 ? `export function ${w}${i}(value: number): number {` : `  return value * ${i}; // ${w}`);
  }
  return `${lines.join('\n')}\n`;
}

function packageJson(name, rng) {
  const deps = {};
  for (let i = 0; i < 8; i++) deps[`${rng.pick(['lodash', 'express', 'zod', 'date-fns', 'axios', 'pino', 'yaml', 'commander'])}${i ? `-${i}` : ''}`] = `^${1 + rng.int(5)}.${rng.int(10)}.0`;
  return `${JSON.stringify({ name, version: '1.0.0', license: 'MIT', dependencies: deps, devDependencies: { vitest: '^3.0.0', typescript: '~5.9.0' } }, null, 2)}\n`;
}

/** A package-lock.json (lockfileVersion 3) with `count` packages, each with a licence. */
export function packageLock(count, seed = 1) {
  const rng = random(seed);
  const packages = { '': { name: 'app', version: '1.0.0', dependencies: {} } };
  for (let i = 0; i < count; i++) {
    const name = `pkg-${i.toString(36)}`;
    if (i < 50) packages[''].dependencies[name] = `^1.${i}.0`;
    packages[`node_modules/${name}`] = { version: `1.${rng.int(40)}.${rng.int(10)}`, resolved: `https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz`, integrity: `sha512-${'a'.repeat(86)}==`, license: rng.chance(0.9) ? 'MIT' : 'Apache-2.0', ...(rng.chance(0.2) ? { dev: true } : {}) };
  }
  return `${JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

/** A Cargo.toml with `count` dependencies. */
export function cargoToml(count) {
  const lines = ['[package]', 'name = "app"', 'version = "0.1.0"', 'edition = "2021"', '', '[dependencies]'];
  for (let i = 0; i < count; i++) lines.push(i % 3 === 0 ? `crate-${i.toString(36)} = { version = "1.${i % 40}", features = ["std"] }` : `crate-${i.toString(36)} = "0.${i % 30}.1"`);
  return `${lines.join('\n')}\n`;
}

const MANIFESTS = {
  'requirements.txt': () => 'requests>=2.32.0\nflask==3.0.3\nsqlalchemy>=2.0,<3\n',
  'go.mod': (name) => `module github.com/acme/${name}\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/net v0.26.0\n\tgithub.com/google/uuid v1.6.0\n)\n`,
  'Cargo.toml': (name) => `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nserde = { version = "1.0", features = ["derive"] }\ntokio = "1.38"\n`,
  Gemfile: () => `source "https://rubygems.org"\n\ngem "rails", "~> 7.1"\ngem "puma", ">= 6.0"\n`,
  'pom.xml': (name) =>
    `<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>com.acme</groupId>\n  <artifactId>${name}</artifactId>\n  <version>1.0.0</version>\n  <dependencies>\n    <dependency>\n      <groupId>org.slf4j</groupId>\n      <artifactId>slf4j-api</artifactId>\n      <version>2.0.13</version>\n    </dependency>\n  </dependencies>\n</project>\n`,
  'pyproject.toml': (name) => `[project]\nname = "${name}"\nversion = "0.1.0"\ndependencies = ["httpx>=0.27", "pydantic>=2.7"]\n`,
};

const TEAMS = ['payments', 'billing', 'platform', 'web', 'data', 'identity', 'search', 'mobile'];

function catalogInfo(service, team, rng) {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${service}`,
    '  annotations:',
    `    acme.com/tier: "${1 + rng.int(3)}"`,
    `    pagerduty.com/service-id: P${service.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 6)}`,
    '  links:',
    `    - url: https://runbooks.acme.com/${service}`,
    '      title: Runbook',
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: group:${team}`,
    '',
  ].join('\n');
}

/**
 * The files of a synthetic repository of about `size` files: services with sources, manifests,
 * a catalog entry and a production deploy file each; shared packages; docs; a CODEOWNERS with
 * `rules` rules that leave some folders unowned.
 */
export function repositoryFiles(size, options = {}) {
  const rng = random(options.seed ?? 42);
  const files = new Map();
  files.set('README.md', '# Synthetic repository\n\nGenerated for standards-bot benchmarks.\n');
  files.set('LICENSE', 'MIT License\n\nCopyright (c) Acme\n');
  files.set('package.json', packageJson('monorepo', rng));
  const services = Math.max(2, Math.round(size / 250));
  // No catch-all owner: as in most real repositories, some folders have no owner.
  const ownerLines = ['# Generated', '/README.md @acme/platform', '/.github/ @acme/platform'];
  const rules = options.rules ?? Math.min(500, services * 2);
  const dirs = [];
  for (let s = 0; s < services; s++) {
    const service = `svc-${s}`;
    const team = TEAMS[s % TEAMS.length];
    const root = `services/${service}`;
    files.set(`${root}/catalog-info.yaml`, catalogInfo(service, team, rng));
    files.set(`${root}/README.md`, `# ${service}\n\nOwned by ${team}.\n`);
    files.set(`${root}/alerts/rules.yaml`, `groups:\n  - name: ${service}\n    rules: []\n`);
    files.set(`deploy/production/${service}/deployment.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${service}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          readinessProbe: { httpGet: { path: /healthz, port: 8080 } }\n`);
    const manifest = Object.keys(MANIFESTS)[s % Object.keys(MANIFESTS).length];
    files.set(`${root}/${manifest}`, MANIFESTS[manifest](service));
    if (s % 3 === 0) files.set(`${root}/package.json`, packageJson(service, rng));
    for (let d = 0; d < 4; d++) dirs.push(`${root}/src/${WORDS[(s + d) % WORDS.length]}`);
    if (ownerLines.length < rules + 3 && s % 5 !== 4) ownerLines.push(`/${root}/ @acme/${team}`);
  }
  for (let p = 0; p < Math.max(1, Math.round(services / 4)); p++) dirs.push(`packages/lib-${p}/src`, `docs/guide-${p}`);
  // Enough folders that each holds about 25 files.
  while (dirs.length < size / 25) dirs.push(`${rng.pick(dirs)}/${rng.pick(WORDS)}-${dirs.length}`);
  for (let i = 0; ownerLines.length < rules + 3; i++) ownerLines.push(`/${dirs[i % dirs.length]}/**/*.${rng.pick(['ts', 'py', 'go', 'md'])} @acme/${rng.pick(TEAMS)}`);
  files.set('.github/CODEOWNERS', `${ownerLines.join('\n')}\n`);
  let n = 0;
  while (files.size < size) {
    const dir = dirs[n % dirs.length];
    const kind = kindOf(rng);
    const name = `${rng.pick(WORDS)}-${n}.${kind}`;
    files.set(`${dir}/${name}`, sourceFile(kind, rng, name));
    n++;
  }
  return files;
}

/** A change to a synthetic repository: `modify` existing source files get lines appended, `add` new files appear. */
export function pullRequestFiles(base, options) {
  const rng = random(options.seed ?? 7);
  const change = new Map();
  const sources = [...base.keys()].filter((path) => /\.(ts|py|go|java|rb|js)$/.test(path));
  for (let i = 0; i < options.modify && i < sources.length; i++) {
    const path = sources[(i * 7919) % sources.length];
    change.set(path, `${base.get(path)}// change ${i}: ${rng.pick(WORDS)}\n`);
  }
  for (let i = 0; i < options.add; i++) {
    const kind = kindOf(rng);
    const dir = i % 10 === 9 ? `services/new-${Math.floor(i / 100)}/src` : `packages/feature-${Math.floor(i / 50)}/src`;
    change.set(`${dir}/file-${i}.${kind}`, sourceFile(kind, rng, `file-${i}`));
  }
  for (const [path, text] of Object.entries(options.extra ?? {})) change.set(path, text);
  return change;
}

function fastImport(dir, commits) {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import failed: ${stderr}`))));
    const write = (text) => new Promise((ok) => (child.stdin.write(text) ? ok() : child.stdin.once('drain', ok)));
    (async () => {
      let mark = 1;
      let time = 1_700_000_000;
      for (const commit of commits) {
        const marks = [];
        for (const [path, content] of commit.files) {
          const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
          await write(`blob\nmark :${mark}\ndata ${data.length}\n`);
          await write(data);
          await write('\n');
          marks.push([path, mark++]);
        }
        const message = Buffer.from(commit.message);
        let text = `commit ${commit.ref}\nmark :${mark++}\nauthor Bench <bench@example.com> ${time} +0000\ncommitter Bench <bench@example.com> ${time} +0000\ndata ${message.length}\n${commit.message}\n`;
        time += 60;
        if (commit.from) text += `from ${commit.from}\n`;
        if (commit.deleteAll) text += 'deleteall\n';
        for (const path of commit.deleted ?? []) text += `D ${path}\n`;
        for (const [path, m] of marks) text += `M 100644 :${m} ${path}\n`;
        await write(`${text}\n`);
      }
      await write('done\n');
      child.stdin.end();
    })().catch(reject);
  });
}

/**
 * A synthetic repository on disk, cached under `cacheDir` by its key: branch `main` holds the
 * base; `pr`, when a change is given, branches from it. Nothing is checked out.
 */
export async function syntheticRepository(cacheDir, key, build) {
  const dir = join(cacheDir, key);
  if (existsSync(join(dir, '.done'))) return dir;
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  spawnSync('git', ['init', '--quiet', '--initial-branch=main', partial]);
  const { base, change, deleted = [] } = build();
  const commits = [{ ref: 'refs/heads/main', message: 'chore: base', files: base, deleteAll: true }];
  if (change) commits.push({ ref: 'refs/heads/pr', from: 'refs/heads/main', message: 'feat: change', files: change, deleted });
  await fastImport(partial, commits);
  spawnSync('git', ['symbolic-ref', 'HEAD', change ? 'refs/heads/pr' : 'refs/heads/main'], { cwd: partial });
  spawnSync('touch', [join(partial, '.done')]);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return dir;
}
