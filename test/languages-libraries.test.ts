import { afterAll, describe, expect, test } from 'vitest';
import { RepoBuilder } from '../src/demo/repo-builder.ts';
import { runCli } from './helpers/cli.ts';

const repos: RepoBuilder[] = [];
afterAll(() => repos.forEach((r) => r.dispose()));

const BASE = {
  'README.md': '# shop\n',
  CODEOWNERS: '* @acme/shop\n',
  LICENSE: 'MIT\n',
  'package.json': '{\n  "name": "shop",\n  "dependencies": {\n    "react": "^18.3.1"\n  }\n}\n',
  'go.mod': 'module github.com/acme/shop\n\ngo 1.22\n\nrequire (\n\tgithub.com/spf13/cobra v1.8.0\n\tgolang.org/x/net v0.17.0\n)\n',
  'legacy/cart.php': '<?php echo 1;\n',
};

type Brief = { standard: string; severity: string; file: string | null; line: number | null; message: string; links: Record<string, string> };

describe('language and library standards, end to end on a real repository', () => {
  test('a PR adding a denied npm dependency, a new PHP file and a Go module bump', async () => {
    const repo = new RepoBuilder();
    repos.push(repo);
    repo.write(BASE).commit('chore: base');
    repo
      .branch('pr')
      .write({
        'package.json': '{\n  "name": "shop",\n  "dependencies": {\n    "react": "^18.3.1",\n    "moment": "^2.30.1"\n  }\n}\n',
        'legacy/discount.php': '<?php echo 2;\n',
        'go.mod': BASE['go.mod'].replace('golang.org/x/net v0.17.0', 'golang.org/x/net v0.20.0').replace(')\n', '\tgithub.com/gin-gonic/gin v1.10.0\n)\n'),
      })
      .commit('feat: discounts');

    const run = await runCli(['check', '--repo', repo.dir, '--format', 'json', '--date', '2026-11-26', '--repo-name', 'acme/shop']);
    expect(run.code).toBe(1);
    const findings = (JSON.parse(run.stdout).findings as Brief[]).filter((f) => ['STD-0010', 'STD-0012', 'STD-0013', 'STD-0014'].includes(f.standard));
    expect(findings.map((f) => [f.standard, f.severity, f.file, f.line, f.message])).toEqual([
      ['STD-0010', 'fail', 'legacy/discount.php', null, 'legacy/discount.php adds new PHP code; PHP is deprecated (sunset 2027-06-30): write it in Go instead'],
      ['STD-0012', 'fail', 'package.json', 5, 'moment (npm) is denied: in maintenance mode and heavy; use date-fns instead'],
      [
        'STD-0013',
        'fail',
        'go.mod',
        8,
        'github.com/gin-gonic/gin (go) is not on the approved list; to use it, propose adding it to this standard: https://github.com/acme/standards/edit/main/rules/libraries/go-modules-allow-list.yaml',
      ],
      ['STD-0014', 'fail', 'go.mod', 7, 'golang.org/x/net v0.20.0 is below the minimum 0.23.0 (CVE-2023-45288, HTTP/2 CONTINUATION flood)'],
    ]);
    const moment = findings[1]!;
    expect(moment.links.standard).toBe('https://github.com/acme/standards/blob/main/STANDARDS.md#std-0012');
    expect(moment.links.propose).toBe('https://github.com/acme/standards/edit/main/rules/libraries/denied-libraries.yaml');
    const draft = new URL(moment.links.exemption).searchParams.get('value')!;
    expect(draft).toContain('standard: STD-0012\nrepos:\n  - acme/shop\npaths:\n  - package.json\n');
  });

  test('scan --format json reports language counts with the deprecated ones', async () => {
    const repo = new RepoBuilder();
    repos.push(repo);
    repo.write({ ...BASE, 'legacy/a.php': '<?php\n', 'src/x.ts': 'export {};\n', 'src/y.ts': 'export {};\n', 'bin/tool': '#!/usr/bin/env python3\n' }).commit('chore: tree');
    const run = await runCli(['scan', '--repo', repo.dir, '--format', 'json', '--date', '2026-11-26']);
    const report = JSON.parse(run.stdout);
    expect(report.facts.language).toEqual({
      files: { PHP: 2, Python: 1, TypeScript: 2 },
      deprecated: { PHP: { files: 2, sunset: '2027-06-30', standard: 'STD-0010' } },
    });
  });
});
