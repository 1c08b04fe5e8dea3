import { describe, expect, it } from 'vitest';
import { all, call, expectError, find, startTestEmulator, text, type Node } from '../helpers/emulator.js';
import { detections, hostList, hostsOf as hosts, listed } from '../helpers/host-lists.js';

// What each API version of the host list and the detections serves differently
// (docs/fidelity.md §20, "Versions"); every answer is DTD-validated against the DTD its DOCTYPE names.
const emulator = await startTestEmulator();
const list = (path: string, query: Record<string, string>) => listed(emulator, path, query);
const names = (n: Node) => n.children.map((c) => c.name);
const addGroup = async (title: string, ips: string) => {
  const added = await call(emulator, '/api/2.0/fo/asset/group/', { form: { action: 'add', title, ips } });
  return all(added.root, 'RESPONSE/ITEM_LIST', 'ITEM')[0].children[1].text;
};

await call(emulator, '/api/2.0/fo/asset/ip/', { form: { action: 'add', ips: '10.20.0.0/24', enable_vm: '1' } });
await emulator.seed({
  records: [],
  hosts: [
    {
      id: 700,
      ip: '10.20.0.7',
      dns: 'app7.example.test',
      os: 'Ubuntu Linux 22.04',
      comments: 'seven',
      last_vuln_scan_datetime: '2026-11-30T10:00:00Z',
      tags: [
        { tag_id: 11, name: 'Prod' },
        { tag_id: 12, name: 'Web' },
      ],
      detections: [
        { qid: 38173, severity: 3, type: 'Confirmed', status: 'Active', qds: 72 },
        // [E] none of these counts in the score: fixed, ignored, disabled
        { qid: 38174, severity: 5, type: 'Confirmed', status: 'Fixed', qds: 98 },
        { qid: 38175, severity: 5, type: 'Confirmed', status: 'Active', qds: 98, is_ignored: 1 },
        { qid: 38176, severity: 5, type: 'Potential', status: 'New', qds: 98, is_disabled: 1 },
      ],
    },
    {
      id: 701,
      ip: '10.20.0.8',
      os: 'Windows Server 2019',
      tags: [{ tag_id: 11, name: 'Prod' }],
      detections: [{ qid: 90001, severity: 4, type: 'Confirmed', status: 'New' }],
    },
  ],
});
const web = await addGroup('Web servers', '10.20.0.7');
const all20 = await addGroup('Subnet <20>', '10.20.0.0-10.20.0.255');

describe('detection HOST at v5.0 [Q: the guide v5.0 sample]', () => {
  it('carries ASSET_GROUP_LIST, NETWORK_ID and NETWORK_NAME after TRACKING_METHOD, and names the v5 DTD', async () => {
    const res = await list(detections('5.0'), { ids: '700-701' });
    expect(res.body).toContain(`SYSTEM "${emulator.url}/api/5.0/fo/asset/host/vm/detection/dtd/output.dtd"`);
    const [seven, eight] = hosts(res.root);
    expect(names(seven).slice(0, 7)).toEqual(['ID', 'IP', 'TRACKING_METHOD', 'ASSET_GROUP_LIST', 'NETWORK_ID', 'NETWORK_NAME', 'OS']);
    expect(all(seven, 'ASSET_GROUP_LIST', 'ASSET_GROUP').map((g) => [text(g, 'ID'), text(g, 'TITLE')])).toEqual([
      [web, 'Web servers'],
      [all20, 'Subnet <20>'],
    ]);
    expect(all(eight, 'ASSET_GROUP_LIST', 'ASSET_GROUP').map((g) => text(g, 'ID'))).toEqual([all20]);
    expect([text(seven, 'NETWORK_ID'), text(seven, 'NETWORK_NAME')]).toEqual(['0', 'Global Default Network']);
    // [E] no sample of 2.0-4.0 shows them
    for (const v of ['2.0', '3.0', '4.0']) {
      expect(names(hosts((await list(detections(v), { ids: '700' })).root)[0]).slice(0, 4)).toEqual(['ID', 'IP', 'TRACKING_METHOD', 'OS']);
    }
  });

  it('writes ASSET_GROUP_LIST empty for a host in no group, as the sample does', async () => {
    await call(emulator, '/api/2.0/fo/asset/group/', { form: { action: 'delete', id: all20 } });
    const [eight] = hosts((await list(detections('5.0'), { ids: '701' })).root);
    expect(find(eight, 'ASSET_GROUP_LIST')!.children).toEqual([]);
    expect((await list(detections('5.0'), { ids: '701' })).body).toMatch(/<ASSET_GROUP_LIST\/>/);
    await addGroup('Subnet again', '10.20.0.0-10.20.0.255');
  });

  it('pages at v5.0 with the v5 elements on every page', async () => {
    const first = await list(detections('5.0'), { ids: '700-701', truncation_limit: '1' });
    const next = text(first.root, 'RESPONSE/WARNING/URL')!;
    expect(next).toBe(`${emulator.url}${detections('5.0')}?action=list&ids=700-701&truncation_limit=1&id_min=701`);
    const second = await call(emulator, next.slice(emulator.url.length));
    expect(names(hosts(second.root)[0])).toContain('ASSET_GROUP_LIST');
  });
});

