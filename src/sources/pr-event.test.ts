import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { pullRequestFromEvent, readPullRequestEvent } from './pr-event.ts';

test('reads title, body, labels, author, draft and shas', () => {
  const pr = pullRequestFromEvent({
    pull_request: { number: 7, title: 'feat: x', body: null, draft: true, labels: [{ name: 'a' }, { name: 'b' }], user: { login: 'octocat' }, base: { sha: 'b1', ref: 'main' }, head: { sha: 'h1' } },
  });
  expect(pr).toEqual({ number: 7, title: 'feat: x', body: '', labels: ['a', 'b'], author: 'octocat', draft: true, baseSha: 'b1', headSha: 'h1', baseRef: 'main' });
});

test('an event without a pull request is rejected with the file named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'event-'));
  writeFileSync(join(dir, 'push.json'), JSON.stringify({ ref: 'refs/heads/main' }));
  writeFileSync(join(dir, 'broken.json'), '{ nope');
  await expect(readPullRequestEvent(join(dir, 'push.json'))).rejects.toThrow(/push\.json: not a pull_request event/);
  await expect(readPullRequestEvent(join(dir, 'broken.json'))).rejects.toThrow(/broken\.json: .*JSON/);
  await expect(readPullRequestEvent(join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: file not found/);
});
