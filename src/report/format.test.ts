import { describe, expect, test } from 'vitest';
import { groupDigits, plural } from './format.ts';

describe('groupDigits', () => {
  test.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [25000, '25,000'],
    [65536, '65,536'],
    [1234567, '1,234,567'],
    [-1234, '-1,234'],
    [Number.MAX_SAFE_INTEGER, '9,007,199,254,740,991'],
    [1234.5, '1,234.5'],
  ])('%d is written %s', (count, written) => {
    expect(groupDigits(count)).toBe(written);
  });

  test("writes every count as toLocaleString('en') does", () => {
    for (let count = 0; count < 2_000_000; count += 997) expect(groupDigits(count)).toBe(count.toLocaleString('en'));
  });
});

test('plural groups the count and picks the form', () => {
  expect([plural(1, 'warning'), plural(2, 'warning'), plural(12345, 'file')]).toEqual(['1 warning', '2 warnings', '12,345 files']);
});
