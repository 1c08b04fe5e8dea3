import { describe, expect, it } from 'vitest';
import { all, call, expectError, find, startTestEmulator, text, type XmlResponse } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';

const emulator = await startTestEmulator();
// The subscription's IPs: 10.0.0.0/16 and 192.168.1.0/24; 172.16.0.0/12 stays outside.
await call(emulator, '/api/2.0/fo/asset/ip/', { form: { action: 'add', ips: '10.0.0.0/16,192.168.1.0/24', enable_vm: '1' } });

const GROUP = '/api/2.0/fo/asset/group/';
const APPLIANCE = '/api/2.0/fo/appliance/';
const post = (form: Record<string, string>) => call(emulator, GROUP, { form });
const item = (res: XmlResponse, key: string) =>
  all(res.root, 'RESPONSE/ITEM_LIST', 'ITEM')
    .find((i) => text(i, 'KEY') === key)
    ?.children.find((c) => c.name === 'VALUE')?.text;
const add = async (form: Record<string, string>) => {
  const res = await post({ action: 'add', ...form });
  expect(res.status, res.body).toBe(200);
  expect(text(res.root, 'RESPONSE/TEXT')).toBe('Asset Group successfully added.');
  return item(res, 'ID')!;
};
const list = async (query: Record<string, string> = {}) => {
  const res = await call(emulator, GROUP, { query: { action: 'list', ...query } });
  expect(res.status, res.body).toBe(200);
  expect(res.root.name).toBe('ASSET_GROUP_LIST_OUTPUT');
  return res;
};
const groups = (res: XmlResponse) => all(res.root, 'RESPONSE/ASSET_GROUP_LIST', 'ASSET_GROUP');
const one = async (id: string, query: Record<string, string> = {}) => {
  const [group] = groups(await list({ ids: id, ...query }));
  expect(group, `group ${id}`).toBeDefined();
  return group;
};
const ipSet = (group: ReturnType<typeof groups>[number]) =>
  all(group, 'IP_SET', 'IP').concat(all(group, 'IP_SET', 'IP_RANGE')).length > 0 ? find(group, 'IP_SET')!.children.map((c) => `${c.name}:${c.text}`) : [];
const appliance = async (name: string) => {
  const res = await call(emulator, APPLIANCE, { form: { action: 'create', name } });
  return text(res.root, 'RESPONSE/APPLIANCE/ID')!;
};

