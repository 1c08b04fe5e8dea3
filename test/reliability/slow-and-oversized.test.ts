import { describe, expect, it } from 'vitest';
import { AUTH, call, DOCKER, expectError, parseXml, startTestEmulator, text } from '../helpers/emulator.js';
import { openRaw, rawBody, rawStatus, type RawConnection } from '../helpers/raw-http.js';

const MAX_BODY = 4096;
const emulator = await startTestEmulator({ maxBody: MAX_BODY, headersTimeout: 300, requestTimeout: 800 });

const head = (extra: string[]) =>
  [`POST ${DOCKER} HTTP/1.1`, 'Host: localhost', `Authorization: ${AUTH}`, 'X-Requested-With: raw', ...extra, '', ''].join('\r\n');

/** Sends up to `total` bytes of `chunk`s, stopping when the server closes; returns the bytes sent. */
async function stream(conn: RawConnection, chunk: Buffer, total: number, frame: (b: Buffer) => Buffer = (b) => b): Promise<number> {
  let sent = 0;
  while (sent < total && (await conn.write(frame(chunk)))) sent += chunk.length;
  return sent;
}

const chunked = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);

/** A 413 SIMPLE_RETURN on a connection the server then closed. */
function expect413(response: string): void {
  expect(rawStatus(response), response.slice(0, 300)).toBe(413);
  expect(response).toMatch(/\r\nConnection: close\r\n/i);
  const root = parseXml(rawBody(response));
  expect(text(root, 'RESPONSE/CODE')).toBe('1905');
  expect(text(root, 'RESPONSE/TEXT')).toBe(`Request body exceeds the limit of ${MAX_BODY} bytes`);
}

const FIFTY_MB = 50 * 1024 * 1024;

describe('oversized bodies', () => {
  it('refuses a body announced larger than --max-body before reading it, whatever its type', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream']) {
      const conn = await openRaw(emulator.url);
      await conn.write(head([`Content-Type: ${type}`, `Content-Length: ${FIFTY_MB}`]) + 'action=create&title=');
      // The answer comes although almost none of the announced body was sent.
      expect413(await conn.closed);
    }
  });

  it('cuts off an urlencoded body sent chunked once it passes the limit, and closes the connection', async () => {
    const conn = await openRaw(emulator.url);
    await conn.write(head(['Content-Type: application/x-www-form-urlencoded', 'Transfer-Encoding: chunked']));
    const sent = await stream(conn, Buffer.alloc(64 * 1024, 'a'), FIFTY_MB, chunked);
    expect413(await conn.closed);
    expect(sent).toBeLessThan(FIFTY_MB);
  });

  it('cuts off a multipart body sent chunked once it passes the limit', async () => {
    const conn = await openRaw(emulator.url);
    await conn.write(head(['Content-Type: multipart/form-data; boundary=XyZ', 'Transfer-Encoding: chunked']));
    await conn.write(chunked(Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="comments"\r\n\r\n')));
    const sent = await stream(conn, Buffer.alloc(64 * 1024, 'b'), FIFTY_MB, chunked);
    expect413(await conn.closed);
    expect(sent).toBeLessThan(FIFTY_MB);
  });

  it('takes a body just under the limit', async () => {
    const comments = 'c'.repeat(1500);
    const res = await call(emulator, DOCKER, { form: { action: 'create', title: 'fits', ips: '10.0.0.1', comments, docker_command: 'x'.repeat(2000) } });
    expectError(res, 400, '1905', /parameter docker_command has invalid value/);
  });
});

describe('unreadable bodies', () => {
  it('refuses bytes that do not match their Content-Encoding with 400, not a fault', async () => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const res = await call(emulator, DOCKER, {
        method: 'POST',
        body: 'action=list',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Encoding': encoding },
      });
      expectError(res, 400, '1905', /^Request body could not be read: /);
    }
  });
});

describe('slow clients', () => {
  it('answers 408 and disconnects a client that never finishes its headers', async () => {
    const conn = await openRaw(emulator.url);
    await conn.write(`GET ${DOCKER}?action=list HTTP/1.1\r\nHost: localhost\r\nX-Requested`);
    const response = await conn.closed;
    expect(rawStatus(response)).toBe(408);
  });

  it('answers 408 and disconnects a client that stalls in its body', async () => {
    const conn = await openRaw(emulator.url);
    await conn.write(head(['Content-Type: application/x-www-form-urlencoded', 'Content-Length: 100']) + 'action=list');
    const response = await conn.closed;
    expect(rawStatus(response)).toBe(408);
  });

  it('keeps serving others meanwhile and afterwards', async () => {
    const stalled = await openRaw(emulator.url);
    await stalled.write(`GET ${DOCKER} HTTP/1.1\r\n`);
    const res = await call(emulator, DOCKER, { query: { action: 'list' } });
    expect(res.status).toBe(200);
    await stalled.closed;
    expect((await call(emulator, DOCKER, { query: { action: 'list' } })).status).toBe(200);
  });
});
