import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { gitDirOf, workTreeTop } from './git.ts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'git-place-')));
  made.push(dir);
  return dir;
}
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

// Both answers come from one `git rev-parse` where they can; each is what git gives asked alone.
describe('gitDirOf and workTreeTop', () => {
  test.each([
    ['the top of a work tree', (root: string) => root],
    ['a folder inside it', (root: string) => join(root, 'a/b')],
    ['its git directory, which has no work tree', (root: string) => join(root, '.git')],
    ['a folder whose name holds a line break', (root: string) => join(root, 'line\nbreak')],
  ])('from %s, as git answers asked alone', async (_name, folder) => {
    const root = join(tempDir(), 'repo');
    mkdirSync(root);
    git(root, 'init', '-q');
    mkdirSync(join(root, 'a/b'), { recursive: true });
    mkdirSync(join(root, 'line\nbreak'));
    const cwd = folder(root);
    const alone = (option: string) => {
      try {
        return git(cwd, 'rev-parse', option) || undefined;
      } catch {
        return undefined;
      }
    };
    expect({ gitDir: await gitDirOf(cwd), top: await workTreeTop(cwd) }).toEqual({ gitDir: alone('--absolute-git-dir'), top: alone('--show-toplevel') });
    expect(await gitDirOf(cwd)).toBe(join(root, '.git'));
  });

  test('in a repository whose own path holds a line break, where the joint answer cannot be split', async () => {
    const root = join(tempDir(), 'two\nlines');
    mkdirSync(root);
    git(root, 'init', '-q');
    expect({ gitDir: await gitDirOf(root), top: await workTreeTop(root) }).toEqual({ gitDir: join(root, '.git'), top: root });
  });

  test('a bare repository has a git directory and no work tree', async () => {
    const bare = join(tempDir(), 'b.git');
    execFileSync('git', ['init', '-q', '--bare', bare]);
    expect({ gitDir: await gitDirOf(bare), top: await workTreeTop(bare) }).toEqual({ gitDir: bare, top: undefined });
  });

  test('outside a repository there is neither', async () => {
    const outside = tempDir();
    expect({ gitDir: await gitDirOf(outside), top: await workTreeTop(outside) }).toEqual({ gitDir: undefined, top: undefined });
    expect({ gitDir: await gitDirOf('/nonexistent/dir'), top: await workTreeTop('/nonexistent/dir') }).toEqual({ gitDir: undefined, top: undefined });
  });

  test('the top is the physical folder, as git prints it, when reached through a link', async () => {
    const root = join(tempDir(), 'repo');
    mkdirSync(join(root, 'sub'), { recursive: true });
    git(root, 'init', '-q');
    const link = join(tempDir(), 'link');
    symlinkSync(join(root, 'sub'), link);
    expect(await workTreeTop(link)).toBe(root);
  });
});
