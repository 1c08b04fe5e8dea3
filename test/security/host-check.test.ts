import { describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/index.js';
import { AUTH, DOCKER, parseXml, startTestEmulator, text } from '../helpers/emulator.js';
import { sendWire, type WireResponse } from '../helpers/http-request.js';
import { listening, runProgram } from '../helpers/program.js';
import { openRaw, rawBody } from '../helpers/raw-http.js';

// A page on a rebinding domain reaches a loopback server under its own name, so the only trace
// of it is the Host header.
const loopback = await startTestEmulator({ publicUrl: 'http://emulator.test:9000', allowedHosts: ['ci.example', 'Build.Example.'] });
const everywhere = await startTestEmulator({ host: '0.0.0.0' });
const listed = await startTestEmulator({ host: '0.0.0.0', allowedHosts: ['ci.example'] });

const HEADERS = { Authorization: AUTH, 'X-Requested-With': 'host test' };

function get(emulator: Pick<EmulatorHandle, 'url'>, path: string, host: string): Promise<WireResponse> {
  // the listening port, reached through whatever name the Host header claims
  return sendWire(emulator.url.replace('0.0.0.0', '127.0.0.1'), { method: 'GET', path, headers: { ...HEADERS, Host: host } });
}

function expectJsonRefusal(res: WireResponse, host: string): void {
  expect([host, res.status]).toEqual([host, 403]);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(JSON.parse(res.body).error).toContain('Host');
}

function expectXmlRefusal(res: WireResponse, host: string): void {
  expect([host, res.status]).toEqual([host, 403]);
  expect(res.headers['content-type']).toBe('text/xml;charset=UTF-8');
  const root = parseXml(res.body);
  expect(root.name).toBe('SIMPLE_RETURN');
  expect(text(root, 'RESPONSE/TEXT')).toContain('Host');
}

const port = (emulator: EmulatorHandle) => emulator.port;

describe('bound to loopback', () => {
  it('answers loopback names and addresses on any port, the --public-url host and the --allowed-hosts', async () => {
    const p = port(loopback);
    for (const host of [
      'localhost',
      `localhost:${p}`,
      'LOCALHOST:1',
      '127.0.0.1',
      `127.0.0.1:${p}`,
      '127.1.2.3:80',
      '[::1]',
      `[::1]:${p}`,
      'emulator.test',
      'emulator.test:9000',
      'ci.example:1234',
      'CI.example',
      'build.example',
    ]) {
      const res = await get(loopback, `${DOCKER}?action=list`, host);
      expect([host, res.status], res.body).toEqual([host, 200]);
      expect((await get(loopback, '/health', host)).status).toBe(200);
    }
  });

  it('refuses any other Host: a SIMPLE_RETURN on the Qualys paths, JSON on the others', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${port(loopback)}`,
      'localhost.evil.example',
      '127.0.0.1.evil.example',
      '10.0.0.1',
      '[::2]',
      'ci.example.evil',
      'evil.example@localhost',
      '0.0.0.0',
    ]) {
      expectXmlRefusal(await get(loopback, `${DOCKER}?action=list`, host), host);
      expectXmlRefusal(await get(loopback, '/api/2.0/simple_return.dtd', host), host);
      expectJsonRefusal(await get(loopback, '/health', host), host);
      expectJsonRefusal(await get(loopback, '/_emulator/requests', host), host);
      expectJsonRefusal(
        await sendWire(loopback.url, {
          method: 'POST',
          path: '/api/tools/kube-bench',
          headers: { ...HEADERS, Host: host, 'Content-Type': 'application/json' },
          body: Buffer.from('{}'),
        }),
        host,
      );
    }
  });

  it('refuses a request without a Host header (HTTP/1.0)', async () => {
    const raw = await openRaw(loopback.url);
    await raw.write('GET /health HTTP/1.0\r\n\r\n');
    const response = await raw.closed;
    expect(response).toMatch(/^HTTP\/1\.1 403 /);
    expect(JSON.parse(rawBody(response)).error).toContain('Host');
  });

  it('refuses before credentials are checked or anything changes', async () => {
    const res = await sendWire(loopback.url, {
      method: 'POST',
      path: DOCKER,
      headers: { 'X-Requested-With': 'x', Host: 'rebound.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('action=create&title=x&ips=10.0.0.1'),
    });
    expectXmlRefusal(res, 'rebound.example');
    expect(res.headers['www-authenticate']).toBeUndefined();
  });
});

describe('bound to a non-loopback address', () => {
  it('answers any Host without --allowed-hosts', async () => {
    expect((await get(everywhere, '/health', 'anything.example')).status).toBe(200);
  });

  it('with --allowed-hosts, answers only those and loopback names', async () => {
    for (const host of ['ci.example:8780', 'localhost', '127.0.0.1']) expect([host, (await get(listed, '/health', host)).status]).toEqual([host, 200]);
    expectJsonRefusal(await get(listed, '/health', 'evil.example'), 'evil.example');
    expectXmlRefusal(await get(listed, `${DOCKER}?action=list`, 'evil.example'), 'evil.example');
  });
});

describe('--allowed-hosts', () => {
  it('is a flag and an environment variable of the program', async () => {
    for (const [args, env] of [
      [['--allowed-hosts', 'flag.example,other.example'], {}],
      [[], { QUALYS_EMULATOR_ALLOWED_HOSTS: 'flag.example, other.example' }],
    ] as const) {
      const p = runProgram(['--port', '0', '--db', ':memory:', '--user', 'a:b', ...args], env);
      try {
        const url = await listening(p);
        expect((await sendWire(url, { method: 'GET', path: '/health', headers: { Host: 'other.example' } })).status).toBe(200);
        expect((await sendWire(url, { method: 'GET', path: '/health', headers: { Host: 'evil.example' } })).status).toBe(403);
      } finally {
        p.child.kill('SIGTERM');
        await p.exited;
      }
    }
  });
});

describe('an ambiguous host', () => {
  /** One request as raw bytes; its answer once the server has sent it. */
  async function rawAnswer(lines: string[]): Promise<{ status: number; type: string; body: string }> {
    const raw = await openRaw(loopback.url);
    await raw.write([...lines, 'Connection: close', '', ''].join('\r\n'));
    const response = await raw.closed;
    const type = /\r\ncontent-type: ([^\r]*)/i.exec(response)?.[1] ?? '';
    return { status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(response)?.[1]), type, body: rawBody(response) };
  }

  it('refuses two Host headers with 400, whichever comes first, on every path', async () => {
    for (const hosts of [
      ['127.0.0.1', 'evil.example'],
      ['evil.example', '127.0.0.1'],
      ['localhost', 'localhost'],
    ]) {
      const headers = hosts.map((h) => `Host: ${h}`);
      const health = await rawAnswer(['GET /health HTTP/1.1', ...headers]);
      expect([hosts, health.status]).toEqual([hosts, 400]);
      expect(JSON.parse(health.body).error).toBe('A request may carry only one Host header');
      const list = await rawAnswer([`GET ${DOCKER}?action=list HTTP/1.1`, ...headers, `Authorization: ${AUTH}`, 'X-Requested-With: x']);
      expect(list.status).toBe(400);
      expect(list.type).toBe('text/xml;charset=UTF-8');
      expect(text(parseXml(list.body), 'RESPONSE/TEXT')).toBe('A request may carry only one Host header');
    }
  });

  it('checks the authority of an absolute-form target as it checks the Host', async () => {
    const create = await sendWire(loopback.url, {
      method: 'POST',
      path: DOCKER,
      headers: { ...HEADERS, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('action=create&title=kept&ips=10.9.9.9'),
    });
    expect(create.status).toBe(200);
    const reset = await rawAnswer([
      'POST http://attacker.example/_emulator/reset HTTP/1.1',
      'Host: localhost',
      `Authorization: ${AUTH}`,
      'X-Requested-With: x',
      'Content-Length: 0',
    ]);
    expect(reset.status).toBe(403);
    expect(JSON.parse(reset.body).error).toContain('Host "attacker.example"');
    const list = await rawAnswer([
      `GET http://rebound.example${DOCKER}?action=list HTTP/1.1`,
      'Host: 127.0.0.1',
      `Authorization: ${AUTH}`,
      'X-Requested-With: x',
    ]);
    expect(list.status).toBe(403);
    expect(text(parseXml(list.body), 'RESPONSE/TEXT')).toContain('Host "rebound.example"');
    // nothing was reset
    const listed = await get(loopback, `${DOCKER}?action=list&title=kept`, 'localhost');
    expect(listed.body).toContain('<TITLE><![CDATA[kept]]></TITLE>');
    // an authority of its own is answered
    const own = await rawAnswer([`GET http://localhost:${loopback.port}/health HTTP/1.1`, 'Host: localhost']);
    expect(own.status).toBe(200);
  });
});