describe('/api/2.0/fo/asset/group/', () => {
  it('adds a group, answering the recorded TEXT with its ID, and lists it with its IP entries as given', async () => {
    const [a1, a2] = [await appliance('grp-scan1'), await appliance('grp-scan2')];
    const id = await add({
      title: 'Web servers',
      ips: '10.0.0.14,10.0.0.3-10.0.0.6,10.0.1.0/30',
      appliance_ids: `${a2},${a1}`,
      default_appliance_id: a1,
      echo_request: '1',
    });
    const group = await one(id);
    expect(group.children.map((c) => c.name)).toEqual(['ID', 'TITLE', 'NETWORK_ID', 'DEFAULT_APPLIANCE_ID', 'APPLIANCE_IDS', 'IP_SET']);
    expect(text(group, 'TITLE')).toBe('Web servers');
    expect(text(group, 'APPLIANCE_IDS')).toBe(`${a2}, ${a1}`);
    expect(ipSet(group)).toEqual(['IP_RANGE:10.0.0.3-10.0.0.6', 'IP:10.0.0.14', 'IP_RANGE:10.0.1.0-10.0.1.3']);
  });

  it('keeps adjacent and overlapping entries apart rather than merging them', async () => {
    const id = await add({ title: 'Adjacent', ips: '10.0.2.1-10.0.2.5,10.0.2.6,10.0.2.4-10.0.2.9' });
    expect(ipSet(await one(id))).toEqual(['IP_RANGE:10.0.2.1-10.0.2.5', 'IP_RANGE:10.0.2.4-10.0.2.9', 'IP:10.0.2.6']);
  });

  it('refuses IPs not in the subscription (1905 IP(s) do not exist.), a title in use or All, and unknown appliances, adding nothing', async () => {
    const before = groups(await list()).length;
    expectError(await post({ action: 'add', title: 'Outside', ips: '10.0.0.1,172.16.0.1' }), 400, '1905', 'IP(s) do not exist.');
    await add({ title: 'Taken' });
    expectError(await post({ action: 'add', title: 'Taken' }), 400, '1905', 'Asset Group title Taken already exists. Please use a different title.');
    expectError(await post({ action: 'add', title: 'all' }), 400, '1905', /already exists\. Please use a different title/);
    expectError(
      await post({ action: 'add', title: 'Ghost', appliance_ids: '999999' }),
      400,
      '1905',
      'parameter appliance_ids has invalid value: 999999 (no such scanner appliance)',
    );
    expectError(
      await post({ action: 'add', title: 'Ghost', default_appliance_id: '999998' }),
      400,
      '1905',
      'parameter default_appliance_id has invalid value: 999998 (no such scanner appliance)',
    );
    expectError(
      await post({ action: 'add', title: 'Bad', ips: '10.0.0.1,10.0.0.300' }),
      400,
      '1905',
      /^parameter ips has invalid value: 10\.0\.0\.1,10\.0\.0\.300/,
    );
    expectError(await post({ action: 'add', title: 'Bad', business_impact: 'huge' }), 400, '1905', /^parameter business_impact has invalid value: huge/);
    expectError(await post({ action: 'add', title: 'Bad', network_id: '5' }), 400, '1905', /^parameter network_id has invalid value: 5/);
    expectError(await post({ action: 'add', ips: '10.0.0.1' }), 400, '1903', 'Missing required parameter(s): title');
    expectError(await post({ action: 'add', title: 'Bad', set_ips: '10.0.0.1' }), 400, '1901', /^Unrecognized parameter\(s\): set_ips/);
    expectError(await call(emulator, GROUP, { query: { action: 'add', title: 'ViaGet' } }), 400, '1908', /incompatible/);
    expect(groups(await list())).toHaveLength(before + 1);
  });

  it('edits with set_, add_ and remove_ forms, answering the recorded TEXT with the ID', async () => {
    const [a1, a2] = [await appliance('edit-scan1'), await appliance('edit-scan2')];
    const id = await add({ title: 'Edit me', ips: '10.0.3.1-10.0.3.10', domains: 'example.com', dns_names: 'a.example.com', netbios_names: 'HOSTA' });
    const res = await post({
      action: 'edit',
      id,
      set_title: 'Edited',
      add_ips: '10.0.3.20',
      remove_ips: '10.0.3.5',
      add_appliance_ids: `${a1},${a2}`,
      set_default_appliance_id: a2,
      set_comments: 'lab',
      set_business_impact: 'Critical',
      set_cvss_enviro_cdp: 'medium-high',
      add_domains: 'qualys.example:[10.0.3.0-10.0.3.255]',
      add_dns_names: 'b.example.com',
      remove_netbios_names: 'hosta',
      echo_request: '1',
    });
    expect(res.status, res.body).toBe(200);
    expect(text(res.root, 'RESPONSE/TEXT')).toBe('Asset Group Updated Successfully');
    expect(item(res, 'ID')).toBe(id);
    const group = await one(id, { show_attributes: 'ALL' });
    expect(text(group, 'TITLE')).toBe('Edited');
    expect(ipSet(group)).toEqual(['IP_RANGE:10.0.3.1-10.0.3.4', 'IP_RANGE:10.0.3.6-10.0.3.10', 'IP:10.0.3.20']);
    expect(text(group, 'APPLIANCE_IDS')).toBe(`${a1}, ${a2}`);
    expect(text(group, 'DEFAULT_APPLIANCE_ID')).toBe(a2);
    expect(text(group, 'BUSINESS_IMPACT')).toBe('Critical');
    expect(text(group, 'CVSS_ENVIRO_CDP')).toBe('Medium-High');
    expect(text(group, 'CVSS_ENVIRO_TD')).toBe('Not Defined');
    expect(text(group, 'COMMENTS')).toBe('lab');
    expect(all(group, 'DOMAIN_LIST', 'DOMAIN').map((d) => [d.text, d.attrs.netblock])).toEqual([
      ['example.com', ''],
      ['qualys.example', '10.0.3.0-10.0.3.255'],
    ]);
    expect(all(group, 'DNS_LIST', 'DNS').map((d) => d.text)).toEqual(['a.example.com', 'b.example.com']);
    expect(find(group, 'NETBIOS_LIST')).toBeUndefined();
    expect(text(group, 'OWNER_USER_NAME')).toBe('tester');
    // set_ replaces
    await post({ action: 'edit', id, set_ips: '192.168.1.7', set_appliance_ids: a1 });
    const after = await one(id);
    expect(ipSet(after)).toEqual(['IP:192.168.1.7']);
    expect(text(after, 'APPLIANCE_IDS')).toBe(a1);
  });

  it('refuses an edit mixing set_ with add_ (1904), IPs outside the subscription, or an unknown group, changing nothing', async () => {
    const id = await add({ title: 'Stable', ips: '10.0.4.1' });
    expectError(
      await post({ action: 'edit', id, set_ips: '10.0.4.2', add_ips: '10.0.4.3' }),
      400,
      '1904',
      'Please specify only one of these parameters: set_ips, add_ips',
    );
    expectError(await post({ action: 'edit', id, set_title: 'Renamed', add_ips: '172.16.0.1' }), 400, '1905', 'IP(s) do not exist.');
    expectError(await post({ action: 'edit', id, set_title: 'Taken' }), 400, '1905', 'Asset Group title Taken already exists. Please use a different title.');
    expectError(
      await post({ action: 'edit', id, add_appliance_ids: '999999' }),
      400,
      '1905',
      'parameter add_appliance_ids has invalid value: 999999 (no such scanner appliance)',
    );
    expectError(await post({ action: 'edit', id: '999999', set_title: 'x' }), 400, '1905', 'parameter id has invalid value: 999999 (no such asset group)');
    expectError(await post({ action: 'edit', id, title: 'x' }), 400, '1901', /^Unrecognized parameter\(s\): title/);
    const group = await one(id);
    expect(text(group, 'TITLE')).toBe('Stable');
    expect(ipSet(group)).toEqual(['IP:10.0.4.1']);
  });

  it('deletes a group, answering the recorded TEXT with the ID', async () => {
    const id = await add({ title: 'Doomed' });
    const res = await post({ action: 'delete', id });
    expect(text(res.root, 'RESPONSE/TEXT')).toBe('Asset Group Deleted Successfully');
    expect(item(res, 'ID')).toBe(id);
    expect(groups(await list({ ids: id }))).toEqual([]);
    expectError(await post({ action: 'delete', id }), 400, '1905', `parameter id has invalid value: ${id} (no such asset group)`);
  });

  it('drops a deleted appliance from the groups naming it', async () => {
    const [kept, doomed] = [await appliance('keep-scan'), await appliance('doom-scan')];
    const id = await add({ title: 'Scanned', appliance_ids: `${doomed},${kept}`, default_appliance_id: doomed });
    const full = await call(emulator, APPLIANCE, { query: { action: 'list', output_mode: 'full', ids: doomed } });
    expect(text(find(full.root, 'RESPONSE/APPLIANCE_LIST/APPLIANCE')!, 'ASSET_GROUP_COUNT')).toBe('1');
    expect(text(find(full.root, 'RESPONSE/APPLIANCE_LIST/APPLIANCE/ASSET_GROUP_LIST/ASSET_GROUP')!, 'NAME')).toBe('Scanned');
    expect(text(await one(id), 'APPLIANCE_IDS')).toBe(`${doomed}, ${kept}`);
    expect((await call(emulator, APPLIANCE, { form: { action: 'delete', id: doomed } })).status).toBe(200);
    const group = await one(id);
    expect(text(group, 'APPLIANCE_IDS')).toBe(kept);
    expect(find(group, 'DEFAULT_APPLIANCE_ID')).toBeUndefined();
  });

  it('lists by ids, id_min/id_max and exact title, and only IDs with show_attributes=ID', async () => {
    const ids = [await add({ title: 'Filter 1' }), await add({ title: 'Filter 2' }), await add({ title: 'Filter 3' })];
    expect(groups(await list({ id_min: ids[1], id_max: ids[2] })).map((g) => text(g, 'TITLE'))).toEqual(['Filter 2', 'Filter 3']);
    expect(groups(await list({ ids: `${ids[0]},${ids[2]}` })).map((g) => text(g, 'TITLE'))).toEqual(['Filter 1', 'Filter 3']);
    expect(groups(await list({ title: 'Filter 2' })).map((g) => text(g, 'ID'))).toEqual([ids[1]]);
    expect(groups(await list({ title: 'Filter' }))).toEqual([]);
    const idsOnly = await list({ ids: ids.join(','), show_attributes: 'ID' });
    expect(all(idsOnly.root, 'RESPONSE/ID_SET', 'ID_RANGE').map((r) => r.text)).toEqual([`${ids[0]}-${ids[2]}`]);
    const titles = groups(await list({ ids: ids[0], show_attributes: 'TITLE,LAST_UPDATE' }))[0];
    expect(titles.children.map((c) => c.name)).toEqual(['ID', 'TITLE', 'LAST_UPDATE']);
    expectError(
      await call(emulator, GROUP, { query: { action: 'list', show_attributes: 'COLOUR' } }),
      400,
      '1905',
      /^parameter show_attributes has invalid value: COLOUR/,
    );
    expectError(await call(emulator, GROUP, { query: { action: 'list', id_min: 'x' } }), 400, '1905', /^parameter id_min has invalid value: x/);
  });

  it('truncates at truncation_limit with WARNING 1980 and a URL carrying id_min, which pages to the end', async () => {
    const ids = [await add({ title: 'Page 1' }), await add({ title: 'Page 2' }), await add({ title: 'Page 3' })];
    const first = await list({ id_min: ids[0], truncation_limit: '2' });
    expect(groups(first).map((g) => text(g, 'TITLE'))).toEqual(['Page 1', 'Page 2']);
    expect(text(first.root, 'RESPONSE/WARNING/CODE')).toBe('1980');
    expect(text(first.root, 'RESPONSE/WARNING/TEXT')).toBe('2 record limit exceeded. Use URL to get next batch of results.');
    const url = new URL(text(first.root, 'RESPONSE/WARNING/URL')!);
    expect(url.pathname).toBe(GROUP);
    expect(url.searchParams.get('id_min')).toBe(ids[2]);
    const second = await call(emulator, GROUP, { query: [...url.searchParams.entries()] });
    expect(groups(second).map((g) => text(g, 'TITLE'))).toEqual(['Page 3']);
    expect(find(second.root, 'RESPONSE/WARNING')).toBeUndefined();
    expect(find((await list({ id_min: ids[0], truncation_limit: '0' })).root, 'RESPONSE/WARNING')).toBeUndefined();
  });

  it('serves /api/3.0/fo/asset/group/ as v2.0: the same groups, actions and DTD, its own path in the next-page URL', async () => {
    const V3 = '/api/3.0/fo/asset/group/';
    const add3 = await call(emulator, V3, { form: { action: 'add', title: 'Version 3' } });
    expect(text(add3.root, 'RESPONSE/TEXT')).toBe('Asset Group successfully added.');
    const id = item(add3, 'ID')!;
    expect(text(await one(id), 'TITLE')).toBe('Version 3');
    await add({ title: 'Version 3 bis' });
    const listed = await call(emulator, V3, { query: { action: 'list', id_min: id, truncation_limit: '1' } });
    expect(listed.body).toContain('/api/2.0/fo/asset/group/asset_group_list_output.dtd');
    expect(all(listed.root, 'RESPONSE/ASSET_GROUP_LIST', 'ASSET_GROUP').map((g) => text(g, 'ID'))).toEqual([id]);
    expect(new URL(text(listed.root, 'RESPONSE/WARNING/URL')!).pathname).toBe(V3);
    const deleted = await call(emulator, V3, { form: { action: 'delete', id } });
    expect(text(deleted.root, 'RESPONSE/TEXT')).toBe('Asset Group Deleted Successfully');
  });

  it('takes a seed section asset_groups and shows the groups on the dashboard', async () => {
    const res = await admin(emulator, 'POST', 'seed', {
      records: [],
      appliances: [{ name: 'seed-scan' }],
      asset_groups: [{ title: 'Seeded', ips: '10.0.9.1-10.0.9.3', appliance_ids: 1 }],
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const [id] = (res.json as unknown as { asset_group_ids: number[] }).asset_group_ids;
    expect(ipSet(await one(String(id)))).toEqual(['IP_RANGE:10.0.9.1-10.0.9.3']);
    const refused = await admin(emulator, 'POST', 'seed', { records: [], asset_groups: [{ title: 'Outside', ips: '172.16.0.1' }] });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json)).toContain('IP(s) do not exist.');
    const view = (await admin(emulator, 'GET', 'asset-groups')).json as unknown as { groups: { title: string; ips: string[] }[] };
    expect(view.groups.find((g) => g.title === 'Seeded')?.ips).toEqual(['10.0.9.1-10.0.9.3']);
  });
});
