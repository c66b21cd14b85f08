import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { expect, test } from 'vitest';
import { bodyReader } from './app.ts';

const SECRET = 'body-reader-secret';
const MB = 1024 * 1024;

/** An upload of `bytes` bytes as the server's request object gives it: a stream with headers. */
function upload(bytes: number): IncomingMessage {
  const body = Buffer.alloc(bytes, 'a');
  const request = Readable.from([body.subarray(0, bytes >> 1), body.subarray(bytes >> 1)]) as unknown as IncomingMessage;
  request.headers = { 'content-length': String(bytes) };
  return request;
}

const signed = (bytes: number) => `sha256=${createHmac('sha256', SECRET).update(Buffer.alloc(bytes, 'a')).digest('hex')}`;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

// Each row: the sizes of the bodies read one after another, whether each is signed, and after
// which of them (1-based) the reader asks for a collection: every 16 MB of dropped bodies.
interface Row {
  name: string;
  sizes: number[];
  signedAt: number[];
  collects: number[];
}

test.each<Row>([
  { name: 'a 24 MB body that does not match its signature', sizes: [24 * MB], signedAt: [], collects: [1] },
  { name: 'dropped bodies add up to 16 MB before a collection', sizes: [6 * MB, 6 * MB, 6 * MB, 6 * MB, 6 * MB, 6 * MB], signedAt: [], collects: [3, 6] },
  { name: 'bodies that match are kept and count nothing', sizes: [20 * MB, 1 * MB, 20 * MB], signedAt: [1, 3], collects: [] },
  { name: 'small bad bodies alone collect rarely', sizes: Array.from({ length: 40 }, () => MB / 2), signedAt: [], collects: [32] },
])('bodyReader: $name', async ({ sizes, signedAt, collects }) => {
  let read = 0;
  const at: number[] = [];
  const reader = bodyReader(32 * MB, SECRET, () => at.push(read));
  for (const [index, size] of sizes.entries()) {
    read = index + 1;
    const signature = signedAt.includes(read) ? signed(size) : `sha256=${'0'.repeat(64)}`;
    const outcome = await reader.read(upload(size), signature);
    expect(outcome === 'bad-signature' ? 'dropped' : Buffer.isBuffer(outcome) ? 'kept' : outcome).toBe(signedAt.includes(read) ? 'kept' : 'dropped');
    await nextTurn();
    expect(reader.pending).toBe(0);
  }
  expect(at).toEqual(collects);
});
