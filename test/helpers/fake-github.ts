// A small loopback stand-in for GitHub's REST API: GitHub itself cannot be reached from tests.
// Its responses follow the shapes in @octokit/openapi-types, and it records every request so
// tests can assert what GitHub would have received. Faults can be injected per route.
// It also plays GitHub's side of an App's webhook: it sends signed deliveries to the server,
// keeps the delivery log (`GET /app/hook/deliveries`) and redelivers on request, and never
// redelivers a failed delivery by itself, as GitHub does not. And it enforces GitHub's documented
// secondary rate limits per installation: 100 concurrent requests, 80 content-creating requests a
// minute, 500 an hour ("Rate limits for the REST API").
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { components } from '@octokit/openapi-types';
import { changedLines } from '../../src/sources/content.ts';

type CheckRun = components['schemas']['check-run'];
type IssueComment = components['schemas']['issue-comment'];
type DiffEntry = components['schemas']['diff-entry'];
type GitTree = components['schemas']['git-tree'];
type HookDelivery = components['schemas']['hook-delivery-item'] & { payload: unknown; headers: Record<string, string> };
type Annotation = { path: string; start_line: number; annotation_level: string; title?: string; message: string; raw_details?: string };

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** When it arrived (ms since the epoch). */
  at: number;
}

interface Fault {
  method: string;
  path: RegExp;
  /** `hang`: the request is never answered (until the double stops). */
  responses: { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number; hang?: boolean }[];
}

export interface FakePull {
  base: string;
  head: string;
  title?: string;
  body?: string;
  state?: 'open' | 'closed';
  labels?: string[];
  draft?: boolean;
  updated_at?: string;
  files?: DiffEntry[];
}

export interface FakeRepository {
  /** Files per commit SHA. */
  commits: Record<string, Record<string, string>>;
  pulls: Record<number, FakePull>;
}

/** GitHub's documented secondary rate limits for one installation (or token). */
export interface SecondaryLimits {
  concurrent: number;
  writesPerMinute: number;
  writesPerHour: number;
}

export const GITHUB_SECONDARY_LIMITS: SecondaryLimits = { concurrent: 100, writesPerMinute: 80, writesPerHour: 500 };
export const FAKE_APP_ID = 12345;
const MAX_LISTED_FILES = 3000;

/** A unified patch with every line of the file as context, as GitHub's `patch` field gives one hunk of it. */
function patchOf(before: string, after: string): string {
  const a = before ? before.replace(/\n$/, '').split('\n') : [];
  const b = after ? after.replace(/\n$/, '').split('\n') : [];
  const { added, removed } = changedLines(before, after);
  const addedAt = new Set(added.map((l) => l.line));
  const removedAt = new Set(removed.map((l) => l.line));
  const lines: string[] = [];
  let i = 1;
  let j = 1;
  while (i <= a.length || j <= b.length) {
    if (i <= a.length && removedAt.has(i)) lines.push(`-${a[i++ - 1]}`);
    else if (j <= b.length && addedAt.has(j)) lines.push(`+${b[j++ - 1]}`);
    else {
      lines.push(` ${b[j - 1]}`);
      i++;
      j++;
    }
  }
  return `@@ -${a.length ? 1 : 0},${a.length} +${b.length ? 1 : 0},${b.length} @@\n${lines.join('\n')}`;
}

