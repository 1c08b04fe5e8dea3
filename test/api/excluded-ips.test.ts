import { describe, expect, it } from 'vitest';
import { all, call, expectError, text, type Node, type XmlResponse } from '../helpers/emulator.js';
import { serveApp } from '../helpers/app-server.js';
import { admin } from '../helpers/admin.js';

const EXCLUDED = '/api/2.0/fo/asset/excluded_ip/';
const HISTORY = '/api/2.0/fo/asset/excluded_ip/history/';
const emulator = await serveApp();

const post = (form: Record<string, string>) => call(emulator, EXCLUDED, { form });
const items = (res: XmlResponse) => Object.fromEntries(all(res.root, 'RESPONSE/ITEM_LIST', 'ITEM').map((i) => [text(i, 'KEY'), text(i, 'VALUE')]));
const ok = async (form: Record<string, string>) => {
  const res = await post(form);
  expect(res.status, res.body).toBe(200);
  return { text: text(res.root, 'RESPONSE/TEXT'), items: items(res) };
};
const entries = (set: Node | undefined) =>
  (set?.children ?? []).map((e) => `${e.name} ${e.text}${e.attrs?.expiration_date ? ` until ${e.attrs.expiration_date}` : ''}`);
const list = async (query: Record<string, string> = {}) => {
  const res = await call(emulator, EXCLUDED, { query: { action: 'list', ...query } });
  expect(res.status, res.body).toBe(200);
  expect(res.root.name).toBe('IP_LIST_OUTPUT');
  return entries(res.root.children.find((c) => c.name === 'RESPONSE')?.children.find((c) => c.name === 'IP_SET'));
};
const history = async (query: Record<string, string> = {}) => {
  const res = await call(emulator, HISTORY, { query: { action: 'list', ...query } });
  expect(res.status, res.body).toBe(200);
  expect(res.root.name).toBe('HISTORY_LIST_OUTPUT');
  return all(res.root, 'RESPONSE/HISTORY_LIST', 'HISTORY').map((h) => ({
    id: text(h, 'ID'),
    action: text(h, 'ACTION'),
    ips: entries(h.children.find((c) => c.name === 'IP_SET')),
    user: text(h, 'USER_LOGIN'),
    comments: text(h, 'COMMENTS'),
  }));
};
const reset = () => admin(emulator, 'POST', 'reset');
const midnightIn = (days: number) => {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().replace('.000Z', 'Z');
};

