// GitHub's side of a webhook burst, in its own process: the double that serves the API is busy
// answering the server's calls, and an acknowledgement timed there would include that wait.
// Reads { url, secret, deliveries: [{ guid, event, payload }], concurrency } on stdin; sends them
// signed, at most `concurrency` at once; prints one JSON array of { guid, status, started, finished }.
import { createHmac } from 'node:crypto';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { url, secret, deliveries, concurrency } = JSON.parse(input);
const prepared = deliveries.map(({ guid, event, payload }) => {
  const body = JSON.stringify(payload);
  const headers = { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': guid, 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`, 'user-agent': 'GitHub-Hookshot/bench' };
  return { guid, body, headers };
});
const results = new Array(prepared.length);
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(concurrency, prepared.length) }, async () => {
    while (next < prepared.length) {
      const index = next++;
      const { guid, body, headers } = prepared[index];
      const started = Date.now();
      let status = 0;
      try {
        const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = 0;
      }
      results[index] = { guid, status, started, finished: Date.now(), headers };
    }
  }),
);
process.stdout.write(JSON.stringify(results));