export function diffEntries(base: Record<string, string>, head: Record<string, string>): DiffEntry[] {
  const entries: DiffEntry[] = [];
  for (const path of [...new Set([...Object.keys(base), ...Object.keys(head)])].sort()) {
    const before = base[path];
    const after = head[path];
    if (before === after) continue;
    const status = before === undefined ? 'added' : after === undefined ? 'removed' : 'modified';
    const { added, removed } = changedLines(before ?? '', after ?? '');
    entries.push({
      sha: 'f'.repeat(40),
      filename: path,
      status,
      additions: added.length,
      deletions: removed.length,
      changes: added.length + removed.length,
      blob_url: `https://github.com/blob/${path}`,
      raw_url: `https://github.com/raw/${path}`,
      contents_url: `https://api.github.com/contents/${path}`,
      patch: patchOf(before ?? '', after ?? ''),
    });
  }
  return entries;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly checkRuns: (CheckRun & { annotations: Annotation[]; repo: string })[] = [];
  readonly comments: (IssueComment & { repo: string; issue: number })[] = [];
  readonly repos = new Map<string, FakeRepository>();
  readonly repoIds = new Map<string, number>();
  /** An organisation's repositories, as GET /orgs/{org}/repos lists them (paged, 100 at most per page). */
  readonly orgRepositories = new Map<string, { name: string; archived?: boolean; disabled?: boolean; fork?: boolean }[]>();
  /** The App's delivery log, oldest first. */
  readonly deliveries: HookDelivery[] = [];
  /** Requests GitHub would have refused for a secondary rate limit, by installation. */
  readonly limitViolations = new Map<string, number>();
  /** When the double should stop recording each request (a long load test). */
  record = true;
  hook: { url: string; secret: string } | undefined;
  limits: SecondaryLimits = GITHUB_SECONDARY_LIMITS;
  /** Entries past which a recursive tree comes back truncated (GitHub: 100,000 entries or 7 MB). */
  treeLimit = 100_000;
  private faults: Fault[] = [];
  private nextId = 1000;
  private server: Server | undefined;
  private readonly inFlight = new Map<string, number>();
  private readonly writeTimes = new Map<string, number[]>();
  private readonly runsByHead = new Map<string, (CheckRun & { annotations: Annotation[]; repo: string })[]>();
  url = '';

  repository(fullName: string, repo: FakeRepository): this {
    this.repos.set(fullName, repo);
    if (!this.repoIds.has(fullName)) this.repoIds.set(fullName, 500 + this.repoIds.size);
    return this;
  }

  /**
   * Sends a delivery to the App's webhook URL, signed with its secret, as GitHub does; records
   * it in the delivery log with the status the server answered. Resolves to that status.
   */
  async send(event: string, payload: Record<string, any>, options: { guid?: string; redelivery?: boolean } = {}): Promise<number> {
    if (!this.hook) throw new Error('no webhook configured: set fake.hook = { url, secret }');
    const body = JSON.stringify(payload);
    const guid = options.guid ?? randomUUID();
    const headers = { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': guid, 'x-hub-signature-256': `sha256=${createHmac('sha256', this.hook.secret).update(body).digest('hex')}`, 'user-agent': 'GitHub-Hookshot/fake' };
    const started = Date.now();
    let status = 0;
    try {
      // GitHub gives up on a delivery after ten seconds.
      const response = await fetch(this.hook.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
      status = response.status;
      await response.arrayBuffer();
    } catch {
      status = 0;
    }
    this.logDelivery({ guid, event, payload, headers, status, started, finished: Date.now(), redelivery: options.redelivery ?? false });
    return status;
  }

  /** Records one delivery attempt in the App's delivery log (made here, or by a sender elsewhere). */
  logDelivery(attempt: { guid: string; event: string; payload: Record<string, any>; headers: Record<string, string>; status: number; started: number; finished: number; redelivery: boolean }): void {
    const { guid, event, payload, headers, status, started, finished, redelivery } = attempt;
    const fullName = payload.repository?.full_name as string | undefined;
    this.deliveries.push({
      id: this.nextId++,
      guid,
      delivered_at: new Date(started).toISOString(),
      redelivery,
      duration: (finished - started) / 1000,
      status: status >= 200 && status < 300 ? 'OK' : status ? `Invalid HTTP Response: ${status}` : 'timed out',
      status_code: status,
      event,
      action: payload.action ?? null,
      installation_id: payload.installation?.id ?? null,
      repository_id: (fullName && this.repoIds.get(fullName)) ?? payload.repository?.id ?? null,
      payload,
      headers,
    });
  }

  /** Deliveries per GUID whose every attempt failed: what would be lost without redelivery. */
  lostDeliveries(): string[] {
    const ok = new Set(this.deliveries.filter((d) => d.status === 'OK').map((d) => d.guid));
    return [...new Set(this.deliveries.map((d) => d.guid))].filter((guid) => !ok.has(guid));
  }

  /** The next responses for matching requests, before normal service resumes. */
  fail(method: string, path: RegExp, ...responses: Fault['responses']): this {
    this.faults.push({ method, path, responses: [...responses] });
    return this;
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url!, 'http://127.0.0.1');
        const text = Buffer.concat(chunks).toString('utf8');
        const request: RecordedRequest = { method: req.method!, path: decodeURIComponent(url.pathname), query: url.searchParams, headers: req.headers, body: text ? JSON.parse(text) : undefined, at: Date.now() };
        if (this.record) this.requests.push(request);
        const caller = String(req.headers.authorization ?? 'anonymous');
        this.inFlight.set(caller, (this.inFlight.get(caller) ?? 0) + 1);
        let answered = false;
        const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
          if (answered) return;
          answered = true;
          this.inFlight.set(caller, this.inFlight.get(caller)! - 1);
          const raw = typeof body === 'string';
          res.writeHead(status, { 'content-type': raw ? 'application/vnd.github.raw' : 'application/json; charset=utf-8', ...headers });
          res.end(raw ? body : JSON.stringify(body ?? {}));
        };
        res.on('close', () => {
          if (!answered) this.inFlight.set(caller, this.inFlight.get(caller)! - 1);
          answered = true;
        });
        const limited = this.secondaryLimit(caller, request);
        if (limited) {
          this.limitViolations.set(caller, (this.limitViolations.get(caller) ?? 0) + 1);
          return reply(403, { message: `You have exceeded a secondary rate limit (${limited}). Please wait a few minutes before you try again.`, documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits' }, { 'retry-after': '60' });
        }
        const fault = this.faults.find((f) => f.method === request.method && f.path.test(request.path) && f.responses.length);
        if (fault) {
          const injected = fault.responses.shift()!;
          if (injected.hang) return;
          setTimeout(() => reply(injected.status, injected.body ?? { message: 'injected fault' }, injected.headers), injected.delayMs ?? 0);
          return;
        }
        try {
          const [status, body, headers] = this.route(request);
          reply(status, body, headers);
        } catch (error) {
          reply(500, { message: (error as Error).message });
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Which documented secondary limit this request breaks, if any. Writes count once sent, refused or not, as GitHub counts them. */
  private secondaryLimit(caller: string, request: RecordedRequest): string | undefined {
    if (request.path.startsWith('/app/installations/')) return undefined;
    if (this.inFlight.get(caller)! > this.limits.concurrent) return `over ${this.limits.concurrent} concurrent requests`;
    if (request.method === 'GET') return undefined;
    const now = Date.now();
    const times = (this.writeTimes.get(caller) ?? []).filter((t) => now - t < 3_600_000);
    times.push(now);
    this.writeTimes.set(caller, times);
    if (times.filter((t) => now - t < 60_000).length > this.limits.writesPerMinute) return `over ${this.limits.writesPerMinute} content-creating requests a minute`;
    if (times.length > this.limits.writesPerHour) return `over ${this.limits.writesPerHour} content-creating requests an hour`;
    return undefined;
  }

  private async redeliver(id: number): Promise<void> {
    const original = this.deliveries.find((d) => d.id === id);
    if (original) await this.send(original.event, original.payload as Record<string, any>, { guid: original.guid, redelivery: true });
  }

  private repo(owner: string, name: string): FakeRepository {
    // GitHub reads owner and repository names in a URL without regard to case.
    const wanted = `${owner}/${name}`.toLowerCase();
    const repo = this.repos.get(`${owner}/${name}`) ?? [...this.repos].find(([full]) => full.toLowerCase() === wanted)?.[1];
    if (!repo) throw new Error(`no fake repository ${owner}/${name}`);
    return repo;
  }

  private page<T>(items: T[], request: RecordedRequest): [number, T[], Record<string, string>] {
    const perPage = Number(request.query.get('per_page') ?? 30);
    const page = Number(request.query.get('page') ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) headers.link = `<${this.url}${request.path}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
    return [200, slice, headers];
  }

  private route(request: RecordedRequest): [number, unknown, Record<string, string>?] {
    const { method, path } = request;
    let m: RegExpExecArray | null;
    if (method === 'POST' && (m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path))) {
      return [201, { token: `ghs_installation_${m[1]}`, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: { checks: 'write', pull_requests: 'write', contents: 'read', metadata: 'read' }, repository_selection: 'all' }];
    }
    if (method === 'GET' && path === '/app/hook/deliveries') {
      // Newest first, paged by cursor, as GitHub pages this list.
      const perPage = Number(request.query.get('per_page') ?? 30);
      const cursor = Number(request.query.get('cursor') ?? Infinity);
      const newestFirst = [...this.deliveries].reverse().filter((d) => d.id < cursor);
      const page = newestFirst.slice(0, perPage).map(({ payload: _payload, headers: _headers, ...item }) => item);
      const headers: Record<string, string> = {};
      if (newestFirst.length > perPage) headers.link = `<${this.url}/app/hook/deliveries?per_page=${perPage}&cursor=${page.at(-1)!.id}>; rel="next"`;
      return [200, page, headers];
    }
    if (method === 'POST' && (m = /^\/app\/hook\/deliveries\/(\d+)\/attempts$/.exec(path))) {
      if (!this.deliveries.some((d) => d.id === Number(m![1]))) return [404, { message: 'Not Found' }];
      setImmediate(() => void this.redeliver(Number(m![1])));
      return [202, {}];
    }
    if (method === 'GET' && (m = /^\/orgs\/([^/]+)\/repos$/.exec(path))) {
      const list = this.orgRepositories.get(m[1]!);
      if (!list) return [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/repos#list-organization-repositories' }];
      if (Number(request.query.get('per_page') ?? 30) > 100) request.query.set('per_page', '100');
      return this.page(list.map((r, i) => ({ id: 1_000 + i, name: r.name, full_name: `${m![1]}/${r.name}`, archived: r.archived ?? false, disabled: r.disabled ?? false, fork: r.fork ?? false, owner: { login: m![1] } })), request);
    }
    if (method === 'GET' && (m = /^\/repositories\/(\d+)$/.exec(path))) {
      const fullName = [...this.repoIds].find(([, id]) => id === Number(m![1]))?.[0];
      if (!fullName) return [404, { message: 'Not Found' }];
      const [login, name] = fullName.split('/');
      return [200, { id: Number(m[1]), name, full_name: fullName, owner: { login } }];
    }
    if (!(m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(path))) return [404, { message: 'Not Found' }];
    const [, owner, name, rest] = m;
    const repo = this.repo(owner!, name!);
    const full = `${owner}/${name}`;
    if (method === 'GET' && (m = /^\/pulls\/(\d+)\/files$/.exec(rest!))) {
      const pull = repo.pulls[Number(m[1])]!;
      // GitHub lists at most 3,000 files of a pull request.
      return this.page((pull.files ?? diffEntries(repo.commits[pull.base]!, repo.commits[pull.head]!)).slice(0, MAX_LISTED_FILES), request);
    }
    if (method === 'GET' && rest === '/pulls') {
      const state = request.query.get('state') ?? 'open';
      const pulls = Object.keys(repo.pulls)
        .map((n) => pullJson(Number(n), repo.pulls[Number(n)]!))
        .filter((p) => state === 'all' || p.state === state)
        .sort((a, b) => b.updated_at.localeCompare(a.updated_at));
      return this.page(pulls, request);
    }
    if (method === 'GET' && (m = /^\/pulls\/(\d+)$/.exec(rest!))) {
      const number = Number(m[1]);
      const pull = repo.pulls[number];
      if (!pull) return [404, { message: 'Not Found' }];
      // As GitHub does, only the single pull request carries its count of changed files.
      return [200, { ...pullJson(number, pull), changed_files: (pull.files ?? diffEntries(repo.commits[pull.base]!, repo.commits[pull.head]!)).length }];
    }
    if (method === 'GET' && (m = /^\/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/.exec(rest!))) return [200, { merge_base_commit: { sha: m[1] }, files: [] }];
    if (method === 'GET' && (m = /^\/git\/trees\/([0-9a-f]+)$/.exec(rest!))) {
      const files = repo.commits[m[1]!];
      if (!files) return [404, { message: 'Not Found' }];
      const paths = Object.keys(files);
      const blobSha = (text: string) => createHmac('sha1', 'blob').update(text).digest('hex');
      const tree: GitTree = { sha: m[1]!, url: '', truncated: paths.length > this.treeLimit, tree: paths.slice(0, this.treeLimit).map((p) => ({ path: p, mode: '100644', type: 'blob', sha: blobSha(files[p]!), size: files[p]!.length, url: '' })) };
      return [200, tree];
    }
    if (method === 'GET' && (m = /^\/contents\/(.+)$/.exec(rest!))) {
      const text = repo.commits[request.query.get('ref')!]?.[m[1]!];
      return text === undefined ? [404, { message: 'Not Found' }] : [200, text];
    }
    if (method === 'GET' && (m = /^\/commits\/([0-9a-f]+)\/pulls$/.exec(rest!))) {
      // "List pull requests associated with a commit": for a commit not in the default branch,
      // its open and merged pull requests; here, every pull request whose head it is.
      const sha = m[1];
      return this.page(
        Object.entries(repo.pulls)
          .filter(([, pull]) => pull.head === sha)
          .map(([n, pull]) => pullJson(Number(n), pull)),
        request,
      );
    }
    if (method === 'GET' && (m = /^\/commits\/([0-9a-f]+)\/check-runs$/.exec(rest!))) {
      const appId = request.query.get('app_id');
      // Newest first, as GitHub lists them.
      const runs = (this.runsByHead.get(`${full}@${m[1]}`) ?? []).filter((r) => (!request.query.get('check_name') || r.name === request.query.get('check_name')) && (!appId || String(r.app?.id) === appId)).reverse();
      return [200, { total_count: runs.length, check_runs: runs }];
    }
    if (method === 'POST' && rest === '/check-runs') {
      const body = request.body as Partial<CheckRun> & { output?: { title?: string; summary?: string; annotations?: Annotation[] } };
      const invalid = outputProblem(body.output as never);
      if (invalid) return [422, invalid];
      const run = {
        id: this.nextId++,
        name: body.name!,
        head_sha: body.head_sha!,
        external_id: body.external_id ?? '',
        status: body.status ?? 'queued',
        conclusion: body.conclusion ?? null,
        started_at: body.started_at ?? new Date().toISOString(),
        completed_at: body.completed_at ?? null,
        app: { id: FAKE_APP_ID, slug: 'standards-bot' },
        output: { title: body.output?.title ?? null, summary: body.output?.summary ?? null, text: null, annotations_count: 0, annotations_url: '' },
        annotations: [...(body.output?.annotations ?? [])],
        repo: full,
      } as unknown as CheckRun & { annotations: Annotation[]; repo: string };
      this.checkRuns.push(run);
      const key = `${full}@${run.head_sha}`;
      this.runsByHead.set(key, [...(this.runsByHead.get(key) ?? []), run]);
      return [201, run];
    }
    if (method === 'PATCH' && (m = /^\/check-runs\/(\d+)$/.exec(rest!))) {
      const run = this.checkRuns.find((r) => r.id === Number(m![1]));
      if (!run) return [404, { message: 'Not Found' }];
      const body = request.body as { status?: CheckRun['status']; conclusion?: CheckRun['conclusion']; external_id?: string; started_at?: string; completed_at?: string; output?: { title: string; summary: string; annotations?: Annotation[] } };
      const invalid = outputProblem(body.output);
      if (invalid) return [422, invalid];
      if (body.status) run.status = body.status;
      if (body.status && body.status !== 'completed') run.conclusion = null;
      if (body.conclusion) run.conclusion = body.conclusion;
      if (body.external_id !== undefined) run.external_id = body.external_id;
      if (body.started_at) run.started_at = body.started_at;
      if (body.completed_at) run.completed_at = body.completed_at;
      if (body.output) {
        run.output = { ...run.output, title: body.output.title, summary: body.output.summary };
        run.annotations.push(...(body.output.annotations ?? []));
        run.output.annotations_count = run.annotations.length;
      }
      return [200, run];
    }
    if (method === 'GET' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest!))) return this.page(this.comments.filter((c) => c.repo === full && c.issue === Number(m![1])), request);
    if ((method === 'POST' || method === 'PATCH') && /^\/issues\/(?:\d+\/comments|comments\/\d+)$/.test(rest!)) {
      const body = (request.body as { body?: string }).body ?? '';
      if (Buffer.byteLength(body) > COMMENT_BODY_LIMIT) return [422, validationFailed('IssueComment', 'body', `body is too long (maximum is ${COMMENT_BODY_LIMIT} characters)`)];
    }
    if (method === 'POST' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest!))) {
      const comment = { id: this.nextId++, body: (request.body as { body: string }).body, repo: full, issue: Number(m[1]), user: { login: 'standards-bot[bot]' } } as unknown as IssueComment & { repo: string; issue: number };
      this.comments.push(comment);
      return [201, comment];
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest!))) {
      const index = this.comments.findIndex((c) => c.id === Number(m![1]));
      if (index < 0) return [404, { message: 'Not Found' }];
      if (method === 'PATCH') {
        this.comments[index]!.body = (request.body as { body: string }).body;
        return [200, this.comments[index]];
      }
      if (method === 'DELETE') {
        this.comments.splice(index, 1);
        return [204, ''];
      }
    }
    return [404, { message: `Not Found: ${method} ${path}` }];
  }
}

function pullJson(number: number, pull: FakePull) {
  return {
    number,
    state: pull.state ?? 'open',
    title: pull.title ?? 'feat: a change',
    body: pull.body ?? '## Testing\nran it',
    draft: pull.draft ?? false,
    labels: (pull.labels ?? []).map((name) => ({ name })),
    user: { login: 'octocat' },
    updated_at: pull.updated_at ?? new Date().toISOString(),
    base: { sha: pull.base, ref: 'main' },
    head: { sha: pull.head, ref: 'topic' },
  };
}

// GitHub's documented limits, enforced as GitHub answers them (422 Validation Failed): a comment
// body of 65,536 characters, a check run's output.summary and output.text of 65,535, 50
// annotations per request. GitHub counts those characters as bytes (github/rest-api-description#5399).
const COMMENT_BODY_LIMIT = 65_536;
const OUTPUT_TEXT_LIMIT = 65_535;
const ANNOTATIONS_PER_REQUEST = 50;

function validationFailed(resource: string, field: string, message: string) {
  return { message: 'Validation Failed', errors: [{ resource, code: 'custom', field, message }], documentation_url: 'https://docs.github.com/rest/checks/runs#update-a-check-run' };
}

function outputProblem(output: { summary?: string; text?: string; annotations?: unknown[] } | undefined) {
  if (!output) return undefined;
  for (const field of ['summary', 'text'] as const) {
    if (output[field] !== undefined && Buffer.byteLength(output[field]!) > OUTPUT_TEXT_LIMIT) return validationFailed('CheckRun', `output.${field}`, `output.${field} is too long (maximum is ${OUTPUT_TEXT_LIMIT} characters)`);
  }
  if ((output.annotations?.length ?? 0) > ANNOTATIONS_PER_REQUEST) return validationFailed('CheckRun', 'output.annotations', `Only ${ANNOTATIONS_PER_REQUEST} annotations are allowed per request`);
  return undefined;
}
