import { describe, expect, it, vi } from 'vitest';
import { startEmulator } from '../../src/index.js';
import { AUTH, call, expectError, find, startTestEmulator, text, USER, type CallOptions } from '../helpers/emulator.js';

const SESSION = '/api/2.0/fo/session/';
const UNIX = '/api/2.0/fo/auth/unix/';
const emulator = await startTestEmulator();

const login = (username = USER.login, password = USER.password) => call(emulator, SESSION, { auth: null, form: { action: 'login', username, password } });
/** A call carrying only the session cookie, no Basic credentials. */
const withCookie = (cookie: string, path: string, options: CallOptions) => call(emulator, path, { ...options, auth: null, headers: { Cookie: cookie } });
const cookieOf = (setCookie: string) => setCookie.split(';')[0];

describe('session login /api/2.0/fo/session/', () => {
  it('logs in with a QualysSession cookie for /api, not Secure over plain http', async () => {
    const res = await login();
    expect(res.status, res.body).toBe(200);
    expect(res.root.name).toBe('SIMPLE_RETURN');
    expect(text(res.root, 'RESPONSE/TEXT')).toBe('Logged in');
    expect(find(res.root, 'RESPONSE/CODE')).toBeUndefined();
    expect(res.headers.get('set-cookie')).toMatch(/^QualysSession=[0-9a-f]{32}; path=\/api; HttpOnly; SameSite=Strict$/);
    expect(res.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('lets the cookie alone create and list records, until logout ends the session', async () => {
    const cookie = cookieOf((await login()).headers.get('set-cookie')!);
    const created = await withCookie(cookie, UNIX, {
      form: { action: 'create', title: 'via session', username: 'u', password: 'p', ips: '10.0.0.1', echo_request: '1' },
    });
    expect(created.status, created.body).toBe(200);
    expect(text(created.root, 'REQUEST/USER_LOGIN')).toBe(USER.login);
    const listed = await withCookie(cookie, UNIX, { query: { action: 'list', details: 'All' } });
    expect(text(listed.root, 'RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/TITLE')).toBe('via session');
    expect(text(listed.root, 'RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/CREATED/BY')).toBe(USER.login);

    const out = await withCookie(cookie, SESSION, { form: { action: 'logout' } });
    expect(out.status, out.body).toBe(200);
    expect(text(out.root, 'RESPONSE/TEXT')).toBe('Logged out');
    const after = await withCookie(cookie, UNIX, { query: { action: 'list' } });
    expectError(after, 401, '2000', 'Bad Login/Password');
    expect(after.headers.get('www-authenticate')).toBeNull();
    expectError(await withCookie(cookie, SESSION, { form: { action: 'logout' } }), 401, '2000', 'Bad Login/Password');
  });

  it('keeps sessions apart: logging one out leaves another working', async () => {
    const a = cookieOf((await login()).headers.get('set-cookie')!);
    const b = cookieOf((await login()).headers.get('set-cookie')!);
    expect(a).not.toBe(b);
    expect((await withCookie(a, SESSION, { form: { action: 'logout' } })).status).toBe(200);
    expect((await withCookie(b, UNIX, { query: { action: 'list' } })).status).toBe(200);
  });

  it('refuses bad credentials, unknown cookies, GET, missing parameters and a missing X-Requested-With', async () => {
    const bad = await login(USER.login, 'wrong');
    expectError(bad, 401, '2000', 'Bad Login/Password');
    expect(bad.headers.get('set-cookie')).toBeNull();
    expectError(await withCookie('QualysSession=0123456789abcdef0123456789abcdef', UNIX, { query: { action: 'list' } }), 401, '2000', 'Bad Login/Password');
    expectError(
      await call(emulator, SESSION, { auth: null, query: { action: 'login', username: USER.login, password: USER.password } }),
      400,
      '1908',
      /^Request method/,
    );
    expectError(
      await call(emulator, SESSION, { auth: null, form: { action: 'login', username: USER.login } }),
      400,
      '1903',
      'Missing required parameter(s): password',
    );
    expectError(
      await call(emulator, SESSION, { auth: null, xrw: null, form: { action: 'login', username: USER.login, password: USER.password } }),
      400,
      '1903',
      'Missing required header(s): X-Requested-With',
    );
    expectError(await call(emulator, SESSION, { auth: null, form: { action: 'refresh' } }), 400, '1905', 'parameter action has invalid value: refresh');
  });

  it('never echoes the login password', async () => {
    const res = await call(emulator, SESSION, { auth: null, form: { action: 'login', username: USER.login, password: USER.password, echo_request: '1' } });
    expectError(res, 400, '1901', 'Unrecognized parameter(s): echo_request (action=login allows: username, password)');
    expect(res.body).not.toContain(USER.password);
  });
});

describe('--session-timeout', () => {
  it('ends a session left idle longer than the timeout; use keeps one alive', async () => {
    // The clock is the test's (Date only; timers stay real), so the idle times are exact however
    // slow the machine: the emulator started under it reads its sessions' ages from it.
    vi.useFakeTimers({ toFake: ['Date'] });
    const short = await startEmulator({ users: [USER], sessionTimeout: 1 });
    try {
      const loginTo = async () =>
        cookieOf(
          (await call(short, SESSION, { auth: null, form: { action: 'login', username: USER.login, password: USER.password } })).headers.get('set-cookie')!,
        );
      const list = (cookie: string) => call(short, UNIX, { auth: null, headers: { Cookie: cookie }, query: { action: 'list' } });
      const pause = (ms: number) => vi.setSystemTime(Date.now() + ms);
      const idle = await loginTo();
      const busy = await loginTo();
      for (let i = 0; i < 3; i++) {
        pause(600);
        expect((await list(busy)).status).toBe(200);
      }
      // 1.8 s since `idle` was last used, 0.6 s since `busy` was.
      expectError(await list(idle), 401, '2000', 'Bad Login/Password');
      expect((await list(busy)).status).toBe(200);
      // exactly the timeout is still alive; a millisecond past it is not
      pause(1000);
      expect((await list(busy)).status).toBe(200);
      pause(1001);
      expectError(await list(busy), 401, '2000', 'Bad Login/Password');
    } finally {
      vi.useRealTimers();
      await short.close();
    }
  });

  it('a call that Basic authenticates does not use, so does not keep alive, a session cookie it also carries', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const short = await startEmulator({ users: [USER], sessionTimeout: 1 });
    try {
      const res = await call(short, SESSION, { auth: null, form: { action: 'login', username: USER.login, password: USER.password } });
      const cookie = cookieOf(res.headers.get('set-cookie')!);
      const both = { Authorization: AUTH, Cookie: cookie };
      for (let i = 0; i < 3; i++) {
        vi.setSystemTime(Date.now() + 600);
        expect((await call(short, UNIX, { headers: both, query: { action: 'list' } })).status).toBe(200);
        // the tool runners authenticate first, then refuse the method
        expect((await fetch(`${short.url}/api/tools/kube-bench`, { headers: both })).status).toBe(405);
      }
      expectError(await call(short, UNIX, { auth: null, headers: { Cookie: cookie }, query: { action: 'list' } }), 401, '2000', 'Bad Login/Password');
    } finally {
      vi.useRealTimers();
      await short.close();
    }
  });
});

describe('session login body bound', () => {
  it('refuses a body over 16 KiB with 413, CODE 1905, before parsing it: login is open to anyone who can connect', async () => {
    const names = Array.from({ length: 110_000 }, (_, i) => `p${i}=`)
      .join('&')
      .slice(0, 1024 * 1024 - 1);
    const res = await call(emulator, SESSION, { method: 'POST', auth: null, body: names, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expectError(res, 413, '1905', 'Request body exceeds the limit of 16384 bytes');
    const padded = await call(emulator, SESSION, {
      method: 'POST',
      auth: null,
      body: `action=login&username=${USER.login}&password=${USER.password}&${'x'.repeat(17 * 1024)}=`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expectError(padded, 413, '1905', 'Request body exceeds the limit of 16384 bytes');
    expect((await login()).status).toBe(200);
  });
});
