import { beforeEach, describe, expect, it } from 'vitest';
import { JsonError, type AccountState } from '../../src/index.js';
import { call, DOCKER, expectError, startTestEmulator, USER, type XmlResponse } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';

const OTHER = { login: 'other', password: 'pw2' };
const OTHER_AUTH = 'Basic ' + Buffer.from(`${OTHER.login}:${OTHER.password}`).toString('base64');
const emulator = await startTestEmulator({ users: [USER, OTHER] });
const SESSION = '/api/2.0/fo/session/';

beforeEach(() => emulator.reset());

const create = (title: string, auth?: string) => call(emulator, DOCKER, { form: { action: 'create', title, ips: '10.3.0.1' }, auth });
const titles = async () => {
  const res = await call(emulator, DOCKER, { query: { action: 'list' }, auth: OTHER_AUTH });
  return res.root.children
    .find((c) => c.name === 'RESPONSE')!
    .children.flatMap((c) => c.children)
    .map((r) => r.children.find((c) => c.name === 'TITLE')!.text);
};
const setState = (login: string, state: string) => admin(emulator, 'PUT', `accounts/${login}`, { state });

/** What Qualys answers an account in each state: [status, CODE, TEXT] (docs/fidelity.md §2). */
const ANSWERS: Record<Exclude<AccountState, 'active'>, [number, string, string]> = {
  // recorded: HTTP 200, SIMPLE_RETURN CODE 2001, no rate-limit headers
  expired: [200, '2001', 'This account has expired.'],
  locked: [200, '2002', 'User account is inactive'],
  not_activated: [409, '2003', 'Registration must be completed before API requests will be served for this account'],
  password_change: [409, '2003', 'Registration must be completed before API requests will be served for this account'],
};

const expectRefused = (res: XmlResponse, state: keyof typeof ANSWERS) => {
  const [status, code, text] = ANSWERS[state];
  expectError(res, status, code, text);
  expect(res.headers.get('x-ratelimit-limit')).toBeNull();
  expect(res.headers.get('www-authenticate')).toBeNull();
};

describe('account states', () => {
  it('lists every configured user, active, and answers each change with every account', async () => {
    expect((await admin(emulator, 'GET', 'accounts')).json).toEqual({
      accounts: [
        { login: USER.login, state: 'active' },
        { login: OTHER.login, state: 'active' },
      ],
    });
    const set = await setState(USER.login, 'expired');
    expect(set.status).toBe(200);
    expect(set.json).toEqual({
      accounts: [
        { login: USER.login, state: 'expired' },
        { login: OTHER.login, state: 'active' },
      ],
    });
  });

  it.each(Object.keys(ANSWERS) as (keyof typeof ANSWERS)[])(
    'answers a %s account what Qualys answers, changing nothing, by Basic and by session',
    async (state) => {
      await setState(USER.login, state);
      expectRefused(await create('refused'), state);
      expectRefused(await call(emulator, '/api/2.0/fo/auth/', { query: { action: 'list' } }), state);
      expectRefused(await call(emulator, SESSION, { form: { action: 'login', username: USER.login, password: USER.password }, auth: null }), state);
      // the other user is served, and nothing was created
      expect((await call(emulator, DOCKER, { query: { action: 'list' }, auth: OTHER_AUTH })).status).toBe(200);
      expect(await titles()).toEqual([]);
      // wrong credentials are still 2000, whatever the account's state
      expectError(await create('x', 'Basic ' + Buffer.from(`${USER.login}:wrong`).toString('base64')), 401, '2000', 'Bad Login/Password');
    },
  );

  it('refuses a session opened before the account changed, and serves it again once active', async () => {
    const login = await call(emulator, SESSION, { form: { action: 'login', username: USER.login, password: USER.password }, auth: null });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    await setState(USER.login, 'locked');
    expectRefused(await call(emulator, DOCKER, { query: { action: 'list' }, auth: null, headers: { Cookie: cookie } }), 'locked');
    await setState(USER.login, 'active');
    expect((await call(emulator, DOCKER, { query: { action: 'list' }, auth: null, headers: { Cookie: cookie } })).status).toBe(200);
    expect((await create('served again')).status).toBe(200);
  });

  it('journals the refused call with its user and CODE; the controls still serve that user', async () => {
    await setState(USER.login, 'expired');
    await create('refused');
    const journal = await admin(emulator, 'GET', 'requests?path=' + encodeURIComponent(DOCKER));
    expect(journal.json.requests.at(-1)).toMatchObject({ user: USER.login, status: 200, code: '2001', text: 'This account has expired.' });
    // the harness's own controls never lock a user out of setting the state back
    expect((await setState(USER.login, 'active')).status).toBe(200);
  });

  it('refuses an unknown login (404) or state (400) as JSON, changing nothing; a reset makes every account active', async () => {
    await setState(OTHER.login, 'locked');
    const before = (await admin(emulator, 'GET', 'accounts')).json;
    expect(await setState('nobody', 'expired')).toMatchObject({ status: 404, json: { error: expect.stringMatching(/^No configured user "nobody"/) } });
    expect(await setState(USER.login, 'frozen')).toMatchObject({
      status: 400,
      json: { error: 'state must be one of: active, expired, locked, not_activated, password_change' },
    });
    expect(await admin(emulator, 'PUT', `accounts/${USER.login}`, { state: 'expired', extra: 1 })).toMatchObject({ status: 400 });
    expect(await admin(emulator, 'PUT', `accounts/${USER.login}`, ['expired'])).toMatchObject({ status: 400 });
    expect((await admin(emulator, 'GET', 'accounts')).json).toEqual(before);
    await admin(emulator, 'POST', 'reset');
    expect((await admin(emulator, 'GET', 'accounts')).json.accounts.map((a) => a.state)).toEqual(['active', 'active']);
    expect((await call(emulator, DOCKER, { query: { action: 'list' }, auth: OTHER_AUTH })).status).toBe(200);
  });

  it('is set through the programmatic handle too, which rejects as the admin API refuses', async () => {
    expect(await emulator.accounts.set(OTHER.login, 'not_activated')).toEqual((await admin(emulator, 'GET', 'accounts')).json);
    expectRefused(await create('x', OTHER_AUTH), 'not_activated');
    const err = await emulator.accounts.set(OTHER.login, 'gone' as AccountState).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(JsonError);
    expect(err).toMatchObject({ status: 400 });
    expect((await emulator.accounts.get()).accounts.find((a) => a.login === OTHER.login)?.state).toBe('not_activated');
    await emulator.accounts.set(OTHER.login, 'active');
    expect((await create('x', OTHER_AUTH)).status).toBe(200);
  });
});
