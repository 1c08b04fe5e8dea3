import { describe, expect, it } from 'vitest';
import { all, call, expectError, text, type XmlResponse } from '../helpers/emulator.js';
import { serveApp } from '../helpers/app-server.js';
import { admin } from '../helpers/admin.js';

const IP = '/api/2.0/fo/asset/ip/';
const emulator = await serveApp();

const post = (form: Record<string, string>) => call(emulator, IP, { form });
const ok = async (form: Record<string, string>) => {
  const res = await post(form);
  expect(res.status, res.body).toBe(200);
  expect(res.root.name).toBe('SIMPLE_RETURN');
  return text(res.root, 'RESPONSE/TEXT');
};
/** The list's IP_SET as `IP a` and `IP_RANGE a-b` entries, with a network_id when there is one. */
const entriesOf = (res: XmlResponse) =>
  (res.root.children.find((c) => c.name === 'RESPONSE')?.children.find((c) => c.name === 'IP_SET')?.children ?? []).map((e) => `${e.name} ${e.text}`);
const list = async (query: Record<string, string> = {}) => {
  const res = await call(emulator, IP, { query: { action: 'list', ...query } });
  expect(res.status, res.body).toBe(200);
  expect(res.root.name).toBe('IP_LIST_OUTPUT');
  return entriesOf(res);
};
const rows = () => emulator.db.prepare('SELECT lo, hi, tracking_method, owner FROM asset_ips ORDER BY network_id, lo').all();
const reset = () => admin(emulator, 'POST', 'reset');

