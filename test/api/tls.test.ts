import { request } from 'node:https';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, StartupError } from '../../src/index.js';
import { parseXml, startTestEmulator, text, USER } from '../helpers/emulator.js';
import { throwAwayCert } from '../helpers/tls-cert.js';

const tls = await throwAwayCert();
afterAll(() => tls.remove());
const { cert, key, ca } = tls;
const emulator = await startTestEmulator({ tlsCert: cert, tlsKey: key });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTPS request trusting only the throw-away certificate. */
function send(path: string, options: { form?: Record<string, string>; cookie?: string }): Promise<Answer> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  const headers: Record<string, string> = { 'X-Requested-With': 'vitest' };
  if (options.cookie) headers.Cookie = options.cookie;
  if (body) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return new Promise((resolve, reject) => {
    const req = request(`${emulator.url}${path}`, { method: body ? 'POST' : 'GET', headers, ca }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (data += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('TLS (--tls-cert, --tls-key)', () => {
  it('serves HTTPS: a Secure session cookie, then cookie-only calls with https self-references', async () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const login = await send('/api/2.0/fo/session/', { form: { action: 'login', username: USER.login, password: USER.password } });
    expect(login.status, login.body).toBe(200);
    expect(text(parseXml(login.body), 'RESPONSE/TEXT')).toBe('Logged in');
    const setCookie = (login.headers['set-cookie'] as string[])[0];
    expect(setCookie).toMatch(/^QualysSession=[0-9a-f]{32}; path=\/api; HttpOnly; SameSite=Strict; secure$/);
    const cookie = setCookie.split(';')[0];

    const list = await send('/api/2.0/fo/auth/?action=list&echo_request=1', { cookie });
    expect(list.status, list.body).toBe(200);
    expect(list.body).toContain(`<!DOCTYPE AUTH_RECORDS_OUTPUT SYSTEM "${emulator.url}/api/2.0/fo/auth/auth_records.dtd">`);
    expect(text(parseXml(list.body), 'REQUEST/RESOURCE')).toBe(`${emulator.url}/api/2.0/fo/auth/`);
  });

  it('refuses plain HTTP on the HTTPS port', async () => {
    await expect(fetch(emulator.url.replace('https:', 'http:') + '/api/2.0/fo/auth/')).rejects.toThrow();
  });

  it('refuses to start with only one of the two files, or files it cannot read', async () => {
    await expect(startEmulator({ tlsCert: cert })).rejects.toThrow(StartupError);
    await expect(startEmulator({ tlsCert: cert, tlsKey: `${key}.missing` })).rejects.toThrow(/cannot read the TLS key/);
    await expect(startEmulator({ tlsCert: key, tlsKey: key })).rejects.toThrow(StartupError);
  });
});
