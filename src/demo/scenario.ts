import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RepoBuilder } from './repo-builder.ts';

export interface DemoScenario {
  repo: RepoBuilder;
  eventFile: string;
}

const APP = `export function checkout(cart: { total: number }) {\n  return cart.total;\n}\n`;

function packageJson(dependencies: Record<string, string>): string {
  return `${JSON.stringify({ name: 'payments-api', version: '1.0.0', private: true, dependencies }, null, 2)}\n`;
}

function packageLock(packages: Record<string, { version: string; license?: string }>): string {
  const dependencies = Object.fromEntries(Object.entries(packages).map(([name, p]) => [name, `^${p.version}`]));
  const entries = Object.fromEntries(Object.entries(packages).map(([name, p]) => [`node_modules/${name}`, { version: p.version, resolved: `https://registry.npmjs.org/${name}/-/${name}-${p.version}.tgz`, license: p.license }]));
  return `${JSON.stringify({ name: 'payments-api', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'payments-api', version: '1.0.0', dependencies }, ...entries } }, null, 2)}\n`;
}

// A new service on its way to production with nobody named as owner and no runbook.
const REFUNDS_CATALOG = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: refunds
  annotations:
    pagerduty.com/service-id: P7REFND
    acme.com/tier: "2"
    acme.com/health-check: /healthz
spec:
  type: service
  lifecycle: production
`;

function goMod(net: string): string {
  return `module github.com/acme/ledger\n\ngo 1.22\n\nrequire (\n\tgithub.com/acme/money v1.4.0\n\tgolang.org/x/net ${net}\n)\n`;
}

/**
 * A product repository whose pull request breaks several shipped standards at once:
 * a committed .env and private key, a deleted licence, an untracked TODO, a vague title,
 * an empty Testing section and an oversized diff; new PHP and Ruby, a denied npm library,
 * a GPL package in the lockfile and a Go module bumped to a still-vulnerable version; and a
 * new service, owned by nobody, deployed to production without a runbook.
 * The README was already missing at base, so that finding shows as pre-existing.
 */
export function buildDemoScenario(): DemoScenario {
  const repo = new RepoBuilder();
  repo
    .write({
      LICENSE: 'Copyright (c) Acme. All rights reserved.\n',
      CODEOWNERS: '/* @acme/payments\n/src/ @acme/payments\n/config/ @acme/payments\n/legacy/ @acme/payments\n/services/billing/ @acme/billing\n/services/ledger/ @acme/billing\n',
      'src/app.ts': APP,
      'services/billing/README.md': '# billing\n',
      'services/billing/index.ts': 'export const billing = true;\n',
      'services/billing/catalog-info.yaml': 'kind: Component\nmetadata:\n  name: billing\nspec:\n  type: service\n  lifecycle: production\n  owner: group:billing\n',
      'package.json': packageJson({ lodash: '^4.17.21' }),
      'package-lock.json': packageLock({ lodash: { version: '4.17.21', license: 'MIT' } }),
      'services/ledger/go.mod': goMod('v0.17.0'),
      'services/ledger/catalog-info.yaml': 'kind: Component\nmetadata:\n  name: ledger\nspec:\n  type: service\n  lifecycle: production\n  owner: group:billing\n',
      'legacy/checkout.php': '<?php\necho "checkout";\n',
    })
    .commit('chore: initial import');

  const rates = Array.from({ length: 650 }, (_, i) => `  ['R${String(i).padStart(3, '0')}', ${(i * 0.37).toFixed(2)}],`).join('\n');
  repo
    .branch('feature/refunds')
    .write({
      '.env': 'STRIPE_SECRET_KEY=sk_live_0000000000000000\n',
      'config/tls/server.pem': '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n',
      'src/app.ts': `${APP}\n// TODO: handle partial refunds\nexport function refund(amount: number) {\n  return -amount;\n}\n`,
      'src/rates.ts': `export const RATES = new Map([\n${rates}\n]);\n`,
      'services/refunds/index.ts': 'export const refunds = true;\n',
      'services/refunds/catalog-info.yaml': REFUNDS_CATALOG,
      'services/refunds/alerts/refunds.yaml': 'groups:\n  - name: refunds\n    rules: []\n',
      'services/refunds/deploy/production/deployment.yaml': 'kind: Deployment\nmetadata:\n  name: refunds\n',
      'services/refunds/report.rb': 'puts "refund report"\n',
      'legacy/refund.php': '<?php\necho "refund";\n',
      'legacy/checkout.php': '<?php\necho "checkout v2";\n',
      'package.json': packageJson({ lodash: '^4.17.21', moment: '^2.30.1' }),
      'package-lock.json': packageLock({ lodash: { version: '4.17.21', license: 'MIT' }, moment: { version: '2.30.1', license: 'MIT' }, 'gpl-widget': { version: '1.0.0', license: 'GPL-3.0-only' } }),
      'services/ledger/go.mod': goMod('v0.22.0'),
    })
    .remove('LICENSE')
    .commit('refunds');

  const eventFile = join(repo.dir, '..', `${repo.dir.split('/').pop()}-event.json`);
  const event = {
    action: 'opened',
    number: 42,
    pull_request: {
      number: 42,
      title: 'Refunds stuff',
      body: 'Adds refunds.\n\n## Testing\n<!-- What did you run? -->\n',
      draft: false,
      labels: [{ name: 'payments' }],
      user: { login: 'octocat' },
      base: { ref: 'main', sha: repo.git('rev-parse', 'main').trim() },
      head: { ref: 'feature/refunds', sha: repo.git('rev-parse', 'HEAD').trim() },
    },
    repository: { full_name: 'acme/payments-api' },
  };
  writeFileSync(eventFile, `${JSON.stringify(event, null, 2)}\n`);
  return { repo, eventFile };
}
