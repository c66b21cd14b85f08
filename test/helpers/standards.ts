import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type OrgConfig } from '../../src/config.ts';
import { standardsFromTexts } from '../../src/standards/load-standards.ts';
import type { Standard } from '../../src/standards/standard.ts';

export const testConfig: OrgConfig = parseConfig(
  'organisation: Acme\nrepository:\n  url: https://github.com/acme/standards\n  default_branch: main\nproposal_process: CONTRIBUTING.md#proposing-a-standard\n',
);

/** A valid rule file with `overrides` merged in, as YAML text. */
export function ruleYaml(fields: Record<string, string>): string {
  const defaults: Record<string, string> = {
    id: 'STD-0100',
    title: 'A test standard',
    owner: '"@acme/platform-guild"',
    status: 'active',
    severity: 'fail',
    review_by: '2027-01-31',
    rationale: 'Because it matters for tests.',
    remediation: 'Do the right thing here.',
    check: '\n  type: forbidden-files',
  };
  return Object.entries({ ...defaults, ...fields })
    .filter(([, value]) => value !== '<absent>')
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n')
    .concat('\n');
}

export function standard(fields: Record<string, string> = {}, file = 'rules/test.yaml'): Standard {
  return standardsFromTexts([{ file, text: ruleYaml(fields) }])[0]!;
}

/** Several standards loaded together, so cross-file rules such as superseded_by resolve. */
export function standards(...fieldSets: Record<string, string>[]): Standard[] {
  return standardsFromTexts(fieldSets.map((fields, i) => ({ file: `rules/test-${i}.yaml`, text: ruleYaml(fields) })));
}

const ROOT = join(import.meta.dirname, '../..');

/** A writable copy of this repository's standards (rules, exemptions, teams, settings), for tests that break or edit them. */
export function standardsCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'standards-copy-'));
  for (const entry of ['rules', 'exemptions', 'teams.yaml', 'standards.config.yaml', 'STANDARDS.md', 'schema', '.github/CODEOWNERS']) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  return dir;
}

/** A copy of the standards with one rule, STD-0100, checking `check`, and no exemptions: no other standard can hide or add a finding. */
export function standardsWithOnly(title: string, check: string): string {
  const dir = standardsCopy();
  rmSync(join(dir, 'rules'), { recursive: true });
  rmSync(join(dir, 'exemptions'), { recursive: true });
  mkdirSync(join(dir, 'rules'));
  writeFileSync(join(dir, 'rules/only.yaml'), ruleYaml({ id: 'STD-0100', title, check }));
  return dir;
}