describe('/api/2.0/fo/asset/ip/', () => {
  it("adds IPs with Qualys's TEXT for each module, and lists them as IP and IP_RANGE, joined where they meet", async () => {
    await reset();
    expect(await list()).toEqual([]);
    expect(await ok({ action: 'add', ips: '10.0.0.1-10.0.0.5,10.0.0.9', enable_vm: '1', enable_pc: '0' })).toBe(
      'IPs successfully added to Vulnerability Management',
    );
    expect(await ok({ action: 'add', ips: '10.0.0.6', enable_pc: '1' })).toBe('IPs successfully added to Policy Compliance');
    expect(await ok({ action: 'add', ips: '192.168.0.0/30', enable_vm: '1', enable_pc: '1' })).toBe(
      'IPs successfully added to Vulnerability Management and Policy Compliance',
    );
    expect(await list()).toEqual(['IP_RANGE 10.0.0.1-10.0.0.6', 'IP 10.0.0.9', 'IP_RANGE 192.168.0.0-192.168.0.3']);
    // [Q recorded] a filter range answers the subscription's addresses within it, singles as IP
    expect(await list({ ips: '10.0.0.5-10.0.0.10' })).toEqual(['IP_RANGE 10.0.0.5-10.0.0.6', 'IP 10.0.0.9']);
    expect(await list({ compliance_enabled: '1' })).toEqual(['IP 10.0.0.6', 'IP_RANGE 192.168.0.0-192.168.0.3']);
    expect(await list({ compliance_enabled: '0' })).toEqual(['IP_RANGE 10.0.0.1-10.0.0.5', 'IP 10.0.0.9']);
  });

  it('keeps a range of any size as one row, splits it only where an update differs, and joins it back', async () => {
    await reset();
    await ok({ action: 'add', ips: '10.0.0.0/8', enable_vm: '1' });
    expect(rows()).toEqual([{ lo: 167772160, hi: 184549375, tracking_method: 'IP', owner: null }]);
    expect(await ok({ action: 'update', ips: '10.1.0.0-10.1.255.255', tracking_method: 'dns', owner: 'alice' })).toBe('IPs successfully updated');
    expect(rows()).toHaveLength(3);
    expect(await list({ tracking_method: 'DNS' })).toEqual(['IP_RANGE 10.1.0.0-10.1.255.255']);
    expect(await list({ tracking_method: 'IP' })).toEqual(['IP_RANGE 10.0.0.0-10.0.255.255', 'IP_RANGE 10.2.0.0-10.255.255.255']);
    // the list shows addresses, whatever the rows
    expect(await list()).toEqual(['IP_RANGE 10.0.0.0-10.255.255.255']);
    await ok({ action: 'update', ips: '10.1.0.0/16', tracking_method: 'IP', owner: '' });
    expect(rows()).toEqual([{ lo: 167772160, hi: 184549375, tracking_method: 'IP', owner: null }]);
    // adding what is there adds its modules, and leaves one row
    await ok({ action: 'add', ips: '10.0.0.0/8', enable_certview: '1', enable_pc: '1' });
    expect(rows()).toHaveLength(1);
    expect(await list({ certview_enabled: '1', compliance_enabled: '1' })).toEqual(['IP_RANGE 10.0.0.0-10.255.255.255']);
    expect(await list({ certview_enabled: '0' })).toEqual([]);
  });

  it('refuses an update naming IPs not in the subscription with 1905 `IP(s) do not exist.`, changing nothing', async () => {
    await reset();
    await ok({ action: 'add', ips: '10.0.0.1-10.0.0.5', enable_vm: '1' });
    expectError(await post({ action: 'update', ips: '10.0.0.5-10.0.0.6', comment: 'x' }), 400, '1905', 'IP(s) do not exist.');
    expect(rows()).toEqual([{ lo: 167772161, hi: 167772165, tracking_method: 'IP', owner: null }]);
  });

  it('refuses bad values and parameters with their CODE and TEXT', async () => {
    await reset();
    expectError(await post({ action: 'add', ips: '10.0.0.1' }), 400, '1903', 'Missing required parameter(s): enable_vm or enable_pc');
    expectError(
      await post({ action: 'add', ips: '10.0.0.1', enable_vm: '0', enable_pc: '0' }),
      400,
      '1905',
      'parameter enable_vm has invalid value: 0 (enable_vm or enable_pc must be 1)',
    );
    expectError(await post({ action: 'add', enable_vm: '1' }), 400, '1903', 'Missing required parameter(s): ips');
    expectError(
      await post({ action: 'add', ips: '10.0.0.300', enable_vm: '1' }),
      400,
      '1905',
      'parameter ips has invalid value: 10.0.0.300 (not a valid IPv4 address: 10.0.0.300)',
    );
    expectError(
      await post({ action: 'add', ips: '10.0.0.1', enable_vm: '1', tracking_method: 'EC2' }),
      400,
      '1905',
      'parameter tracking_method has invalid value: EC2 (must be one of: IP, DNS, NETBIOS)',
    );
    expectError(
      await post({ action: 'add', ips: '10.0.0.1', enable_vm: '1', ud1: 'x'.repeat(129) }),
      400,
      '1905',
      /^parameter ud1 has invalid value: x+ \(longer than 128 characters\)$/,
    );
    expectError(
      await post({ action: 'add', ips: '10.0.0.1', enable_vm: '1', network_id: '3' }),
      400,
      '1905',
      'parameter network_id has invalid value: 3 (the networks feature is not enabled)',
    );
    // [Q] update takes bare attribute names, not the host update's new_*; nor the modules
    expectError(await post({ action: 'update', ips: '10.0.0.1', new_owner: 'x' }), 400, '1901', /^Unrecognized parameter\(s\): new_owner/);
    expectError(await post({ action: 'update', ips: '10.0.0.1', enable_vm: '1' }), 400, '1901', /^Unrecognized parameter\(s\): enable_vm/);
    expectError(await call(emulator, IP, { query: { action: 'add', ips: '10.0.0.1', enable_vm: '1' } }), 400, '1908', /incompatible/);
    expectError(await post({ action: 'delete', ips: '10.0.0.1' }), 400, '1905', 'parameter action has invalid value: delete');
    expectError(
      await call(emulator, IP, { query: { action: 'list', compliance_enabled: 'yes' } }),
      400,
      '1905',
      'parameter compliance_enabled has invalid value: yes (must be one of: 0, 1)',
    );
    expect(rows()).toEqual([]);
  });

  it("keeps each network's IPs apart, and refuses a network that does not exist", async () => {
    await reset();
    await call(emulator, '/api/2.0/fo/network/', { form: { action: 'create', name: 'Lab' } });
    await ok({ action: 'add', ips: '10.0.0.1-10.0.0.2', enable_vm: '1', network_id: '1' });
    await ok({ action: 'add', ips: '10.0.0.2', enable_vm: '1' });
    const res = await call(emulator, IP, { query: { action: 'list' } });
    expect(entriesOf(res)).toEqual(['IP 10.0.0.2', 'IP_RANGE 10.0.0.1-10.0.0.2']);
    expect(all(res.root, 'RESPONSE/IP_SET', 'IP_RANGE')[0]).toMatchObject({ attrs: { network_id: '1' } });
    expect(await list({ network_id: '1' })).toEqual(['IP_RANGE 10.0.0.1-10.0.0.2']);
    expect(await list({ network_id: '0' })).toEqual(['IP 10.0.0.2']);
    expectError(await post({ action: 'update', ips: '10.0.0.1', network_id: '0', comment: 'x' }), 400, '1905', 'IP(s) do not exist.');
    expectError(
      await post({ action: 'add', ips: '10.0.0.1', enable_vm: '1', network_id: '2' }),
      400,
      '1905',
      'parameter network_id has invalid value: 2 (No such network ID)',
    );
  });

  it('echoes the request when asked', async () => {
    const res = await call(emulator, IP, { query: { action: 'list', echo_request: '1', ips: '10.0.0.1' } });
    expect(text(res.root, 'REQUEST/RESOURCE')).toBe(`${emulator.url}${IP}`);
  });

  it('is seeded from `ips`, as action=add takes them, all or nothing', async () => {
    await reset();
    const seeded = await admin(emulator, 'POST', 'seed', {
      records: [],
      ips: [
        { ips: '10.0.0.0/24', enable_vm: 1, owner: 'bob' },
        { ips: '10.0.1.1', enable_pc: '1' },
      ],
    });
    expect(seeded.status, JSON.stringify(seeded.json)).toBe(200);
    expect(seeded.json).toMatchObject({ ip_counts: [256, 1] });
    expect(await list()).toEqual(['IP_RANGE 10.0.0.0-10.0.0.255', 'IP 10.0.1.1']);
    const refused = await admin(emulator, 'POST', 'seed', { records: [], ips: [{ ips: '10.9.0.1', enable_vm: 1 }, { ips: '10.9.0.2' }] });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json)).toContain('Missing required parameter(s): enable_vm or enable_pc');
    expect(await list({ ips: '10.9.0.0/16' })).toEqual([]);
    const view = await admin(emulator, 'GET', 'asset-ips');
    expect(view.json).toMatchObject({
      total: 2,
      runs: [
        { ips: '10.0.0.0-10.0.0.255', owner: 'bob', enable_vm: '1' },
        { ips: '10.0.1.1', enable_pc: '1' },
      ],
    });
  });

  it('is journaled, and takes fault rules on its path', async () => {
    await admin(emulator, 'POST', 'faults', { rules: [{ path: IP, action: 'update', code: '1965', times: 1 }] });
    expectError(await post({ action: 'update', ips: '10.0.0.1', comment: 'x' }), 409, '1965', /cannot be run again/);
    const journal = await admin(emulator, 'GET', `requests?path=${encodeURIComponent(IP)}`);
    expect(journal.json.requests.at(-1)).toMatchObject({ params: { action: 'update', ips: '10.0.0.1' } });
  });
});
