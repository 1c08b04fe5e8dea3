import { describe, expect, it } from 'vitest';
import { all, call, expectError, find, startTestEmulator, text, type XmlResponse } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';

const APPLIANCE = '/api/2.0/fo/appliance/';
const emulator = await startTestEmulator();

const post = (form: Record<string, string>) => call(emulator, APPLIANCE, { form });
const list = async (query: Record<string, string> = {}) => {
  const res = await call(emulator, APPLIANCE, { query: { action: 'list', ...query } });
  expect(res.status, res.body).toBe(200);
  expect(res.root.name).toBe('APPLIANCE_LIST_OUTPUT');
  return res;
};
const appliances = (res: XmlResponse) => all(res.root, 'RESPONSE/APPLIANCE_LIST', 'APPLIANCE');
const item = (res: XmlResponse, key: string) =>
  all(res.root, 'RESPONSE/ITEM_LIST', 'ITEM')
    .find((i) => text(i, 'KEY') === key)
    ?.children.find((c) => c.name === 'VALUE')?.text;
const create = async (name: string, more: Record<string, string> = {}) => {
  const res = await post({ action: 'create', name, ...more });
  expect(res.status, res.body).toBe(200);
  return res;
};

describe('/api/2.0/fo/appliance/', () => {
  it('creates a virtual scanner, answering its ID, name, activation code and the licenses left', async () => {
    const res = await create('vscan-a', { polling_interval: '300', echo_request: '1' });
    expect(res.root.name).toBe('APPLIANCE_CREATE_OUTPUT');
    const appliance = find(res.root, 'RESPONSE/APPLIANCE')!;
    expect(appliance.children.map((c) => c.name)).toEqual(['ID', 'FRIENDLY_NAME', 'ACTIVATION_CODE', 'REMAINING_QVSA_LICENSES']);
    expect(text(appliance, 'FRIENDLY_NAME')).toBe('vscan-a');
    expect(text(appliance, 'ACTIVATION_CODE')).toMatch(/^\d{12}$/);
    expect(text(res.root, 'REQUEST/PARAM_LIST/PARAM/KEY')).toBe('action');
    const before = Number(text(appliance, 'REMAINING_QVSA_LICENSES'));
    const next = await create('vscan-b');
    expect(Number(text(next.root, 'RESPONSE/APPLIANCE/REMAINING_QVSA_LICENSES'))).toBe(before - 1);
  });

  it('lists brief appliances by default and full ones with output_mode=full, in Qualys order', async () => {
    await create('vscan-c');
    const brief = appliances(await list({ name: 'vscan-c' }));
    expect(brief).toHaveLength(1);
    expect(brief[0].children.map((c) => c.name)).toEqual(['ID', 'NAME', 'SOFTWARE_VERSION', 'RUNNING_SCAN_COUNT', 'STATUS']);
    expect(text(brief[0], 'STATUS')).toBe('Offline');
    const [full] = appliances(await list({ name: 'vscan-c', output_mode: 'full' }));
    const names = full.children.map((c) => c.name);
    expect(names.slice(0, 11)).toEqual([
      'ID',
      'UUID',
      'NAME',
      'NETWORK_ID',
      'SOFTWARE_VERSION',
      'RUNNING_SLICES_COUNT',
      'RUNNING_SCAN_COUNT',
      'STATUS',
      'MODEL_NUMBER',
      'SERIAL_NUMBER',
      'ACTIVATION_CODE',
    ]);
    expect(text(full, 'MODEL_NUMBER')).toBe('cvscanner');
    expect(text(full, 'POLLING_INTERVAL')).toBe('180 seconds');
    expect(text(full, 'ASSET_GROUP_COUNT')).toBe('0');
    expect(find(full, 'ML_VERSION')!.attrs.updated).toBe('yes');
  });

  it('filters by ids, name and type, and shows the license counts when asked', async () => {
    const id = text((await create('vscan-d')).root, 'RESPONSE/APPLIANCE/ID')!;
    expect(appliances(await list({ ids: id })).map((a) => text(a, 'NAME'))).toEqual(['vscan-d']);
    expect(appliances(await list({ type: 'physical' }))).toEqual([]);
    expect(appliances(await list({ busy: '1' }))).toEqual([]);
    const withLicenses = await list({ include_license_info: '1' });
    const used = Number(text(withLicenses.root, 'RESPONSE/LICENSE_INFO/QVSA_LICENSES_USED'));
    expect(used).toBe(appliances(await list({ type: 'virtual' })).length);
    expect(Number(text(withLicenses.root, 'RESPONSE/LICENSE_INFO/QVSA_LICENSES_COUNT'))).toBeGreaterThanOrEqual(used);
    expect(find((await list()).root, 'RESPONSE/LICENSE_INFO')).toBeUndefined();
    expectError(
      await call(emulator, APPLIANCE, { query: { action: 'list', output_mode: 'verbose' } }),
      400,
      '1905',
      /^parameter output_mode has invalid value: verbose/,
    );
    expectError(await call(emulator, APPLIANCE, { query: { action: 'list', ids: 'x' } }), 400, '1905', /^parameter ids has invalid value: x/);
  });

  it('refuses a name in use, too long or with a space, and a polling interval out of range (1905), creating nothing', async () => {
    await create('vscan-e');
    const count = appliances(await list()).length;
    expectError(
      await post({ action: 'create', name: 'vscan-e' }),
      400,
      '1905',
      /^parameter name has invalid value: vscan-e \(already used by appliance \d+\)$/,
    );
    expectError(await post({ action: 'create', name: 'a'.repeat(16) }), 400, '1905', /longer than 15 characters/);
    expectError(await post({ action: 'create', name: 'two words' }), 400, '1905', /no spaces/);
    expectError(await post({ action: 'create', name: 'vscan-f', polling_interval: '30' }), 400, '1905', /^parameter polling_interval has invalid value: 30/);
    expectError(await post({ action: 'create' }), 400, '1903', 'Missing required parameter(s): name');
    expectError(await call(emulator, APPLIANCE, { query: { action: 'create', name: 'vscan-g' } }), 400, '1908', /incompatible/);
    expect(appliances(await list())).toHaveLength(count);
  });

  it('updates a name, comment, polling interval, VLANs, routes and tags', async () => {
    const id = text((await create('vscan-h')).root, 'RESPONSE/APPLIANCE/ID')!;
    const res = await post({
      action: 'update',
      id,
      name: 'vscan-h2',
      comment: 'lab',
      polling_interval: '600',
      set_vlans: '12|10.0.12.5|255.255.255.0|lab-vlan',
      set_routes: '10.1.0.0|255.255.0.0|10.0.12.1|to-dc',
      set_tags: 'Lab,DC',
    });
    expect(res.status, res.body).toBe(200);
    expect(text(res.root, 'RESPONSE/TEXT')).toBe('Scanner appliance updated successfully');
    expect(item(res, 'ID')).toBe(id);
    await post({ action: 'update', id, add_tags: 'Edge', remove_tags: 'Lab' });
    const [a] = appliances(await list({ ids: id, output_mode: 'full', show_tags: '1' }));
    expect(text(a, 'NAME')).toBe('vscan-h2');
    expect(text(a, 'COMMENTS')).toBe('lab');
    expect(text(a, 'POLLING_INTERVAL')).toBe('600 seconds');
    expect(text(a, 'VLANS/SETTING')).toBe('Enabled');
    expect(text(a, 'VLANS/VLAN/NAME')).toBe('lab-vlan');
    expect(text(a, 'STATIC_ROUTES/ROUTE/GATEWAY')).toBe('10.0.12.1');
    expect(all(a, 'ASSET_TAGS_LIST', 'ASSET_TAG').map((t) => text(t, 'NAME'))).toEqual(['DC', 'Edge']);
    await post({ action: 'update', id, set_vlans: '' });
    expect(text(appliances(await list({ ids: id, output_mode: 'full' }))[0], 'VLANS/SETTING')).toBe('Disabled');
  });

  it('refuses set_tags with add_tags (1904), a bad VLAN or route (1905), and an unknown ID (1905)', async () => {
    const id = text((await create('vscan-i')).root, 'RESPONSE/APPLIANCE/ID')!;
    expectError(
      await post({ action: 'update', id, set_tags: 'a', add_tags: 'b' }),
      400,
      '1904',
      'Please specify only one of these parameters: set_tags, add_tags',
    );
    expectError(await post({ action: 'update', id, set_vlans: '5000|10.0.0.1|255.0.0.0|x' }), 400, '1905', /not a VLAN ID from 1 to 4094: 5000/);
    expectError(await post({ action: 'update', id, set_routes: '10.0.0.0|255.0.0.0|nope|x' }), 400, '1905', /^parameter set_routes has invalid value/);
    expectError(await post({ action: 'update', id, set_routes: '10.0.0.0|255.0.0.0' }), 400, '1905', /not a ip\|netmask\|gateway\|name entry/);
    expectError(await post({ action: 'update', id: '999999' }), 400, '1905', 'parameter id has invalid value: 999999 (no such scanner appliance)');
    expectError(await post({ action: 'update' }), 400, '1903', 'Missing required parameter(s): id');
  });

  it('deletes a virtual scanner, and refuses a physical one or an unknown ID', async () => {
    const id = text((await create('vscan-j')).root, 'RESPONSE/APPLIANCE/ID')!;
    const res = await post({ action: 'delete', id });
    expect(text(res.root, 'RESPONSE/TEXT')).toBe('Scanner appliance deleted successfully');
    expect(appliances(await list({ ids: id }))).toEqual([]);
    expectError(await post({ action: 'delete', id }), 400, '1905', `parameter id has invalid value: ${id} (no such scanner appliance)`);
    const seeded = await admin(emulator, 'POST', 'seed', { records: [], appliances: [{ name: 'phys-1', type: 'physical', status: 'Online' }] });
    expect(seeded.status, JSON.stringify(seeded.json)).toBe(200);
    const [physical] = (seeded.json as unknown as { appliance_ids: number[] }).appliance_ids;
    expectError(await post({ action: 'delete', id: String(physical) }), 400, '1905', /only a virtual scanner appliance can be deleted/);
    // [Q] a physical scanner is updated at /fo/appliance/physical/, which takes no virtual one
    const PHYSICAL = '/api/2.0/fo/appliance/physical/';
    const renamed = await call(emulator, PHYSICAL, { form: { action: 'update', id: String(physical), name: 'phys-2', polling_interval: '300' } });
    expect(renamed.status, renamed.body).toBe(200);
    expect(text(renamed.root, 'RESPONSE/TEXT')).toBe('Scanner appliance updated successfully');
    const virtual = text((await create('vscan-k')).root, 'RESPONSE/APPLIANCE/ID')!;
    expectError(await call(emulator, PHYSICAL, { form: { action: 'update', id: virtual, name: 'x' } }), 400, '1905', /not a physical scanner appliance/);
    expectError(await call(emulator, PHYSICAL, { form: { action: 'list' } }), 400, '1905', /action/);
    const [shown] = appliances(await list({ ids: String(physical), output_mode: 'full' }));
    expect(text(shown, 'STATUS')).toBe('Online');
    expect(text(shown, 'NAME')).toBe('phys-2');
    expect(find(shown, 'ACTIVATION_CODE')).toBeUndefined();
  });

  it('refuses a seed appliance with a field the seed does not know, creating none of the document', async () => {
    const before = appliances(await list()).length;
    const res = await admin(emulator, 'POST', 'seed', { records: [], appliances: [{ name: 'ok-1' }, { name: 'bad-1', colour: 'red' }] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toContain('colour');
    expect(appliances(await list())).toHaveLength(before);
  });

  it('shows the appliances on the dashboard', async () => {
    const res = await admin(emulator, 'GET', 'appliances');
    expect(res.status).toBe(200);
    const json = res.json as unknown as { appliances: { name: string }[]; licenses: { used: number } };
    expect(json.appliances.map((a) => a.name)).toContain('vscan-a');
    expect(json.licenses.used).toBeGreaterThan(0);
  });
});
