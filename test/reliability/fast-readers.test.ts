import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { AUTH, parseXml, startTestEmulator } from '../helpers/emulator.js';

const emulator = await startTestEmulator();

/** What the reader saw: the large answer's bytes in all, and how many had come when the small one ended. */
interface Seen {
  total: number;
  atSmall: number;
  small: string;
}

/**
 * Reads `large` as fast as it comes, on its own thread (the server's is the test's), and asks for
 * `small` as soon as the large one's first bytes arrive. Plain JavaScript: a worker runs no
 * TypeScript.
 */
const READER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { large, small, headers } = workerData;
let total = 0;
let atSmall;
let body = '';
let asked = false;
const report = () => { if (atSmall !== undefined && done) parentPort.postMessage({ total, atSmall, small: body }); };
let done = false;
http.get(large, { headers }, (res) => {
  res.on('data', (d) => {
    total += d.length;
    if (asked) return;
    asked = true;
    http.get(small, { headers }, (r) => {
      r.setEncoding('utf8');
      r.on('data', (d) => (body += d));
      r.on('end', () => { atSmall = total; report(); });
    });
  });
  res.on('end', () => { done = true; report(); });
});
`;

function read(large: string, small: string): Promise<Seen> {
  const worker = new Worker(READER, { eval: true, workerData: { large, small, headers: { Authorization: AUTH, 'X-Requested-With': 'vitest' } } });
  return new Promise((resolve, reject) => {
    worker.once('message', (seen: Seen) => {
      void worker.terminate();
      resolve(seen);
    });
    worker.once('error', reject);
  });
}

describe('a large answer read as fast as it is written', () => {
  it('gives way: a one-host request asked for once it starts is answered before it ends', async () => {
    // [E] about 40 MB of detections: far more than the sockets' buffers hold between them
    const made = await emulator.generateHosts({ seed: 23, count: 3000 });
    const seen = await read(
      `${emulator.url}/api/5.0/fo/asset/host/vm/detection/?action=list&truncation_limit=0`,
      `${emulator.url}/api/5.0/fo/asset/host/?action=list&ids=${made.first_id}`,
    );
    expect(seen.total).toBeGreaterThan(30_000_000);
    const host = parseXml(seen.small);
    expect(host.children[0].children.find((c) => c.name === 'HOST_LIST')?.children).toHaveLength(1);
    // answered while at most half of the large answer had come, not once it was all written
    expect(seen.atSmall).toBeLessThan(seen.total / 2);
  }, 120_000);
});