describe('host list details=/AGs [Q: DC host list sample 2]', () => {
  for (const v of ['2.0', '5.0']) {
    it(`adds ASSET_GROUP_IDS, the DTD's last element, at v${v}`, async () => {
      const allAgs = hosts((await list(hostList(v), { ids: '700', details: 'All/AGs' })).root)[0];
      expect(names(allAgs).at(-2)).toBe('COMMENTS');
      expect(names(allAgs).at(-1)).toBe('ASSET_GROUP_IDS');
      const ids = text(allAgs, 'ASSET_GROUP_IDS')!.split(',');
      expect(ids[0]).toBe(web);
      expect(ids).toHaveLength(2);
      const basicAgs = hosts((await list(hostList(v), { ids: '700', details: 'Basic/AGs' })).root)[0];
      expect(names(basicAgs)).toEqual(['ID', 'IP', 'TRACKING_METHOD', 'DNS', 'DNS_DATA', 'OS', 'ASSET_GROUP_IDS']);
      for (const details of ['Basic', 'All']) expect(names(hosts((await list(hostList(v), { ids: '700', details })).root)[0])).not.toContain('ASSET_GROUP_IDS');
    });
  }

  it('ends each page with a GLOSSARY of the groups its hosts are in, not those of the next page', async () => {
    const db = await addGroup('Databases', '10.20.0.8');
    const glossary = (root: Node) => all(root, 'RESPONSE/GLOSSARY/ASSET_GROUP_LIST', 'ASSET_GROUP').map((g) => text(g, 'TITLE'));
    const first = await list(hostList('5.0'), { ids: '700-701', details: 'Basic/AGs', truncation_limit: '1' });
    expect(names(find(first.root, 'RESPONSE')!)).toEqual(['DATETIME', 'HOST_LIST', 'WARNING', 'GLOSSARY']);
    expect(glossary(first.root)).toEqual(['Web servers', 'Subnet again']);
    const second = await call(emulator, text(first.root, 'RESPONSE/WARNING/URL')!.slice(emulator.url.length));
    expect(glossary(second.root)).toEqual(['Subnet again', 'Databases']);
    expect(text(hosts(second.root)[0], 'ASSET_GROUP_IDS')!.split(',').at(-1)).toBe(db);
    expect(find((await list(hostList('5.0'), { ids: '700-701', details: 'All' })).root, 'RESPONSE/GLOSSARY')).toBeUndefined();
  });
});

