// SARIF as GitHub code scanning ingests it, checked by Microsoft's SARIF Multitool: the SARIF
// 2.1.0 schema and the GitHub ingestion rules (--rule-kind Gh: every result has a location, a
// region starts at line 1 or later, fingerprints, rule metadata…).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildDemoScenario } from '../src/demo/scenario.ts';
import { RepoBuilder } from '../src/demo/repo-builder.ts';
import { lineHashes } from '../src/report/line-hash.ts';
import { runCli } from './helpers/cli.ts';

const ROOT = join(import.meta.dirname, '..');
const multitool = createRequire(import.meta.url)('@microsoft/sarif-multitool-linux') as string;
const work = mkdtempSync(join(tmpdir(), 'sarif-'));
const demo = buildDemoScenario();
const scanned = new RepoBuilder();
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  demo.repo.dispose();
  scanned.dispose();
});

interface Result {
  ruleId: string;
  level: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
  properties?: { locationFallback?: boolean };
}

/** What the Multitool reports about a SARIF file, by rule id and level. */
function validate(name: string, sarif: string): Record<string, number> {
  const input = join(work, `${name}.sarif`);
  const output = join(work, `${name}.validation.sarif`);
  writeFileSync(input, sarif);
  execFileSync(multitool, ['validate', input, '--rule-kind', 'Gh;Sarif', '--max-file-size-in-kb', '100000', '--log', 'ForceOverwrite', '-o', output], { stdio: 'ignore' });
  const results = (JSON.parse(readFileSync(output, 'utf8')).runs[0].results ?? []) as { ruleId: string; level?: string }[];
  const counts: Record<string, number> = {};
  for (const result of results) counts[`${result.ruleId} ${result.level ?? 'warning'}`] = (counts[`${result.ruleId} ${result.level ?? 'warning'}`] ?? 0) + 1;
  return counts;
}

describe('SARIF for GitHub code scanning', () => {
  test('the Multitool finds problems when there are some, so its silence below means something', () => {
    const broken = JSON.parse(readFileSync(join(ROOT, 'test/golden/demo.sarif'), 'utf8'));
    delete broken.runs[0].results[0].locations;
    expect(Object.keys(validate('broken', JSON.stringify(broken))).some((key) => key.startsWith('GH') && key.endsWith('error'))).toBe(true);
  });

  test('the demo pull request: valid, every result located, fingerprints as GitHub computes them', async () => {
    const { stdout } = await runCli(['check', '--repo', demo.repo.dir, '--pr-event', demo.eventFile, '--format', 'sarif', '--date', '2026-11-26'], { env: { STANDARDS_DIR: ROOT } });
    expect(validate('demo', stdout)).toEqual({});
    const results = JSON.parse(stdout).runs[0].results as Result[];
    for (const result of results) {
      expect(result.locations).toHaveLength(1);
      expect(result.locations[0]!.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    // Findings about the PR or the repository as a whole (its title, a missing licence) are shown at the README.
    const unplaced = results.filter((r) => r.properties?.locationFallback);
    expect(unplaced.map((r) => r.ruleId)).toEqual(['STD-0002', 'STD-0006', 'STD-0007', 'STD-0008', 'STD-0002']);
    // The demo repository has no README (a pre-existing finding): its CODEOWNERS stands in.
    expect(new Set(unplaced.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri))).toEqual(new Set(['CODEOWNERS']));
    // The private key's line, hashed as GitHub's upload would hash it from the file.
    const key = results.find((r) => r.ruleId === 'STD-0004')!;
    const text = demo.repo.git('show', 'HEAD:config/tls/server.pem');
    expect(key.partialFingerprints.primaryLocationLineHash).toBe(lineHashes(text).get(1));
  });

  test('a scan, where repository findings have no file: valid, shown at the README', async () => {
    scanned.write({ 'README.md': '# svc\n', 'src/a.ts': 'export {};\n// TODO: later\n', '.env': 'TOKEN=x\n' }).commit('chore: tree');
    const { stdout } = await runCli(['scan', '--repo', scanned.dir, '--format', 'sarif', '--date', '2027-02-01', '--repo-name', 'acme/svc'], { env: { STANDARDS_DIR: ROOT } });
    expect(validate('scan', stdout)).toEqual({});
    const results = JSON.parse(stdout).runs[0].results as Result[];
    const unplaced = results.filter((r) => r.properties?.locationFallback);
    expect(unplaced.length).toBeGreaterThan(0);
    for (const result of unplaced) expect(result.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'README.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
  });
});
