import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { AUTH, startTestEmulator } from '../helpers/emulator.js';

/** A connection that stays open; resolves once it is established. */
function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Whether the server answers a request sent on `socket`, or closes it unanswered. */
function answered(socket: Socket): Promise<boolean> {
  return new Promise((resolve) => {
    let got = '';
    socket.on('data', (d) => {
      got += d.toString('latin1');
      if (got.includes('\r\n\r\n')) resolve(true);
    });
    socket.once('close', () => resolve(got.length > 0));
    socket.once('error', () => resolve(false));
    socket.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${AUTH}\r\n\r\n`);
  });
}

describe('--max-connections', async () => {
  const emulator = await startTestEmulator({ maxConnections: 3 });
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const s of sockets) s.destroy();
  });

  it('closes one connection more than the cap as it arrives, and takes new ones once others end', async () => {
    for (let i = 0; i < 3; i++) sockets.push(await open(emulator.port));
    const extra = await open(emulator.port);
    sockets.push(extra);
    expect(await answered(extra)).toBe(false);
    expect(await answered(sockets[0])).toBe(true);
    sockets[1].destroy();
    // the server learns of the close asynchronously: a later connection is served
    let served = false;
    for (let attempt = 0; attempt < 50 && !served; attempt++) {
      const next = await open(emulator.port);
      sockets.push(next);
      served = await answered(next);
      if (!served) await new Promise((r) => setTimeout(r, 20));
    }
    expect(served).toBe(true);
  });
});
