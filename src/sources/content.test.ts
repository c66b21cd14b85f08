import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addedFile, changedLines, fileFromPatch, lineCount, linesBeforeNul, linesOfContent, looksBinary, patchFromContents, readableText, wholeText } from './content.ts';

describe('a file read whole and a file read as lines agree', () => {
  test.each([
    ['', 0],
    ['a', 1],
    ['a\n', 1],
    ['a\n\n', 2],
    ['a\r\nb\r\n', 2],
    ['a\rb\n', 1],
  ])('%j has %i lines', (text, count) => {
    const bytes = Buffer.from(text);
    expect(wholeText(bytes).lines).toBe(count);
    expect(linesOfContent(bytes)).toHaveLength(count);
  });

  test('fast-check: the lines of wholeText are linesOfContent', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', '\n', '\r\n', '\r', ' ', '\0', 'é'), { maxLength: 30 }), (parts) => {
        const bytes = Buffer.from(parts.join(''));
        const { text, lines } = wholeText(bytes);
        const split = lines ? text.replace(/\r\n/g, '\n').split('\n') : [];
        expect(split).toEqual(linesOfContent(bytes).map((l) => l.text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('binary content, by git\'s own rule', () => {
  test('a NUL in the first 8,000 bytes, and only there, makes a file binary', () => {
    expect(looksBinary(Buffer.from('text'))).toBe(false);
    expect(looksBinary(Buffer.concat([Buffer.from('x'), Buffer.from([0])]))).toBe(true);
    expect(looksBinary(Buffer.concat([Buffer.alloc(8000, 97), Buffer.from([0])]))).toBe(false);
    // At the probe's edge, from either side: a file of 8,000 bytes is searched whole.
    expect(looksBinary(Buffer.concat([Buffer.alloc(7999, 97), Buffer.from([0])]))).toBe(true);
    expect(looksBinary(Buffer.concat([Buffer.alloc(7999, 97), Buffer.from([0]), Buffer.from('x')]))).toBe(true);
    expect(looksBinary(Buffer.alloc(8000, 97))).toBe(false);
  });

  test('a binary file keeps its text before the first NUL, the line holding it cut there', () => {
    const bytes = Buffer.concat([Buffer.from('-----BEGIN RSA PRIVATE KEY-----\nMII'), Buffer.from([0, 1]), Buffer.from('\nafter\n')]);
    expect(readableText(bytes)).toEqual({ binary: true, text: '-----BEGIN RSA PRIVATE KEY-----\nMII' });
    const added = [
      { line: 1, text: '-----BEGIN RSA PRIVATE KEY-----' },
      { line: 2, text: 'MII\0\u0001' },
      { line: 3, text: 'after' },
    ];
    expect(linesBeforeNul(added, '-----BEGIN RSA PRIVATE KEY-----\nMII')).toEqual([added[0], { line: 2, text: 'MII' }]);
  });
});

test('changedLines numbers added and removed lines like a unified diff', () => {
  expect(changedLines('a\nb\nc\n', 'a\nx\nc\nd\n')).toEqual({
    added: [
      { line: 2, text: 'x' },
      { line: 4, text: 'd' },
    ],
    removed: [{ line: 2, text: 'b' }],
  });
});

describe('line counts', () => {
  test.each([
    ['', 0],
    ['a', 1],
    ['a\n', 1],
    ['a\nb', 2],
    ['\n\n', 2],
    ['a\r\nb\r\n', 2],
    ['a\rb', 1],
  ])('%j counts %i lines, as git diff --numstat does', (text, count) => {
    expect(lineCount(Buffer.from(text))).toBe(count);
  });

  test('a platform\'s counts win; without them, a patch fetched later is counted when asked', async () => {
    const head = async () => Buffer.from('a\nx\nc\nd\n');
    const given = fileFromPatch({ path: 'f', status: 'modified', counts: { additions: 7, deletions: 3 } }, { added: [], removed: [] }, head);
    expect(await given.lineCounts()).toEqual({ additions: 7, deletions: 3 });
    // As for files past the 3,000 GitHub lists: diffed here from both versions, never counted as 0.
    const fetched = fileFromPatch({ path: 'f', status: 'modified' }, () => patchFromContents(Buffer.from('a\nb\nc\n'), Buffer.from('a\nx\nc\nd\n')), head);
    expect(await fetched.lineCounts()).toEqual({ additions: 2, deletions: 1 });
  });

  test('a new file read whole counts every line as added', async () => {
    const file = addedFile({ path: 'new.txt' }, async () => Buffer.from('one\ntwo\nthree'));
    expect(await file.lineCounts()).toEqual({ additions: 3, deletions: 0 });
    expect(await file.addedLines()).toHaveLength(3);
  });
});