describe('/api/2.0/fo/asset/excluded_ip/', () => {
  it('adds IPs with an expiry at midnight UTC, names those already excluded, and lists them with expiration_date', async () => {
    await reset();
    expect(await ok({ action: 'add', ips: '1.1.1.1,1.1.2.1', comment: 'maintenance', expiry_days: '2' })).toEqual({
      text: 'Added IPs to Excluded IPs list.',
      items: { 'Added IPs': '1.1.1.1,1.1.2.1' },
    });
    // [Q recorded] those already excluded come back under their own key, values comma-separated
    expect(await ok({ action: 'add', ips: '1.1.1.1-1.1.1.3,1.1.2.1', comment: 'again' })).toEqual({
      text: 'Added IPs to Excluded IPs list.',
      items: { 'Added IPs': '1.1.1.2-1.1.1.3', 'IPs already in Excluded IPs list.': '1.1.1.1,1.1.2.1' },
    });
    expect(await list()).toEqual([`IP 1.1.1.1 until ${midnightIn(2)}`, 'IP_RANGE 1.1.1.2-1.1.1.3', `IP 1.1.2.1 until ${midnightIn(2)}`]);
    expect(await list({ ips: '1.1.1.2-1.1.1.9' })).toEqual(['IP_RANGE 1.1.1.2-1.1.1.3']);
  });

  it('removes some IPs and then all, with the recorded TEXT and ITEM, keeping the history newest first', async () => {
    await reset();
    await ok({ action: 'add', ips: '10.10.34.240-10.10.34.254', comment: 'lab' });
    expect(await ok({ action: 'remove', ips: '10.10.34.250-10.10.34.255', comment: 'back' })).toEqual({
      text: 'Removed IPs from Excluded IPs list.',
      items: { 'Removed IPs': '10.10.34.250-10.10.34.254' },
    });
    expect(await list()).toEqual(['IP_RANGE 10.10.34.240-10.10.34.249']);
    expect(await ok({ action: 'remove_all', comment: 'all back' })).toEqual({
      text: 'Removed IPs from Excluded IPs list.',
      items: { 'Removed IPs': '10.10.34.240-10.10.34.249' },
    });
    expect(await list()).toEqual([]);
    expect(emulator.db.prepare('SELECT count(*) FROM excluded_ips').pluck().get()).toBe(0);

    const changes = await history();
    expect(changes).toEqual([
      { id: '3', action: 'Removed', ips: ['IP_RANGE 10.10.34.240-10.10.34.249'], user: 'tester', comments: 'all back' },
      { id: '2', action: 'Removed', ips: ['IP_RANGE 10.10.34.250-10.10.34.254'], user: 'tester', comments: 'back' },
      { id: '1', action: 'Added', ips: ['IP_RANGE 10.10.34.240-10.10.34.254'], user: 'tester', comments: 'lab' },
    ]);
    expect((await history({ ips: '10.10.34.252' })).map((c) => c.id)).toEqual(['2', '1']);
    expect((await history({ id_min: '2' })).map((c) => c.id)).toEqual(['3', '2']);
    expect((await history({ id_max: '1' })).map((c) => c.id)).toEqual(['1']);
    expect((await history({ ids: '1,3' })).map((c) => c.id)).toEqual(['3', '1']);
  });

  it('refuses what the pages refuse, changing nothing', async () => {
    await reset();
    expectError(await post({ action: 'add', ips: '1.1.1.1' }), 400, '1903', 'Missing required parameter(s): comment');
    expectError(await post({ action: 'add', comment: 'x' }), 400, '1903', 'Missing required parameter(s): ips');
    expectError(
      await post({ action: 'add', ips: '1.1.1.1', comment: 'x', expiry_days: '0' }),
      400,
      '1905',
      'parameter expiry_days has invalid value: 0 (not an integer from 1 to 3650)',
    );
    expectError(
      await post({ action: 'add', ips: '1.1.1.1', comment: 'x'.repeat(1025) }),
      400,
      '1905',
      /^parameter comment has invalid value: x+ \(longer than 1024 characters\)$/,
    );
    expectError(
      await post({ action: 'add', ips: '1.1.1.1', comment: 'x', network_id: '4' }),
      400,
      '1905',
      'parameter network_id has invalid value: 4 (the networks feature is not enabled)',
    );
    const groups = Array.from({ length: 16 }, (_, i) => `g${i}`).join(',');
    expectError(
      await post({ action: 'add', ips: '1.1.1.1', comment: 'x', dg_names: groups }),
      400,
      '1905',
      `parameter dg_names has invalid value: ${groups} (at most 15 distribution groups)`,
    );
    expectError(await post({ action: 'remove', ips: '1.1.1.1' }), 400, '1903', 'Missing required parameter(s): comment');
    expectError(await post({ action: 'remove_all', ips: '1.1.1.1', comment: 'x' }), 400, '1901', /^Unrecognized parameter\(s\): ips/);
    expectError(await call(emulator, EXCLUDED, { query: { action: 'remove_all', comment: 'x' } }), 400, '1908', /incompatible/);
    expectError(
      await call(emulator, HISTORY, { query: { action: 'list', id_min: 'x' } }),
      400,
      '1905',
      'parameter id_min has invalid value: x (not a positive integer)',
    );
    expectError(await call(emulator, HISTORY, { form: { action: 'add' } }), 400, '1905', 'parameter action has invalid value: add');
    expect(await list()).toEqual([]);
    expect(await history()).toEqual([]);
  });

  it('is seeded from `excluded_ips`, as action=add takes them', async () => {
    await reset();
    const seeded = await admin(emulator, 'POST', 'seed', { records: [], excluded_ips: [{ ips: '10.0.0.0/30', comment: 'seeded', expiry_days: 1 }] });
    expect(seeded.status, JSON.stringify(seeded.json)).toBe(200);
    expect(seeded.json).toMatchObject({ excluded_ip_counts: [4] });
    expect(await list()).toEqual([`IP_RANGE 10.0.0.0-10.0.0.3 until ${midnightIn(1)}`]);
    const view = await admin(emulator, 'GET', 'excluded-ips');
    expect(view.json).toMatchObject({
      total: 1,
      runs: [{ ips: '10.0.0.0-10.0.0.3', expired: false }],
      history: [{ id: 1, action: 'Added', comment: 'seeded' }],
    });
  });

  it('forgets an exclusion once its expiry has passed', async () => {
    await reset();
    emulator.db.prepare("INSERT INTO excluded_ips (network_id, lo, hi, expires_at) VALUES (0, 16843009, 16843010, '2020-01-01T00:00:00Z')").run();
    expect(await list()).toEqual([]);
    expect(await ok({ action: 'add', ips: '1.1.1.1', comment: 'again' })).toEqual({
      text: 'Added IPs to Excluded IPs list.',
      items: { 'Added IPs': '1.1.1.1' },
    });
    expect(await list()).toEqual(['IP 1.1.1.1']);
  });
});
