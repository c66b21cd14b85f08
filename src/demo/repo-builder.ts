import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Standards Demo',
  GIT_AUTHOR_EMAIL: 'demo@example.com',
  GIT_COMMITTER_NAME: 'Standards Demo',
  GIT_COMMITTER_EMAIL: 'demo@example.com',
  // A fixed date makes every commit's id depend on its content alone, so reports of the demo
  // (and the golden files of the tests) are the same on every run.
  GIT_AUTHOR_DATE: '2026-11-26T12:00:00Z',
  GIT_COMMITTER_DATE: '2026-11-26T12:00:00Z',
};

/** A throwaway git repository for the demo and the tests: real commits, real branches. */
export class RepoBuilder {
  readonly dir: string;

  constructor(dir = mkdtempSync(join(tmpdir(), 'standards-repo-'))) {
    this.dir = dir;
    this.git('init', '--quiet', '--initial-branch=main');
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], {
      cwd: this.dir,
      env: { ...process.env, ...IDENTITY },
      encoding: 'utf8',
    });
  }

  write(files: Record<string, string | Buffer>): this {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
    return this;
  }

  remove(...paths: string[]): this {
    this.git('rm', '--quiet', '--', ...paths);
    return this;
  }

  commit(message: string): string {
    this.git('add', '--all');
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  branch(name: string): this {
    this.git('checkout', '--quiet', '-b', name);
    return this;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
