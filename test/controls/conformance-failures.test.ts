import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createTcpServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConformanceReportJson } from '../../src/conformance/report.js';
import { UPSTREAM_BODY_CAP } from '../../src/conformance/upstream-client.js';
import { admin } from '../helpers/admin.js';
import { call, expectError, startTestEmulator } from '../helpers/emulator.js';
import { standInUpstream, xmlAnswer } from '../helpers/stand-in-upstream.js';

const UNIX = '/api/2.0/fo/auth/unix/';
const LOCAL = { login: 'local', password: 'l0cal-only' };
const LOCAL_AUTH = `Basic ${Buffer.from(`${LOCAL.login}:${LOCAL.password}`).toString('base64')}`;

const QUALYS_ERROR = `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE SIMPLE_RETURN SYSTEM "https://qualysapi.qualys.com/api/2.0/simple_return.dtd">
<SIMPLE_RETURN><RESPONSE><DATETIME>2020-01-01T00:00:00Z</DATETIME><CODE>999</CODE><TEXT>Internal error. Please try again later.</TEXT></RESPONSE></SIMPLE_RETURN>
`;

/** A TCP server on 127.0.0.1 that answers every connection with `bytes` and closes it. */
async function rawServer(bytes: string): Promise<string> {
  const server: Server = createTcpServer((socket) => socket.end(bytes));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A loopback port nothing listens on: taken, then let go. */
async function closedPort(): Promise<string> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const list = (emulator: { url: string }) => call(emulator, UNIX, { query: { action: 'list' } });

describe('a failing upstream', async () => {
  const upstream = await standInUpstream();
  const recording = join(mkdtempSync(join(tmpdir(), 'qe-conformance-')), 'failures.har');
  afterAll(() => rmSync(dirname(recording), { recursive: true, force: true }));
  const recorder = await startTestEmulator({ users: [LOCAL], upstream: upstream.url, mode: 'record', recordFile: recording, upstreamTimeout: 0.3 });

  it('that never answers: a 504 Qualys error once --upstream-timeout has passed, not a hang', async () => {
    upstream.answer(() => {});
    expectError(await list(recorder), 504, '999', 'Conformance mode: the upstream did not answer within 0.3 s (--upstream-timeout)');
  });

  it('that answers 5xx: its own XML passed through, an HTML page turned into a 502', async () => {
    upstream.answer(xmlAnswer(QUALYS_ERROR, 500));
    expectError(await list(recorder), 500, '999', 'Internal error. Please try again later.');
    upstream.answer((_req, res) => res.writeHead(503, { 'Content-Type': 'text/html' }).end('<html><body>Service Unavailable</body></html'));
    expectError(await list(recorder), 502, '999', 'Conformance mode: the upstream failed: it answered HTTP 503 with something that is not XML');
    upstream.answer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('hello'));
    expectError(await list(recorder), 502, '999', 'Conformance mode: the upstream failed: it answered HTTP 200 with something that is not XML');
  });

  it('that answers more than the cap: a 502, the answer dropped as it passes the cap', async () => {
    const patient = await startTestEmulator({ users: [LOCAL], upstream: upstream.url, mode: 'compare', upstreamTimeout: 60 });
    const chunk = Buffer.alloc(1024 * 1024, '<');
    upstream.answer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      let sent = 0;
      const more = () => {
        while (sent <= UPSTREAM_BODY_CAP && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    expectError(await list(patient), 502, '999', `Conformance mode: the upstream failed: its answer exceeds ${UPSTREAM_BODY_CAP} bytes`);
  });

  it('that refuses connections, or answers garbage: a 502 saying so', async () => {
    const refused = await startTestEmulator({ users: [LOCAL], upstream: await closedPort(), mode: 'compare' });
    expectError(await list(refused), 502, '999', 'Conformance mode: the upstream failed: connection refused');
    // compare mode reports the failure as the upstream's side of the call
    const report = (await admin(refused, 'GET', 'conformance', undefined, LOCAL_AUTH)).json as unknown as ConformanceReportJson;
    expect(report.differences[0]).toMatchObject({ upstream: { status: 502, root: null }, emulator: { status: 200, root: 'AUTH_UNIX_LIST_OUTPUT' } });

    const garbage = await startTestEmulator({
      users: [LOCAL],
      upstream: await rawServer('\x00\x01 not HTTP at all\r\n\r\n'),
      mode: 'record',
      recordFile: join(dirname(recording), 'garbage.har'),
    });
    const res = await list(garbage);
    expect(res.status).toBe(502);
    expect(res.body).toMatch(/<TEXT>Conformance mode: the upstream failed: HPE_[A-Z_]+<\/TEXT>/);
  });

  it('that leads back to the emulator itself: a 502 at once, not a loop', async () => {
    const own = await closedPort();
    const looped = await startTestEmulator({
      users: [LOCAL],
      port: Number(new URL(own).port),
      upstream: own,
      mode: 'record',
      recordFile: join(dirname(recording), 'loop.har'),
    });
    expectError(await list(looped), 502, '999', 'Conformance mode: the upstream failed: it leads back to this emulator (--upstream names its own address)');
    expect(await looped.requests()).toHaveLength(2);
  });

  it('leaves the emulator serving: /health and the controls still answer', async () => {
    expect((await fetch(`${recorder.url}/health`)).status).toBe(200);
    expect((await admin(recorder, 'GET', 'requests', undefined, LOCAL_AUTH)).json.requests.map((r) => r.status)).toEqual([504, 500, 502, 502]);
  });
});
