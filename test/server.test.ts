// The webhook server against a loopback GitHub (test/helpers/fake-github.ts): GitHub cannot be
// reached from here, so a small server whose responses follow @octokit/openapi-types stands in,
// records what GitHub would have received, and enforces GitHub's documented limits (annotations,
// comment sizes, secondary rate limits). Deliveries are real @octokit/webhooks-examples payloads,
// re-signed with the test secret, sent either directly or by the double playing GitHub's webhook
// (with its delivery log and redelivery endpoint).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import { COMMENT_MARKER } from '../src/server/report-back.ts';
import { createStandardsServer, REQUEST_TIMEOUT_MS, type ServerOptions } from '../src/server/app.ts';
import { serverSettings, type ServerSettings } from '../src/server/env.ts';
import { FAKE_APP_ID, FakeGitHub } from './helpers/fake-github.ts';

const ROOT = join(import.meta.dirname, '..');
const SECRET = 'webhook-test-secret';
const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as { name: string; examples: Record<string, any>[] }[];
const example = (name: string, action?: string) => structuredClone(examples.find((e) => e.name === name)!.examples.find((e) => !action || e.action === action)!);

const BASE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const HEAD2 = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const BASE_FILES = { 'README.md': '# Hello\n', CODEOWNERS: '* @acme/payments\n', LICENSE: 'MIT\n', 'src/app.ts': 'export {};\n' };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeGitHub(head: Record<string, string> = { ...BASE_FILES, '.env': 'SECRET=1\n', 'src/app.ts': 'export {};\n// TODO later\n' }) {
  const github = await new FakeGitHub()
    // The pull request as the API serves it matches the example payload's.
    .repository('Codertocat/Hello-World', { commits: { [BASE]: BASE_FILES, [HEAD]: head, [HEAD2]: { ...head, 'src/app.ts': 'export {};\n' } }, pulls: { 2: { base: BASE, head: HEAD, title: opened().pull_request.title, body: opened().pull_request.body } } })
    .start();
  cleanups.push(() => github.stop());
  return github;
}

/** The server in this process, with no write spacing and no reconciler timer: tests call `reconcile()`. */
async function startServer(github: FakeGitHub, overrides: Partial<ServerSettings> = {}, date = '2026-11-26', options: Pick<ServerOptions, 'collectGarbage'> = {}) {
  const lines: string[] = [];
  const logger = pino({ redact: ['*.authorization'] }, new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
  const base = serverSettings({ WEBHOOK_SECRET: SECRET, GITHUB_TOKEN: 'ghp_secret_token_value', GITHUB_API_URL: github.url, PORT: '0', HOST: '127.0.0.1', STANDARDS_DIR: ROOT });
  const settings: ServerSettings = { ...base, writeIntervalMs: 0, reconcileIntervalMs: 0, ...overrides };
  const app = createStandardsServer({ settings, logger, tuning: { retryBaseMs: 5 }, today: () => date, ...options });
  const { port } = await app.listen();
  cleanups.push(() => app.close());
  const url = `http://127.0.0.1:${port}`;
  github.hook = { url: `${url}/webhooks`, secret: SECRET };
  return { app, url, logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>), raw: () => lines.join('') };
}

let appKey: string | undefined;
/** GitHub App credentials for the double: its JWT endpoints (the delivery log) need them. */
function appCredentials() {
  appKey ??= generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
  return { GITHUB_APP_ID: String(FAKE_APP_ID), GITHUB_PRIVATE_KEY: appKey };
}

function appSettings(github: FakeGitHub): ServerSettings {
  return serverSettings({ WEBHOOK_SECRET: SECRET, ...appCredentials(), GITHUB_API_URL: github.url, PORT: '0', HOST: '127.0.0.1', STANDARDS_DIR: ROOT });
}

