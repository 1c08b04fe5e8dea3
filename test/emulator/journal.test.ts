import { beforeEach, describe, expect, it } from 'vitest';
import { call, DOCKER, startTestEmulator, USER } from '../helpers/emulator.js';
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
    expect(entries.map(({ time, duration_ms, ...rest }) => rest)).toEqual([
      { user: USER.login, method: 'POST', path: DOCKER, action: 'create', params: { action: 'create', title: 'one', ips: '10.0.0.1' }, status: 200, code: null },
      { user: USER.login, method: 'GET', path: DOCKER, action: 'list', params: { action: 'list', details: 'None' }, status: 200, code: null },
      { user: USER.login, method: 'POST', path: DOCKER, action: 'create', params: { action: 'create', title: 'two', ips: '10.0.0.1' }, status: 409, code: '1920' },
    ]);
    for (const e of entries) {
      expect(Date.parse(e.time as string)).not.toBeNaN();
      expect(e.duration_ms).toBeTypeOf('number');
    }
  });

  it('masks secrets, and records refused logins with a null user', async () => {
    await call(emulator, DOCKER, { form: { action: 'create', title: 't', ips: '10.0.0.9', password: 'hunter2' } });
    await call(emulator, DOCKER, { query: { action: 'list' }, auth: 'Basic bm86bm8=' });
    const entries = await journal();
    expect(entries[0]).toMatchObject({ params: { password: '********' }, status: 400, code: '1901' });
    expect(JSON.stringify(entries)).not.toContain('hunter2');
    expect(entries[1]).toMatchObject({ user: null, status: 401, code: '2000', action: 'list' });
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
    for (const q of ['?limit=0', '?limit=x', '?status=abc', '?since=yesterday', '?colour=red']) {
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
