import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, test } from 'vitest';
import { writeFileOut, writeOut } from './report.ts';

/**
 * A real stream whose reader takes each write a tick later, as a pipe to a slower process does;
 * given `goneAfter`, the reader goes away once it has that many bytes, as `head -c` does.
 */
function slowReader(goneAfter = Infinity) {
  let received = 0;
  let mostQueued = 0;
  const stream = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      setImmediate(() => (received >= goneAfter ? stream.destroy() : done()));
    },
  });
  const write = stream.write.bind(stream);
  stream.write = ((text: string) => {
    const fits = write(text);
    mostQueued = Math.max(mostQueued, stream.writableLength);
    return fits;
  }) as typeof stream.write;
  return { stream, received: () => received, mostQueued: () => mostQueued };
}

function* pieces(count: number, size: number, pulled: { count: number }) {
  for (let i = 0; i < count; i++) {
    pulled.count++;
    yield 'x'.repeat(size);
  }
}

describe('writeOut', () => {
  test('waits for a slow reader instead of queueing the report in memory', async () => {
    const reader = slowReader();
    const pulled = { count: 0 };
    await writeOut(reader.stream, pieces(400, 10_000, pulled));
    await new Promise<void>((resolve) => reader.stream.end(resolve));
    expect(reader.received()).toBe(4_000_000);
    // One batch of about 64 KB at a time: without waiting, all 4 MB sat in the stream's queue.
    expect(reader.mostQueued()).toBeLessThan(80_000);
  });

  test('stops making the report once the reader has gone', async () => {
    const reader = slowReader(100_000);
    const pulled = { count: 0 };
    await writeOut(reader.stream, pieces(400, 10_000, pulled));
    expect(reader.stream.destroyed).toBe(true);
    // Two batches of seven pieces written, the third made when the reader went: not all 400.
    expect(pulled.count).toBeLessThanOrEqual(21);
  });

  test('writes to a sink with no backpressure as it did: pieces batched, nothing lost', async () => {
    const parts: string[] = [];
    await writeOut({ write: (text: string) => parts.push(text) }, ['a', 'b', 'x'.repeat(70_000), 'c']);
    expect(parts.join('')).toBe(`ab${'x'.repeat(70_000)}c`);
    expect(parts).toHaveLength(2);
    await writeOut({ write: (text: string) => parts.push(text) }, 'whole');
    expect(parts.at(-1)).toBe('whole');
  });
});

describe('writeFileOut', () => {
  const dir = mkdtempSync(join(tmpdir(), 'write-file-out-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('writes every piece, in order', async () => {
    const file = join(dir, 'report.sarif');
    await writeFileOut(file, (function* () {
      for (let i = 0; i < 1000; i++) yield `${i}:${'x'.repeat(200)}\n`;
    })());
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(1001);
    expect(lines[999]).toBe(`999:${'x'.repeat(200)}`);
  });

  test('a file that cannot be written is an error, not a missing report', async () => {
    await expect(writeFileOut(join(dir, 'no-such-folder', 'report.sarif'), ['{}'])).rejects.toThrow(/could not write .*no-such-folder.*ENOENT/);
  });
});
