// GitHub's side of a webhook burst, in its own process: the double that serves the API is busy
// answering the server's calls, and an acknowledgement timed there would include that wait.
// Reads { url, secret, deliveries: [{ guid, event, payload }], concurrency } on stdin; sends them
// signed, at most `concurrency` at once, each on a connection of its own as GitHub's are; prints
// one JSON array of { guid, status, started, finished, headers }.
//
// Requests go through node:http, not fetch: the sender's own work is inside every figure it
// times, and fetch (undici) spent ~1 ms of this process's CPU on each of 50 requests started at
// once, where node:http spends about a third of that. Measured against a bare server that only
// reads, parses and answers 202: p99 70–102 ms through fetch, 28–58 ms through node:http.
import { createHmac } from 'node:crypto';
import { request } from 'node:http';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { url, secret, deliveries, concurrency } = JSON.parse(input);
const prepared = deliveries.map(({ guid, event, payload }) => {
  const body = Buffer.from(JSON.stringify(payload));
  const headers = { 'content-type': 'application/json', 'content-length': String(body.length), 'x-github-event': event, 'x-github-delivery': guid, 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`, 'user-agent': 'GitHub-Hookshot/bench' };
  return { guid, body, headers };
});

/** One POST; its status, or 0 when it failed or took over 10 s (GitHub's own timeout). */
const post = (body, headers) =>
  new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers, agent: false, timeout: 10_000 }, (response) => {
      response.on('error', () => resolve(0));
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.resume();
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(body);
  });

const results = new Array(prepared.length);
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(concurrency, prepared.length) }, async () => {
    while (next < prepared.length) {
      const index = next++;
      const { guid, body, headers } = prepared[index];
      const started = Date.now();
      const status = await post(body, headers);
      results[index] = { guid, status, started, finished: Date.now(), headers };
    }
  }),
);
process.stdout.write(JSON.stringify(results));
