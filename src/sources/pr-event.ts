import { readFile } from 'node:fs/promises';
import type { PullRequestInfo } from '../changeset.ts';
import { ConfigError, formatDiagnostic, UsageError, type Diagnostic } from '../diagnostics.ts';
import { validateAgainst, validatorFor } from '../standards/validate.ts';
import { parseYamlFile } from '../standards/yaml-file.ts';

interface PullRequestPayload {
  number?: number;
  title?: string;
  body?: string | null;
  draft?: boolean;
  labels?: { name: string }[];
  user?: { login?: string } | null;
  base?: { sha?: string; ref?: string };
  head?: { sha?: string };
}

const SHA = { type: 'string', pattern: '^(?:[0-9a-f]{40}|[0-9a-f]{64})$', 'x-hint': 'a commit SHA of 40 hex digits' };

/**
 * The fields of a `pull_request` webhook payload that are read, and their shapes. An event file
 * can be forged or mangled; a field of the wrong shape is named, never a crash or a guess.
 */
export const pullRequestEventSchema = {
  type: 'object',
  required: ['pull_request'],
  properties: {
    pull_request: {
      type: 'object',
      properties: {
        number: { type: 'integer', minimum: 1 },
        title: { type: 'string' },
        body: { type: ['string', 'null'] },
        draft: { type: 'boolean' },
        labels: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
        user: { type: ['object', 'null'], properties: { login: { type: 'string' } } },
        base: { type: 'object', properties: { sha: SHA, ref: { type: 'string', minLength: 1 } } },
        head: { type: 'object', properties: { sha: SHA } },
      },
    },
    repository: { type: 'object', properties: { full_name: { type: 'string', pattern: '^[^/\\s]+/[^/\\s]+$', 'x-hint': 'owner/name' } } },
  },
};

/** PR metadata from a `pull_request` payload whose shape has been checked. */
function toInfo(pr: PullRequestPayload): PullRequestInfo {
  return {
    number: pr.number,
    title: pr.title ?? '',
    body: pr.body ?? '',
    labels: (pr.labels ?? []).map((label) => label.name).filter(Boolean),
    author: pr.user?.login,
    draft: pr.draft ?? false,
    baseSha: pr.base?.sha,
    headSha: pr.head?.sha,
    baseRef: pr.base?.ref,
  };
}

/**
 * PR metadata from a `pull_request` webhook payload, the format of GitHub Actions'
 * GITHUB_EVENT_PATH; undefined when the event has no pull request. Throws ConfigError naming
 * the field when a field has the wrong shape.
 */
export function pullRequestFromEvent(event: unknown, file = 'event'): PullRequestInfo | undefined {
  const pr = (event as { pull_request?: unknown } | null)?.pull_request;
  if (!pr || typeof pr !== 'object') return undefined;
  const problems = shapeProblems(JSON.stringify(event, null, 1), event, file);
  if (problems.length) throw new ConfigError(problems);
  return toInfo(pr as PullRequestPayload);
}

/** Located problems with an event's shape; the text is parsed again (JSON is YAML) only when there are some. */
function shapeProblems(text: string, event: unknown, file: string): Diagnostic[] {
  if (validatorFor(pullRequestEventSchema)(event)) return [];
  return validateAgainst(pullRequestEventSchema, event, parseYamlFile(file, text));
}

export async function readPullRequestEvent(file: string): Promise<{ pr: PullRequestInfo; repository?: string }> {
  let text: string;
  let event: unknown;
  try {
    text = await readFile(file, 'utf8');
    event = JSON.parse(text);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new UsageError(`--pr-event ${file}: ${reason}`);
  }
  const pr = (event as { pull_request?: unknown } | null)?.pull_request;
  if (!pr || typeof pr !== 'object') throw new UsageError(`--pr-event ${file}: not a pull_request event (it has no "pull_request" object)`);
  const diagnostics = shapeProblems(text, event, file);
  if (diagnostics.length) throw new UsageError(`--pr-event ${file} is not a pull_request event as GitHub sends it:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
  const repository = (event as { repository?: { full_name?: string } }).repository?.full_name;
  return { pr: toInfo(pr as PullRequestPayload), repository };
}
