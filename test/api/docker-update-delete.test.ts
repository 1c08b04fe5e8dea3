import { describe, expect, it } from 'vitest';
import { all, AUTH, call, DOCKER, expectError, find, startTestEmulator, text, USER, type Node, type XmlResponse } from '../helpers/emulator.js';
import type { EmulatorHandle } from '../../src/index.js';

const OTHER = { login: 'other', password: 'pw2' };
const OTHER_AUTH = 'Basic ' + Buffer.from(`${OTHER.login}:${OTHER.password}`).toString('base64');

const emulator = await startTestEmulator({ users: [USER, OTHER] });

const post = (em: EmulatorHandle, form: Record<string, string>, auth = AUTH) => call(em, DOCKER, { form, auth });

/** Each BATCH as [CODE, TEXT, [ID or ID_RANGE texts]]. */
function batches(res: XmlResponse): [string | undefined, string | undefined, string[]][] {
  expect(res.status, res.body).toBe(200);
  expect(res.root.name).toBe('BATCH_RETURN');
  return all(res.root, 'RESPONSE/BATCH_LIST', 'BATCH').map((b) => [
    text(b, 'CODE'),
    text(b, 'TEXT'),
    (find(b, 'ID_SET')?.children ?? []).map((c) => `${c.name}:${c.text}`),
  ]);
}

