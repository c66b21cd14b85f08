import { expect, test } from 'vitest';
import { repositoryFromRemote } from './repository-name.ts';

test.each([
  ['https://github.com/acme/web.git', 'acme/web'],
  ['https://github.com/acme/web', 'acme/web'],
  ['https://token@github.example.com/acme/web.git', 'acme/web'],
  ['git@github.com:acme/web.git', 'acme/web'],
  ['ssh://git@github.com/acme/web.git', 'acme/web'],
  ['git@github.com:acme/web.dots.git', 'acme/web.dots'],
  ['/local/path/repo', undefined],
])('%s → %s', (url, expected) => {
  expect(repositoryFromRemote(url)).toBe(expected);
});
