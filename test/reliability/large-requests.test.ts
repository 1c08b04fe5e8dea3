import { describe, expect, it } from 'vitest';
import { all, call, DOCKER, find, startTestEmulator, text, type Node } from '../helpers/emulator.js';

/**
 * Requests as large as --max-body allows: each answers its success document (never a 500 after
 * the change landed), and every record one of them leaves behind still lists.
 */
const UNIX = '/api/2.0/fo/auth/unix/';
const GENERIC = '/api/2.0/fo/auth/';
const emulator = await startTestEmulator();

/** `1,3,5,...` up to `last`: one ID range per odd number. */
const oddIds = (last: number) => Array.from({ length: (last + 1) / 2 }, (_, i) => 2 * i + 1).join(',');
/** `count` addresses from 10.<block>.0.0, each two apart, so none merge into a range. */
const separateIps = (block: number, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const n = (block << 16) + 2 * i;
    return `10.${n >> 16}.${(n >> 8) & 255}.${n & 255}`;
  }).join(',');

/** POSTs `params` as a form body with its commas as they are: encoded, the largest sets would not fit. */
const post = (path: string, params: Record<string, string>) =>
  call(emulator, path, {
    method: 'POST',
    body: Object.entries(params)
      .map(([k, v]) => `${k}=${encodeURIComponent(v).replaceAll('%2C', ',')}`)
      .join('&'),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });

const ids = (root: Node, batch: Node) => ({
  ids: all(batch, 'ID_SET', 'ID').map((n) => Number(n.text)),
  ranges: all(batch, 'ID_SET', 'ID_RANGE').map((n) => n.text),
  root,
});
const batches = (root: Node) => all(root, 'RESPONSE/BATCH_LIST', 'BATCH');
const createDocker = async (title: string, ip: string): Promise<number> => {
  const res = await call(emulator, DOCKER, { form: { action: 'create', title, ips: ip } });
  expect(res.status, res.body).toBe(200);
  return Number(text(res.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID'));
};
const listedIds = async (query: Record<string, string>) =>
  all((await post(DOCKER, { action: 'list', details: 'None', ...query })).root, 'RESPONSE/ID_SET', 'ID').map((n) => Number(n.text));

describe('requests with 150,000 ID ranges', () => {
  it('a delete answers 200 with every deleted and every missing ID', async () => {
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await createDocker(`del-${i}`, `10.200.0.${i + 1}`));
    const odd = made.filter((id) => id % 2 === 1);
    const res = await post(DOCKER, { action: 'delete', ids: oddIds(299_999) });
    expect(res.status).toBe(200);
    const [deleted, missing] = batches(res.root);
    expect(text(deleted, 'TEXT')).toBe('Successfully Deleted');
    expect(ids(res.root, deleted).ids).toEqual(odd);
    expect(text(missing, 'CODE')).toBe('1905');
    expect(ids(res.root, missing).ids).toHaveLength(150_000 - odd.length);
    expect(await listedIds({ ids: made.join(',') })).toEqual(made.filter((id) => id % 2 === 0));
  });

  it('an update answers 200 and changes exactly the records in the set', async () => {
    const a = await createDocker('upd-a', '10.201.0.1');
    const b = await createDocker('upd-b', '10.201.0.2');
    const res = await post(DOCKER, { action: 'update', ids: oddIds(299_999), comments: 'odd' });
    expect(res.status).toBe(200);
    const odd = [a, b].filter((id) => id % 2 === 1);
    expect(ids(res.root, batches(res.root)[0]).ids).toEqual(odd);
    expect(await listedIds({ ids: `${a},${b}`, comments: 'odd' })).toEqual(odd);
  });

  it('a list finds the records among them, in ID order, one page at a time', async () => {
    const made = [];
    for (let i = 0; i < 6; i++) made.push(await createDocker(`list-${i}`, `10.202.0.${i + 1}`));
    const even = made.filter((id) => id % 2 === 0);
    const evenIds = Array.from({ length: 149_999 }, (_, i) => 2 * i + 2).join(',');
    expect(await listedIds({ ids: evenIds, title: 'list-' })).toEqual(even);
    const generic = await post(GENERIC, { action: 'list', ids: evenIds, title: 'list-' });
    expect(generic.status).toBe(200);
    expect(all(generic.root, 'RESPONSE/AUTH_RECORDS/AUTH_DOCKER_IDS/ID_SET', 'ID').map((n) => Number(n.text))).toEqual(even);
  });
});

describe('a create echoing 150,000 parameters', () => {
  it('answers 200 with the whole echo, and the record exists once', async () => {
    const body = `action=create&echo_request=1&title=echoed&${'ips=&'.repeat(150_000)}ips=10.203.0.1`;
    const res = await call(emulator, DOCKER, { body, method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    expect(all(res.root, 'REQUEST/PARAM_LIST', 'PARAM')).toHaveLength(150_004);
    expect(await listedIds({ title: 'echoed' })).toHaveLength(1);
  });
});

describe('a record holding 180,000 separate addresses', () => {
  it('lists, in its own type and in the generic list', async () => {
    const made = await call(emulator, UNIX, { form: { action: 'create', title: 'wide', username: 'u', password: 'p', ips: '10.204.0.1' } });
    expect(made.status, made.body).toBe(200);
    const id = text(made.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')!;
    for (const block of [205, 208, 211]) {
      const res = await post(UNIX, { action: 'update', ids: id, add_ips: separateIps(block, 60_000) });
      expect(res.status, res.body.slice(0, 500)).toBe(200);
    }
    const list = await call(emulator, UNIX, { query: { action: 'list' } });
    expect(list.status).toBe(200);
    const record = all(list.root, 'RESPONSE/AUTH_UNIX_LIST', 'AUTH_UNIX').find((r) => text(r, 'ID') === id)!;
    expect(find(record, 'IP_SET')!.children).toHaveLength(180_001);
    expect((await call(emulator, GENERIC, { query: { action: 'list' } })).status).toBe(200);
  });
});
