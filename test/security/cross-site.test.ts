import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all, AUTH, call, DOCKER, expectError, parseXml, startTestEmulator, text, USER } from '../helpers/emulator.js';
import type { JsonResponse } from '../helpers/json-response.js';
import { FAKES, startToolTestBed } from '../tools/helpers.js';

// What a page on another web site can make a browser send without a CORS preflight: GET, HEAD
// or POST with a form or text/plain content type and no custom header, carrying the cookies and
// cached Basic credentials of the emulator's origin.
const EVIL = 'http://evil.example';
const bed = await startToolTestBed({ kubeBenchBin: join(FAKES, 'kube-bench') });
const { emulator } = bed;
/** The Qualys endpoints with the X-Requested-With check switched off. */
const lax = await startTestEmulator({ requireXRequestedWith: false });

async function sessionCookie(target: { url: string }): Promise<string> {
  const login = await call(target, '/api/2.0/fo/session/', { auth: null, form: { action: 'login', username: USER.login, password: USER.password } });
  expect(login.status, login.body).toBe(200);
  return login.headers.get('set-cookie')!.split(';')[0];
}

/** An error, or the control's or tool's answer: only these fields are read here. */
type Answer = { error?: string; reset?: boolean };

async function json(path: string, init: RequestInit): Promise<Omit<JsonResponse<Answer>, 'headers'>> {
  const res = await fetch(`${emulator.url}${path}`, init);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: res.status, json: (await res.json()) as Answer };
}

async function dockerTitles(target: { url: string }): Promise<string[]> {
  const listed = await call(target, DOCKER, { query: { action: 'list' } });
  return all(listed.root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER').map((r) => text(r, 'TITLE')!);
}

async function createDocker(target: { url: string }, title: string): Promise<void> {
  expect((await call(target, DOCKER, { form: { action: 'create', title, ips: '10.9.9.9' } })).status).toBe(200);
}

describe('the JSON endpoints refuse requests a page on another site can send', () => {
  it('a body-less text/plain tool POST from another Origin with only the session cookie runs nothing (403)', async () => {
    const cookie = await sessionCookie(emulator);
    const res = await json('/api/tools/kube-bench', { method: 'POST', headers: { 'Content-Type': 'text/plain', Origin: EVIL, Cookie: cookie } });
    expect(res.status).toBe(403);
    expect(res.json.error).toMatch(/Origin/);
    expect(bed.runs()).toEqual([]);
  });

  it('a form-typed, empty POST /_emulator/reset without Origin changes nothing (403)', async () => {
    await createDocker(emulator, 'survives');
    for (const contentType of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', undefined]) {
      const headers: Record<string, string> = { Authorization: AUTH };
      if (contentType) headers['Content-Type'] = contentType;
      const res = await json('/_emulator/reset', { method: 'POST', headers });
      expect([contentType, res.status]).toEqual([contentType, 403]);
      expect(res.json.error).toMatch(/application\/json.*X-Requested-With/);
    }
    expect(await dockerTitles(emulator)).toContain('survives');
  });

  it('the same POST from another Origin is refused even with JSON or X-Requested-With, and so is Origin null', async () => {
    for (const origin of [EVIL, 'null', `${emulator.url}.evil.example`, emulator.url.replace('http:', 'https:')]) {
      const res = await json('/_emulator/reset', {
        method: 'POST',
        headers: { Authorization: AUTH, 'Content-Type': 'application/json', 'X-Requested-With': 'x', Origin: origin },
      });
      expect([origin, res.status]).toEqual([origin, 403]);
    }
    const tool = await json('/api/tools/kube-bench', {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json', Origin: EVIL },
      body: '{}',
    });
    expect(tool.status).toBe(403);
    expect(bed.runs()).toEqual([]);
    expect(await dockerTitles(emulator)).toContain('survives');
  });

  it('accepts JSON, or X-Requested-With, from its own origin or from a client that sends no Origin', async () => {
    const own = await json('/api/tools/kube-bench', {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json', Origin: emulator.url },
      body: '{}',
    });
    expect(own.status, JSON.stringify(own.json)).toBe(200);
    expect(bed.runs()).toHaveLength(1);
    const reset = await json('/_emulator/reset', { method: 'POST', headers: { Authorization: AUTH, 'X-Requested-With': 'harness' } });
    expect(reset).toEqual({ status: 200, json: { reset: true } });
    await createDocker(emulator, 'again');
    const typed = await json('/_emulator/reset', {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json; charset=utf-8', Origin: emulator.url },
    });
    expect(typed.status).toBe(200);
    expect(await dockerTitles(emulator)).toEqual([]);
  });

  it('answers no CORS, so a preflight never lets another site through', async () => {
    const res = await fetch(`${emulator.url}/_emulator/reset`, {
      method: 'OPTIONS',
      headers: { Origin: EVIL, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-headers')).toBeNull();
  });
});

describe('the session cookie', () => {
  it('is HttpOnly and SameSite=Strict', async () => {
    const login = await call(emulator, '/api/2.0/fo/session/', { auth: null, form: { action: 'login', username: USER.login, password: USER.password } });
    expect(login.headers.get('set-cookie')).toMatch(/^QualysSession=[0-9a-f]{32}; path=\/api; HttpOnly; SameSite=Strict$/);
  });
});

describe('the Qualys endpoints with the X-Requested-With check switched off', () => {
  it('refuse a cross-site form POST carrying the session cookie (403 SIMPLE_RETURN), and create nothing', async () => {
    const cookie = await sessionCookie(lax);
    const res = await fetch(`${lax.url}${DOCKER}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: EVIL, Cookie: cookie },
      body: new URLSearchParams({ action: 'create', title: 'planted', ips: '10.1.1.1' }),
    });
    const body = await res.text();
    expect(res.status, body).toBe(403);
    expect(parseXml(body).name).toBe('SIMPLE_RETURN');
    expect(await dockerTitles(lax)).toEqual([]);
  });

  it('still serve a client that sends no X-Requested-With and no Origin, and one from their own origin', async () => {
    const res = await call(lax, DOCKER, { xrw: null, form: { action: 'create', title: 'scripted', ips: '10.2.2.2' } });
    expect(res.status, res.body).toBe(200);
    const own = await call(lax, DOCKER, { xrw: null, headers: { Origin: lax.url }, query: { action: 'list' } });
    expect(own.status, own.body).toBe(200);
  });

  it('with the check on, a request from another Origin is refused too', async () => {
    expectError(await call(emulator, DOCKER, { headers: { Origin: EVIL }, query: { action: 'list' } }), 403, undefined, /Origin/);
  });
});
