import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, UsageError } from '../diagnostics.ts';
import { pullRequestFromEvent, readPullRequestEvent } from './pr-event.ts';

const B1 = 'b'.repeat(40);
const H1 = 'c'.repeat(40);

test('reads title, body, labels, author, draft and shas', () => {
  const pr = pullRequestFromEvent({
    pull_request: { number: 7, title: 'feat: x', body: null, draft: true, labels: [{ name: 'a' }, { name: 'b' }], user: { login: 'octocat' }, base: { sha: B1, ref: 'main' }, head: { sha: H1 } },
  });
  expect(pr).toEqual({ number: 7, title: 'feat: x', body: '', labels: ['a', 'b'], author: 'octocat', draft: true, baseSha: B1, headSha: H1, baseRef: 'main' });
});

test('an event without a pull request is rejected with the file named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'event-'));
  writeFileSync(join(dir, 'push.json'), JSON.stringify({ ref: 'refs/heads/main' }));
  writeFileSync(join(dir, 'broken.json'), '{ nope');
  await expect(readPullRequestEvent(join(dir, 'push.json'))).rejects.toThrow(/push\.json: not a pull_request event/);
  await expect(readPullRequestEvent(join(dir, 'broken.json'))).rejects.toThrow(/broken\.json: .*JSON/);
  await expect(readPullRequestEvent(join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: file not found/);
});

describe('a forged or mangled event field is named, never a crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'event-'));
  test.each([
    { name: 'labels that are not a list', pr: { labels: 'notalist' }, expected: /event\.json:\d+:\d+: pull_request\.labels: must be a list, got "notalist"/ },
    { name: 'a label without a name', pr: { labels: [{ color: 'red' }] }, expected: /pull_request\.labels\[0\]: missing required field "name"/ },
    { name: 'a title that is a number', pr: { title: 42 }, expected: /pull_request\.title: must be a string, got 42/ },
    { name: 'a base sha that is not a sha', pr: { base: { sha: 'HEAD~3', ref: 'main' } }, expected: /pull_request\.base\.sha: "HEAD~3" is not allowed; a commit SHA of 40 hex digits/ },
    { name: 'a draft flag that is a string', pr: { draft: 'yes' }, expected: /pull_request\.draft: must be true or false, got "yes"/ },
  ])('$name', async ({ pr, expected }) => {
    const file = join(dir, 'event.json');
    writeFileSync(file, JSON.stringify({ action: 'opened', pull_request: { number: 1, title: 't', body: '', ...pr } }, null, 2));
    const error = await readPullRequestEvent(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(expected);
    expect(() => pullRequestFromEvent({ pull_request: { number: 1, ...pr } })).toThrow(ConfigError);
  });
});
