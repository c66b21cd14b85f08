// The webhook server against a loopback GitHub (test/helpers/fake-github.ts): GitHub cannot be
// reached from here, so a small server whose responses follow @octokit/openapi-types stands in,
// and records what GitHub would have received. Deliveries are real @octokit/webhooks-examples
// payloads, re-signed with the test secret.
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import { COMMENT_MARKER } from '../src/server/report-back.ts';
import { createStandardsServer } from '../src/server/app.ts';
import { serverSettings, type ServerSettings } from '../src/server/env.ts';
import { FakeGitHub } from './helpers/fake-github.ts';

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
    .repository('Codertocat/Hello-World', { commits: { [BASE]: BASE_FILES, [HEAD]: head, [HEAD2]: { ...head, 'src/app.ts': 'export {};\n' } }, pulls: { 2: { base: BASE, head: HEAD } } })
    .start();
  cleanups.push(() => github.stop());
  return github;
}

async function startServer(github: FakeGitHub, overrides: Partial<ServerSettings> = {}, date = '2026-11-26') {
  const lines: string[] = [];
  const logger = pino({ redact: ['*.authorization'] }, new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
  const settings: ServerSettings = { ...serverSettings({ WEBHOOK_SECRET: SECRET, GITHUB_TOKEN: 'ghp_secret_token_value', GITHUB_API_URL: github.url, PORT: '0', HOST: '127.0.0.1', STANDARDS_DIR: ROOT }), ...overrides };
  const app = createStandardsServer({ settings, logger, tuning: { retryBaseMs: 5, writeIntervalMs: 0, notificationIntervalMs: 0 }, today: () => date });
  const { port } = await app.listen();
  cleanups.push(() => app.close());
  return { app, url: `http://127.0.0.1:${port}`, logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>), raw: () => lines.join('') };
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
      const req = httpRequest({ host: '127.0.0.1', port, path: '/webhooks', method: 'POST', headers: { 'content-length': String(26 * 1024 * 1024), 'x-github-event': 'ping', 'x-hub-signature-256': 'sha256=00' } }, (res) => resolve(res.statusCode!));
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
      const req = httpRequest({ host: '127.0.0.1', port, path: '/webhooks', method: 'POST', headers: { 'transfer-encoding': 'chunked', 'x-github-event': 'ping' } }, (res) => resolve(res.statusCode!));
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
    expect(run!.output.summary).toContain('[Why](https://github.com/acme/standards/blob/main/STANDARDS.md#std-0003) · [Propose a change](https://github.com/acme/standards/edit/main/rules/security/no-secret-files.yaml) · [Request an exemption](https://github.com/acme/standards/new/main?filename=exemptions%2FEX-0005.yaml');
    expect(run!.annotations.map((a) => [a.path, a.start_line, a.annotation_level, a.title])).toEqual([
      ['.env', 1, 'failure', 'STD-0003 No secret-bearing files are committed'],
      ['src/app.ts', 2, 'warning', 'STD-0005 New TODOs name a ticket'],
    ]);
    expect(run!.annotations[0]!.raw_details).toMatch(/^Why: https:.*\nPropose a change: https:.*\nRequest an exemption: https:/);

    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain(COMMENT_MARKER);
    expect(github.comments[0]!.body).toContain('## ❌ Standards: failing');
    expect(github.requests.every((r) => r.headers.authorization === 'token ghp_secret_token_value')).toBe(true);
    expect(logs().find((l) => l.msg === 'pull request checked')).toMatchObject({ delivery: 'delivery-opened', pull_request: 2, verdict: 'fail' });
    expect(raw()).not.toContain('ghp_secret_token_value');
    expect(raw()).not.toContain(SECRET);
  });

  test('synchronize: a new check run on the new head, and the one comment updated in place', async () => {
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
    expect(github.writes().filter((r) => /\/issues\/comments\/\d+$/.test(r.path)).map((r) => r.method)).toEqual(['PATCH', 'PATCH']);
    expect(github.comments[0]!.body).not.toContain('TODO');
  });

  test('a redelivered delivery id is processed once', async () => {
    const github = await fakeGitHub();
    const { url, app } = await startServer(github);
    await deliver(url, 'pull_request', opened(), { id: 'same-delivery' });
    const again = await deliver(url, 'pull_request', opened(), { id: 'same-delivery' });
    await app.idle();
    expect(again).toMatchObject({ status: 202, body: { status: 'duplicate' } });
    expect(app.stats).toMatchObject({ processed: 1, duplicates: 1 });
    expect(github.writes().filter((r) => r.path.endsWith('/check-runs'))).toHaveLength(1);
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
    expect(first.app.stats.processed + second.app.stats.processed).toBe(2);
  });

  test('more than 50 findings go out as annotations in batches of 50', async () => {
    const todos = Array.from({ length: 60 }, (_, i) => `// TODO item ${i}`).join('\n');
    const github = await fakeGitHub({ ...BASE_FILES, 'src/app.ts': `export {};\n${todos}\n` });
    const { url, app } = await startServer(github);
    const payload = opened();
    payload.pull_request.title = 'chore: list the remaining work';
    payload.pull_request.body = '## Testing\nNothing to run.';
    await deliver(url, 'pull_request', payload);
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

  test('a PR over 3,000 files says so in the check summary', async () => {
    const github = await fakeGitHub();
    const { url, app } = await startServer(github);
    const payload = opened();
    payload.pull_request.changed_files = 3500;
    await deliver(url, 'pull_request', payload);
    await app.idle();
    expect(github.checkRuns[0]!.output.summary).toContain("> This pull request changes 3500 files; GitHub's API lists only the first 3,000, so the rest were not checked.");
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
    expect((await deliver(url, 'ping', example('ping'))).body).toEqual({ status: 'queued' });
    expect((await deliver(url, 'issues', example('issues', 'opened'))).body).toEqual({ status: 'ignored', event: 'issues.opened' });
    expect((await deliver(url, 'pull_request', example('pull_request', 'closed'))).body).toEqual({ status: 'ignored', event: 'pull_request.closed' });
    await app.idle();
    expect(github.requests).toEqual([]);
  });
});

