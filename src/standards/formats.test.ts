import { fullFormats } from 'ajv-formats/dist/formats.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formats, PLAIN_WEB_URL, uri } from './formats.ts';
import { createAjv } from './validate.ts';

const fullUri = fullFormats.uri as (text: string) => boolean;

describe('uri', () => {
  test.each([
    // Plain web addresses: the first expression answers.
    ['https://github.com/acme/standards', true],
    ['http://jira.example.com:8080/browse/PAY-12?focus=comments&x=1#c-3', true],
    ["https://example.com/a/b;c=d/e@f:g/~h!$&'()*+,", true],
    ['https://example.com', true],
    // Absolute URIs the plain form leaves to ajv-formats' expression.
    ['mailto:oncall@example.com', true],
    ['urn:isbn:0451450523', true],
    ['https://[2001:db8::1]/status', true],
    ['https://example.com/a%20b', true],
    ['https://user:secret@example.com/', true],
    ['http://', true],
    ['HTTPS://EXAMPLE.COM/', true],
    // Not absolute URIs.
    ['', false],
    ['example.com/x', false],
    ['/relative/path', false],
    ['https://example.com/a b', false],
    ['https://example.com/a%2', false],
    ['https://example.com/<script>', false],
    ['https://example.com/#a#b', false],
    ['1http://example.com', false],
  ])('%j is %s, as ajv-formats has it', (text, expected) => {
    expect(uri(text)).toBe(expected);
    expect(fullUri(text)).toBe(expected);
  });

  test('every plain web address is a URI to ajv-formats too, so the plain form never changes an answer', () => {
    fc.assert(fc.property(fc.stringMatching(PLAIN_WEB_URL), (text) => fullUri(text)), { numRuns: 5000 });
  });

  test('answers as ajv-formats does for generated web addresses and for arbitrary text', () => {
    fc.assert(fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string({ unit: 'grapheme-ascii' })), (text) => uri(text) === fullUri(text)), { numRuns: 5000 });
  });

  test('is the uri that precompiled and run-time validators use', () => {
    expect(formats.uri).toBe(uri);
    const validate = createAjv().compile({ type: 'string', format: 'uri' });
    expect([validate('https://example.com/x'), validate('mailto:a@b.c'), validate('not a uri')]).toEqual([true, true, false]);
  });
});
