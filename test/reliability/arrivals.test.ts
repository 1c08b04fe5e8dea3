import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { DEFAULTS } from '../../src/settings/config.js';
import { openDatabase } from '../../src/db/open.js';
import { AUTH, DOCKER, parseXml, USER } from '../helpers/emulator.js';

/**
 * Which requests may share a turn's read of another process's commits: not one pipelined behind
 * an unanswered one (its bytes may have come after the poll), and none on a server allowed more
 * connections than one poll of libuv surely finds (docs/architecture.md, "Once per turn").
 */
async function arrivals(maxConnections: number, requests: number): Promise<string[]> {
  const database = openDatabase(':memory:');
  const seen: string[] = [];
  const { others } = database;
  const [arrived, alone] = [others.arrived.bind(others), others.arrivedAlone.bind(others)];
  others.arrived = () => {
    seen.push('shared');
    return arrived();
  };
  others.arrivedAlone = () => {
    seen.push('alone');
    return alone();
  };
  const server = createServer(createApp({ config: { ...DEFAULTS, users: [USER], maxConnections }, database }).callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const get = `GET ${DOCKER}?action=list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: ${AUTH}\r\nX-Requested-With: vitest\r\n\r\n`;
    // every request in one write: all but the first are pipelined behind an unanswered one
    const answers = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(get.repeat(requests)));
      let text = '';
      socket.setEncoding('utf8').on('data', (d) => (text += d)).on('end', () => resolve(text)).on('error', reject);
    });
    const bodies = answers.split(/HTTP\/1\.1 /).slice(1);
    expect(bodies).toHaveLength(requests);
    for (const b of bodies) {
      expect(b.startsWith('200')).toBe(true);
      parseXml(b.slice(b.indexOf('<?xml')));
    }
    return seen;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    database.close();
  }
}

describe('requests sharing a turn\'s read of other processes\' commits', () => {
  it('leave out a request pipelined behind an unanswered one', async () => {
    expect(await arrivals(DEFAULTS.maxConnections, 3)).toEqual(['shared', 'alone', 'alone']);
  });

  it('are none on a server allowed more connections than one poll surely finds', async () => {
    expect(await arrivals(1000, 2)).toEqual(['alone', 'alone']);
  });
});
