// S6: `standards serve` under load, against the loopback GitHub double of the tests
// (test/helpers/fake-github.ts, bundled here with esbuild). The double answers at once, plays
// GitHub's webhook side (signed deliveries, the delivery log, redelivery on request) and enforces
// GitHub's documented secondary limits per installation. The server runs as operators run it: a
// separate process with App credentials and the default write spacing of one second.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const SECRET = 'bench-webhook-secret';
const BASE = 'b'.repeat(40);
const BASE_FILES = { 'README.md': '# Service\n', CODEOWNERS: '* @acme/payments\n', LICENSE: 'MIT\n', 'src/app.ts': 'export {};\n' };

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Resident memory of a process now and at its peak, in bytes (Linux /proc). */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)[1]) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

async function until(condition, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** 100 uploads at once of 24 MB each, signed with a signature that cannot match. */
function unsignedFlood(port, count, megabytes) {
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve) => {
          const req = request({ host: '127.0.0.1', port, path: '/webhooks', method: 'POST', headers: { 'transfer-encoding': 'chunked', 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` } }, (res) => {
            res.resume();
            resolve(res.statusCode);
          });
          req.on('error', () => resolve('reset'));
          let sent = 0;
          const pump = () => {
            while (sent < megabytes && req.write(chunk)) sent++;
            if (sent < megabytes) req.once('drain', () => (sent++, pump()));
            else req.end();
          };
          pump();
        }),
    ),
  );
}

/** Sends signed deliveries from the sender process, at most `concurrency` at once; its results. */
async function sendBatch(root, url, deliveries, concurrency) {
  const child = spawn(process.execPath, [join(root, 'bench/sender.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify({ url, secret: SECRET, deliveries, concurrency }));
  let output = '';
  for await (const chunk of child.stdout) output += chunk;
  return JSON.parse(output);
}

// A bare HTTP server: reads a body, parses it as JSON and answers 202. Prints its port.
const BARE_SERVER = `
const server = require('node:http').createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(202, { 'content-type': 'application/json' });
    res.end('{"status":"queued"}');
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/**
 * The acknowledgement times of a bare server, in a process of its own as the real one is, sent
 * the same batch by the same sender: the floor of the figure on this machine, where the sender's
 * own work takes much of it.
 */
async function acknowledgementFloor(root, deliveries, concurrency) {
  const bare = spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) => bare.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
  const results = await sendBatch(root, `http://127.0.0.1:${port}/webhooks`, deliveries, concurrency);
  bare.kill();
  return results.map((r) => r.finished - r.started);
}

export async function serverBench({ root, smoke, bin }) {
  // Inside the project, whatever --cache says: the bundle's dependencies resolve from its node_modules.
  const bundle = join(root, 'bench/.cache', `fake-github-${process.pid}.mjs`);
  await build({ entryPoints: [join(root, 'test/helpers/fake-github.ts')], outfile: bundle, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' });
  const { FakeGitHub } = await import(`${pathToFileURL(bundle).href}?${Date.now()}`);
  rmSync(bundle, { force: true });
  const require = createRequire(join(root, 'package.json'));
  const examples = require('@octokit/webhooks-examples');
  const opened = examples.find((e) => e.name === 'pull_request').examples.find((e) => e.action === 'opened');

  const installations = Number(process.env.S6_INSTALLATIONS ?? (smoke ? 2 : 20));
  const perInstallation = Number(process.env.S6_PER_INSTALLATION ?? (smoke ? 20 : 100));
  const total = installations * perInstallation;
  const github = new FakeGitHub();
  // 2,000 pull requests make tens of thousands of requests: count, do not keep them.
  github.record = false;
  const work = [];
  for (let i = 1; i <= installations; i++) {
    const owner = `org-${i}`;
    const commits = { [BASE]: BASE_FILES };
    const pulls = {};
    for (let n = 1; n <= perInstallation; n++) {
      const head = `${i.toString(16).padStart(4, '0')}${n.toString(16).padStart(36, '0')}`;
      commits[head] = { ...BASE_FILES, [`src/feature-${n}.ts`]: `export const feature${n} = ${n};\n` };
      pulls[n] = { base: BASE, head, title: `feat: feature ${n}`, body: '## Testing\nUnit tests pass.' };
      work.push({ installation: i, owner, number: n, head });
    }
    github.repository(`${owner}/service`, { commits, pulls });
  }
  await github.start();

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const env = {
    PATH: process.env.PATH,
    WEBHOOK_SECRET: SECRET,
    GITHUB_APP_ID: '12345',
    GITHUB_PRIVATE_KEY: privateKey,
    GITHUB_API_URL: github.url,
    HOST: '127.0.0.1',
    PORT: '0',
    STANDARDS_DIR: root,
    RECONCILE_INTERVAL: '10',
    // The smoke run keeps the spacing short so it ends in seconds; the full run uses the default.
    ...(smoke ? { WRITE_INTERVAL_MS: '50' } : {}),
    ...(process.env.S6_WRITE_INTERVAL_MS ? { WRITE_INTERVAL_MS: process.env.S6_WRITE_INTERVAL_MS } : {}),
  };
  const server = spawn(process.execPath, [...(process.env.S6_NODE_FLAGS ? process.env.S6_NODE_FLAGS.split(' ') : []), bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let port;
  let buffered = '';
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => {
      if (port) return;
      buffered += chunk;
      const line = buffered.split('\n').find((l) => l.includes('standards-bot listening'));
      if (line) {
        port = JSON.parse(line).port;
        buffered = '';
        resolve();
      }
    });
    server.on('exit', (code) => reject(new Error(`standards serve exited ${code}`)));
  });
  github.hook = { url: `http://127.0.0.1:${port}/webhooks`, secret: SECRET };
  let peak = memory(server.pid).rss;
  const sampler = setInterval(() => (peak = Math.max(peak, memory(server.pid).rss)), 50);

  const delivery = ({ installation, owner, number, head }) => {
    const payload = structuredClone(opened);
    payload.number = payload.pull_request.number = number;
    payload.pull_request.head.sha = head;
    payload.pull_request.base.sha = BASE;
    payload.repository = { ...payload.repository, name: 'service', full_name: `${owner}/service`, owner: { ...payload.repository.owner, login: owner } };
    payload.installation = { id: installation, node_id: 'x' };
    return { guid: randomUUID(), event: 'pull_request', payload };
  };
  /** Sends a batch from the sender process, and enters each attempt in the double's delivery log. */
  const send = async (batch, concurrency) => {
    const deliveries = batch.map(delivery);
    const results = await sendBatch(root, github.hook.url, deliveries, concurrency);
    results.forEach((result, i) => github.logDelivery({ ...result, event: 'pull_request', payload: deliveries[i].payload, redelivery: false }));
    return results;
  };
  const started = performance.now();
  // Interleaved so installations arrive mixed, as an organisation's pushes do.
  const order = [...work].sort((a, b) => a.number - b.number || a.installation - b.installation);
  const first50 = order.slice(0, Math.min(50, order.length / 2));
  const next200 = order.slice(first50.length, first50.length + Math.min(200, order.length / 2));
  const rest = order.slice(first50.length + next200.length);
  const ack = (results) => results.map((r) => r.finished - r.started);
  const floor50 = await acknowledgementFloor(root, first50.map(delivery), first50.length);
  const batch50 = await send(first50, first50.length);
  const batch200 = await send(next200, next200.length);
  const batchRest = await send(rest, 200);
  const statuses = [...batch50, ...batch200, ...batchRest].map((r) => r.status);
  const ack50 = ack(batch50);
  const ack200 = ack(batch200);
  const sent = performance.now();

  const heads = new Set(work.map((w) => w.head));
  const done = () => {
    const completed = new Set(github.checkRuns.filter((r) => r.status === 'completed').map((r) => r.head_sha));
    for (const head of heads) if (!completed.has(head)) return false;
    return github.lostDeliveries().length === 0;
  };
  const finished = await until(done, smoke ? 120_000 : 1_200_000);
  const elapsed = (performance.now() - started) / 1000;
  const completedHeads = new Set(github.checkRuns.filter((r) => r.status === 'completed').map((r) => r.head_sha));
  const unchecked = [...heads].filter((h) => !completedHeads.has(h)).length;
  const lost = github.lostDeliveries().length;
  const refused = statuses.filter((s) => s !== 202).length;
  const violations = [...github.limitViolations.values()].reduce((a, b) => a + b, 0);
  const duplicates = github.checkRuns.length - heads.size;

  const beforeFlood = peak;
  if (process.env.S6_DEBUG) console.log(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text());
  const flood = await unsignedFlood(port, 100, smoke ? 4 : 24);
  await new Promise((resolve) => setTimeout(resolve, 200));
  clearInterval(sampler);
  peak = Math.max(peak, memory(server.pid).peak);
  server.kill('SIGTERM');
  const code = await new Promise((resolve) => server.on('exit', resolve));
  await github.stop();

  const allAcks = [...ack50, ...ack200, ...ack(batchRest)];
  return [
    { id: 'S6', what: `ack p99, ${first50.length} concurrent deliveries (floor: a bare server that reads, parses and answers 202, the same batch from the same sender)`, wall: percentile(ack50, 99) / 1000, floor: { wall: percentile(floor50, 99) / 1000 }, target: '≤ 100 ms' },
    { id: 'S6', what: `ack p99, ${next200.length} concurrent deliveries`, wall: percentile(ack200, 99) / 1000, target: '≤ 1 s' },
    { id: 'S6', what: `ack p99, all ${allAcks.length} deliveries (${refused} refused)`, wall: percentile(allAcks, 99) / 1000 },
    {
      id: 'S6',
      what: `${total} PRs over ${installations} installations: ${(total / elapsed).toFixed(1)} PRs/s; ${unchecked} unchecked, ${lost} lost, ${violations} over GitHub's limits, ${duplicates} extra check runs${finished ? '' : ' (stopped waiting)'}`,
      wall: elapsed,
      stopped: !finished,
      target: '0 lost, ≥ 5 PRs/s, within the write limits',
      sentIn: (sent - started) / 1000,
    },
    { id: 'S6', what: `peak RSS of the server, incl. 100 concurrent unsigned ${smoke ? 4 : 24} MB bodies (${flood.filter((s) => s === 503).length} × 503, ${flood.filter((s) => s === 401).length} × 401; ${(beforeFlood / 2 ** 20).toFixed(0)} MiB before them); exit ${code}`, rss: peak, target: '≤ 300 MB' },
  ];
}
