import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_LIMITS } from '../../src/controls/journal.js';
import { call, DOCKER, parseXml, startTestEmulator, USER } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';

const emulator = await startTestEmulator();

beforeEach(() => emulator.reset());

const journal = async (query = '') => {
  const res = await admin(emulator, 'GET', `requests${query}`);
  expect(res.status).toBe(200);
  return res.json.requests;
};

describe('GET /_emulator/requests', () => {
  it('lists API requests oldest first, with user, action, params, status, CODE and duration', async () => {
    await call(emulator, DOCKER, { query: { action: 'create' }, form: { title: 'one', ips: '10.0.0.1' } });
    await call(emulator, DOCKER, { query: { action: 'list', details: 'None' } });
    await call(emulator, DOCKER, { form: { action: 'create', title: 'two', ips: '10.0.0.1' } });
    const entries = await journal();
    const kept = { params_truncated: false, body_truncated: false };
    expect(entries.map(({ id, time, duration_ms, body, ...rest }) => rest)).toEqual([
      {
        user: USER.login,
        method: 'POST',
        path: DOCKER,
        action: 'create',
        params: { action: 'create', title: 'one', ips: '10.0.0.1' },
        status: 200,
        code: null,
        text: null,
        ...kept,
      },
      {
        user: USER.login,
        method: 'GET',
        path: DOCKER,
        action: 'list',
        params: { action: 'list', details: 'None' },
        status: 200,
        code: null,
        text: null,
        ...kept,
      },
      {
        user: USER.login,
        method: 'POST',
        path: DOCKER,
        action: 'create',
        params: { action: 'create', title: 'two', ips: '10.0.0.1' },
        status: 409,
        code: '1920',
        text: 'IPs are used by other records of this type\nIPs: 10.0.0.1 is used by one',
        ...kept,
      },
    ]);
    expect(entries.map((e) => e.id)).toEqual([1, 2, 3].map((n) => (entries[0].id as number) + n - 1));
    for (const e of entries) {
      expect(Date.parse(e.time as string)).not.toBeNaN();
      expect(e.duration_ms).toBeTypeOf('number');
    }
    expect(entries[0].body).toContain('Successfully Created');
    expect(entries[2].body).toContain('<CODE>1920</CODE>');
    parseXml(entries[2].body as string);
  });

  it('masks secrets, and records refused logins with a null user', async () => {
    await call(emulator, DOCKER, { form: { action: 'create', title: 't', ips: '10.0.0.9', password: 'hunter2' } });
    await call(emulator, DOCKER, { query: { action: 'list' }, auth: 'Basic bm86bm8=' });
    const entries = await journal();
    expect(entries[0]).toMatchObject({ params: { password: '********' }, status: 400, code: '1901' });
    expect(JSON.stringify(entries)).not.toContain('hunter2');
    expect(entries[1]).toMatchObject({ user: null, status: 401, code: '2000', action: 'list' });
  });

  it('records whom a session login or logout was for, and a refused login with a null user', async () => {
    const session = '/api/2.0/fo/session/';
    const login = await call(emulator, session, { auth: null, form: { action: 'login', username: USER.login, password: USER.password } });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    await call(emulator, session, { auth: null, form: { action: 'login', username: USER.login, password: 'wrong' } });
    await call(emulator, session, { auth: null, headers: { Cookie: cookie }, form: { action: 'logout' } });
    await call(emulator, session, { auth: null, headers: { Cookie: cookie }, form: { action: 'logout' } });
    const entries = await journal();
    expect(entries.map((e) => [e.action, e.status, e.user])).toEqual([
      ['login', 200, USER.login],
      ['login', 401, null],
      ['logout', 200, USER.login],
      ['logout', 401, null],
    ]);
  });

  it('masks a secret parameter whatever the case of its name, though the API refuses the misspelling', async () => {
    for (const name of ['Password', 'PASSWORD', 'passWord']) {
      await call(emulator, '/api/2.0/fo/auth/unix/', { form: { action: 'create', title: 't', ips: '10.0.0.9', username: 'u', [name]: 'hunter2' } });
    }
    await call(emulator, '/api/2.0/fo/session/', { form: { action: 'login', username: USER.login, PassWord: 'hunter2' } });
    const entries = await journal();
    expect(entries).toHaveLength(4);
    expect(entries.map((e) => e.code)).toEqual(['1901', '1901', '1901', '1901']);
    expect(entries.map((e) => Object.values(e.params as object).filter((v) => v === '********'))).toEqual([
      ['********'],
      ['********'],
      ['********'],
      ['********'],
    ]);
    expect(JSON.stringify(entries)).not.toContain('hunter2');
  });

  it('keeps the answer of a JSON endpoint: its body and its error as TEXT', async () => {
    const res = await fetch(`${emulator.url}/api/tools/kube-bench`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    const [entry] = await journal();
    expect(entry).toMatchObject({ path: '/api/tools/kube-bench', status: 401, text: 'Bad Login/Password', body: JSON.stringify(await res.json()) });
  });

  it('answers entries after an ID, for polling, and counts each emptying in `generation`', async () => {
    await call(emulator, DOCKER, { query: { action: 'list' } });
    const first = await admin(emulator, 'GET', 'requests');
    const [{ id }] = first.json.requests;
    await call(emulator, DOCKER, { query: { action: 'list', details: 'None' } });
    const later = await admin(emulator, 'GET', `requests?after=${id}`);
    expect(later.json.requests.map((e: { params: object }) => e.params)).toEqual([{ action: 'list', details: 'None' }]);
    expect(later.json.generation).toBe(first.json.generation);
    await admin(emulator, 'DELETE', 'requests');
    expect((await admin(emulator, 'GET', 'requests')).json.generation).toBe(first.json.generation + 1);
  });

  it('filters by path, action, status, since and limit (the most recent, still oldest first)', async () => {
    for (const title of ['a', 'b', 'c']) await call(emulator, DOCKER, { form: { action: 'create', title, ips: `10.1.0.${title.charCodeAt(0)}` } });
    await call(emulator, DOCKER, { query: { action: 'list' } });
    await call(emulator, '/api/2.0/fo/nowhere/', { query: { action: 'list' } });
    expect((await journal('?action=create')).map((e) => (e.params as { title: string }).title)).toEqual(['a', 'b', 'c']);
    expect((await journal('?action=create&limit=2')).map((e) => (e.params as { title: string }).title)).toEqual(['b', 'c']);
    expect(await journal('?status=404')).toHaveLength(1);
    expect(await journal(`?path=${encodeURIComponent(DOCKER)}`)).toHaveLength(4);
    const all = await journal();
    const since = all[3].time as string;
    const later = await journal(`?since=${encodeURIComponent(since)}`);
    expect(later.length).toBeGreaterThanOrEqual(2);
    expect(later).toEqual(all.filter((e) => Date.parse(e.time as string) >= Date.parse(since)));
    expect(await journal(`?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
  });

  it('refuses bad filters with a JSON 400', async () => {
    for (const q of ['?limit=0', '?limit=x', '?status=abc', '?since=yesterday', '?colour=red', '?after=-1', '?after=x']) {
      const res = await admin(emulator, 'GET', `requests${q}`);
      expect(res.status, q).toBe(400);
      expect(res.json.error).toBeTypeOf('string');
    }
  });

  it('does not journal DTD downloads or the admin API itself', async () => {
    await fetch(`${emulator.url}/api/2.0/simple_return.dtd`);
    await admin(emulator, 'GET', 'config');
    expect(await journal()).toEqual([]);
  });

  it('is emptied by DELETE, which says how many entries it dropped', async () => {
    await call(emulator, DOCKER, { query: { action: 'list' } });
    await call(emulator, DOCKER, { query: { action: 'list' } });
    expect((await admin(emulator, 'DELETE', 'requests')).json).toEqual({ deleted: 2 });
    expect(await journal()).toEqual([]);
  });
});

describe("the journal's bound", () => {
  // Without credentials only the session login reads a body, and it reads at most 16 KiB
  // (test/api/session.test.ts); a caller with credentials can still send --max-body.
  it('holds a stream of 1 MiB bodies of 110,000 parameters to a fixed size', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const body =
      Array.from({ length: 110_000 }, (_, i) => `p${i}=`)
        .join('&')
        .slice(0, 1024 * 1024 - 20) + '&action=list';
    const headers = {
      Authorization: 'Basic ' + Buffer.from(`${USER.login}:${USER.password}`).toString('base64'),
      'X-Requested-With': 'vitest',
      'Content-Type': 'application/x-www-form-urlencoded',
    };
    const send = () => fetch(`${emulator.url}${DOCKER}`, { method: 'POST', headers, body });
    expect((await send()).status).toBe(400);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 40; i++) await send();
    gc();
    // Unbounded, each entry held its ~110,000 parameters: 250 MB for these 40. The documented bound
    // is 16 MiB as the journal counts it; twice that leaves room for the objects holding the strings.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(32 * 1024 * 1024);
    const entries = await journal(`?path=${DOCKER}`);
    expect(entries).toHaveLength(41);
    for (const e of entries) {
      expect(e).toMatchObject({ user: USER.login, status: 400, params_truncated: true });
      expect(Object.keys(e.params as object)).toHaveLength(JOURNAL_LIMITS.params);
    }
  });
  it("keeps no parameter as a view of its 1 MiB body, in the journal or a kept list answer's key", async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // few parameters, one value long enough for V8 to keep as a slice of the whole body; a
    // different call each time, so each list answer is kept under a key of its own too
    let serial = 0;
    const body = () => `action=list&ids=100000-${200000 + serial++}&${'&'.repeat(1024 * 1024 - 40)}`;
    const headers = {
      Authorization: 'Basic ' + Buffer.from(`${USER.login}:${USER.password}`).toString('base64'),
      'X-Requested-With': 'vitest',
      'Content-Type': 'application/x-www-form-urlencoded',
    };
    const send = () => fetch(`${emulator.url}${DOCKER}`, { method: 'POST', headers, body: body() });
    expect((await send()).status).toBe(200);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 40; i++) expect((await send()).status).toBe(200);
    gc();
    // 40 bodies held would be over 80 MB (two bytes a character)
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(32 * 1024 * 1024);
    const [last] = (await journal(`?path=${DOCKER}&limit=1`)) as { params: Record<string, string> }[];
    expect(last.params).toEqual({ action: 'list', ids: `100000-${200000 + serial - 1}` });
  });
});
