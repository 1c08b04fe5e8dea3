import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/index.js';
import { MAX_QUEUED } from '../../src/http/one-at-a-time.js';
import { AUTH, DOCKER, parseXml, startTestEmulator } from '../helpers/emulator.js';

const SEND_TIMEOUT = 300;
const SLOTS = 8;

const sockets: Socket[] = [];
afterAll(() => {
  for (const s of sockets) s.destroy();
});

/** A connection that reads nothing it is sent (paused from the start). */
async function nonReader(emulator: EmulatorHandle): Promise<Socket> {
  const socket = connect(emulator.port, '127.0.0.1');
  socket.pause();
  socket.on('error', () => {});
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return socket;
}

/**
 * Whether the server has closed `socket`: a client that reads nothing cannot tell, so it reads
 * now, and sees the end within `ms`. One still open would be sent its answers and kept alive.
 */
function closedByServer(socket: Socket, ms = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    if (socket.destroyed) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.resume();
  });
}

const get = (path: string, auth = true) =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth ? `Authorization: ${AUTH}\r\n` : ''}X-Requested-With: vitest\r\n\r\n`;
/** Refused (401) before any work, but journaled: the journal counts what the server took up. */
const UNAUTHENTICATED_LIST = get(`${DOCKER}?action=list`, false);

/** Whether /health answers a new connection within `ms` (the slots may take a moment to free). */
async function healthWithin(emulator: EmulatorHandle, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    try {
      const res = await fetch(`${emulator.url}/health`, { signal: AbortSignal.timeout(500) });
      if (res.status === 200) return true;
    } catch {
      // refused: every slot is taken
    }
    await sleep(50);
  }
  return false;
}

async function refusedCount(emulator: EmulatorHandle): Promise<number> {
  return (await emulator.requests({ path: DOCKER, status: 401 })).length;
}

describe('clients that send and never read', () => {
  it(`are cut off past ${MAX_QUEUED} requests ahead of their answer; what they queued is not done, and others are served`, async () => {
    const emulator = await startTestEmulator({ maxConnections: SLOTS, sendTimeout: SEND_TIMEOUT });
    const flooders = await Promise.all(Array.from({ length: SLOTS }, () => nonReader(emulator)));
    // 600 requests a burst, as one write each: Node parses them all before anything is answered
    for (const s of flooders) s.write(UNAUTHENTICATED_LIST.repeat(600));
    expect(await healthWithin(emulator, 3000)).toBe(true);
    expect(await Promise.all(flooders.map((s) => closedByServer(s)))).toEqual(flooders.map(() => true));
    // only the first request of each connection was taken up
    expect(await refusedCount(emulator)).toBeLessThanOrEqual(SLOTS);
  });

  it('are disconnected once an answer has waited --send-timeout for them, freeing their connection', async () => {
    const emulator = await startTestEmulator({ maxConnections: SLOTS, sendTimeout: SEND_TIMEOUT });
    // pages of about 2.5 MB: two fill what the kernel buffers of a loopback connection hold
    const long = { comments: 'c'.repeat(1999), docker_command: 'd'.repeat(1024), docker_deamon_conf_file: 'f'.repeat(1024) };
    const ip = (n: number) => `10.1.${n >> 8}.${n & 255}`;
    await emulator.seed({ records: Array.from({ length: 600 }, (_, n) => ({ type: 'docker', title: `big-${n}`, ips: ip(n), ...long })) });
    const stalled = await Promise.all(Array.from({ length: SLOTS }, () => nonReader(emulator)));
    // within the pipelining limit: only the answers that cannot be sent end these connections
    for (const s of stalled) s.write(get(`${DOCKER}?action=list`).repeat(3));
    expect(await healthWithin(emulator, 3000)).toBe(true);
    // each stalled at its own moment; reading now would unstall one not cut off yet
    await sleep(SEND_TIMEOUT * 4);
    expect(await Promise.all(stalled.map((s) => closedByServer(s)))).toEqual(stalled.map(() => true));
  });

  it('have the requests they queued dropped undone when they leave', async () => {
    const emulator = await startTestEmulator({ sendTimeout: SEND_TIMEOUT });
    await emulator.faults.set({ rules: [{ action: 'list', delay_ms: 300 }] });
    const leaver = await nonReader(emulator);
    // a slow request first, twenty behind it; then the client goes
    leaver.write(get(`${DOCKER}?action=list`) + UNAUTHENTICATED_LIST.repeat(20));
    await sleep(50);
    leaver.destroy();
    await sleep(700);
    expect(await refusedCount(emulator)).toBe(0);
  });
});

describe('a client that pipelines within the limit', () => {
  it('gets every answer, in order', async () => {
    const emulator = await startTestEmulator({ sendTimeout: SEND_TIMEOUT });
    const socket = connect(emulator.port, '127.0.0.1');
    sockets.push(socket);
    const count = MAX_QUEUED + 1;
    const request = (n: number) => get(`${DOCKER}?action=list&echo_request=1&ids=${n}`).replace('Host:', n === count ? 'Connection: close\r\nHost:' : 'Host:');
    let received = '';
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.write(Array.from({ length: count }, (_, n) => request(n + 1)).join(''));
    await new Promise((resolve) => socket.once('close', resolve));
    const answers = received.split(/(?=HTTP\/1\.1 )/);
    expect(answers.map((a) => /<KEY>ids<\/KEY>\s*<VALUE>(\d+)</.exec(a)?.[1])).toEqual(Array.from({ length: count }, (_, n) => String(n + 1)));
    for (const a of answers) parseXml(a.slice(a.indexOf('<?xml')));
  });
});
