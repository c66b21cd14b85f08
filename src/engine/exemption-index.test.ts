import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { covers, type Exemption } from '../standards/exemptions.ts';
import { ExemptionIndex } from './exemption-index.ts';

const exemption = (id: string, standard: string, paths?: string[]): Exemption =>
  ({ id, standard, repos: ['acme/*'], paths, reason: 'r', approved_by: 'a', created: '2026-01-01', expires: '2027-01-01', file: `exemptions/${id}.yaml` }) as Exemption;

describe('ExemptionIndex', () => {
  const list = [
    exemption('EX-1', 'STD-1', ['services/api/**']),
    exemption('EX-2', 'STD-1'),
    exemption('EX-3', 'STD-1', ['**/*.php', 'services/api/x.ts']),
    exemption('EX-4', 'STD-2', ['services/**']),
    exemption('EX-5', 'STD-1', ['services/api/x.ts']),
  ];
  const index = new ExemptionIndex(list);

  test.each([
    { name: 'a file under a folder glob, in the order given, each once', standard: 'STD-1', file: 'services/api/x.ts', ids: ['EX-1', 'EX-2', 'EX-3', 'EX-5'] },
    { name: 'a file elsewhere: the whole-repository one and the one that may match anywhere', standard: 'STD-1', file: 'web/a.ts', ids: ['EX-2', 'EX-3'] },
    { name: 'a finding about no file: only the whole-repository one', standard: 'STD-1', file: null, ids: ['EX-2'] },
    { name: 'another standard', standard: 'STD-2', file: 'services/a', ids: ['EX-4'] },
    { name: 'a standard with no exemptions', standard: 'STD-9', file: 'a', ids: [] },
  ])('$name', ({ standard, file, ids }) => {
    expect(index.candidates(standard, file).map((e) => e.id)).toEqual(ids);
  });

  test('leaves out no exemption that covers a finding, and keeps their order (fast-check)', () => {
    const segment = fc.constantFrom('a', 'b', 'svc', '.github', 'x.ts', 'y.php');
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
    const glob = fc.oneof(
      path,
      path.map((p) => `${p}/**`),
      path.map((p) => `${p}/*`),
      path.map((p) => `**/${p}`),
      fc.constantFrom('**', '*.ts', '**/*.php', '{a,b}/**', 'a/{svc,b}/*.ts', '!a/**', 'a/*/x.ts', 'a/**/y.php', '/a/**', 'a//b', './a/**'),
    );
    const exemptions = fc.array(fc.record({ standard: fc.constantFrom('S1', 'S2'), paths: fc.option(fc.array(glob, { minLength: 1, maxLength: 3 }), { nil: undefined }) }), { maxLength: 8 });
    fc.assert(
      fc.property(exemptions, fc.constantFrom('S1', 'S2'), fc.option(path, { nil: null }), (specs, standard, file) => {
        const all = specs.map((spec, i) => exemption(`EX-${i}`, spec.standard, spec.paths));
        const found = new ExemptionIndex(all).candidates(standard, file).filter((e) => covers(e, 'acme/web', file));
        expect(found).toEqual(all.filter((e) => e.standard === standard && covers(e, 'acme/web', file)));
      }),
      { numRuns: 1000 },
    );
  });
});