describe('faults', () => {
  test('the API answers 500 twice, then 200: the delivery succeeds', async () => {
    const github = await fakeGitHub();
    github.fail('GET', /\/pulls\/2\/files$/, { status: 500 }, { status: 500 });
    const { url, app } = await startServer(github);
    await deliver(url, 'pull_request', opened());
    await app.idle();
    expect(github.requests.filter((r) => r.path.endsWith('/pulls/2/files'))).toHaveLength(3);
    expect(app.stats).toMatchObject({ processed: 1, failed: 0 });
    expect(github.checkRuns[0]!.status).toBe('completed');
  });

  test('a 403 secondary rate limit with retry-after: waits, then succeeds', async () => {
    const github = await fakeGitHub();
    github.fail('POST', /\/check-runs$/, { status: 403, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' } });
    const { url, app, logs } = await startServer(github);
    await deliver(url, 'pull_request', opened());
    await app.idle();
    expect(github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/check-runs'))).toHaveLength(2);
    expect(logs().some((l) => l.msg === 'GitHub secondary rate limit hit' && l.retryAfter === 1)).toBe(true);
    expect(github.checkRuns).toHaveLength(1);
  });

  test('the API keeps failing: the delivery is logged as failed, and the server serves the next one', async () => {
    const github = await fakeGitHub();
    // Four failures: the first try and all three retries.
    github.fail('GET', /\/check-runs$/, ...Array.from({ length: 4 }, () => ({ status: 502 })));
    const { url, app, logs } = await startServer(github);
    await deliver(url, 'pull_request', opened(), { id: 'doomed' });
    await app.idle();
    expect(app.stats.failed).toBe(1);
    expect(logs().find((l) => l.msg === 'delivery failed')).toMatchObject({ delivery: 'doomed', event: 'pull_request.opened' });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await deliver(url, 'pull_request', opened(), { id: 'next' });
    await app.idle();
    expect(app.stats.processed).toBe(1);
    expect(github.checkRuns[0]!.status).toBe('completed');
  });

  test('a full queue answers 503 so GitHub redelivers', async () => {
    const github = await fakeGitHub();
    github.fail('GET', /\/check-runs$/, { status: 200, body: { total_count: 0, check_runs: [] }, delayMs: 300 });
    const { url, app } = await startServer(github, { queueSize: 1, concurrency: 1 });
    const first = await deliver(url, 'pull_request', opened());
    const second = await deliver(url, 'pull_request', opened());
    expect([first.status, second.status]).toEqual([202, 503]);
    await app.idle();
  });
});

describe('routes and configuration', () => {
  test('GET /healthz and GET /dashboard', async () => {
    const github = await fakeGitHub();
    const { url } = await startServer(github);
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok', queued: 0 });
    const dashboard = await fetch(`${url}/dashboard`);
    expect(dashboard.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await dashboard.text();
    expect(html).toContain('<h1>Acme standards: exemptions</h1>');
    expect((html.match(/<tr data-team=/g) ?? []).length).toBe(4);
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    expect((await fetch(`${url}/webhooks`)).status).toBe(405);
  });

  test('as a GitHub App: an installation token per delivery, from the App\'s private key', async () => {
    const github = await fakeGitHub();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const settings = serverSettings({ WEBHOOK_SECRET: SECRET, GITHUB_APP_ID: '12345', GITHUB_PRIVATE_KEY: privateKey.replace(/\n/g, '\\n'), GITHUB_API_URL: github.url, PORT: '0', HOST: '127.0.0.1', STANDARDS_DIR: ROOT });
    const { url, app } = await startServer(github, settings);
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
  ])('settings %j are refused: %s', (env, message) => {
    expect(() => serverSettings(env)).toThrow(message);
  });
});

describe('standards serve, as a process', () => {
  test('starts, logs where it listens, answers /healthz, and stops cleanly on SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [join(ROOT, 'bin/standards.js'), 'serve'], {
      env: { PATH: process.env.PATH, WEBHOOK_SECRET: SECRET, GITHUB_TOKEN: 'ghp_process_token', GITHUB_API_URL: 'http://127.0.0.1:9', PORT: '0', HOST: '127.0.0.1', STANDARDS_DIR: ROOT },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk;
        const line = output.split('\n').find((l) => l.includes('standards-bot listening'));
        if (line) resolve((JSON.parse(line) as { port: number }).port);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).not.toContain('ghp_process_token');
  });

  test('a missing WEBHOOK_SECRET is a usage error, exit 2', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/standards.js'), 'serve'], { env: { PATH: process.env.PATH, GITHUB_TOKEN: 't' }, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("standards: WEBHOOK_SECRET is not set: it must match the secret in the GitHub App's webhook settings\n");
  });
});
