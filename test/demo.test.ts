import { afterAll, expect, test } from 'vitest';
import { buildDemoScenario } from '../src/demo/scenario.ts';
import { runCli } from './helpers/cli.ts';

const scenario = buildDemoScenario();
afterAll(() => scenario.repo.dispose());

test('the demo pull request breaks the standards it is meant to, each at its line', async () => {
  const run = await runCli(['check', '--repo', scenario.repo.dir, '--pr-event', scenario.eventFile, '--format', 'json', '--date', '2026-11-26']);
  expect(run.code).toBe(1);
  const report = JSON.parse(run.stdout);
  const brief = report.findings.map((f: { standard: string; severity: string; file: string | null; line: number | null; pre_existing: boolean }) => [
    f.standard,
    f.severity,
    f.file,
    f.line,
    f.pre_existing,
  ]);
  expect(brief).toEqual([
    ['STD-0002', 'fail', null, null, false],
    ['STD-0003', 'fail', '.env', null, false],
    ['STD-0003', 'fail', 'config/tls/server.pem', null, false],
    ['STD-0004', 'fail', 'config/tls/server.pem', 1, false],
    ['STD-0006', 'fail', null, null, false],
    ['STD-0007', 'fail', null, null, false],
    ['STD-0005', 'warn', 'src/app.ts', 5, false],
    ['STD-0008', 'warn', null, null, false],
    ['STD-0009', 'info', 'services/refunds', null, false],
    ['STD-0002', 'fail', null, null, true],
  ]);
  expect(report.findings[0].message).toMatch(/no licence file/);
  expect(report.findings[9].message).toMatch(/no CODEOWNERS file/);
  expect(report.context.repository).toBe('acme/payments-api');
});
