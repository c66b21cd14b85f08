// The formats schemas here name (date, uri, …): ajv-formats' own, but for `uri`, which first
// tries a plain web address. ajv-formats' `uri` is one regular expression of 1,900 characters,
// case-insensitive, that V8 compiles on the first run and again on the second: 6-7 ms of a
// typical pull request's check, for the one URL in the config and each exemption's ticket
// (bench/RESULTS.md, fifteenth pass). What the plain form accepts, the full expression accepts
// too (formats.test.ts holds them to that), so the answer is the same; anything else still goes
// to the full expression.
import { fullFormats } from 'ajv-formats/dist/formats.js';

// http(s), a host name, a port, then path, query and fragment of RFC 3986's unreserved and
// sub-delimiter characters, without percent escapes: each part a subset of the same part of
// ajv-formats' expression.
export const PLAIN_WEB_URL = /^https?:\/\/[A-Za-z0-9][A-Za-z0-9.-]*(?::[0-9]+)?(?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)?(?:\?[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*)?(?:#[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*)?$/;

const fullUri = fullFormats.uri as (text: string) => boolean;

/** ajv-formats' `uri`: an absolute URI, as RFC 3986 has it. */
export function uri(text: string): boolean {
  return PLAIN_WEB_URL.test(text) || fullUri(text);
}

/** What precompiled validators reach for a format by name (ajv's `code.formats`). */
export const formats = { ...fullFormats, uri };