describe('ARF filters: one per fix at 2.0, a list of fixes from 3.0 on [Q: qualysetl]', () => {
  // qualysetl's detection payloads, as it sends them to 2.0 and to 3.0 and after
  const common = { show_asset_id: '1', show_reopened_info: '1', show_results: '1', show_igs: '1', status: 'Active,New,Re-Opened,Fixed' };
  const v2 = { ...common, arf_kernel_filter: '1', arf_service_filter: '0', arf_config_filter: '0', include_ignored: '1', show_qds: '1', show_qds_factors: '1' };
  const v3 = { ...common, include_ignored: '1', show_qds: '1', show_qds_factors: '1', show_arf_data: '1', arf_filter_keys: 'non-running-kernel' };
  const found = async (v: string, q: Record<string, string>) => hosts((await list(detections(v), { ids: '700-701', ...q })).root).map((h) => text(h, 'ID'));

  it("answers qualysetl's payload at each version, refusing the other version's filters with 1901", async () => {
    // no detection is marked as fixed, so leaving the fixed ones out leaves all
    expect(await found('2.0', v2)).toEqual(['700', '701']);
    for (const v of ['3.0', '4.0', '5.0']) {
      expect(await found(v, v3)).toEqual(['700', '701']);
      expectError(
        await call(emulator, detections(v), { query: { action: 'list', arf_kernel_filter: '1' } }),
        400,
        '1901',
        /^Unrecognized parameter\(s\): arf_kernel_filter/,
      );
    }
    expectError(
      await call(emulator, detections('2.0'), { query: { action: 'list', show_arf_data: '1' } }),
      400,
      '1901',
      /^Unrecognized parameter\(s\): show_arf_data/,
    );
  });

  it('keeps nothing when a 2.0 filter keeps only marked detections, and checks the values', async () => {
    expect(await found('2.0', { arf_kernel_filter: '3' })).toEqual([]);
    expectError(
      await call(emulator, detections('2.0'), { query: { action: 'list', arf_config_filter: '5' } }),
      400,
      '1905',
      /^parameter arf_config_filter has invalid value: 5/,
    );
    expectError(
      await call(emulator, detections('5.0'), { query: { action: 'list', arf_filter_keys: 'running-kernel' } }),
      400,
      '1905',
      /^parameter arf_filter_keys has invalid value/,
    );
  });
});

describe('parameters', () => {
  it('filters detections by qds_min and qds_max, leaving out those without a QDS', async () => {
    const found = async (v: string, q: Record<string, string>) => hosts((await list(detections(v), { ids: '700-701', ...q })).root).map((h) => text(h, 'ID'));
    for (const v of ['2.0', '5.0']) {
      expect(await found(v, { qds_min: '70' })).toEqual(['700']);
      expect(await found(v, { qds_min: '70', qds_max: '72' })).toEqual(['700']);
      expect(await found(v, { qds_max: '71' })).toEqual([]);
    }
    expectError(await call(emulator, detections('5.0'), { query: { action: 'list', qds_min: '0' } }), 400, '1905', /^parameter qds_min has invalid value: 0/);
  });

  it('takes show_qds_factors with show_qds, as XSOAR sends them, at every version', async () => {
    for (const v of ['2.0', '5.0']) {
      const res = await list(detections(v), { ids: '700', show_qds: '1', show_qds_factors: '1' });
      expect(text(hosts(res.root)[0], 'DETECTION_LIST/DETECTION/QDS')).toBe('72');
    }
    expectError(
      await call(emulator, detections('5.0'), { query: { action: 'list', show_qds_factors: '2' } }),
      400,
      '1905',
      /^parameter show_qds_factors has invalid value: 2/,
    );
    expectError(await call(emulator, detections('5.0'), { query: { action: 'list', bogus: '1' } }), 400, '1901', /^Unrecognized parameter\(s\): bogus/);
  });
});

