import { describe, expect, it } from 'vitest';
import { all, call, text, type XmlResponse } from '../helpers/emulator.js';
import { serveApp } from '../helpers/app-server.js';

// No public client of these families installs on this machine (docs/fidelity.md §16), so their
// request shapes are replayed as they send them: XSOAR's Qualys integration puts every argument in
// the query string of a POST with an empty body; qualysdk lists by GET and writes a form body.
const IP = '/api/2.0/fo/asset/ip/';
const EXCLUDED = '/api/2.0/fo/asset/excluded_ip/';
const emulator = await serveApp();

const xsoar = (path: string, query: Record<string, string>) => call(emulator, path, { method: 'POST', query, headers: { 'X-Requested-With': 'Cortex XSOAR' } });
const qualysdk = (path: string, params: Record<string, string>, method: 'GET' | 'POST') =>
  method === 'GET'
    ? call(emulator, path, { query: params, headers: { 'X-Requested-With': 'qualysdk SDK' } })
    : call(emulator, path, { form: params, headers: { 'X-Requested-With': 'qualysdk SDK' } });
/** What XSOAR reads of a list: IP_LIST_OUTPUT/RESPONSE/IP_SET, addresses and ranges apart. */
const ipSet = (res: XmlResponse) => ({
  IP: all(res.root, 'RESPONSE/IP_SET', 'IP').map((n) => n.text),
  IP_RANGE: all(res.root, 'RESPONSE/IP_SET', 'IP_RANGE').map((n) => n.text),
});

describe("public clients' request shapes", () => {
  it("XSOAR's qualys-ip-add, qualys-ip-update, qualys-ip-list and qualys-host-excluded-manage", async () => {
    const added = await xsoar(IP, { action: 'add', ips: '1.1.1.1,1.1.1.3', enable_vm: '1', enable_pc: '0', tracking_method: 'IP', ud1: 'rack' });
    expect(added.status, added.body).toBe(200);
    expect(text(added.root, 'RESPONSE/TEXT')).toBe('IPs successfully added to Vulnerability Management');
    const updated = await xsoar(IP, { action: 'update', ips: '1.1.1.1', comment: 'updated by xsoar', tracking_method: 'DNS' });
    expect(text(updated.root, 'RESPONSE/TEXT')).toBe('IPs successfully updated');
    const missing = await xsoar(IP, { action: 'update', ips: '1.1.1.2', comment: 'x' });
    expect([text(missing.root, 'RESPONSE/CODE'), text(missing.root, 'RESPONSE/TEXT')]).toEqual(['1905', 'IP(s) do not exist.']);
    // [Q recorded] ips=1.1.1.1-1.1.1.5 answered the two addresses of the subscription in it
    const listed = await call(emulator, IP, { query: { action: 'list', ips: '1.1.1.1-1.1.1.5' }, headers: { 'X-Requested-With': 'Cortex XSOAR' } });
    expect(ipSet(listed)).toEqual({ IP: ['1.1.1.1', '1.1.1.3'], IP_RANGE: [] });

    await xsoar(EXCLUDED, { action: 'add', ips: '1.1.1.1,1.1.2.1', comment: 'xsoar', expiry_days: '2', dg_names: 'ops' });
    const again = await xsoar(EXCLUDED, { action: 'add', ips: '1.1.1.1,1.1.2.1', comment: 'xsoar' });
    const item = all(again.root, 'RESPONSE/ITEM_LIST', 'ITEM').map((i) => [text(i, 'KEY'), text(i, 'VALUE')]);
    expect(item).toEqual([['IPs already in Excluded IPs list.', '1.1.1.1,1.1.2.1']]);
    const excluded = await call(emulator, EXCLUDED, { query: { action: 'list' } });
    expect(all(excluded.root, 'RESPONSE/IP_SET', 'IP').map((n) => n.attrs?.expiration_date)).toEqual([
      expect.stringMatching(/T00:00:00Z$/),
      expect.stringMatching(/T00:00:00Z$/),
    ]);
  });

  it("qualysdk's add_ips, update_ips and get_ip_list", async () => {
    const added = await qualysdk(
      IP,
      { action: 'add', echo_request: '0', ips: '10.5.0.0/30', enable_pc: '0', enable_vm: '1', enable_sca: '0', owner: 'alice' },
      'POST',
    );
    expect(text(added.root, 'RESPONSE/TEXT')).toBe('IPs successfully added to Vulnerability Management');
    const updated = await qualysdk(IP, { action: 'update', echo_request: '0', ips: '10.5.0.1', ud2: 'db' }, 'POST');
    expect(text(updated.root, 'RESPONSE/TEXT')).toBe('IPs successfully updated');
    const listed = await qualysdk(IP, { action: 'list', echo_request: '0', ips: '10.5.0.0-10.5.0.255', tracking_method: 'IP', compliance_enabled: '0' }, 'GET');
    expect(ipSet(listed)).toEqual({ IP: [], IP_RANGE: ['10.5.0.0-10.5.0.3'] });
    // qualysdk reads the absence of IP_SET as "no IP addresses found"
    const none = await qualysdk(IP, { action: 'list', echo_request: '0', ips: '10.6.0.0/16' }, 'GET');
    expect(none.root.children.find((c) => c.name === 'RESPONSE')?.children.map((c) => c.name)).toEqual(['DATETIME']);
  });
});
