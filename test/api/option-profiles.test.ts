import { describe, expect, it } from 'vitest';
import { call, expectError, startTestEmulator, text, type XmlResponse } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';

const BASE = '/api/2.0/fo/subscription/option_profile/';
const emulator = await startTestEmulator();

const profiles = (res: XmlResponse) => {
  expect(res.status, res.body).toBe(200);
  expect(res.root.name).toBe('OPTION_PROFILES');
  expect(res.root.children.every((c) => c.name === 'OPTION_PROFILE')).toBe(true);
  return res.root.children;
};
const titles = (res: XmlResponse) => profiles(res).map((p) => text(p, 'BASIC_INFO/GROUP_NAME'));
const list = (path: string, query: Record<string, string> = {}) => call(emulator, `${BASE}${path}`, { query: { action: 'list', ...query } });
const exported = (query: Record<string, string> = {}) => call(emulator, BASE, { query: { action: 'export', ...query } });
const seed = (option_profiles: unknown[]) => admin(emulator, 'POST', 'seed', { records: [], option_profiles });

describe('/api/2.0/fo/subscription/option_profile/', () => {
  it("lists Qualys's default VM profile, Initial Options, with no RESPONSE wrapper", async () => {
    const res = await list('vm/');
    expect(res.body).toContain('<!DOCTYPE OPTION_PROFILES SYSTEM');
    const [initial] = profiles(res);
    expect(initial.children.map((c) => c.name)).toEqual(['BASIC_INFO', 'SCAN', 'ADDITIONAL']);
    expect(text(initial, 'BASIC_INFO/GROUP_NAME')).toBe('Initial Options');
    expect(text(initial, 'BASIC_INFO/GROUP_TYPE')).toBe('user');
    expect(text(initial, 'BASIC_INFO/IS_DEFAULT')).toBe('1');
    expect(text(initial, 'SCAN/PORTS/TCP_PORTS/TCP_PORTS_TYPE')).toBe('standard');
  });

  it('lists seeded profiles by type: VM, PC and PCI, each at its path, by id or title', async () => {
    const res = await seed([
      { title: 'Weekly', scan_tcp_ports: 'full', authentication: 'Windows,Unix/Cisco', default: 1 },
      { title: 'PC baseline', type: 'compliance' },
    ]);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const [weekly, pc] = (res.json as unknown as { option_profile_ids: number[] }).option_profile_ids;
    expect(titles(await list('vm/'))).toEqual(['Initial Options', 'Weekly']);
    const vm = profiles(await list('vm/'));
    // one default per type: the seeded one takes it from Initial Options
    expect(vm.map((p) => text(p, 'BASIC_INFO/IS_DEFAULT'))).toEqual(['0', '1']);
    expect(text(vm[1], 'SCAN/AUTHENTICATION')).toBe('Windows,Unix/Cisco');
    expect(text(vm[1], 'SCAN/PORTS/TCP_PORTS/TCP_PORTS_TYPE')).toBe('full');
    expect(titles(await list('pc/'))).toEqual(['PC baseline']);
    expect(titles(await list('pci/'))).toEqual(['Payment Card Industry (PCI) Options']);
    expect(titles(await list('vm/', { id: String(weekly) }))).toEqual(['Weekly']);
    expect(titles(await list('vm/', { id: String(pc) }))).toEqual([]);
    expect(titles(await list('vm/', { title: 'Initial Options' }))).toEqual(['Initial Options']);
    for (const v of ['4.0', '5.0', '7.0']) {
      expect(titles(await call(emulator, `/api/${v}/fo/subscription/option_profile/vm/`, { query: { action: 'list' } }))).toEqual([
        'Initial Options',
        'Weekly',
      ]);
    }
    expectError(await list('vm/', { id: 'abc' }), 400, '1905', /^parameter id has invalid value: abc/);
    expectError(await list('vm/', { echo_request: '1' }), 400, '1901', /^Unrecognized parameter\(s\): echo_request/);
  });

  it("exports the subscription's profiles, Qualys's own only with include_system_option_profiles=1", async () => {
    const mine = titles(await exported({ output_format: 'XML' }));
    expect(mine).toContain('Initial Options');
    expect(mine).not.toContain('Payment Card Industry (PCI) Options');
    expect(titles(await exported({ include_system_option_profiles: '1' }))).toContain('Payment Card Industry (PCI) Options');
    expect(titles(await exported({ option_profile_type: 'compliance' }))).toEqual(['PC baseline']);
    expect(titles(await exported({ option_profile_title: 'Weekly' }))).toEqual(['Weekly']);
    expectError(await exported({ output_format: 'CSV' }), 400, '1905', /^parameter output_format has invalid value: CSV/);
    expectError(await exported({ option_profile_type: 'web' }), 400, '1905', /^parameter option_profile_type has invalid value: web/);
  });

  it('imports the document an export answers, as new profiles, all or none', async () => {
    const exportedBody = (await exported({ option_profile_title: 'Weekly' })).body;
    const renamed = exportedBody.replace('<![CDATA[Weekly]]>', '<![CDATA[Weekly copy]]>').replace(/<!DOCTYPE[^>]*>/, '');
    const xml = { 'Content-Type': 'text/xml' };
    const res = await call(emulator, BASE, { method: 'POST', query: { action: 'import' }, headers: xml, body: renamed });
    expect(res.status, res.body).toBe(200);
    expect(text(res.root, 'RESPONSE/TEXT')).toBe('Option profiles imported successfully');
    const id = text(res.root, 'RESPONSE/ITEM_LIST/ITEM/VALUE');
    const [copy] = profiles(await list('vm/', { id: id! }));
    expect(text(copy, 'BASIC_INFO/GROUP_NAME')).toBe('Weekly copy');
    expect(text(copy, 'SCAN/PORTS/TCP_PORTS/TCP_PORTS_TYPE')).toBe('full');
    expect(text(copy, 'SCAN/AUTHENTICATION')).toBe('Windows,Unix/Cisco');
    // again: the title is taken now, and nothing of the document is added
    const before = titles(await list('vm/'));
    expectError(
      await call(emulator, BASE, { method: 'POST', query: { action: 'import' }, headers: xml, body: renamed }),
      400,
      '1905',
      /^parameter title has invalid value: Weekly copy/,
    );
    expectError(
      await call(emulator, BASE, { method: 'POST', query: { action: 'import' }, headers: xml, body: '<OPTION_PROFILES><OPTION_PROFILE>' }),
      400,
      '1905',
      /^Request body could not be read/,
    );
    expectError(
      await call(emulator, BASE, { method: 'POST', query: { action: 'import' }, headers: xml, body: '<AUTH_VAULTS/>' }),
      400,
      '1905',
      'Request body could not be read: the document is AUTH_VAULTS, not OPTION_PROFILES',
    );
    expectError(await call(emulator, BASE, { form: { action: 'import' } }), 400, '1905', /takes an OPTION_PROFILES document as its body/);
    expectError(await call(emulator, BASE, { query: { action: 'import' } }), 400, '1908', /incompatible/);
    expect(titles(await list('vm/'))).toEqual(before);
  });

  it('refuses a seed profile with a title its type already has, or a bad value, creating none', async () => {
    const before = titles(await list('vm/'));
    expect((await seed([{ title: 'Fresh' }, { title: 'Initial Options' }])).status).toBe(400);
    const bad = await seed([{ title: 'Fresh', scan_tcp_ports: 'most' }]);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('scan_tcp_ports');
    expect(titles(await list('vm/'))).toEqual(before);
  });

  it('creates, updates and deletes a VM profile, answering the TEXTs with its ID', async () => {
    const post = (form: Record<string, string>) => call(emulator, `${BASE}vm/`, { form });
    const id = (res: XmlResponse) => {
      expect(res.status, res.body).toBe(200);
      expect(text(res.root, 'RESPONSE/ITEM_LIST/ITEM/KEY')).toBe('ID');
      return text(res.root, 'RESPONSE/ITEM_LIST/ITEM/VALUE')!;
    };
    // the parameters a client's discovery profile sends (checked, not all kept), custom detection aside
    const created = await post({
      action: 'create',
      title: 'Discovery Profile',
      global: '1',
      scan_tcp_ports: 'light',
      scan_udp_ports: 'none',
      scan_parallel_scaling: '1',
      basic_host_information_checks: '1',
      basic_information_gathering: 'none',
      enable_dissolvable_agent: '1',
      ignore_firewall_generated_tcp_rst_packets: '1',
      authentication: 'Windows,Unix',
    });
    expect(text(created.root, 'RESPONSE/TEXT')).toBe('Option profile successfully added.');
    const profileId = id(created);
    const [profile] = profiles(await list('vm/', { id: profileId }));
    expect(text(profile, 'BASIC_INFO/GROUP_NAME')).toBe('Discovery Profile');
    expect(text(profile, 'BASIC_INFO/IS_GLOBAL')).toBe('1');
    expect(text(profile, 'SCAN/PORTS/TCP_PORTS/TCP_PORTS_TYPE')).toBe('light');
    expect(text(profile, 'SCAN/AUTHENTICATION')).toBe('Windows,Unix');

    const updated = await post({ action: 'update', id: profileId, title: 'Discovery', scan_overall_performance: 'high', default: '1' });
    expect(text(updated.root, 'RESPONSE/TEXT')).toBe('Option profile successfully updated.');
    expect(id(updated)).toBe(profileId);
    const [after] = profiles(await list('vm/', { id: profileId }));
    expect(text(after, 'BASIC_INFO/GROUP_NAME')).toBe('Discovery');
    expect(text(after, 'BASIC_INFO/IS_DEFAULT')).toBe('1');
    expect(text(after, 'SCAN/PERFORMANCE/OVERALL_PERFORMANCE')).toBe('High');
    expect(text(after, 'SCAN/PORTS/TCP_PORTS/TCP_PORTS_TYPE')).toBe('light');

    const refusals: [Record<string, string>, string, RegExp][] = [
      [{ action: 'create', title: 'Discovery' }, '1905', /^parameter title has invalid value: Discovery/],
      [{ action: 'create', title: 'X', scan_intensity: 'loud' }, '1905', /^parameter scan_intensity has invalid value: loud/],
      [{ action: 'create', title: 'X', vulnerability_detection: 'custom' }, '1905', /search lists are not emulated/],
      [{ action: 'create', title: 'X', colour: 'red' }, '1901', /colour/],
      [{ action: 'update', id: '1', title: 'Mine' }, '1905', /^parameter id has invalid value: 1 \(a built-in option profile cannot be changed\)/],
      [{ action: 'update', id: '99999', title: 'Y' }, '1905', /^parameter id has invalid value: 99999 \(no such option profile\)/],
      [{ action: 'update', id: profileId, title: 'Initial Options' }, '1905', /^parameter title has invalid value: Initial Options/],
      [{ action: 'delete' }, '1903', /id/],
    ];
    for (const [form, code, textRe] of refusals) expectError(await post(form), 400, code, textRe);
    // a VM profile is not the PC path's
    expectError(await call(emulator, `${BASE}pc/`, { form: { action: 'delete', id: profileId } }), 400, '1905', /no such option profile/);

    const deleted = await post({ action: 'delete', id: profileId });
    expect(text(deleted.root, 'RESPONSE/TEXT')).toBe('Option Profile Deleted Successfully');
    expect(id(deleted)).toBe(profileId);
    expect(titles(await list('vm/', { id: profileId }))).toEqual([]);
    // the default passes back to Initial Options
    expect(text(profiles(await list('vm/'))[0], 'BASIC_INFO/IS_DEFAULT')).toBe('1');
  });

  it("answers a PC profile's writes with the Compliance TEXTs, at 2.0, 3.0 and 4.0", async () => {
    const created = await call(emulator, '/api/3.0/fo/subscription/option_profile/pc/', { form: { action: 'create', title: 'pc-jp' } });
    expect(text(created.root, 'RESPONSE/TEXT')).toBe('Compliance Option profile successfully added.');
    const id = text(created.root, 'RESPONSE/ITEM_LIST/ITEM/VALUE')!;
    const updated = await call(emulator, `${BASE}pc/`, { form: { action: 'update', id, title: 'pc-jp2' } });
    expect(text(updated.root, 'RESPONSE/TEXT')).toBe('Compliance Option profile successfully updated.');
    expect(titles(await call(emulator, '/api/4.0/fo/subscription/option_profile/pc/', { query: { action: 'list', id } }))).toEqual(['pc-jp2']);
    const deleted = await call(emulator, `${BASE}pc/`, { form: { action: 'delete', id } });
    expect(text(deleted.root, 'RESPONSE/TEXT')).toBe('Option Profile Deleted Successfully');
  });

  it('keeps the built-in profiles through a reset, and shows all on the dashboard', async () => {
    expect((await admin(emulator, 'POST', 'reset')).status).toBe(200);
    expect(titles(await list('vm/'))).toEqual(['Initial Options']);
    const view = (await admin(emulator, 'GET', 'option-profiles')).json as unknown as { option_profiles: { title: string; system: boolean }[] };
    expect(view.option_profiles.map((p) => [p.title, p.system])).toEqual([
      ['Initial Options', false],
      ['Payment Card Industry (PCI) Options', true],
    ]);
  });
});
