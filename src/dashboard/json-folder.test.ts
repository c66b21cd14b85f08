import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readJsonFolder, tooLarge } from './json-folder.ts';

const dir = mkdtempSync(join(tmpdir(), 'json-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tooLarge', () => {
  // A sparse file: 600 MB by its size, nothing on disk.
  const huge = join(dir, 'huge.json');
  writeFileSync(huge, '');
  truncateSync(huge, 600 * 1024 * 1024);
  const small = join(dir, 'small.json');
  writeFileSync(small, '{}');

  test.each([
    { name: 'a file over the limit that could not become one string', file: huge, error: new RangeError('Invalid string length'), said: /^too large to read: 600 MB, more than the 511 MB that Node can hold as one text$/ },
    { name: "Node's own code for it", file: huge, error: Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), { code: 'ERR_STRING_TOO_LONG' }), said: /^too large to read: 600 MB/ },
    { name: 'another error on a large file', file: huge, error: new Error('EACCES'), said: undefined },
    { name: 'a RangeError from a small file', file: small, error: new RangeError('x'), said: undefined },
  ])('$name', async ({ file, error, said }) => {
    const reason = await tooLarge(file, error);
    if (said) expect(reason).toMatch(said);
    else expect(reason).toBeUndefined();
  });
});

test('a folder with a file that is not JSON names it, with what was expected', async () => {
  const reports = mkdtempSync(join(dir, 'reports-'));
  writeFileSync(join(reports, 'a.json'), '{"ok": 1}');
  writeFileSync(join(reports, 'b.json'), 'not json');
  await expect(readJsonFolder(reports, { select: (name) => name.endsWith('.json'), what: 'reports', expected: 'a report', accept: (value) => value })).rejects.toMatchObject({
    diagnostics: [{ file: join(reports, 'b.json'), message: expect.stringMatching(/; expected a report$/) }],
    subject: 'the reports folder',
    outcome: 'the dashboard was not written',
  });
});