/** `standards serve` as a process, as operators run it; resolves once it listens. */
async function spawnServe(env: Record<string, string>) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/standards.js'), 'serve'], { env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', STANDARDS_DIR: ROOT, WRITE_INTERVAL_MS: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  });
  const port = await new Promise<number>((resolve, reject) => {
    const poll = setInterval(() => {
      const line = output.split('\n').find((l) => l.includes('standards-bot listening'));
      if (line) {
        clearInterval(poll);
        resolve((JSON.parse(line) as { port: number }).port);
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(poll);
      reject(new Error(`exited ${code}: ${output}`));
    });
  });
  return { child, url: `http://127.0.0.1:${port}`, exited, output: () => output, logs: () => output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** Peak resident memory of a process so far, in bytes (Linux). */
function peakRss(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function sign(body: string, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

async function deliver(url: string, event: string | undefined, payload: unknown, options: { id?: string; signature?: string | null; raw?: string } = {}) {
  const body = options.raw ?? JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-github-delivery': options.id ?? randomUUID() };
  if (event) headers['x-github-event'] = event;
  if (options.signature !== null) headers['x-hub-signature-256'] = options.signature ?? sign(body);
  const started = performance.now();
  const response = await fetch(`${url}/webhooks`, { method: 'POST', headers, body });
  return { status: response.status, body: await response.json().catch(() => null), ms: performance.now() - started };
}

const opened = () => example('pull_request', 'opened');
const synchronize = () => {
  const payload = example('pull_request', 'synchronize');
  payload.pull_request.head.sha = HEAD2;
  return payload;
};

describe('signed deliveries only', () => {
  test.each([
    { name: 'missing signature', event: 'pull_request', options: { signature: null }, status: 401 },
    { name: 'wrong signature', event: 'pull_request', options: { signature: sign('{}', 'not-the-secret') }, status: 401 },
    { name: 'missing event header', event: undefined, options: {}, status: 400 },
    { name: 'malformed JSON with a valid signature', event: 'pull_request', options: { raw: '{"action": "opened", ' }, status: 400 },
    { name: 'a signed body of null', event: 'pull_request', options: { raw: 'null' }, status: 400 },
    { name: 'a signed JSON array', event: 'pull_request', options: { raw: '[1]' }, status: 400 },
  ])('$name → $status', async ({ event, options, status }) => {
    const github = await fakeGitHub();
    const { url, app } = await startServer(github);
    const raw = (options as { raw?: string }).raw;
    const result = await deliver(url, event, opened(), { ...options, ...(raw ? { raw, signature: sign(raw) } : {}) });
    expect(result.status).toBe(status);
    await app.idle();
    expect(github.requests).toEqual([]);
  });

  test('a body over 25 MB is refused with 413 without reading it all', async () => {
    const github = await fakeGitHub();
    const { url } = await startServer(github);
    const { port } = new URL(url);
    const status = await new Promise<number>((resolve, reject) => {
      // Announce 26 MB, send 1 MB, and get the answer before the rest is ever sent.
      const req = httpRequest({ host: '127.0.0.1', port, path: '/webhooks', method: 'POST', headers: { 'content-length': String(26 * 1024 * 1024), 'x-github-event': 'ping', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': 'sha256=00' } }, (res) => resolve(res.statusCode!));
      req.on('error', reject);
      req.write(Buffer.alloc(1024 * 1024, 'a'));
    });
    expect(status).toBe(413);
  });

  test('a chunked body that grows past 25 MB is cut off at the limit', async () => {
    const github = await fakeGitHub();
    const { url } = await startServer(github);
    const { port } = new URL(url);
    let sent = 0;
    // 40 MB offered in 1 MB chunks, without a length: the server must stop reading near 25 MB.
    const outcome = await new Promise<number | 'reset'>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/webhooks', method: 'POST', headers: { 'transfer-encoding': 'chunked', 'x-github-event': 'ping', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': 'sha256=00' } }, (res) => resolve(res.statusCode!));
      req.on('error', () => resolve('reset'));
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      const pump = () => {
        while (sent < 40 && req.write(chunk)) sent++;
        if (sent < 40) req.once('drain', () => (sent++, pump()));
        else req.end();
      };
      pump();
    });
    expect([413, 'reset']).toContain(outcome);
    expect(sent).toBeLessThan(40);
  });
});

describe('pull requests', () => {
  test('opened: 202 at once, then one check run with annotations and links, and one comment', async () => {
    const github = await fakeGitHub();
    const { url, app, logs, raw } = await startServer(github);
    const payload = opened();
    const result = await deliver(url, 'pull_request', payload, { id: 'delivery-opened' });
    expect(result).toMatchObject({ status: 202, body: { status: 'queued' } });
    expect(result.ms).toBeLessThan(500);
    await app.idle();

    expect(github.checkRuns).toHaveLength(1);
    const [run] = github.checkRuns;
    expect(run).toMatchObject({ name: 'standards', head_sha: HEAD, status: 'completed', conclusion: 'failure' });
    // The example PR's title and description break STD-0006 and STD-0007 too.
    expect(run!.output.title).toBe('3 failing standards');
    expect(run!.output.summary).toContain('[Why](https://github.com/acme/standards/blob/main/STANDARDS.md#std-0003) · [Propose a change](https://github.com/acme/standards/edit/main/rules/security/no-secret-files.yaml) · [Request an exemption](https://github.com/acme/standards/new/main?filename=exemptions%2FEX-0009.yaml');
    expect(run!.annotations.map((a) => [a.path, a.start_line, a.annotation_level, a.title])).toEqual([
      ['.env', 1, 'failure', 'STD-0003 No secret-bearing files are committed'],
      ['src/app.ts', 2, 'warning', 'STD-0005 New TODOs name a ticket'],
    ]);
    expect(run!.annotations[0]!.raw_details).toMatch(/^Why: https:.*\nPropose a change: https:.*\nRequest an exemption: https:/);

    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain(COMMENT_MARKER);
    expect(github.comments[0]!.body).toContain('## ❌ Standards: failing');
    expect(github.requests.every((r) => r.headers.authorization === 'token ghp_secret_token_value')).toBe(true);
    expect(logs().find((l) => l.msg === 'pull request checked')).toMatchObject({ deliveries: ['delivery-opened'], pull_request: 2, verdict: 'fail' });
    expect(raw()).not.toContain('ghp_secret_token_value');
    expect(raw()).not.toContain(SECRET);
  });

  test('synchronize: a new check run on the new head, and the one comment updated in place; the same delivery again changes nothing', async () => {
    const github = await fakeGitHub();
    const { url, app } = await startServer(github);
    await deliver(url, 'pull_request', opened());
    await app.idle();
    github.repos.get('Codertocat/Hello-World')!.pulls[2] = { base: BASE, head: HEAD2 };
    await deliver(url, 'pull_request', synchronize());
    await app.idle();
    await deliver(url, 'pull_request', { ...synchronize(), action: 'synchronize' });
    await app.idle();

    expect(github.checkRuns.map((r) => [r.head_sha, r.conclusion])).toEqual([
      [HEAD, 'failure'],
      [HEAD2, 'failure'],
    ]);
    expect(github.comments).toHaveLength(1);
    expect(github.writes().filter((r) => r.path.endsWith('/comments')).map((r) => r.method)).toEqual(['POST']);
    // The third delivery found HEAD2 already checked in the same state: no writes at all.
    expect(github.writes().filter((r) => /\/issues\/comments\/\d+$/.test(r.path)).map((r) => r.method)).toEqual(['PATCH']);
    expect(github.comments[0]!.body).not.toContain('TODO');
  });

  test('a redelivery of a delivery that completed is a no-op; of one that failed, is checked again', async () => {
    const github = await fakeGitHub();
    const { url, app } = await startServer(github);
    await deliver(url, 'pull_request', opened(), { id: 'same-delivery' });
    await app.idle();
    const writes = github.writes().length;
    expect((await deliver(url, 'pull_request', opened(), { id: 'same-delivery' })).status).toBe(202);
    await app.idle();
    expect(github.writes()).toHaveLength(writes);
    expect(app.stats()).toMatchObject({ completed: 2, failed: 0 });

    // A delivery whose check failed (GitHub kept answering 502) leaves the run given back; the
    // same delivery redelivered is checked to the end.
    const second = await fakeGitHub();
    second.fail('GET', /\/pulls\/2\/files$/, ...Array.from({ length: 4 }, () => ({ status: 502 })));
    const other = await startServer(second);
    await deliver(other.url, 'pull_request', opened(), { id: 'failed-once' });
    await other.app.idle();
    expect(second.checkRuns[0]).toMatchObject({ status: 'queued', external_id: '', output: { title: 'Not checked yet' } });
    await deliver(other.url, 'pull_request', opened(), { id: 'failed-once' });
    await other.app.idle();
    expect(second.checkRuns).toHaveLength(1);
    expect(second.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  test('two servers receiving the same delivery leave one check run and one comment', async () => {
    const github = await fakeGitHub();
    const first = await startServer(github);
    const second = await startServer(github);
    await deliver(first.url, 'pull_request', opened(), { id: 'shared' });
    await first.app.idle();
    await deliver(second.url, 'pull_request', opened(), { id: 'shared' });
    await second.app.idle();
    expect(github.checkRuns).toHaveLength(1);
    expect(github.comments).toHaveLength(1);
  });

  test('a run another replica creates for the same head after this one claimed its own: this one yields before reporting, so the newest run carries the result', async () => {
    const github = await fakeGitHub();
    // Slow the change set down, so the other replica's run lands while this check is under way.
    github.fail('GET', /\/pulls\/2\/files/, { status: 500, delayMs: 400 });
    const server = await startServer(github);
    await deliver(server.url, 'pull_request', opened());
    // Its claim is made (run created, and no newer one seen) once it asks for the files.
    await until(() => github.requests.some((r) => r.path.endsWith('/pulls/2/files')), 5_000, 'this replica\'s claim');
    expect(github.checkRuns).toHaveLength(1);
    // What the other replica does after listing the commit's runs before this one created its own.
    const created = await fetch(`${github.url}/repos/Codertocat/Hello-World/check-runs`, { method: 'POST', headers: { authorization: 'token t', 'content-type': 'application/json' }, body: JSON.stringify({ name: 'standards', head_sha: HEAD, status: 'in_progress', external_id: 'the-other-replica' }) });
    expect(created.status).toBe(201);
    await server.app.idle();
    const [mine, theirs] = github.checkRuns;
    expect(mine).toMatchObject({ status: 'completed', conclusion: 'skipped', output: { title: 'Duplicate' } });
    expect(mine!.output.summary).toContain(`check run ${theirs!.id} has it`);
    expect(theirs).toMatchObject({ status: 'in_progress', external_id: 'the-other-replica' });
    expect(github.comments).toHaveLength(0);
    expect(server.logs().find((l) => l.outcome === 'superseded')).toMatchObject({ pull_request: 2 });
  });

  test('five pushes in a row while the pull request waits are checked once, at the newest head', async () => {
    const github = await fakeGitHub();
    // The first check is held up, so the pushes after it wait, and collapse into one entry.
    github.fail('GET', /\/pulls\/2$/, { status: 200, delayMs: 300, body: { number: 2, state: 'closed', title: 't', body: '', labels: [], draft: false, user: { login: 'o' }, base: { sha: BASE, ref: 'main' }, head: { sha: HEAD, ref: 'topic' } } });
    const { url, app } = await startServer(github, { concurrency: 1 });
    await deliver(url, 'pull_request', example('pull_request', 'opened'));
    const repo = github.repos.get('Codertocat/Hello-World')!;
    repo.pulls[2] = { base: BASE, head: HEAD2 };
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await deliver(url, 'pull_request', synchronize())).body);
    // Each push joins the pull request's work already under way: one more check, at the newest head.
    expect(answers).toEqual(Array.from({ length: 5 }, () => ({ status: 'coalesced' })));
    await app.idle();
    expect(app.stats()).toMatchObject({ queued: 1, coalesced: 5, completed: 2 });
    expect(github.checkRuns.map((r) => r.head_sha)).toEqual([HEAD2]);
  });

  test('the main thread collects once the queue has emptied, never while work is waiting', async () => {
    const github = await fakeGitHub();
    // The first check is held up, so the next pull request waits behind it.
    github.fail('GET', /\/pulls\/2$/, { status: 200, delayMs: 300, body: { number: 2, state: 'closed', title: 't', body: '', labels: [], draft: false, user: { login: 'o' }, base: { sha: BASE, ref: 'main' }, head: { sha: HEAD, ref: 'topic' } } });
    const repo = github.repos.get('Codertocat/Hello-World')!;
    repo.pulls[3] = { base: BASE, head: HEAD2 };
    const queueAtEachCollection: { pending: number; running: number }[] = [];
    const { url, app } = await startServer(github, { concurrency: 1 }, undefined, {
      collectGarbage: () => {
        const { pending, running } = app.stats();
        queueAtEachCollection.push({ pending, running });
      },
    });
    await deliver(url, 'pull_request', opened());
    const third = opened();
    third.pull_request.number = 3;
    third.pull_request.head.sha = HEAD2;
    expect((await deliver(url, 'pull_request', third)).status).toBe(202);
    await app.idle();
    await until(() => queueAtEachCollection.length > 0, 5_000, 'a collection');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.stats()).toMatchObject({ completed: 2 });
    // The first check settled with the second waiting: no collection then; one when both were done.
    expect(queueAtEachCollection).toEqual([{ pending: 0, running: 0 }]);
  });

  test('more than 50 findings go out as annotations in batches of 50', async () => {
    const todos = Array.from({ length: 60 }, (_, i) => `// TODO item ${i}`).join('\n');
    const github = await fakeGitHub({ ...BASE_FILES, 'src/app.ts': `export {};\n${todos}\n` });
    // The check reads the pull request from the API, whatever the delivery said.
    Object.assign(github.repos.get('Codertocat/Hello-World')!.pulls[2]!, { title: 'chore: list the remaining work', body: '## Testing\nNothing to run.' });
    const { url, app } = await startServer(github);
    await deliver(url, 'pull_request', opened());
    await app.idle();
    const updates = github.writes().filter((r) => /\/check-runs\/\d+$/.test(r.path));
    const batches = updates.map((r) => ((r.body as { output?: { annotations?: unknown[] } }).output?.annotations ?? []).length);
    expect(batches).toEqual([50, 10]);
    expect(github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
  });

  test('a PR that now passes gets its comment marked resolved, and a check run that succeeds', async () => {
    const github = await fakeGitHub();
    const { url, app } = await startServer(github);
    await deliver(url, 'pull_request', opened());
    await app.idle();
    const repo = github.repos.get('Codertocat/Hello-World')!;
    repo.commits[HEAD2] = { ...BASE_FILES, 'src/app.ts': 'export const ok = true;\n' };
    repo.pulls[2] = { base: BASE, head: HEAD2 };
    const payload = synchronize();
    payload.pull_request.title = 'feat: fix everything';
    payload.pull_request.body = '## Testing\nRan the tests.';
    await deliver(url, 'pull_request', payload);
    await app.idle();
    expect(github.checkRuns.at(-1)).toMatchObject({ head_sha: HEAD2, conclusion: 'success' });
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain('## ✅ Standards: resolved');
  });

  test('a file GitHub sends without a patch (the PR\'s own .gitattributes says -diff) is diffed from its contents', async () => {
    const head = { ...BASE_FILES, '.gitattributes': '*.py -diff\n', 'app.py': 'import os\n-----BEGIN RSA PRIVATE KEY-----\n' };
    const github = await fakeGitHub(head);
    const repo = github.repos.get('Codertocat/Hello-World')!;
    const { diffEntries } = await import('./helpers/fake-github.ts');
    // GitHub shows such a file as binary: no patch, while its counts stay.
    repo.pulls[2]!.files = diffEntries(BASE_FILES, head).map((entry) => (entry.filename === 'app.py' ? { ...entry, patch: undefined } : entry));
    const { url, app } = await startServer(github);
    await deliver(url, 'pull_request', opened());
    await app.idle();
    const [run] = github.checkRuns;
    expect(run!.annotations.map((a) => [a.path, a.start_line, a.title])).toContainEqual(['app.py', 2, 'STD-0004 No private keys in source files']);
  });

  test('a PR with 600 findings: the check-run summary and the comment fit GitHub\'s limits, which the loopback GitHub enforces', async () => {
    const todos = Array.from({ length: 600 }, (_, i) => `// TODO: item ${i + 1} https://tracker.example/${i + 1}`).join('\n');
    const github = await fakeGitHub({ ...BASE_FILES, 'src/todos.ts': todos });
    const { url, app } = await startServer(github, {}, '2027-02-01');
    await deliver(url, 'pull_request', opened());
    await app.idle();
    const [run] = github.checkRuns;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(Buffer.byteLength(run!.output.summary!)).toBeLessThanOrEqual(65_535);
    expect(run!.output.summary).toMatch(/\*\*…and [\d,]+ more findings \([\d,]+ failing\) that did not fit here: see this check run's annotations\.\*\*/);
    expect(run!.annotations).toHaveLength(600);
    const [comment] = github.comments;
    expect(Buffer.byteLength(comment!.body!)).toBeLessThanOrEqual(65_536);
    expect(comment!.body).toMatch(/see the standards check run\.\*\*/);
  });

  test('a PR over 3,000 files: the files GitHub does not list are found by comparing the trees', async () => {
    // GitHub's files list stops at 3,000 (the double enforces it); the secret sorts last.
    const many = Object.fromEntries(Array.from({ length: 3_499 }, (_, i) => [`docs/page-${String(i).padStart(4, '0')}.md`, `# Page ${i}\n`]));
    const github = await fakeGitHub({ ...BASE_FILES, ...many, 'zz/.env': 'SECRET=1\n' });
    const { url, app } = await startServer(github);
    await deliver(url, 'pull_request', opened());
    await app.idle();
    const [run] = github.checkRuns;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(run!.annotations.map((a) => [a.path, a.title])).toContainEqual(['zz/.env', 'STD-0003 No secret-bearing files are committed']);
    expect(run!.output.summary).not.toContain('could not be read in full');
  });

  test('a PR over 3,000 files whose tree GitHub cuts short fails, saying the change could not be read in full', async () => {
    const many = Object.fromEntries(Array.from({ length: 3_100 }, (_, i) => [`docs/page-${i}.md`, `# Page ${i}\n`]));
    const github = await fakeGitHub({ ...BASE_FILES, ...many });
    github.treeLimit = 3_050;
    const { url, app } = await startServer(github);
    const payload = opened();
    await deliver(url, 'pull_request', payload);
    await app.idle();
    const [run] = github.checkRuns;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Not all of this pull request could be checked' } });
    expect(run!.output.summary).toContain("GitHub lists only the first 3,000 files of a pull request, and cut short the tree of its head (over 100,000 entries), so this pull request's change could not be read in full");
  });

  test('a PR from a fork is evaluated like any other, reading the base repository only', async () => {
    const github = await fakeGitHub();
    const { url, app } = await startServer(github);
    const payload = opened();
    payload.pull_request.head.repo = { ...payload.pull_request.head.repo, full_name: 'outsider/Hello-World', owner: { ...payload.pull_request.head.repo.owner, login: 'outsider' } };
    await deliver(url, 'pull_request', payload);
    await app.idle();
    expect(github.checkRuns[0]).toMatchObject({ conclusion: 'failure' });
    expect(github.requests.every((r) => r.path.startsWith('/repos/Codertocat/Hello-World/'))).toBe(true);
    expect(github.requests.filter((r) => r.path.includes('/contents/')).every((r) => r.method === 'GET')).toBe(true);
  });

  test("a head GitHub cannot list pull requests for (422 No commit found) is checked for its own pull request, saying so", async () => {
    const github = await fakeGitHub();
    github.fail('GET', /\/commits\/[0-9a-f]+\/pulls$/, { status: 422, body: { message: 'No commit found for SHA: ec26c3e' } });
    const { url, app, logs } = await startServer(github);
    await deliver(url, 'pull_request', opened());
    await app.idle();
    expect(github.requests.filter((r) => r.path.endsWith(`/commits/${HEAD}/pulls`))).toHaveLength(1);
    expect(github.checkRuns).toHaveLength(1);
    expect(github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(github.checkRuns[0]!.output.summary).toContain('so this check run is for `#2` alone.');
    expect(logs().find((l) => l.msg === "GitHub could not list the head commit's pull requests; checking this one alone")).toMatchObject({ pull_request: 2, head: HEAD });
    expect(github.comments.map((c) => c.issue)).toEqual([2]);
  });

  test('check_run.rerequested runs the check again for its pull requests', async () => {
    const github = await fakeGitHub();
    github.repository('github/hello-world', { commits: { [BASE]: BASE_FILES, [HEAD]: { ...BASE_FILES, '.env': 'x\n' } }, pulls: { 7: { base: BASE, head: HEAD, title: 'fix: x' } } });
    const { url, app } = await startServer(github);
    const payload = example('check_run', 'rerequested');
    payload.check_run.name = 'standards';
    payload.check_run.pull_requests = [{ number: 7, head: { sha: HEAD }, base: { sha: BASE } }];
    expect((await deliver(url, 'check_run', payload)).status).toBe(202);
    await app.idle();
    expect(github.checkRuns.filter((r) => r.repo === 'github/hello-world').map((r) => r.conclusion)).toEqual(['failure']);
  });

  test('ping is acknowledged; other events are acknowledged and ignored', async () => {
    const github = await fakeGitHub();
    const { url, app } = await startServer(github);
    expect(await deliver(url, 'ping', example('ping'))).toMatchObject({ status: 200, body: { status: 'pong' } });
    expect((await deliver(url, 'issues', example('issues', 'opened'))).body).toEqual({ status: 'ignored', event: 'issues.opened' });
    expect((await deliver(url, 'pull_request', example('pull_request', 'closed'))).body).toEqual({ status: 'ignored', event: 'pull_request.closed' });
    await app.idle();
    expect(github.requests).toEqual([]);
  });
});

describe('faults', () => {
  test('the API answers 500 twice, then 200: the check completes', async () => {
    const github = await fakeGitHub();
    github.fail('GET', /\/pulls\/2\/files$/, { status: 500 }, { status: 500 });
    const { url, app } = await startServer(github);
    await deliver(url, 'pull_request', opened());
    await app.idle();
    expect(github.requests.filter((r) => r.path.endsWith('/pulls/2/files'))).toHaveLength(3);
    expect(app.stats()).toMatchObject({ completed: 1, failed: 0 });
    expect(github.checkRuns[0]!.status).toBe('completed');
  });

  test('a call that hangs is abandoned after REQUEST_TIMEOUT and tried again', async () => {
    const github = await fakeGitHub();
    github.fail('GET', /\/pulls\/2\/files$/, { status: 200, hang: true });
    const { url, app, logs } = await startServer(github, { requestTimeoutMs: 400 });
    const started = Date.now();
    await deliver(url, 'pull_request', opened());
    await app.idle();
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(github.requests.filter((r) => r.path.endsWith('/pulls/2/files'))).toHaveLength(2);
    expect(logs().find((l) => l.msg === 'GitHub call failed; retrying')).toMatchObject({ method: 'GET', url: expect.stringContaining('/repos/Codertocat/Hello-World/pulls/2/files'), error: 'The operation was aborted due to timeout' });
    expect(github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  test('a check past JOB_TIMEOUT is stopped and its check run given back; /healthz stays ok', async () => {
    const github = await fakeGitHub();
    github.fail('GET', /\/pulls\/2\/files$/, { status: 200, hang: true });
    // Long enough for the check run to be made before the hang on a loaded machine: at 0.5 s, a
    // clean-clone run under load timed out before it, and found no check run to give back.
    const { url, app, logs } = await startServer(github, { requestTimeoutMs: 60_000, jobTimeoutMs: 2_000 });
    await deliver(url, 'pull_request', opened());
    await app.idle();
    expect(github.checkRuns[0]).toMatchObject({ status: 'queued', external_id: '', output: { title: 'Not checked yet' } });
    expect(github.checkRuns[0]!.output.summary).toContain('the check took longer than 2 s');
    expect(logs().find((l) => l.msg === 'check failed; the reconciler will take it up again')).toMatchObject({ pull_request: 2 });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  test.each([
    { status: 403, message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
    { status: 429, message: 'Too Many Requests' },
  ])('a $status with retry-after: 2 is retried no sooner than 2 s later', async ({ status, message }) => {
    const github = await fakeGitHub();
    github.fail('POST', /\/check-runs$/, { status, headers: { 'retry-after': '2' }, body: { message } });
    const { url, app, logs } = await startServer(github);
    await deliver(url, 'pull_request', opened());
    await app.idle();
    const posts = github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/check-runs'));
    expect(posts).toHaveLength(2);
    expect(logs().find((l) => l.msg === 'GitHub call failed; retrying')).toMatchObject({ status, waitMs: 2000 });
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(2000);
    expect(github.checkRuns).toHaveLength(1);
    expect(github.checkRuns[0]!.status).toBe('completed');
  });

  test('a 403 over the primary limit waits for x-ratelimit-reset', async () => {
    const { waitBeforeRetry } = await import('../src/server/github-client.ts');
    const policy = { retryBaseMs: 1000, retries: 3, secondaryFallbackMs: 60_000 };
    const now = 1_800_000_000_000;
    const cases: [Parameters<typeof waitBeforeRetry>[0], number | undefined][] = [
      [{ status: 403, message: 'API rate limit exceeded', response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 90) } } }, 91_000],
      [{ status: 429, message: 'Too Many Requests', response: { headers: { 'retry-after': '30' } } }, 30_000],
      [{ status: 403, message: 'You have exceeded a secondary rate limit', response: { headers: {} } }, 60_000],
      [{ status: 403, message: 'Resource not accessible by integration', response: { headers: {} } }, undefined],
      [{ status: 502, message: 'Bad Gateway' }, 4000],
      [{ status: 404, message: 'Not Found' }, undefined],
    ];
    for (const [error, wait] of cases) expect(waitBeforeRetry(error, 2, policy, now), error.message).toBe(wait);
  });

  test('502 until the retries run out: the check run is given back, and the reconciler checks it again', async () => {
    const github = await fakeGitHub();
    // Four failures: the first try and all three retries.
    github.fail('GET', /\/pulls\/2\/files$/, ...Array.from({ length: 4 }, () => ({ status: 502 })));
    const { url, app, logs } = await startServer(github);
    await deliver(url, 'pull_request', opened(), { id: 'doomed' });
    await app.idle();
    expect(app.stats().failed).toBe(1);
    expect(logs().find((l) => l.msg === 'check failed; the reconciler will take it up again')).toMatchObject({ deliveries: ['doomed'], status: 502 });
    expect(github.checkRuns[0]).toMatchObject({ status: 'queued', external_id: '' });
    const pass = await app.reconcile();
    expect(pass.scheduled).toEqual([{ key: 'codertocat/hello-world#2', reason: 'a check was interrupted' }]);
    await app.idle();
    expect(github.checkRuns).toHaveLength(1);
    expect(github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    // A second pass finds nothing left to do.
    expect((await app.reconcile()).scheduled).toEqual([]);
  });

  test('a burst past the queue size: refused deliveries are redelivered by the reconciler until none is lost, within the write limits', async () => {
    const github = await fakeGitHub();
    const repo = github.repos.get('Codertocat/Hello-World')!;
    delete repo.pulls[2];
    const headOf = (n: number) => n.toString(16).padStart(40, 'c');
    for (let n = 10; n < 40; n++) {
      repo.commits[headOf(n)] = repo.commits[HEAD]!;
      repo.pulls[n] = { base: BASE, head: headOf(n), title: 'feat: change', body: '## Testing\nran it' };
    }
    const { app } = await startServer(github, { ...appSettings(github), queueSize: 5, concurrency: 2, writeIntervalMs: 0, reconcileIntervalMs: 0 });
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const payload = example('pull_request', 'opened');
        payload.number = payload.pull_request.number = 10 + i;
        payload.installation = { id: 1 + (i % 3), node_id: 'x' };
        payload.pull_request.head.sha = headOf(10 + i);
        return github.send('pull_request', payload);
      }),
    );
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(github.lostDeliveries().length).toBe(statuses.filter((s) => s === 503).length);
    for (let pass = 0; pass < 10 && github.lostDeliveries().length; pass++) {
      await app.idle();
      const logged = github.deliveries.length;
      const { redelivered } = await app.reconcile();
      // Redeliveries arrive as GitHub sends them, after the request for them is answered.
      await until(() => github.deliveries.length >= logged + redelivered, 10_000, 'redeliveries');
    }
    await app.idle();
    expect(github.lostDeliveries()).toEqual([]);
    expect(github.checkRuns.map((r) => [r.head_sha, r.status]).sort()).toEqual(Array.from({ length: 30 }, (_, i) => [headOf(10 + i), 'completed']).sort());
    expect(github.comments.map((c) => c.issue).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => 10 + i));
    expect(github.deliveries.filter((d) => d.redelivery).every((d) => d.status === 'OK')).toBe(true);
    expect([...github.limitViolations]).toEqual([]);
  });

  test('a delivery that fails every redelivery is given up after five, and logged', async () => {
    const github = await fakeGitHub();
    const { app, logs } = await startServer(github, appSettings(github));
    // The App's webhook URL points nowhere: every attempt fails, as when a server is down.
    github.hook = { url: 'http://127.0.0.1:9/webhooks', secret: SECRET };
    expect(await github.send('pull_request', opened())).toBe(0);
    for (let pass = 0; pass < 7; pass++) {
      const logged = github.deliveries.length;
      const { redelivered } = await app.reconcile();
      await until(() => github.deliveries.length >= logged + redelivered, 10_000, 'redeliveries');
    }
    expect(github.deliveries.map((d) => d.redelivery)).toEqual([false, true, true, true, true, true]);
    expect(logs().filter((l) => l.msg === 'delivery given up: it failed every redelivery')).toMatchObject([{ delivery: github.deliveries[0]!.guid, event: 'pull_request.opened', attempts: 5 }]);
  });

  test('with a token there is no delivery log: RECONCILE_REPOSITORIES finds a pull request no delivery reached', async () => {
    const github = await fakeGitHub();
    // Without the setting, a fresh server knows of no repository, so its pass finds nothing.
    const unaware = await startServer(github);
    expect(await unaware.app.reconcile()).toMatchObject({ repositories: 0, scheduled: [] });
    // Written in another case than GitHub's: GitHub reads names in URLs without regard to it.
    const { app } = await startServer(github, { reconcileRepositories: ['codertocat/hello-world'] });
    const pass = await app.reconcile();
    expect(pass).toMatchObject({ repositories: 1, pullRequests: 1, scheduled: [{ key: 'codertocat/hello-world#2', reason: 'no check run for the head commit' }] });
    await app.idle();
    expect(github.checkRuns).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    expect((await app.reconcile()).scheduled).toEqual([]);
  });

  test('a repository in RECONCILE_REPOSITORIES that a delivery also named is swept once', async () => {
    const github = await fakeGitHub();
    const { app, url } = await startServer(github, { reconcileRepositories: ['Codertocat/Hello-World'] });
    expect(await app.reconcile()).toMatchObject({ repositories: 1 });
    await app.idle();
    expect((await deliver(url, 'pull_request', opened())).status).toBe(202);
    await app.idle();
    expect(await app.reconcile()).toMatchObject({ repositories: 1, scheduled: [] });
  });

  test('a commit that is the head of two open pull requests is checked once for both, not again on every pass', async () => {
    const github = await fakeGitHub();
    const repo = github.repos.get('Codertocat/Hello-World')!;
    // GitHub keeps a pull request's updated_at until it changes; the double would give "now".
    repo.pulls[2]!.updated_at = new Date(Date.now() - 60_000).toISOString();
    repo.pulls[3] = { ...repo.pulls[2]!, title: 'feat: the same branch, into another base' };
    const { app } = await startServer(github, { reconcileRepositories: ['Codertocat/Hello-World'] });
    // One job for the head, given the pull request updated last; it checks both.
    expect((await app.reconcile()).scheduled.map((s) => s.key)).toEqual(['codertocat/hello-world#2']);
    await app.idle();
    // Before, the commit's one run was for whichever pull request was checked last, and each pass
    // found it stale for the other one and checked that again, flipping it for ever.
    expect(github.checkRuns).toHaveLength(1);
    expect(github.checkRuns.at(-1)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(github.comments.map((c) => c.issue).sort()).toEqual([2, 3]);
    const runs = github.checkRuns.length;
    const asked = github.requests.length;
    for (let pass = 0; pass < 3; pass++) {
      expect((await app.reconcile()).scheduled).toEqual([]);
      await app.idle();
    }
    expect(github.checkRuns).toHaveLength(runs);
    // The head's check runs are asked for once a pass, not once for each pull request.
    expect(github.requests.slice(asked).filter((r) => r.path.endsWith(`/commits/${HEAD}/check-runs`))).toHaveLength(3);
    // One of them is edited and its delivery is lost: whichever the run was made for, the next
    // pass checks the edited one again, once.
    Object.assign(repo.pulls[2]!, { title: 'feat: edited since', updated_at: new Date().toISOString() });
    expect((await app.reconcile()).scheduled).toEqual([{ key: 'codertocat/hello-world#2', reason: 'the pull request changed since its last check' }]);
    await app.idle();
    expect((await app.reconcile()).scheduled).toEqual([]);
  });

  test("a commit that is the head of a failing and a passing pull request fails, whichever is delivered: one check run stands for both", async () => {
    const github = await fakeGitHub();
    const repo = github.repos.get('Codertocat/Hello-World')!;
    // #2 fails (the example's head adds a secret file to BASE). #3 takes the same branch into a
    // base that already has all of it but an old note, so its change only deletes that note.
    const RELEASE = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    repo.commits[RELEASE] = { ...repo.commits[HEAD]!, 'docs/old-note.md': 'old\n' };
    repo.pulls[3] = { base: RELEASE, head: HEAD, title: 'feat: the same branch, into the release branch' };
    const { url, app, logs } = await startServer(github);
    const forThree = opened();
    forThree.number = 3;
    forThree.pull_request.number = 3;
    expect((await deliver(url, 'pull_request', forThree)).status).toBe(202);
    await app.idle();
    // Checked alone, #3 passes; the run on its head fails, because it is #2's head too.
    expect(github.checkRuns).toHaveLength(1);
    const run = github.checkRuns[0]!;
    expect(run).toMatchObject({ head_sha: HEAD, status: 'completed', conclusion: 'failure' });
    expect(run.output.summary).toContain('> This commit is the head of 2 open pull requests (`#2` 3 failing, `#3` passes). A check run belongs to a commit, so this one reports the worst of them, `#2`;');
    // Each pull request's comment is its own: #2 has its findings, #3 (passing) has none.
    expect(github.comments.map((c) => c.issue)).toEqual([2]);
    expect(logs().filter((l) => l.msg === 'pull request checked').map((l) => [l.pull_request, l.same_head_pull_request, l.verdict])).toEqual([
      [3, 2, 'fail'],
      [3, undefined, 'pass'],
    ]);
    // #2's own delivery finds the run made for both: nothing to write.
    const writes = github.writes().length;
    await deliver(url, 'pull_request', opened());
    await app.idle();
    expect(github.writes()).toHaveLength(writes);
    expect(github.checkRuns[0]).toMatchObject({ conclusion: 'failure' });
  });

  test("a head's run made for it and an older pull request the lookback leaves out stays current", async () => {
    const github = await fakeGitHub();
    const repo = github.repos.get('Codertocat/Hello-World')!;
    repo.pulls[2]!.updated_at = new Date(Date.now() - 60_000).toISOString();
    // The same branch into a release branch, last touched a day ago: outside the 6-hour lookback.
    repo.pulls[3] = { ...repo.pulls[2]!, title: 'feat: the same branch, into the release branch', updated_at: new Date(Date.now() - 24 * 3_600_000).toISOString() };
    const { url, app } = await startServer(github, { reconcileRepositories: ['Codertocat/Hello-World'] });
    await deliver(url, 'pull_request', opened());
    await app.idle();
    expect(github.checkRuns).toHaveLength(1);
    // The pass lists #2 only; the run stands for #2 and #3, so it asks GitHub for the head's open
    // pull requests before calling the run stale, and finds it current. Without that, every pass
    // would check #2 again.
    for (let pass = 0; pass < 2; pass++) {
      const asked = github.requests.length;
      expect((await app.reconcile()).scheduled).toEqual([]);
      expect(github.requests.slice(asked).filter((r) => r.path.endsWith(`/commits/${HEAD}/pulls`))).toHaveLength(1);
    }
    // #3 changes (its delivery lost): the head is checked again, once, for both.
    Object.assign(repo.pulls[3]!, { title: 'feat: edited', updated_at: new Date().toISOString() });
    expect((await app.reconcile()).scheduled).toEqual([{ key: 'codertocat/hello-world#3', reason: 'the pull request changed since its last check' }]);
    await app.idle();
    expect((await app.reconcile()).scheduled).toEqual([]);
    expect(github.checkRuns).toHaveLength(1);
  });

  test('a reconciler pass stops at RECONCILE_MAX_CALLS and says what it deferred', async () => {
    const github = await fakeGitHub();
    const { app, url } = await startServer(github, { ...appSettings(github), reconcileMaxCalls: 1 });
    github.hook = { url: 'http://127.0.0.1:9/webhooks', secret: SECRET };
    await github.send('pull_request', opened());
    github.hook = { url: `${url}/webhooks`, secret: SECRET };
    const pass = await app.reconcile();
    expect(pass).toMatchObject({ calls: 1, redelivered: 0, deferred: 2 });
  });

  test('a full queue: 503 to deliveries, and /healthz and /readyz say so', async () => {
    const github = await fakeGitHub();
    github.fail('GET', /\/pulls\/2$/, { status: 200, hang: true });
    const { url, app } = await startServer(github, { queueSize: 1, concurrency: 1, requestTimeoutMs: 60_000 });
    const first = await deliver(url, 'pull_request', opened());
    await until(() => github.requests.some((r) => r.path.endsWith('/pulls/2')));
    const payload = opened();
    payload.number = payload.pull_request.number = 3;
    const second = await deliver(url, 'pull_request', payload);
    payload.number = payload.pull_request.number = 4;
    const third = await deliver(url, 'pull_request', payload);
    expect([first.status, second.status, third.status]).toEqual([202, 202, 503]);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'degraded', reasons: ['queue full'], refused: 1 });
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    await app.close();
  });

  test('an unsigned flood: bodies held before their signature is checked stay under MAX_PENDING_BODY_MB', async () => {
    const github = await fakeGitHub();
    const server = await spawnServe({ WEBHOOK_SECRET: SECRET, GITHUB_TOKEN: 't', GITHUB_API_URL: github.url, MAX_PENDING_BODY_MB: '64', RECONCILE_INTERVAL: '0' });
    const before = peakRss(server.child);
    const { port } = new URL(server.url);
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    // 100 uploads at once of 24 MB each, with a signature that cannot match, without a length.
    const outcomes = await Promise.all(
      Array.from(
        { length: 100 },
        () =>
          new Promise<number | 'reset'>((resolve) => {
            const req = httpRequest({ host: '127.0.0.1', port, path: '/webhooks', method: 'POST', headers: { 'transfer-encoding': 'chunked', 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` } }, (res) => {
              res.resume();
              resolve(res.statusCode!);
            });
            req.on('error', () => resolve('reset'));
            let sent = 0;
            const pump = () => {
              while (sent < 24 && req.write(chunk)) sent++;
              if (sent < 24) req.once('drain', () => (sent++, pump()));
              else req.end();
            };
            pump();
          }),
      ),
    );
    const peak = peakRss(server.child);
    expect(outcomes.filter((o) => o === 401).length).toBeGreaterThan(0);
    expect(outcomes.every((o) => o === 401 || o === 503 || o === 'reset')).toBe(true);
    expect(peak - before).toBeLessThan(200 * 1024 * 1024);
    expect(peak).toBeLessThan(300 * 1024 * 1024);
    // Still serving.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // A request with no signature at all is refused before its body is read.
    expect((await deliver(server.url, 'pull_request', opened(), { signature: null })).status).toBe(401);
  }, 60_000);
});

describe('bodies held before their signature is checked', () => {
  test('a declared length is reserved before a byte is read: uploads past the budget are refused unread', async () => {
    const github = await fakeGitHub();
    const server = await spawnServe({ WEBHOOK_SECRET: SECRET, GITHUB_TOKEN: 't', GITHUB_API_URL: github.url, MAX_PENDING_BODY_MB: '32', RECONCILE_INTERVAL: '0' });
    const { port } = new URL(server.url);
    const length = 24 * 1024 * 1024;
    const upload = () => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/webhooks', method: 'POST', headers: { 'content-length': String(length), 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` } });
      const status = new Promise<number | 'reset'>((resolve) => {
        req.on('response', (res) => (res.resume(), resolve(res.statusCode!)));
        req.on('error', () => resolve('reset'));
      });
      return { req, status };
    };
    const pendingBodies = async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { memory: { pendingBodies: number } }).memory.pendingBodies;

    // The first upload sends 1 MB of its 24 and waits: its whole length is held for it.
    const first = upload();
    first.req.write(Buffer.alloc(1024 * 1024, 'a'));
    for (let tries = 0; (await pendingBodies()) < length && tries < 100; tries++) await new Promise((r) => setTimeout(r, 20));
    expect(await pendingBodies()).toBe(length);

    // A second 24 MB upload would pass the budget: refused on its headers, with nothing sent.
    const second = upload();
    second.req.flushHeaders();
    expect(await Promise.race([second.status, new Promise((r) => setTimeout(() => r('no answer'), 5_000))])).toBe(503);

    // The first, finished, is read to its end and judged on its signature; its reservation ends.
    first.req.end(Buffer.alloc(length - 1024 * 1024, 'a'));
    expect(await first.status).toBe(401);
    expect(await pendingBodies()).toBe(0);
  }, 30_000);

  // The budget frees a dropped body's bytes at once; the memory must follow, or uploads let in
  // one after another each leave 24 MB behind until V8 next collects on its own.
  test('large bodies dropped one after another do not pile up in memory', async () => {
    const github = await fakeGitHub();
    const server = await spawnServe({ WEBHOOK_SECRET: SECRET, GITHUB_TOKEN: 't', GITHUB_API_URL: github.url, MAX_PENDING_BODY_MB: '32', RECONCILE_INTERVAL: '0' });
    const { port } = new URL(server.url);
    const length = 24 * 1024 * 1024;
    const body = Buffer.alloc(length, 'a');
    const upload = () =>
      new Promise<number | 'reset'>((resolve) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/webhooks', method: 'POST', headers: { 'content-length': String(length), 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', () => resolve('reset'));
        req.end(body);
      });
    // One first, so what the server needs for one body is in the baseline.
    expect(await upload()).toBe(401);
    const before = peakRss(server.child);
    for (let i = 0; i < 8; i++) expect(await upload()).toBe(401);
    // Eight more bodies, each read in full and dropped: at most one body's worth more at the peak.
    // Measured: 11–18 MiB more with the collection, 45–82 MiB without it.
    expect(peakRss(server.child) - before).toBeLessThan(length * 1.5);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 60_000);

  test("an upload that stalls holds its reservation for REQUEST_TIMEOUT_MS (15 s), not Node's 300 s", async () => {
    const github = await fakeGitHub();
    const { url } = await startServer(github);
    const { port } = new URL(url);
    const pendingBodies = async () => ((await (await fetch(`${url}/healthz`)).json()) as { memory: { pendingBodies: number } }).memory.pendingBodies;
    const length = 24 * 1024 * 1024;
    const req = httpRequest({ host: '127.0.0.1', port, path: '/webhooks', method: 'POST', headers: { 'content-length': String(length), 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` } });
    const ended = new Promise<number | 'reset'>((resolve) => {
      req.on('response', (res) => (res.resume(), resolve(res.statusCode!)));
      req.on('error', () => resolve('reset'));
    });
    req.write(Buffer.alloc(1024, 'a'));
    const started = Date.now();
    for (let tries = 0; (await pendingBodies()) < length && tries < 100; tries++) await new Promise((r) => setTimeout(r, 20));
    expect(await pendingBodies()).toBe(length);
    // Nothing more is sent: the server ends the request itself, and the reservation with it.
    expect(await ended).toSatisfy((outcome) => outcome === 408 || outcome === 'reset');
    expect(Date.now() - started).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 1_000);
    expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT_MS + 3_000);
    expect(await pendingBodies()).toBe(0);
  }, 30_000);
});

describe('routes and configuration', () => {
  test('GET /healthz and GET /dashboard', async () => {
    const github = await fakeGitHub();
    const { url } = await startServer(github);
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok', reasons: [], pending: 0, running: 0 });
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready' });
    const dashboard = await fetch(`${url}/dashboard`);
    expect(dashboard.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await dashboard.text();
    expect(html).toContain('<h1>Acme standards dashboard</h1>');
    expect((html.match(/<tr data-team=/g) ?? []).length).toBe(8);
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    expect((await fetch(`${url}/webhooks`)).status).toBe(405);
  });

  test('as a GitHub App: an installation token per delivery, from the App\'s private key', async () => {
    const github = await fakeGitHub();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const settings = serverSettings({ WEBHOOK_SECRET: SECRET, GITHUB_APP_ID: '12345', GITHUB_PRIVATE_KEY: privateKey.replace(/\n/g, '\\n'), GITHUB_API_URL: github.url, PORT: '0', HOST: '127.0.0.1', STANDARDS_DIR: ROOT });
    const { url, app } = await startServer(github, { ...settings, writeIntervalMs: 0, reconcileIntervalMs: 0 });
    await deliver(url, 'pull_request', example('pull_request', 'synchronize'));
    await app.idle();
    const tokenRequest = github.requests.find((r) => r.path === '/app/installations/1/access_tokens')!;
    expect(tokenRequest.headers.authorization).toMatch(/^bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const rest = github.requests.filter((r) => r.path.startsWith('/repos/'));
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((r) => r.headers.authorization === 'token ghs_installation_1')).toBe(true);
  });

  test.each([
    [{}, 'WEBHOOK_SECRET is not set'],
    [{ WEBHOOK_SECRET: 's' }, 'no GitHub credentials'],
    [{ WEBHOOK_SECRET: 's', GITHUB_APP_ID: '1' }, 'set both GITHUB_APP_ID and GITHUB_PRIVATE_KEY'],
    [{ WEBHOOK_SECRET: 's', GITHUB_TOKEN: 't', PORT: 'eighty' }, 'PORT=eighty: must be a whole number'],
    [{ WEBHOOK_SECRET: 's', GITHUB_APP_ID: 'my-app', GITHUB_PRIVATE_KEY: 'x' }, "GITHUB_APP_ID=my-app: the App's numeric id"],
    [{ WEBHOOK_SECRET: 's', GITHUB_APP_ID: '1', GITHUB_PRIVATE_KEY: 'not a key' }, 'GITHUB_PRIVATE_KEY is not a PEM private key Node can read'],
    [{ WEBHOOK_SECRET: 's', GITHUB_TOKEN: 't', SHUTDOWN_TIMEOUT: '0' }, 'SHUTDOWN_TIMEOUT=0: must be a whole number of at least 1'],
    [{ WEBHOOK_SECRET: 's', GITHUB_TOKEN: 't', RECONCILE_REPOSITORIES: 'acme/web, acme' }, 'RECONCILE_REPOSITORIES: "acme" is not a repository; write owner/repo, separated by commas'],
    [{ WEBHOOK_SECRET: 's', GITHUB_TOKEN: 't', RECONCILE_REPOSITORIES: 'acme/web/extra' }, 'RECONCILE_REPOSITORIES: "acme/web/extra" is not a repository'],
    [{ WEBHOOK_SECRET: 's', GITHUB_TOKEN: 't', RECONCILE_REPOSITORIES: '-acme/web' }, 'RECONCILE_REPOSITORIES: "-acme/web" is not a repository'],
    [{ WEBHOOK_SECRET: 's', GITHUB_TOKEN: 't', RECONCILE_REPOSITORIES: 'acme/..' }, 'RECONCILE_REPOSITORIES: "acme/.." is not a repository'],
    [{ WEBHOOK_SECRET: 's', GITHUB_APP_ID: '1', GITHUB_PRIVATE_KEY: 'x', RECONCILE_REPOSITORIES: 'acme/web' }, 'GITHUB_PRIVATE_KEY is not a PEM'],
  ])('settings %j are refused: %s', (env, message) => {
    expect(() => serverSettings(env)).toThrow(message);
  });

  test('RECONCILE_REPOSITORIES: owner/repo names, by commas or spaces, each once; App credentials refuse it', () => {
    const settings = serverSettings({ WEBHOOK_SECRET: 's', GITHUB_TOKEN: 't', RECONCILE_REPOSITORIES: ' acme/web,acme/api  Acme/Web\nacme/my.repo_2 ' });
    expect(settings.reconcileRepositories).toEqual(['Acme/Web', 'acme/api', 'acme/my.repo_2']);
    expect(serverSettings({ WEBHOOK_SECRET: 's', GITHUB_TOKEN: 't' }).reconcileRepositories).toEqual([]);
    expect(() => serverSettings({ WEBHOOK_SECRET: 's', ...appCredentials(), RECONCILE_REPOSITORIES: 'acme/web' })).toThrow('RECONCILE_REPOSITORIES is for GITHUB_TOKEN only');
  });
});

describe('standards serve, as a process', () => {
  test('starts, logs where it listens, answers /healthz, and stops cleanly on SIGTERM', async () => {
    const server = await spawnServe({ WEBHOOK_SECRET: SECRET, GITHUB_TOKEN: 'ghp_process_token', GITHUB_API_URL: 'http://127.0.0.1:9', RECONCILE_INTERVAL: '0' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).not.toContain('ghp_process_token');
  });

  test('SIGTERM with a hung GitHub call: refuses new deliveries and goes unready, stops within SHUTDOWN_TIMEOUT, gives the check run back and logs it', async () => {
    const github = await fakeGitHub();
    github.fail('GET', /\/pulls\/2\/files$/, { status: 200, hang: true });
    const server = await spawnServe({ WEBHOOK_SECRET: SECRET, GITHUB_TOKEN: 't', GITHUB_API_URL: github.url, SHUTDOWN_TIMEOUT: '4', REQUEST_TIMEOUT: '120', RECONCILE_INTERVAL: '0' });
    expect((await deliver(server.url, 'pull_request', opened(), { id: 'in-flight' })).status).toBe(202);
    await until(() => github.requests.some((r) => r.path.endsWith('/pulls/2/files')), 10_000, 'the hung call');
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    await until(async () => (await fetch(`${server.url}/readyz`).then((r) => r.status, () => 0)) === 503, 5_000, 'unready');
    expect((await deliver(server.url, 'pull_request', opened())).status).toBe(503);
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(6_000);
    expect(github.checkRuns[0]).toMatchObject({ status: 'queued', external_id: '' });
    expect(server.logs().find((l) => l.msg === 'check interrupted by shutdown; its check run was given back to the reconciler')).toMatchObject({ pull_request: 2, deliveries: ['in-flight'] });
  });

  test('a second SIGTERM stops at once, logging every accepted pull request left unchecked', async () => {
    const github = await fakeGitHub();
    const repo = github.repos.get('Codertocat/Hello-World')!;
    for (let n = 3; n <= 5; n++) repo.pulls[n] = { base: BASE, head: HEAD };
    github.fail('GET', /\/pulls\/\d+$/, ...Array.from({ length: 4 }, () => ({ status: 200, hang: true })));
    const server = await spawnServe({ WEBHOOK_SECRET: SECRET, GITHUB_TOKEN: 't', GITHUB_API_URL: github.url, SHUTDOWN_TIMEOUT: '60', REQUEST_TIMEOUT: '120', RECONCILE_INTERVAL: '0', CONCURRENCY: '2' });
    for (let n = 2; n <= 5; n++) {
      const payload = opened();
      payload.number = payload.pull_request.number = n;
      expect((await deliver(server.url, 'pull_request', payload, { id: `delivery-${n}` })).status).toBe(202);
    }
    await until(() => github.requests.filter((r) => /\/pulls\/\d+$/.test(r.path)).length === 2, 10_000, 'two hung checks');
    server.child.kill('SIGTERM');
    await until(() => server.output().includes('shutting down'), 5_000, 'the first signal');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    const left = server.logs().filter((l) => l.msg === 'forced stop: pull request left unchecked; the reconciler will find it');
    expect(left.map((l) => l.deliveries).flat().sort()).toEqual(['delivery-2', 'delivery-3', 'delivery-4', 'delivery-5']);
  });

  test('two server processes sharing one GitHub: one comment, and one check run per head SHA', async () => {
    const github = await fakeGitHub();
    const env = { WEBHOOK_SECRET: SECRET, GITHUB_TOKEN: 't', GITHUB_API_URL: github.url, RECONCILE_INTERVAL: '0' };
    const [a, b] = await Promise.all([spawnServe(env), spawnServe(env)]);
    const repo = github.repos.get('Codertocat/Hello-World')!;
    const pushed = () => {
      const payload = synchronize();
      delete payload.installation;
      return payload;
    };
    // Deliveries for one pull request land on either replica, as a load balancer spreads them,
    // and a redelivery may land on the other one.
    const settled = async (server: typeof a) => {
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { completed: number; failed: number };
      return health.completed + health.failed;
    };
    // One delivery at a time, each to the end, so each step's outcome is certain.
    const step = async (server: typeof a, payload: object, id: string) => {
      const before = await settled(server);
      await deliver(server.url, 'pull_request', payload, { id });
      await until(async () => (await settled(server)) > before, 15_000, id);
    };
    await step(a, opened(), 'opened');
    await step(b, opened(), 'opened');
    repo.pulls[2]!.labels = ['needs-review'];
    await step(b, { ...opened(), action: 'labeled' }, 'labeled');
    repo.pulls[2] = { ...repo.pulls[2]!, head: HEAD2 };
    await step(a, pushed(), 'pushed');
    await step(b, pushed(), 'pushed');
    expect(github.checkRuns.map((r) => [r.head_sha, r.status, r.conclusion])).toEqual([
      [HEAD, 'completed', 'failure'],
      [HEAD2, 'completed', 'failure'],
    ]);
    expect(github.comments).toHaveLength(1);
    // /healthz counts a check as it ends, and its log line reaches this process through the
    // replica's stdout a moment later: wait for the five lines, never assume them.
    const linesFor2 = () => [...a.logs(), ...b.logs()].filter((l) => l.pull_request === 2);
    await until(() => linesFor2().length >= 5, 15_000, 'the log lines of the five deliveries');
    const outcomes = linesFor2().map((l) => l.outcome ?? 'checked');
    // opened, labeled and pushed checked once each; the redeliveries of opened and pushed found nothing to do.
    expect(outcomes.sort()).toEqual(['checked', 'checked', 'checked', 'unchanged', 'unchanged']);
  }, 60_000);

  test('two server processes given the same pull request at the same moment: never two comments, and at most one check run per head that counts', async () => {
    const github = await fakeGitHub();
    const env = { WEBHOOK_SECRET: SECRET, GITHUB_TOKEN: 't', GITHUB_API_URL: github.url, RECONCILE_INTERVAL: '0' };
    const [a, b] = await Promise.all([spawnServe(env), spawnServe(env)]);
    github.repos.get('Codertocat/Hello-World')!.pulls[2]!.labels = ['needs-review'];
    await Promise.all([deliver(a.url, 'pull_request', opened(), { id: 'opened' }), deliver(b.url, 'pull_request', { ...opened(), action: 'labeled' }, { id: 'labeled' })]);
    await until(() => github.checkRuns.length > 0 && github.checkRuns.every((r) => r.status === 'completed'), 15_000, 'the checks');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(github.comments).toHaveLength(1);
    // Both may list the commit's runs before either creates one (GitHub has no create-if-absent):
    // then the older is completed as a skipped duplicate, and one run carries the result.
    const counting = github.checkRuns.filter((r) => !(r.conclusion === 'skipped' && r.output.title === 'Duplicate'));
    expect(counting.map((r) => [r.head_sha, r.conclusion])).toEqual([[HEAD, 'failure']]);
    expect(github.checkRuns.length).toBeLessThanOrEqual(2);
  }, 60_000);

  test.each([
    ['an unreadable private key', { GITHUB_APP_ID: '1', GITHUB_PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----' }, /^standards: GITHUB_PRIVATE_KEY is not a PEM private key Node can read \(.*\); paste the \.pem file GitHub generated for the App, with its BEGIN and END lines\n$/],
    ['a missing WEBHOOK_SECRET', { WEBHOOK_SECRET: '', GITHUB_TOKEN: 't' }, /^standards: WEBHOOK_SECRET is not set: it must match the secret in the GitHub App's webhook settings\n$/],
  ])('%s is a one-line usage error, exit 2', async (_name, env, message) => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/standards.js'), 'serve'], { env: { PATH: process.env.PATH, WEBHOOK_SECRET: SECRET, ...env }, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  test('a port in use is a one-line usage error, exit 2', async () => {
    const holder = createNetServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => holder.close(() => resolve())));
    const port = (holder.address() as { port: number }).port;
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/standards.js'), 'serve'], { env: { PATH: process.env.PATH, WEBHOOK_SECRET: SECRET, GITHUB_TOKEN: 't', HOST: '127.0.0.1', PORT: String(port), STANDARDS_DIR: ROOT, RECONCILE_INTERVAL: '0' }, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`standards: port ${port} on 127.0.0.1 is in use: stop what holds it, or set PORT\n`);
  });
});
