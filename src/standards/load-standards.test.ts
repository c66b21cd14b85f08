import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { ruleYaml } from '../../test/helpers/standards.ts';
import { ConfigError, formatDiagnostic } from '../diagnostics.ts';
import { listYamlFiles } from './files.ts';
import { loadStandards, standardsFromTexts } from './load-standards.ts';
import { createAjv } from './validate.ts';


function errorsOf(files: { file: string; text: string }[]): string[] {
  try {
    standardsFromTexts(files);
  } catch (error) {
    if (error instanceof ConfigError) return error.diagnostics.map(formatDiagnostic);
    throw error;
  }
  throw new Error('expected the rule files to be rejected');
}

const FILE = 'rules/general/bad.yaml';

// Line numbers follow ruleYaml's field order: id 1, title 2, owner 3, status 4, severity 5,
// review_by 6, rationale 7, remediation 8, check 9 (type on 10); added fields follow.
describe('a malformed rule file is reported as file:line:column: field: what is wrong', () => {
  test.each([
    { name: 'YAML syntax error', text: 'id: STD-0100\ntitle: "unclosed\n', expected: 'rules/general/bad.yaml:3:1: invalid YAML: Missing closing "quote' },
    { name: 'duplicate key', text: ruleYaml({}).replace('severity: fail', 'severity: fail\nseverity: warn'), expected: /^rules\/general\/bad\.yaml:6:1: invalid YAML: Map keys must be unique/ },
    { name: 'not a mapping', text: '- id: STD-0100\n', expected: 'rules/general/bad.yaml:1:1: a rule file must be a YAML mapping of fields (id, title, owner, …)' },
    { name: 'empty file', text: '', expected: 'rules/general/bad.yaml:1:1: a rule file must be a YAML mapping of fields (id, title, owner, …)' },
    { name: 'missing required field', text: ruleYaml({ owner: '<absent>' }), expected: 'rules/general/bad.yaml:1:1: missing required field "owner"' },
    {
      name: 'unknown field (typo)',
      text: ruleYaml({ severty: 'warn' }),
      expected: /^rules\/general\/bad\.yaml:11:1: severty: unknown field "severty" \(did you mean "severity"\?\); allowed fields: id, title, owner, status, superseded_by, severity, enforce_from, review_by/,
    },
    { name: 'id not numbered', text: ruleYaml({ id: 'STD-12' }), expected: 'rules/general/bad.yaml:1:5: id: "STD-12" is not allowed; ids look like STD-0042: "STD-" and four digits, never reused' },
    { name: 'severity outside the enum', text: ruleYaml({ severity: 'error' }), expected: 'rules/general/bad.yaml:5:11: severity: "error" is not allowed; allowed: fail, warn, info' },
    { name: 'status outside the enum', text: ruleYaml({ status: 'retired' }), expected: 'rules/general/bad.yaml:4:9: status: "retired" is not allowed; allowed: proposed, active, deprecated, superseded' },
    { name: 'impossible date', text: ruleYaml({ review_by: '2027-02-30' }), expected: 'rules/general/bad.yaml:6:12: review_by: "2027-02-30" is not a valid date; use YYYY-MM-DD, for example 2027-01-31' },
    { name: 'date in words', text: ruleYaml({ enforce_from: 'next monday' }), expected: 'rules/general/bad.yaml:11:15: enforce_from: "next monday" is not a valid date; use YYYY-MM-DD, for example 2027-01-31' },
    { name: 'owner is a person, not a team', text: ruleYaml({ owner: 'alice' }), expected: 'rules/general/bad.yaml:3:8: owner: "alice" is not allowed; the owner is a team handle such as @acme/platform-guild' },
    { name: 'title of the wrong type', text: ruleYaml({ title: '[a, b]' }), expected: 'rules/general/bad.yaml:2:8: title: must be a string, got a list' },
    {
      name: 'unknown check type',
      text: ruleYaml({ check: '\n  type: regex' }),
      expected: 'rules/general/bad.yaml:10:9: check.type: unknown check type "regex"; known types: dependencies, forbidden-content, forbidden-files, language, oncall, ownership, pr-body-sections, pr-size, pr-title, required-files',
    },
    { name: 'check without a type', text: ruleYaml({ check: '\n  pattern: x' }), expected: 'rules/general/bad.yaml:10:3: check: missing required field "type"' },
    {
      name: 'unknown check option',
      text: ruleYaml({ check: '\n  type: forbidden-content\n  case_sensitive: true\n  pattern: x' }),
      expected: 'rules/general/bad.yaml:11:3: check.case_sensitive: unknown field "case_sensitive" (did you mean "case_insensitive"?); allowed fields: pattern, allow_pattern, case_insensitive, description',
    },
    { name: 'check option of the wrong type', text: ruleYaml({ check: '\n  type: pr-size\n  max_lines: lots' }), expected: 'rules/general/bad.yaml:11:14: check.max_lines: must be a whole number, got "lots"' },
    { name: 'check option missing', text: ruleYaml({ check: '\n  type: pr-size' }), expected: 'rules/general/bad.yaml:10:3: check: missing required field "max_lines"' },
    {
      name: 'regex RE2 cannot run',
      text: ruleYaml({ check: '\n  type: forbidden-content\n  pattern: "TODO(?!\\\\()"' }),
      expected: /^rules\/general\/bad\.yaml:11:12: check\.pattern: is not a valid RE2 regular expression \(invalid or unsupported Perl syntax: `\(\?!`\)/,
    },
    { name: 'glob with a leading slash', text: ruleYaml({ applies_to: '\n  paths: ["/src/**"]' }), expected: /^rules\/general\/bad\.yaml:12:11: applies_to\.paths\[0\]: "\/src\/\*\*" starts with "\/"; globs are relative to the repository root, write "src\/\*\*"$/ },
    { name: 'glob with an unbalanced brace', text: ruleYaml({ applies_to: '\n  exclude: ["**/*.{js,ts"]' }), expected: 'rules/general/bad.yaml:12:13: applies_to.exclude[0]: "**/*.{js,ts" has an unbalanced "{"' },
    { name: 'applies_to with an unknown key', text: ruleYaml({ applies_to: '\n  include: ["**"]' }), expected: 'rules/general/bad.yaml:12:3: applies_to.include: unknown field "include"; allowed fields: paths, exclude' },
    { name: 'superseded without a replacement', text: ruleYaml({ status: 'superseded' }), expected: 'rules/general/bad.yaml:4:9: status: a superseded standard must name its replacement in "superseded_by"' },
    {
      name: 'a tag outside the YAML core schema',
      text: ruleYaml({ title: '!!python/object:os.system "echo hi"' }),
      expected: 'rules/general/bad.yaml:2:8: invalid YAML: the tag !!python/object:os.system is not allowed; only the YAML core schema (strings, numbers, booleans, null, lists and mappings) is read',
    },
    { name: 'a local tag', text: ruleYaml({ title: '!shell "rm -rf"' }), expected: 'rules/general/bad.yaml:2:8: invalid YAML: the tag !shell is not allowed; only the YAML core schema (strings, numbers, booleans, null, lists and mappings) is read' },
    { name: 'a YAML 1.1 tag the core schema lacks', text: ruleYaml({ title: '!!binary aGk=' }), expected: 'rules/general/bad.yaml:2:8: invalid YAML: the tag !!binary is not allowed; only the YAML core schema (strings, numbers, booleans, null, lists and mappings) is read' },
    {
      name: 'an alias bomb',
      text: `${ruleYaml({})}x: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nz: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nq: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
      expected: /^rules\/general\/bad\.yaml:12:8: invalid YAML: aliases expand past 100 copies, the pattern of a resource-exhaustion attack; write the values out/,
    },
    { name: 'superseded_by on an active standard', text: ruleYaml({ superseded_by: 'STD-0001' }), expected: 'rules/general/bad.yaml:11:1: superseded_by: is set but status is "active"; set status: superseded or remove superseded_by' },
  ])('$name', ({ text, expected }) => {
    const errors = errorsOf([{ file: FILE, text }]);
    expect(errors).toHaveLength(1);
    if (typeof expected === 'string') expect(errors[0]).toBe(expected);
    else expect(errors[0]).toMatch(expected);
  });
});

test('a misspelt option is reported with a suggestion, beside the option it left missing', () => {
  const errors = errorsOf([{ file: FILE, text: ruleYaml({ check: '\n  type: forbidden-content\n  patern: TODO' }) }]);
  expect(errors).toEqual([
    'rules/general/bad.yaml:10:3: check: missing required field "pattern"',
    'rules/general/bad.yaml:11:3: check.patern: unknown field "patern" (did you mean "pattern"?); allowed fields: pattern, allow_pattern, case_insensitive, description',
  ]);
});

describe('mistakes across files', () => {
  test('a duplicate id names both places', () => {
    const errors = errorsOf([
      { file: 'rules/a.yaml', text: ruleYaml({}) },
      { file: 'rules/b.yaml', text: ruleYaml({}) },
    ]);
    expect(errors).toEqual(['rules/b.yaml:1:5: id: duplicate id STD-0100, already used by rules/a.yaml:1:5; ids are never reused, take the next free number']);
  });

  test('superseded_by must point to a defined standard', () => {
    const errors = errorsOf([{ file: 'rules/a.yaml', text: ruleYaml({ status: 'superseded', superseded_by: 'STD-0999' }) }]);
    expect(errors).toEqual(['rules/a.yaml:11:16: superseded_by: points to STD-0999, which no rule file defines']);
  });

  test('a supersession loop names every file in it, and neither standard is silently skipped', () => {
    const errors = errorsOf([
      { file: 'rules/a.yaml', text: ruleYaml({ id: 'STD-0005', status: 'superseded', superseded_by: 'STD-0900' }) },
      { file: 'rules/b.yaml', text: ruleYaml({ id: 'STD-0900', status: 'superseded', superseded_by: 'STD-0005' }) },
    ]);
    const loop = 'superseded_by goes round in a loop: STD-0005 (rules/a.yaml) → STD-0900 (rules/b.yaml) → STD-0005 (rules/a.yaml); every chain must end in a standard that is not superseded';
    expect(errors).toEqual([`rules/a.yaml:11:16: superseded_by: ${loop}`, `rules/b.yaml:11:16: superseded_by: ${loop}`]);
  });

  test('a chain that ends in a standard in force is fine; one that loops after a while is not', () => {
    const chain = [
      { file: 'rules/a.yaml', text: ruleYaml({ id: 'STD-0001', status: 'superseded', superseded_by: 'STD-0002' }) },
      { file: 'rules/b.yaml', text: ruleYaml({ id: 'STD-0002', status: 'superseded', superseded_by: 'STD-0003' }) },
    ];
    expect(standardsFromTexts([...chain, { file: 'rules/c.yaml', text: ruleYaml({ id: 'STD-0003' }) }]).map((s) => s.id)).toEqual(['STD-0001', 'STD-0002', 'STD-0003']);
    const errors = errorsOf([...chain, { file: 'rules/c.yaml', text: ruleYaml({ id: 'STD-0003', status: 'superseded', superseded_by: 'STD-0002' }) }]);
    expect(errors.map((e) => e.split(':')[0])).toEqual(['rules/b.yaml', 'rules/c.yaml']);
    expect(errors[0]).toContain('STD-0002 (rules/b.yaml) → STD-0003 (rules/c.yaml) → STD-0002 (rules/b.yaml)');
  });

  test('every mistake in every file is listed, one line each', () => {
    const errors = errorsOf([
      { file: 'rules/a.yaml', text: ruleYaml({ severity: 'high', status: 'live' }) },
      { file: 'rules/b.yaml', text: ruleYaml({ id: 'STD-0101', check: '\n  type: nope' }) },
    ]);
    expect(errors).toHaveLength(3);
    expect(errors.every((line) => /^rules\/[ab]\.yaml:\d+:\d+: /.test(line))).toBe(true);
  });
});

describe('valid rule files', () => {
  test('defaults are filled in and the rule file path is kept', () => {
    const [standard] = standardsFromTexts([{ file: 'rules/x.yaml', text: ruleYaml({}) }]);
    expect(standard).toMatchObject({ id: 'STD-0100', applies_to: { paths: ['**'], exclude: [] }, tags: [], file: 'rules/x.yaml', check: { type: 'forbidden-files' } });
  });

  test('loadStandards reads nested folders and sorts by id', async () => {
    const root = mkdtempSync(join(tmpdir(), 'standards-'));
    mkdirSync(join(root, 'rules/b'), { recursive: true });
    writeFileSync(join(root, 'rules/b/two.yml'), ruleYaml({ id: 'STD-0002' }));
    writeFileSync(join(root, 'rules/one.yaml'), ruleYaml({ id: 'STD-0001' }));
    writeFileSync(join(root, 'rules/README.md'), 'not a rule');
    const standards = await loadStandards(root);
    expect(standards.map((s) => [s.id, s.file])).toEqual([
      ['STD-0001', 'rules/one.yaml'],
      ['STD-0002', 'rules/b/two.yml'],
    ]);
  });

  test('a folder with no rules is a configuration error, not an empty pass', async () => {
    const root = mkdtempSync(join(tmpdir(), 'standards-'));
    await expect(loadStandards(root)).rejects.toThrow(/no rule files found/);
  });

  test('the shipped rules are valid', async () => {
    const standards = await loadStandards(join(import.meta.dirname, '../..'));
    expect(standards.length).toBeGreaterThanOrEqual(6);
  });
});

describe('schema/standard.schema.json, the schema editors use', () => {
  const root = join(import.meta.dirname, '../..');
  const schema = JSON.parse(readFileSync(join(root, 'schema/standard.schema.json'), 'utf8'));
  const ajv = createAjv();
  const validate = ajv.compile(schema);

  test('accepts every shipped rule', async () => {
    for (const file of await listYamlFiles(root, 'rules')) {
      const valid = validate(parse(readFileSync(join(root, file), 'utf8')));
      expect(validate.errors ?? [], file).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  test('rejects an unknown option for the chosen check type', () => {
    expect(validate(parse(ruleYaml({ check: '\n  type: pr-size\n  max_line: 5' })))).toBe(false);
    expect(validate(parse(ruleYaml({ check: '\n  type: pr-size\n  max_lines: 5' })))).toBe(true);
  });
});

describe('the fast and the careful YAML parse agree', () => {
  test('on every shipped configuration file, and the careful parse still locates mistakes', async () => {
    const { parseDocument } = await import('yaml');
    const { parseYamlFile } = await import('./yaml-file.ts');
    const root = join(import.meta.dirname, '../..');
    const files = [...(await listYamlFiles(root, 'rules')), ...(await listYamlFiles(root, 'exemptions')), 'teams.yaml', 'standards.config.yaml'];
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      expect(parseYamlFile(file, text).value, file).toEqual(parseDocument(text).toJS());
    }
    expect(parseYamlFile('x.yaml', 'a:\n  b: [1, 2]\n').diagnostic(['a', 'b', 1], 'bad')).toEqual({ file: 'x.yaml', line: 2, column: 10, field: 'a.b[1]', message: 'bad' });
  });
});