async function create(em: EmulatorHandle, title: string, ips: string, extra: Record<string, string> = {}): Promise<string> {
  const res = await post(em, { action: 'create', title, ips, ...extra });
  expect(res.status, res.body).toBe(200);
  return text(res.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')!;
}

async function records(em: EmulatorHandle, ids = '1-4294967295'): Promise<Node[]> {
  const res = await call(em, DOCKER, { query: { action: 'list', ids } });
  return all(res.root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER');
}

const ipsOf = (r: Node) => (find(r, 'IP_SET')?.children ?? []).map((c) => `${c.name}:${c.text}`);
const summary = (r: Node) => [text(r, 'ID'), text(r, 'TITLE'), ipsOf(r).join(' ')];

describe('a scripted Docker session', () => {
  it('creates, splits a range, lists, refuses conflicts, deletes partly, lists again', async () => {
    const em = await startTestEmulator();
    expect(await create(em, 'web', '10.0.0.1-10.0.0.10')).toBe('1');
    expect(await create(em, 'db', '10.0.1.1')).toBe('2');

    const updated = await post(em, { action: 'update', ids: '1', add_ips: '10.0.0.20', remove_ips: '10.0.0.5-10.0.0.6', echo_request: '1' });
    expect(batches(updated)).toEqual([[undefined, 'Successfully Updated', ['ID:1']]]);
    expect(all(updated.root, 'REQUEST/PARAM_LIST', 'PARAM').map((p) => text(p, 'KEY'))).toEqual(['action', 'ids', 'add_ips', 'remove_ips', 'echo_request']);

    expect((await records(em)).map(summary)).toEqual([
      ['1', 'web', 'IP_RANGE:10.0.0.1-10.0.0.4 IP_RANGE:10.0.0.7-10.0.0.10 IP:10.0.0.20'],
      ['2', 'db', 'IP:10.0.1.1'],
    ]);

    expectError(
      await post(em, { action: 'create', title: 'clash', ips: '10.0.0.3-10.0.0.8,10.0.1.0/24' }),
      409,
      '1920',
      [
        'IPs are used by other records of this type',
        'IPs: 10.0.0.3-10.0.0.4 is used by web',
        'IPs: 10.0.0.7-10.0.0.8 is used by web',
        'IPs: 10.0.1.1 is used by db',
      ].join('\n'),
    );
    // The addresses the split freed are free again.
    expect(await create(em, 'gap', '10.0.0.5-10.0.0.6')).toBe('3');
    expectError(
      await post(em, { action: 'create', title: 'db', ips: '10.0.9.9' }),
      400,
      '1905',
      'parameter title has invalid value: db (already used by record 2)',
    );

    const deleted = await post(em, { action: 'delete', ids: '2-3,7,9-12' });
    expect(batches(deleted)).toEqual([
      [undefined, 'Successfully Deleted', ['ID_RANGE:2-3']],
      ['1905', 'Record(s) not found', ['ID:7', 'ID_RANGE:9-12']],
    ]);
    expect((await records(em)).map(summary)).toEqual([['1', 'web', 'IP_RANGE:10.0.0.1-10.0.0.4 IP_RANGE:10.0.0.7-10.0.0.10 IP:10.0.0.20']]);
  });
});

describe('Docker record update', () => {
  it('changes every given value and only those, on every listed record', async () => {
    const a = await create(emulator, 'u-a', '10.2.0.1', { docker_command: '/bin/docker', comments: 'old' });
    const b = await create(emulator, 'u-b', '10.2.0.2');
    const res = await post(emulator, { action: 'update', ids: `${a}-${b}`, comments: 'new', docker_deamon_conf_file: '/etc/d.json', network_id: '0' });
    expect(batches(res)).toEqual([[undefined, 'Successfully Updated', [`ID_RANGE:${a}-${b}`]]]);
    const [ra, rb] = await records(emulator, `${a}-${b}`);
    expect([text(ra, 'TITLE'), text(ra, 'DOCKER_COMMAND'), text(ra, 'DOCKER_DEAMON_CONF_FILE'), text(ra, 'COMMENTS'), text(ra, 'NETWORK_ID')]).toEqual([
      'u-a',
      '/bin/docker',
      '/etc/d.json',
      'new',
      '0',
    ]);
    expect([text(rb, 'TITLE'), text(rb, 'COMMENTS'), ipsOf(rb)]).toEqual(['u-b', 'new', ['IP:10.2.0.2']]);
  });

  it('replaces the IP set with ips, and renames a single record', async () => {
    const id = await create(emulator, 'u-c', '10.3.0.1-10.3.0.9');
    expect(batches(await post(emulator, { action: 'update', ids: id, ips: '10.3.1.5,10.3.1.6', title: 'u-c2' }))).toEqual([
      [undefined, 'Successfully Updated', [`ID:${id}`]],
    ]);
    const [r] = await records(emulator, id);
    expect([text(r, 'TITLE'), ipsOf(r)]).toEqual(['u-c2', ['IP_RANGE:10.3.1.5-10.3.1.6']]);
    // The old range is free again.
    await create(emulator, 'u-c-old', '10.3.0.1-10.3.0.9');
  });

  it('moves LAST_MODIFIED and its BY only when something changed', async () => {
    const id = await create(emulator, 'u-d', '10.4.0.1', { comments: 'same' });
    const [before] = await records(emulator, id);
    expect(find(before, 'LAST_MODIFIED/BY')).toBeUndefined();

    const nothing = await post(emulator, { action: 'update', ids: id, comments: 'same', ips: '10.4.0.1', title: 'u-d' }, OTHER_AUTH);
    expect(batches(nothing)).toEqual([[undefined, 'No records updated: nothing to change', [`ID:${id}`]]]);
    const unchangedEdit = await post(emulator, { action: 'update', ids: id, add_ips: '10.4.0.1', remove_ips: '10.4.0.99' }, OTHER_AUTH);
    expect(batches(unchangedEdit)[0][1]).toBe('No records updated: nothing to change');
    const [after] = await records(emulator, id);
    expect(find(after, 'LAST_MODIFIED')).toEqual(find(before, 'LAST_MODIFIED'));

    await post(emulator, { action: 'update', ids: id, comments: 'changed' }, OTHER_AUTH);
    const [changed] = await records(emulator, id);
    expect(text(changed, 'LAST_MODIFIED/BY')).toBe(OTHER.login);
    expect(text(changed, 'LAST_MODIFIED/DATETIME')! >= text(before, 'LAST_MODIFIED/DATETIME')!).toBe(true);
    expect(text(changed, 'CREATED/BY')).toBe(USER.login);
  });

  it('reports changed, unchanged and unknown IDs in separate batches, as ranges', async () => {
    const a = await create(emulator, 'u-e1', '10.5.0.1', { comments: 'x' });
    const b = await create(emulator, 'u-e2', '10.5.0.2');
    const c = await create(emulator, 'u-e3', '10.5.0.3', { comments: 'x' });
    await post(emulator, { action: 'delete', ids: b });
    const res = await post(emulator, { action: 'update', ids: `${a}-${c},4000000000-4294967295`, comments: 'x' });
    expect(batches(res)).toEqual([
      [undefined, 'No records updated: nothing to change', [`ID:${a}`, `ID:${c}`]],
      ['1905', 'Record(s) not found', [`ID:${b}`, 'ID_RANGE:4000000000-4294967295']],
    ]);
    const mixed = await post(emulator, { action: 'update', ids: `${a},${c}`, docker_command: '/x' });
    expect(batches(mixed)).toEqual([[undefined, 'Successfully Updated', [`ID:${a}`, `ID:${c}`]]]);
  });

  it('answers only the not-found batch when no ID matches', async () => {
    expect(batches(await post(emulator, { action: 'update', ids: '900000-900010', comments: 'x' }))).toEqual([
      ['1905', 'Record(s) not found', ['ID_RANGE:900000-900010']],
    ]);
  });

  it('refuses ips with add_ips or remove_ips (1904 naming the given ones), allowing both edits together', async () => {
    const id = await create(emulator, 'u-f', '10.6.0.1');
    expectError(
      await post(emulator, { action: 'update', ids: id, ips: '10.6.0.2', remove_ips: '10.6.0.1' }),
      400,
      '1904',
      'Please specify only one of these parameters: ips, remove_ips',
    );
    expectError(
      await post(emulator, { action: 'update', ids: id, ips: '10.6.0.2', add_ips: '10.6.0.3', remove_ips: '10.6.0.1' }),
      400,
      '1904',
      'Please specify only one of these parameters: ips, add_ips, remove_ips',
    );
    expect(batches(await post(emulator, { action: 'update', ids: id, add_ips: '10.6.0.2-10.6.0.4', remove_ips: '10.6.0.1,10.6.0.3' }))[0][1]).toBe(
      'Successfully Updated',
    );
    expect(ipsOf((await records(emulator, id))[0])).toEqual(['IP:10.6.0.2', 'IP:10.6.0.4']);
  });

  it('refuses a title with more than one ID, without expanding the range', async () => {
    const id = await create(emulator, 'u-g', '10.7.0.1');
    for (const ids of ['1-4294967295', `${id},${Number(id) + 1}`, `${id}-${Number(id) + 1}`]) {
      expectError(
        await post(emulator, { action: 'update', ids, title: 'one' }),
        400,
        '1905',
        'parameter title has invalid value: one (a title can only be set on one record: give one ID)',
      );
    }
    expect(batches(await post(emulator, { action: 'update', ids: `${id}-${id}`, title: 'u-g2' }))[0][1]).toBe('Successfully Updated');
  });

  it('refuses a title or IPs held by another record, changing nothing', async () => {
    const a = await create(emulator, 'u-h1', '10.8.0.1');
    const b = await create(emulator, 'u-h2', '10.8.0.10-10.8.0.20');
    expectError(
      await post(emulator, { action: 'update', ids: a, title: 'u-h2' }),
      400,
      '1905',
      `parameter title has invalid value: u-h2 (already used by record ${b})`,
    );
    expectError(
      await post(emulator, { action: 'update', ids: a, add_ips: '10.8.0.15-10.8.0.30' }),
      409,
      '1920',
      'IPs are used by other records of this type\nIPs: 10.8.0.15-10.8.0.20 is used by u-h2',
    );
    // The same added IPs for two records clash with each other: the whole request is refused.
    const before = (await records(emulator, `${a}-${b}`)).map(summary);
    expectError(
      await post(emulator, { action: 'update', ids: `${a}-${b}`, add_ips: '10.8.1.1', comments: 'z' }),
      409,
      '1920',
      'IPs are used by other records of this type\nIPs: 10.8.1.1 is used by u-h1',
    );
    expect((await records(emulator, `${a}-${b}`)).map(summary)).toEqual(before);
    expect((await records(emulator, a)).map((r) => text(r, 'COMMENTS'))).toEqual([undefined]);
    // Its own IPs are no conflict.
    expect(batches(await post(emulator, { action: 'update', ids: b, ips: '10.8.0.12-10.8.0.40' }))[0][1]).toBe('Successfully Updated');
  });

  it('refuses to remove every IP of a record', async () => {
    const id = await create(emulator, 'u-i', '10.9.0.1-10.9.0.2');
    expectError(
      await post(emulator, { action: 'update', ids: id, remove_ips: '10.9.0.0/24' }),
      400,
      '1905',
      `parameter remove_ips has invalid value: 10.9.0.0-10.9.0.255 (it would leave record ${id} without IPs)`,
    );
    expect(ipsOf((await records(emulator, id))[0])).toEqual(['IP_RANGE:10.9.0.1-10.9.0.2']);
  });

  it('validates every value before touching anything', async () => {
    const id = await create(emulator, 'u-j', '10.10.0.1');
    expectError(await post(emulator, { action: 'update', comments: 'x' }), 400, '1903', 'Missing required parameter(s): ids');
    expectError(
      await post(emulator, { action: 'update', ids: 'x1' }),
      400,
      '1905',
      'parameter ids has invalid value: x1 (neither a positive integer nor a range: x1)',
    );
    expectError(
      await post(emulator, { action: 'update', ids: id, add_ips: '10.10.0.300' }),
      400,
      '1905',
      'parameter add_ips has invalid value: 10.10.0.300 (not a valid IPv4 address: 10.10.0.300)',
    );
    expectError(await post(emulator, { action: 'update', ids: id, title: '' }), 400, '1905', 'parameter title has invalid value:  (a title cannot be empty)');
    expectError(
      await post(emulator, { action: 'update', ids: id, network_id: '5' }),
      400,
      '1905',
      'parameter network_id has invalid value: 5 (the networks feature is not enabled)',
    );
    expectError(
      await post(emulator, { action: 'update', ids: id, id_min: '1' }),
      400,
      '1901',
      /^Unrecognized parameter\(s\): id_min \(action=update allows: echo_request, ids, title, comments, docker_deamon_conf_file, docker_command, ips, add_ips, remove_ips, network_id\)$/,
    );
    expectError(await call(emulator, DOCKER, { query: { action: 'update', ids: id, comments: 'x' } }), 400, '1908', /^Request method/);
    expect((await records(emulator, id)).map((r) => [text(r, 'COMMENTS'), find(r, 'LAST_MODIFIED/BY')])).toEqual([[undefined, undefined]]);
  });
});

describe('Docker record delete', () => {
  it('deletes a range, reports unknown IDs, never reuses IDs and frees the IPs', async () => {
    const em = await startTestEmulator();
    for (let i = 1; i <= 5; i++) await create(em, `d-${i}`, `10.20.0.${i}`);
    expect(batches(await post(em, { action: 'delete', ids: '2-4', echo_request: '1' }))).toEqual([[undefined, 'Successfully Deleted', ['ID_RANGE:2-4']]]);
    expect(batches(await post(em, { action: 'delete', ids: '1-4294967295' }))).toEqual([
      [undefined, 'Successfully Deleted', ['ID:1', 'ID:5']],
      ['1905', 'Record(s) not found', ['ID_RANGE:2-4', 'ID_RANGE:6-4294967295']],
    ]);
    expect(batches(await post(em, { action: 'delete', ids: '1' }))).toEqual([['1905', 'Record(s) not found', ['ID:1']]]);
    expect(await records(em)).toEqual([]);
    expect(await create(em, 'd-1', '10.20.0.1-10.20.0.5')).toBe('6');
  });

  it('refuses other parameters, GET and a missing ids, deleting nothing', async () => {
    const id = await create(emulator, 'd-keep', '10.21.0.1');
    expectError(
      await post(emulator, { action: 'delete', ids: id, title: 'x' }),
      400,
      '1901',
      'Unrecognized parameter(s): title (action=delete allows: echo_request, ids)',
    );
    expectError(await post(emulator, { action: 'delete' }), 400, '1903', 'Missing required parameter(s): ids');
    expectError(await call(emulator, DOCKER, { query: { action: 'delete', ids: id } }), 400, '1908', /^Request method/);
    expectError(
      await post(emulator, { action: 'delete', ids: `${id},0` }),
      400,
      '1905',
      `parameter ids has invalid value: ${id},0 (neither a positive integer nor a range: 0)`,
    );
    expect((await records(emulator, id)).map((r) => text(r, 'TITLE'))).toEqual(['d-keep']);
  });
});

describe('network_id with the networks feature', () => {
  it('accepts 0 and the configured IDs, refuses others', async () => {
    const em = await startTestEmulator({ networks: [5, 7] });
    const id = await create(em, 'n', '10.30.0.1', { network_id: '5' });
    expect(batches(await post(em, { action: 'update', ids: id, network_id: '7' }))[0][1]).toBe('Successfully Updated');
    expect(text((await records(em, id))[0], 'NETWORK_ID')).toBe('7');
    expect(batches(await post(em, { action: 'update', ids: id, network_id: '0' }))[0][1]).toBe('Successfully Updated');
    expectError(
      await post(em, { action: 'create', title: 'n2', ips: '10.30.0.2', network_id: '6' }),
      400,
      '1905',
      'parameter network_id has invalid value: 6 (No such network ID)',
    );
    expectError(
      await post(em, { action: 'update', ids: id, network_id: '-1' }),
      400,
      '1905',
      'parameter network_id has invalid value: -1 (not a non-negative integer)',
    );
    expect(text((await records(em, id))[0], 'NETWORK_ID')).toBe('0');
  });
});

describe('scale: ranges are never expanded', () => {
  it('handles the whole ID space and the whole IPv4 space as single ranges', async () => {
    const em = await startTestEmulator();
    await create(em, 'all', '0.0.0.0/0');
    expectError(
      await post(em, { action: 'create', title: 'x', ips: '192.168.0.1' }),
      409,
      '1920',
      'IPs are used by other records of this type\nIPs: 192.168.0.1 is used by all',
    );
    expect(batches(await post(em, { action: 'update', ids: '1-4294967295', remove_ips: '10.0.0.0/8' }))).toEqual([
      [undefined, 'Successfully Updated', ['ID:1']],
      ['1905', 'Record(s) not found', ['ID_RANGE:2-4294967295']],
    ]);
    expect(ipsOf((await records(em))[0])).toEqual(['IP_RANGE:0.0.0.0-9.255.255.255', 'IP_RANGE:11.0.0.0-255.255.255.255']);
    expect(await create(em, 'ten', '10.0.0.0/8')).toBe('2');
    expect(batches(await post(em, { action: 'delete', ids: '1-4294967295' }))[0]).toEqual([undefined, 'Successfully Deleted', ['ID_RANGE:1-2']]);
  });
});

describe('concurrency', () => {
  const parallel = (n: number, form: (i: number) => Record<string, string>) => Promise.all(Array.from({ length: n }, (_, i) => post(emulator, form(i))));

  it('lets exactly one of many parallel creates with one title or overlapping IPs win', async () => {
    const byTitle = await parallel(12, (i) => ({ action: 'create', title: 'race', ips: `10.40.0.${i + 1}` }));
    expect(byTitle.filter((r) => r.status === 200)).toHaveLength(1);
    expect(byTitle.filter((r) => r.status === 400 && text(r.root, 'RESPONSE/CODE') === '1905')).toHaveLength(11);

    const byIps = await parallel(12, (i) => ({ action: 'create', title: `race-ip-${i}`, ips: `10.41.0.${i}-10.41.0.${i + 20}` }));
    expect(byIps.filter((r) => r.status === 200)).toHaveLength(1);
    expect(byIps.filter((r) => r.status === 409 && text(r.root, 'RESPONSE/CODE') === '1920')).toHaveLength(11);
  });

  it('lets exactly one of many parallel updates to one title or overlapping IPs win', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await create(emulator, `race-u-${i}`, `10.42.${i}.1`));
    const byTitle = await Promise.all(ids.map((id) => post(emulator, { action: 'update', ids: id, title: 'race-u-winner' })));
    expect(byTitle.filter((r) => r.status === 200)).toHaveLength(1);
    const byIps = await Promise.all(ids.map((id) => post(emulator, { action: 'update', ids: id, add_ips: '10.43.0.0/24' })));
    expect(byIps.filter((r) => r.status === 200)).toHaveLength(1);
    const listed = await call(emulator, DOCKER, { query: { action: 'list', title: 'race-u-winner', details: 'None' } });
    expect(all(listed.root, 'RESPONSE/ID_SET', 'ID')).toHaveLength(1);
  });
});
