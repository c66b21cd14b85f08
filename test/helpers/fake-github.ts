// A small loopback stand-in for GitHub's REST API: GitHub itself cannot be reached from tests.
// Its responses follow the shapes in @octokit/openapi-types, and it records every request so
// tests can assert what GitHub would have received. Faults can be injected per route.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { components } from '@octokit/openapi-types';
import { changedLines } from '../../src/sources/content.ts';

type CheckRun = components['schemas']['check-run'];
type IssueComment = components['schemas']['issue-comment'];
type DiffEntry = components['schemas']['diff-entry'];
type GitTree = components['schemas']['git-tree'];
type Annotation = { path: string; start_line: number; annotation_level: string; title?: string; message: string; raw_details?: string };

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

interface Fault {
  method: string;
  path: RegExp;
  responses: { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number }[];
}

export interface FakeRepository {
  /** Files per commit SHA. */
  commits: Record<string, Record<string, string>>;
  pulls: Record<number, { base: string; head: string; title?: string; body?: string; files?: DiffEntry[] }>;
}

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
  private faults: Fault[] = [];
  private nextId = 1000;
  private server: Server | undefined;
  url = '';

  repository(fullName: string, repo: FakeRepository): this {
    this.repos.set(fullName, repo);
    return this;
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
        const request: RecordedRequest = { method: req.method!, path: decodeURIComponent(url.pathname), query: url.searchParams, headers: req.headers, body: text ? JSON.parse(text) : undefined };
        this.requests.push(request);
        const fault = this.faults.find((f) => f.method === request.method && f.path.test(request.path) && f.responses.length);
        const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
          const raw = typeof body === 'string';
          res.writeHead(status, { 'content-type': raw ? 'application/vnd.github.raw' : 'application/json; charset=utf-8', ...headers });
          res.end(raw ? body : JSON.stringify(body ?? {}));
        };
        if (fault) {
          const injected = fault.responses.shift()!;
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

  private repo(owner: string, name: string): FakeRepository {
    const repo = this.repos.get(`${owner}/${name}`);
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
    if (!(m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(path))) return [404, { message: 'Not Found' }];
    const [, owner, name, rest] = m;
    const repo = this.repo(owner!, name!);
    const full = `${owner}/${name}`;
    if (method === 'GET' && (m = /^\/pulls\/(\d+)\/files$/.exec(rest!))) {
      const pull = repo.pulls[Number(m[1])]!;
      return this.page(pull.files ?? diffEntries(repo.commits[pull.base]!, repo.commits[pull.head]!), request);
    }
    if (method === 'GET' && (m = /^\/pulls\/(\d+)$/.exec(rest!))) {
      const number = Number(m[1]);
      const pull = repo.pulls[number]!;
      return [200, { number, title: pull.title ?? 'feat: a change', body: pull.body ?? '## Testing\nran it', draft: false, labels: [], user: { login: 'octocat' }, base: { sha: pull.base, ref: 'main' }, head: { sha: pull.head, ref: 'topic' } }];
    }
    if (method === 'GET' && (m = /^\/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/.exec(rest!))) return [200, { merge_base_commit: { sha: m[1] }, files: [] }];
    if (method === 'GET' && (m = /^\/git\/trees\/([0-9a-f]+)$/.exec(rest!))) {
      const files = repo.commits[m[1]!];
      if (!files) return [404, { message: 'Not Found' }];
      const tree: GitTree = { sha: m[1]!, url: '', truncated: false, tree: Object.keys(files).map((p) => ({ path: p, mode: '100644', type: 'blob', sha: 'e'.repeat(40), size: files[p]!.length, url: '' })) };
      return [200, tree];
    }
    if (method === 'GET' && (m = /^\/contents\/(.+)$/.exec(rest!))) {
      const text = repo.commits[request.query.get('ref')!]?.[m[1]!];
      return text === undefined ? [404, { message: 'Not Found' }] : [200, text];
    }
    if (method === 'GET' && (m = /^\/commits\/([0-9a-f]+)\/check-runs$/.exec(rest!))) {
      const runs = this.checkRuns.filter((r) => r.repo === full && r.head_sha === m![1] && (!request.query.get('check_name') || r.name === request.query.get('check_name')));
      return [200, { total_count: runs.length, check_runs: runs }];
    }
    if (method === 'POST' && rest === '/check-runs') {
      const body = request.body as Partial<CheckRun> & { output?: { annotations?: Annotation[] } };
      const invalid = outputProblem(body.output as never);
      if (invalid) return [422, invalid];
      const run = { id: this.nextId++, name: body.name!, head_sha: body.head_sha!, status: body.status ?? 'queued', conclusion: null, output: { title: null, summary: null, text: null, annotations_count: 0, annotations_url: '' }, annotations: [], repo: full } as unknown as CheckRun & { annotations: Annotation[]; repo: string };
      this.checkRuns.push(run);
      return [201, run];
    }
    if (method === 'PATCH' && (m = /^\/check-runs\/(\d+)$/.exec(rest!))) {
      const run = this.checkRuns.find((r) => r.id === Number(m![1]))!;
      const body = request.body as { status?: CheckRun['status']; conclusion?: CheckRun['conclusion']; output?: { title: string; summary: string; annotations?: Annotation[] } };
      const invalid = outputProblem(body.output);
      if (invalid) return [422, invalid];
      if (body.status) run.status = body.status;
      if (body.conclusion) run.conclusion = body.conclusion;
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
