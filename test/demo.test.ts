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
    ['STD-0010', 'fail', 'legacy/refund.php', null, false],
    ['STD-0011', 'fail', 'services/refunds/report.rb', null, false],
    ['STD-0012', 'fail', 'package.json', 7, false],
    ['STD-0014', 'fail', 'services/ledger/go.mod', 7, false],
    ['STD-0015', 'fail', 'package-lock.json', 26, false],
    ['STD-0016', 'fail', 'services/refunds/alerts/refunds.yaml', null, false],
    ['STD-0016', 'fail', 'services/refunds/catalog-info.yaml', null, false],
    ['STD-0016', 'fail', 'services/refunds/deploy/production/deployment.yaml', null, false],
    ['STD-0016', 'fail', 'services/refunds/index.ts', null, false],
    ['STD-0016', 'fail', 'services/refunds/report.rb', null, false],
    ['STD-0018', 'fail', 'services/refunds/catalog-info.yaml', 9, false],
    ['STD-0019', 'fail', 'services/refunds/catalog-info.yaml', 3, false],
    ['STD-0019', 'fail', 'services/refunds/catalog-info.yaml', 9, false],
    ['STD-0005', 'warn', 'src/app.ts', 5, false],
    ['STD-0008', 'warn', null, null, false],
    ['STD-0010', 'warn', 'legacy/checkout.php', null, false],
    ['STD-0009', 'info', 'services/refunds', null, false],
    ['STD-0002', 'fail', null, null, true],
    ['STD-0009', 'info', 'services/ledger', null, true],
  ]);
  const message = (standard: string, file: string | null) => report.findings.find((f: { standard: string; file: string | null }) => f.standard === standard && f.file === file).message;
  expect(message('STD-0002', null)).toMatch(/no licence file/);
  expect(message('STD-0016', 'services/refunds/index.ts')).toBe('services/refunds/index.ts has no code owner; add a line such as `/services/refunds/ @acme/billing` to CODEOWNERS (the owners of 2 of the 2 folders beside it in services/, as `/services/billing/` on line 5 says for one of them)');
  expect(message('STD-0018', 'services/refunds/catalog-info.yaml')).toBe('services/refunds/catalog-info.yaml has no spec.owner on its Component refunds; add `owner: group:<team>` under its spec');
  const oncall = report.findings.filter((f: { standard: string }) => f.standard === 'STD-0019').map((f: { message: string }) => f.message);
  expect(oncall).toEqual([
    'refunds (tier 2) goes to production with no runbook link; add to services/refunds/catalog-info.yaml:\n    metadata:\n      links:\n        - url: https://runbooks.example.com/refunds\n          title: Runbook\n          type: runbook',
    'refunds (tier 2) goes to production with no owner team; add to services/refunds/catalog-info.yaml:\n    spec:\n      owner: group:<your-team>',
  ]);
  expect(message('STD-0012', 'package.json')).toBe('moment (npm) is denied: in maintenance mode and heavy; use date-fns instead');
  expect(message('STD-0014', 'services/ledger/go.mod')).toBe('golang.org/x/net v0.22.0 is below the minimum 0.23.0 (CVE-2023-45288, HTTP/2 CONTINUATION flood)');
  expect(message('STD-0010', 'legacy/refund.php')).toBe('legacy/refund.php adds new PHP code; PHP is deprecated (sunset 2027-06-30): write it in Go instead');
  expect(report.context.repository).toBe('acme/payments-api');
});
