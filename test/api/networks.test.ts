import { describe, expect, it } from 'vitest';
import { all, call, expectError, startTestEmulator, text, type XmlResponse } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';

const NETWORK = '/api/2.0/fo/network/';
const UNIX = '/api/2.0/fo/auth/unix/';

const items = (res: XmlResponse) => Object.fromEntries(all(res.root, 'RESPONSE/ITEM_LIST', 'ITEM').map((i) => [text(i, 'KEY'), text(i, 'VALUE')]));
const listed = async (emulator: { url: string }, query: Record<string, string> = {}) => {
  const res = await call(emulator, NETWORK, { query: { action: 'list', ...query } });
  expect(res.status, res.body).toBe(200);
  expect(res.root.name).toBe('NETWORK_LIST_OUTPUT');
  return all(res.root, 'RESPONSE/NETWORK_LIST', 'NETWORK').map((n) => [text(n, 'ID'), text(n, 'NAME')]);
};

describe('/api/2.0/fo/network/', () => {
  it('creates a network, answering its ID under a lower-case id, renames it, and lists it after the Global Default Network', async () => {
    const emulator = await startTestEmulator();
    expect(await listed(emulator)).toEqual([['0', 'Global Default Network']]);
    const created = await call(emulator, NETWORK, { form: { action: 'create', name: 'Lab' } });
    expect(created.status, created.body).toBe(200);
    expect(created.root.name).toBe('SIMPLE_RETURN');
    expect(text(created.root, 'RESPONSE/TEXT')).toBe('Network created with ID');
    expect(items(created)).toEqual({ id: '1' });

    const updated = await call(emulator, NETWORK, { form: { action: 'update', id: '1', name: 'Plant' } });
    expect(text(updated.root, 'RESPONSE/TEXT')).toBe('Network updated');
    expect(items(updated)).toEqual({ id: '1', name: 'Plant' });
    expect(await listed(emulator)).toEqual([
      ['0', 'Global Default Network'],
      ['1', 'Plant'],
    ]);
    expect(await listed(emulator, { ids: '1' })).toEqual([['1', 'Plant']]);
    expect((await admin(emulator, 'GET', 'networks')).json).toMatchObject({ enabled: true, networks: [{ id: 0 }, { id: 1, name: 'Plant' }] });
    await emulator.close();
  });

  it('refuses what Qualys refuses, changing nothing', async () => {
    const emulator = await startTestEmulator();
    await call(emulator, NETWORK, { form: { action: 'create', name: 'Lab' } });
    expectError(
      await call(emulator, NETWORK, { form: { action: 'create', name: 'Lab' } }),
      400,
      '1905',
      'parameter name has invalid value: Lab (already used by network 1)',
    );
    expectError(
      await call(emulator, NETWORK, { form: { action: 'create', name: 'Global West' } }),
      400,
      '1905',
      /^parameter name has invalid value: Global West \(names beginning Global or Qualys/,
    );
    expectError(await call(emulator, NETWORK, { form: { action: 'create' } }), 400, '1903', 'Missing required parameter(s): name');
    expectError(await call(emulator, NETWORK, { query: { action: 'create', name: 'x' } }), 400, '1908', /incompatible/);
    expectError(
      await call(emulator, NETWORK, { form: { action: 'update', id: '9', name: 'x' } }),
      400,
      '1905',
      'parameter id has invalid value: 9 (No such network ID)',
    );
    expectError(
      await call(emulator, NETWORK, { form: { action: 'update', id: '0', name: 'x' } }),
      400,
      '1905',
      'parameter id has invalid value: 0 (not a positive integer)',
    );
    expectError(await call(emulator, NETWORK, { form: { action: 'delete', id: '1' } }), 400, '1905', 'parameter action has invalid value: delete');
    expect(await listed(emulator)).toEqual([
      ['0', 'Global Default Network'],
      ['1', 'Lab'],
    ]);
    await emulator.close();
  });

  it('makes network_id on records name an existing network once the feature is on', async () => {
    const emulator = await startTestEmulator();
    const record = (networkId: string, title: string) =>
      call(emulator, UNIX, { form: { action: 'create', title, username: 'u', password: 'p', ips: '10.0.0.1', network_id: networkId } });
    expectError(await record('1', 'a'), 400, '1905', 'parameter network_id has invalid value: 1 (the networks feature is not enabled)');
    await call(emulator, NETWORK, { form: { action: 'create', name: 'Lab' } });
    expect((await record('1', 'a')).status).toBe(200);
    expectError(await record('2', 'b'), 400, '1905', 'parameter network_id has invalid value: 2 (No such network ID)');
    await emulator.close();
  });

  it('lists the networks --networks configures, renames one, and creates after them', async () => {
    const emulator = await startTestEmulator({ networks: [5, 7] });
    expect(await listed(emulator)).toEqual([
      ['0', 'Global Default Network'],
      ['5', 'Network 5'],
      ['7', 'Network 7'],
    ]);
    expect(items(await call(emulator, NETWORK, { form: { action: 'update', id: '7', name: 'DMZ' } }))).toEqual({ id: '7', name: 'DMZ' });
    expect(items(await call(emulator, NETWORK, { form: { action: 'create', name: 'Lab' } }))).toEqual({ id: '8' });
    // a reset forgets what was written, not what --networks configures
    await admin(emulator, 'POST', 'reset');
    expect(await listed(emulator)).toEqual([
      ['0', 'Global Default Network'],
      ['5', 'Network 5'],
      ['7', 'Network 7'],
    ]);
    await emulator.close();
  });

  it('seeds networks, whose IDs the seed answers', async () => {
    const emulator = await startTestEmulator();
    const seeded = await admin(emulator, 'POST', 'seed', { records: [], networks: [{ name: 'A' }, { name: 'B' }] });
    expect(seeded.json).toMatchObject({ network_ids: [1, 2] });
    const refused = await admin(emulator, 'POST', 'seed', { records: [], networks: [{ name: 'C' }, { name: 'A' }] });
    expect(refused.status).toBe(400);
    expect(await listed(emulator)).toEqual([
      ['0', 'Global Default Network'],
      ['1', 'A'],
      ['2', 'B'],
    ]);
    await emulator.close();
  });

  it('assigns a scanner appliance to a network at /api/2.0/fo/appliance/, which both lists show', async () => {
    const emulator = await startTestEmulator();
    const APPLIANCE = '/api/2.0/fo/appliance/';
    await call(emulator, NETWORK, { form: { action: 'create', name: 'Plant' } });
    const scanner = await call(emulator, APPLIANCE, { form: { action: 'create', name: 'plant-scan' } });
    const id = text(scanner.root, 'RESPONSE/APPLIANCE/ID')!;
    const assigned = await call(emulator, APPLIANCE, { form: { action: 'assign_network_id', appliance_id: id, network_id: '1' } });
    expect(assigned.status, assigned.body).toBe(200);
    expect(assigned.root.name).toBe('SIMPLE_RETURN');
    expect(text(assigned.root, 'RESPONSE/TEXT')).toBe(`Success: Network ID=[1] assigned to Appliance with ID=[${id}]`);
    expect(all(assigned.root, 'RESPONSE/ITEM_LIST', 'ITEM')).toEqual([]);

    const networks = await call(emulator, NETWORK, { query: { action: 'list' } });
    const [global, plant] = all(networks.root, 'RESPONSE/NETWORK_LIST', 'NETWORK');
    expect(all(global, 'SCANNER_APPLIANCE_LIST', 'SCANNER_APPLIANCE')).toEqual([]);
    expect(all(plant, 'SCANNER_APPLIANCE_LIST', 'SCANNER_APPLIANCE').map((a) => [text(a, 'ID'), text(a, 'FRIENDLY_NAME')])).toEqual([[id, 'plant-scan']]);
    const appliances = await call(emulator, APPLIANCE, { query: { action: 'list', network_id: '1' } });
    expect(all(appliances.root, 'RESPONSE/APPLIANCE_LIST', 'APPLIANCE').map((a) => [text(a, 'ID'), text(a, 'NETWORK_ID')])).toEqual([[id, '1']]);

    // [Q] Qualys's sample: an unknown network is a 1905 naming it; [E] so is an unknown appliance; nothing changes
    expectError(
      await call(emulator, APPLIANCE, { form: { action: 'assign_network_id', appliance_id: id, network_id: '9' } }),
      400,
      '1905',
      'parameter network_id has invalid value: 9 (No such network ID)',
    );
    expectError(
      await call(emulator, APPLIANCE, { form: { action: 'assign_network_id', appliance_id: '99', network_id: '0' } }),
      400,
      '1905',
      'parameter appliance_id has invalid value: 99 (no such scanner appliance)',
    );
    expectError(await call(emulator, APPLIANCE, { form: { action: 'assign_network_id', appliance_id: id } }), 400, '1903', /network_id/);
    const after = await call(emulator, APPLIANCE, { query: { action: 'list', ids: id } });
    expect(text(all(after.root, 'RESPONSE/APPLIANCE_LIST', 'APPLIANCE')[0], 'NETWORK_ID')).toBe('1');

    // back to the Global Default Network
    const r0 = await call(emulator, APPLIANCE, { form: { action: 'assign_network_id', appliance_id: id, network_id: '0' } });
    expect(r0.status).toBe(200);
    const back = await call(emulator, NETWORK, { query: { action: 'list' } });
    const [backGlobal] = all(back.root, 'RESPONSE/NETWORK_LIST', 'NETWORK');
    expect(all(backGlobal, 'SCANNER_APPLIANCE_LIST', 'SCANNER_APPLIANCE').map((a) => text(a, 'ID'))).toEqual([id]);
    await emulator.close();
  });

  it("checks a seeded appliance's network_id as the API checks one", async () => {
    const emulator = await startTestEmulator();
    const refused = await admin(emulator, 'POST', 'seed', { records: [], networks: [{ name: 'A' }], appliances: [{ name: 'x', network_id: 5 }] });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json)).toContain('No such network ID');
    const seeded = await admin(emulator, 'POST', 'seed', { records: [], networks: [{ name: 'A' }], appliances: [{ name: 'x', network_id: 1 }] });
    expect(seeded.status, JSON.stringify(seeded.json)).toBe(200);
    await emulator.close();
  });
});