describe('host list TruRisk and cloud parameters [Q: the host list docs page; qualysetl, qualysdk, qualyspy]', () => {
  // [E] the score from the open detections (docs/fidelity.md §20, "TruRisk"): 700 has one severity 3
  // of QDS 72 open (its Fixed, ignored and disabled severity 5s count for nothing), a risk of
  // 2 × 72 × 0.5 = 72, 1000 × (1 − 2^(−72/600)) = 80; 701 a severity 4 without a QDS, counted as 80,
  // 2 × 80 × 1 = 160, so 169
  const scores = async (v: string, q: Record<string, string>) =>
    hosts((await list(hostList(v), { ids: '700-701', ...q })).root).map((h) => [text(h, 'ID'), text(h, 'TRURISK_SCORE')]);

  it('writes ASSET_RISK_SCORE, TRURISK_SCORE, ASSET_CRITICALITY_SCORE and TRURISK_SCORE_FACTORS after IP, at every version', async () => {
    for (const v of ['2.0', '3.0', '4.0', '5.0']) {
      const res = await list(hostList(v), { ids: '700-701', show_ars: '1', show_trurisk: '1', show_trurisk_factors: '1' });
      const [seven, eight] = hosts(res.root);
      expect(names(seven).slice(0, 8)).toEqual([
        'ID',
        'IP',
        'ASSET_RISK_SCORE',
        'TRURISK_SCORE',
        'ASSET_CRITICALITY_SCORE',
        'TRURISK_SCORE_FACTORS',
        'TRACKING_METHOD',
        'DNS',
      ]);
      expect([text(seven, 'ASSET_RISK_SCORE'), text(seven, 'TRURISK_SCORE'), text(seven, 'ASSET_CRITICALITY_SCORE')]).toEqual(['80', '80', '2']);
      expect(text(eight, 'TRURISK_SCORE')).toBe('169');
      const counts = all(seven, 'TRURISK_SCORE_FACTORS', 'VULN_COUNT').map((c) => [c.attrs.qds_severity, c.text]);
      expect(counts).toEqual([
        ['1', '0'],
        ['2', '0'],
        ['3', '1'],
        ['4', '0'],
        ['5', '0'],
      ]);
    }
    // only what is asked for
    expect(names(hosts((await list(hostList('5.0'), { ids: '700', show_trurisk_factors: '1' })).root)[0]).slice(2, 4)).toEqual([
      'TRURISK_SCORE_FACTORS',
      'TRACKING_METHOD',
    ]);
  });

  it('keeps the hosts whose score is within trurisk_min and trurisk_max (or ars_), paging by the last one listed', async () => {
    expect(await scores('5.0', { show_trurisk: '1', trurisk_min: '100' })).toEqual([['701', '169']]);
    expect(await scores('2.0', { show_trurisk: '1', trurisk_max: '100' })).toEqual([['700', '80']]);
    expect(await scores('3.0', { ars_min: '80', ars_max: '90' })).toEqual([['700', undefined]]);
    expect(await scores('4.0', { trurisk_min: '170' })).toEqual([]);
    const first = await list(hostList('5.0'), { ids: '700-701', trurisk_min: '50', truncation_limit: '1' });
    expect(text(first.root, 'RESPONSE/WARNING/URL')).toBe(
      `${emulator.url}${hostList('5.0')}?action=list&ids=700-701&trurisk_min=50&truncation_limit=1&id_min=701`,
    );
    const none = await list(hostList('5.0'), { ids: '700-701', details: 'None', trurisk_min: '100' });
    expect(all(none.root, 'RESPONSE/ID_SET', 'ID').map((n) => n.text)).toEqual(['701']);
    // [E] a minimum above a maximum keeps none
    expect(await scores('5.0', { trurisk_min: '900', trurisk_max: '100' })).toEqual([]);
    expect(await scores('5.0', { ars_min: '170', trurisk_max: '169' })).toEqual([]);
    const empty = await list(hostList('5.0'), { details: 'None', trurisk_min: '1000', trurisk_max: '0' });
    expect(find(empty.root, 'RESPONSE/ID_SET')).toBeUndefined();
  });

  it("answers qualysetl's host list call, exactly as it sends it, at its default 2.0 and at 5.0", async () => {
    // [Q: qualysetl] (etld_lib_config.py, host_list_03/04_...py): a POST form, with vm_processed_after
    // (a week back by default) and id_min, 0 on its first page
    const payload = { action: 'list', details: 'All', truncation_limit: '25000', show_tags: '1', show_cloud_tags: '1', show_asset_id: '1' };
    // the rest of its form, in its order
    const rest = { host_metadata: 'all', show_trurisk: '1', show_trurisk_factors: '1', vm_processed_after: '2026-11-23T00:00:00Z', id_min: '0' };
    for (const v of ['2.0', '5.0']) {
      const res = await listed(emulator, hostList(v), { ...payload, ...rest }, 'POST');
      const [seven, ...others] = hosts(res.root);
      expect([text(seven, 'ID'), text(seven, 'TRURISK_SCORE'), others.length]).toEqual(['700', '80', 0]);
      // [E] hosts are no cloud assets: no METADATA or CLOUD_PROVIDER_TAGS
      expect(names(seven)).not.toContain('METADATA');
      expect(names(seven)).not.toContain('CLOUD_PROVIDER_TAGS');
      expect(names(seven)).toContain('LAST_VULN_SCAN_DATETIME');
    }
  });

  it('selects hosts by their tags with use_tags=1, any or all of a set, less those excluded', async () => {
    const ids = async (v: string, q: Record<string, string>) => hosts((await list(hostList(v), { ids: '700-701', ...q })).root).map((h) => text(h, 'ID'));
    for (const v of ['2.0', '5.0']) {
      expect(await ids(v, { use_tags: '1', tag_set_include: '11' })).toEqual(['700', '701']);
      expect(await ids(v, { use_tags: '1', tag_set_include: '12,99' })).toEqual(['700']);
      expect(await ids(v, { use_tags: '1', tag_set_include: '11,12', tag_include_selector: 'all' })).toEqual(['700']);
      expect(await ids(v, { use_tags: '1', tag_set_exclude: '12' })).toEqual(['701']);
      expect(await ids(v, { use_tags: '1', tag_set_by: 'name', tag_set_include: 'Prod', tag_set_exclude: 'Web,Other', tag_exclude_selector: 'all' })).toEqual([
        '700',
        '701',
      ]);
    }
    // [Q: the docs] without use_tags=1 hosts are selected by IPs and groups
    expect(await ids('3.0', { tag_set_include: '12' })).toEqual(['700', '701']);
    // paging on from the last host kept
    const first = await list(hostList('4.0'), { use_tags: '1', tag_set_include: '11', truncation_limit: '1' });
    expect(text(first.root, 'RESPONSE/WARNING/URL')).toMatch(/&id_min=701$/);
    expectError(
      await call(emulator, hostList('5.0'), { query: { action: 'list', use_tags: '1', tag_set_include: 'Prod' } }),
      400,
      '1905',
      /^parameter tag_set_include has invalid value: Prod \(tag_set_by=id takes tag IDs\)/,
    );
  });

  it('refuses bad values with 1905', async () => {
    const refused = async (name: string, value: string) =>
      expectError(
        await call(emulator, hostList('5.0'), { query: { action: 'list', [name]: value } }),
        400,
        '1905',
        new RegExp(`^parameter ${name} has invalid value: ${value}`),
      );
    await refused('show_trurisk', '2');
    await refused('show_cloud_tags', 'yes');
    await refused('host_metadata', 'aws');
    await refused('trurisk_min', '1001');
    await refused('ars_max', '-1');
    await refused('tag_set_by', 'title');
    await refused('tag_include_selector', 'some');
  });
});
