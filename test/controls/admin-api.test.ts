import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AUTH, call, DOCKER, expectError, startTestEmulator } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';
import { RUNTIME_FIELDS } from '../../src/settings/runtime.js';

const emulator = await startTestEmulator();

describe('/_emulator/ requests', () => {
  it('need the API credentials, refused as JSON with a Basic challenge', async () => {
    for (const auth of [null, 'Basic bm86bm8=']) {
      const res = await admin(emulator, 'POST', 'reset', undefined, auth);
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ error: 'Bad Login/Password' });
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Basic realm=/);
    }
  });

  it('answer unknown controls, wrong methods, non-JSON and malformed bodies with JSON errors', async () => {
    expect(await admin(emulator, 'GET', 'nothing-here')).toMatchObject({ status: 404, json: { error: expect.any(String) } });
    const wrongMethod = await admin(emulator, 'GET', 'reset');
    expect(wrongMethod).toMatchObject({ status: 405, json: { error: expect.stringContaining('POST') } });
    expect(wrongMethod.headers.get('Allow')).toContain('POST');
    const form = await fetch(`${emulator.url}/_emulator/seed`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'X-Requested-With': 'x', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'records=1',
    });
    expect(form.status).toBe(415);
    expect(await form.json()).toEqual({ error: expect.stringContaining('application/json') });
    const broken = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'PUT',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
      body: '{"rules": [',
    });
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('/_emulator/ request bodies and their Content-Encoding', () => {
  const patch = (encoding: string, body: BodyInit) =>
    fetch(`${emulator.url}/_emulator/config`, {
      method: 'PATCH',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json', 'Content-Encoding': encoding },
      body,
    });

  it('decodes a gzip body', async () => {
    const res = await patch('gzip', new Uint8Array(gzipSync('{"page_size": 7}')));
    expect(res.status).toBe(200);
    expect((await res.json()).page_size).toBe(7);
    await admin(emulator, 'PATCH', 'config', { page_size: 1000 });
  });

  it('refuses bytes that do not match their encoding with 400 and an unknown encoding with 415, as JSON', async () => {
    for (const [encoding, status] of [
      ['gzip', 400],
      ['deflate', 400],
      ['br', 400],
      ['bogus', 415],
    ] as const) {
      const res = await patch(encoding, '{"page_size": 5}');
      expect(res.status, encoding).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ error: expect.stringMatching(/^Request body could not be read: /) });
    }
    expect((await admin(emulator, 'GET', 'config')).json.page_size).toBe(1000);
  });

  it('refuses a body over --max-body with 413, decoded or not', async () => {
    const big = JSON.stringify({ page_size: 5, pad: 'x'.repeat(2 * 1024 * 1024) });
    for (const [encoding, body] of [
      ['identity', big],
      ['gzip', new Uint8Array(gzipSync(big))],
    ] as const) {
      const res = await patch(encoding, body);
      expect(res.status, encoding).toBe(413);
      expect(await res.json()).toEqual({ error: 'Request body too large' });
    }
  });
});

describe('/_emulator/ requests without a body', () => {
  const bare = (method: string, path: string, headers: Record<string, string>) =>
    fetch(`${emulator.url}/_emulator/${path}`, { method, headers: { Authorization: AUTH, ...headers } });

  it.each([
    ['Content-Type: application/json', { 'Content-Type': 'application/json' }],
    ['Content-Type: application/json, Content-Length: 0', { 'Content-Type': 'application/json', 'Content-Length': '0' }],
    ['Content-Type: text/plain, X-Requested-With', { 'Content-Type': 'text/plain', 'X-Requested-With': 'x' }],
    ['no Content-Type, X-Requested-With', { 'X-Requested-With': 'x' }],
  ])('are accepted with JSON or X-Requested-With, whatever else their Content-Type (%s)', async (_, headers) => {
    await admin(emulator, 'PUT', 'faults', { rules: [{ action: 'list', delay_ms: 1 }] });
    const shown = await bare('GET', 'faults', headers);
    expect(shown.status).toBe(200);
    expect((await shown.json()).rules).toHaveLength(1);
    const reset = await bare('POST', 'reset', headers);
    expect(reset.status).toBe(200);
    expect(await reset.json()).toEqual({ reset: true });
    expect((await admin(emulator, 'GET', 'faults')).json.rules).toEqual([]);
    await admin(emulator, 'PUT', 'faults', { rules: [{ action: 'list', delay_ms: 1 }] });
    const cleared = await bare('DELETE', 'faults', headers);
    expect(cleared.status).toBe(200);
    expect((await cleared.json()).rules).toEqual([]);
  });
});

describe('/_emulator/config', () => {
  it('shows the runtime switches as snake_case JSON', async () => {
    expect((await admin(emulator, 'GET', 'config')).json).toEqual({
      rate_limit: { enforce: false, limit: 300, window_sec: 3600, concurrency: 2 },
      require_x_requested_with: true,
      require_host_record: false,
      page_size: 1000,
      scan_step_seconds: 2,
    });
  });

  it('switches the X-Requested-With check off and on', async () => {
    expect((await admin(emulator, 'PATCH', 'config', { require_x_requested_with: false })).json.require_x_requested_with).toBe(false);
    expect((await call(emulator, DOCKER, { query: { action: 'list' }, xrw: null })).status).toBe(200);
    await admin(emulator, 'PATCH', 'config', { require_x_requested_with: true });
    expectError(await call(emulator, DOCKER, { query: { action: 'list' }, xrw: null }), 400, '1903', 'Missing required header(s): X-Requested-With');
  });

  it('takes each runtime setting under each of its JSON names, from its least to its greatest value, and refuses one past', async () => {
    const before = (await admin(emulator, 'GET', 'config')).json;
    const shownAt = (json: unknown, path: readonly string[]) => path.reduce<unknown>((object, name) => (object as Record<string, unknown>)[name], json);
    for (const { path, olderPaths, takes } of RUNTIME_FIELDS) {
      for (const names of [path, ...olderPaths]) {
        const patchOf = (value: unknown) => names.reduceRight<unknown>((inner, name) => ({ [name]: inner }), value);
        for (const value of takes === 'boolean' ? [true, false] : [takes.min, takes.max]) {
          const res = await admin(emulator, 'PATCH', 'config', patchOf(value));
          expect(res.status, JSON.stringify(patchOf(value))).toBe(200);
          expect(shownAt(res.json, path)).toBe(value);
          expect(shownAt((await admin(emulator, 'GET', 'config')).json, path)).toBe(value);
        }
        if (takes === 'boolean') continue;
        const past = await admin(emulator, 'PATCH', 'config', patchOf(takes.max + 1));
        expect(past).toMatchObject({ status: 400, json: { error: `${names.join('.')} must be a whole number from ${takes.min} to ${takes.max}` } });
      }
    }
    expect((await admin(emulator, 'PATCH', 'config', before)).json).toEqual(before);
  });

  it('refuses invalid patches whole, changing nothing', async () => {
    const before = (await admin(emulator, 'GET', 'config')).json;
    for (const body of [
      { page_size: 0 },
      { page_size: 5, require_x_requested_with: 'no' },
      { rate_limit: { limit: 5, enforce: 1 } },
      { rate_limit: { window: 5 } },
      { rate_limit: 5 },
      { colour: 'red' },
      [],
    ]) {
      const res = await admin(emulator, 'PATCH', 'config', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error).toBeTypeOf('string');
    }
    expect((await admin(emulator, 'GET', 'config')).json).toEqual(before);
  });
});
