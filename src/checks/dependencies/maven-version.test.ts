import { describe, expect, test } from 'vitest';
import { compareMavenVersions, parseMavenRange } from './maven-version.ts';

// Orders Maven's documentation and its own tests of ComparableVersion state.
const QUALIFIER_ORDER = ['1-alpha2snapshot', '1-alpha2', '1-alpha-123', '1-beta-2', '1-beta123', '1-m2', '1-m11', '1-rc', '1-cr2', '1-rc123', '1-SNAPSHOT', '1', '1-sp', '1-sp2', '1-sp123', '1-abc', '1-def', '1-pom-1', '1-1-snapshot', '1-1', '1-2', '1-123'];
const NUMBER_ORDER = ['2.0', '2-1', '2.0.a', '2.0.0.a', '2.0.2', '2.0.123', '2.1.0', '2.1-a', '2.1b', '2.1-c', '2.1-1', '2.1.0.1', '2.2', '2.123', '11.a2', '11.a11', '11.b2', '11.b11', '11.m2', '11.m11', '11', '11.a', '11b', '11c', '11m'];

describe("Maven's version order", () => {
  test.each([
    ['qualifiers', QUALIFIER_ORDER],
    ['numbers', NUMBER_ORDER],
  ])('%s sort as Maven sorts them', (_name, order) => {
    for (let i = 0; i < order.length; i++) {
      for (let j = i + 1; j < order.length; j++) {
        expect(compareMavenVersions(order[i]!, order[j]!), `${order[i]} < ${order[j]}`).toBeLessThan(0);
        expect(compareMavenVersions(order[j]!, order[i]!), `${order[j]} > ${order[i]}`).toBeGreaterThan(0);
      }
    }
  });

  test.each([
    ['1', '1.0'],
    ['1', '1.0.0'],
    ['1.0', '1.0.0'],
    ['1-ga', '1'],
    ['1-final', '1'],
    ['1-release', '1.0'],
    ['1-cr1', '1-rc-1'],
    ['1a1', '1-alpha-1'],
    ['1.0-SNAPSHOT', '1-snapshot'],
    ['2.17.1', '2.17.1.0'],
  ])('%s equals %s', (a, b) => {
    expect(compareMavenVersions(a, b)).toBe(0);
  });

  test.each([
    ['2.17.0', '2.17.1'],
    ['2.9.1', '2.17.1'],
    ['2.17.1-rc1', '2.17.1'],
    ['1.0-SNAPSHOT', '1.0'],
    ['1.0', '1.0-sp1'],
  ])('%s < %s', (a, b) => {
    expect(compareMavenVersions(a, b)).toBeLessThan(0);
  });
});

describe('Maven version ranges', () => {
  test.each([
    ['1.0', [{ low: { version: '1.0', inclusive: true }, high: { version: '1.0', inclusive: true } }]],
    ['[1.0,2.0)', [{ low: { version: '1.0', inclusive: true }, high: { version: '2.0', inclusive: false } }]],
    ['(,2.17.1)', [{ low: undefined, high: { version: '2.17.1', inclusive: false } }]],
    ['[1.2]', [{ low: { version: '1.2', inclusive: true }, high: { version: '1.2', inclusive: true } }]],
    ['(,1.0],[1.2,)', [{ low: undefined, high: { version: '1.0', inclusive: true } }, { low: { version: '1.2', inclusive: true }, high: undefined }]],
  ])('%s', (spec, expected) => {
    expect(parseMavenRange(spec)).toEqual(expected);
  });

  test.each(['(1.2)', '[1,2,3]', '[1.0', '${log4j2.version}', ''])('%s is not a version or range', (spec) => {
    expect(parseMavenRange(spec)).toBeUndefined();
  });
});
