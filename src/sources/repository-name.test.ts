import { expect, test } from 'vitest';
import { checkedRepositoryName, isRepositoryName, repositoryFromRemote } from './repository-name.ts';

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

test.each([
  ['acme/web', true],
  ['Acme-Corp/web.site_2', true],
  ['a/b', true],
  ['acme', false],
  ['acme/', false],
  ['/web', false],
  ['acme/web/extra', false],
  ['-acme/web', false],
  ['acme-/web', false],
  ['ac--me/web', false],
  ['acme/.', false],
  ['acme/..', false],
  ['acme/.github', true],
  ['acme/we b', false],
  [`${'a'.repeat(39)}/web`, true],
  [`${'a'.repeat(40)}/web`, false],
])('%s is a repository name: %s', (value, expected) => {
  expect(isRepositoryName(value)).toBe(expected);
});

test('a name given by hand is checked, and the error names the option', () => {
  expect(checkedRepositoryName(undefined)).toBeUndefined();
  expect(checkedRepositoryName('acme/web')).toBe('acme/web');
  expect(() => checkedRepositoryName('web')).toThrow('--repo-name "web": not a repository; write owner/name, as in acme/web');
  expect(() => checkedRepositoryName('web', 'the `repository` option')).toThrow('the `repository` option "web": not a repository');
});
