import { describe, expect, it } from 'vitest';
import { all, AUTH, call, expectError, startTestEmulator, text, type Node } from '../helpers/emulator.js';
import { detections, hostList, hostsOf as hosts, listed } from '../helpers/host-lists.js';

// The detection and host list parameters public clients send, each client's call as it sends it
// (/work research of issue 23; docs/fidelity.md §20). Every answer is DTD-validated.
const emulator = await startTestEmulator();
const VERSIONS = ['2.0', '3.0', '4.0', '5.0'];

const qidsOf = (root: Node) => hosts(root).flatMap((h) => all(h, 'DETECTION_LIST', 'DETECTION').map((d) => text(d, 'QID')));
/** A date that many days before now, as the seed takes dates. */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
/** Expects `name=value` (with action=list and `also`) to be refused with 1905, its TEXT naming both. */
async function badValue(path: string, name: string, value: string, also: Record<string, string> = {}) {
  const res = await call(emulator, path, { query: { action: 'list', ...also, [name]: value } });
  const escaped = `${name} has invalid value: ${value} (`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  expectError(res, 400, '1905', new RegExp(`^parameter ${escaped}`));
}
/** A client's call as its query string reads, which keeps its parameters' order. */
const form = (query: string) => Object.fromEntries(new URLSearchParams(query));
/** The answer to a client's call of `action=list` (GET, or POST with the form), which must be a 200. */
const list = async (path: string, params: Record<string, string>, method = 'GET') => (await listed(emulator, path, params, method)).root;

await call(emulator, '/api/2.0/fo/asset/ip/', { form: { action: 'add', ips: '10.30.0.0/24', enable_vm: '1' } });
await emulator.seed({
  records: [],
  knowledge_base: [
    {
      qid: 38203,
      severity_level: 3,
      title: 'CVSS v3 and v2',
      published_datetime: '2024-01-01T00:00:00Z',
      cvss: { base: { value: '5.0', source: 'service' }, vector_string: 'CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:N/A:N/E:U/RL:OF/RC:C' },
      cvss_v3: { base: '9.8', temporal: '8.5', vector_string: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C', cvss3_version: '3.1' },
    },
    { qid: 38204, severity_level: 3, title: 'CVSS v2 alone', published_datetime: '2024-01-01T00:00:00Z', cvss: { base: { value: '4.3', source: 'service' } } },
    { qid: 38205, severity_level: 3, title: 'No CVSS', published_datetime: '2024-01-01T00:00:00Z' },
  ],
  hosts: [
    {
      id: 900,
      ip: '10.30.0.9',
      last_compliance_scan_datetime: '2026-11-01T00:00:00Z',
      tags: [{ tag_id: 21, name: 'Prod' }],
      detections: [
        {
          qid: 38200,
          severity: 3,
          type: 'Confirmed',
          status: 'Active',
          last_processed_datetime: '2026-10-01T00:00:00Z',
          last_test_datetime: '2026-10-01T00:00:00Z',
        },
        {
          qid: 38201,
          severity: 4,
          type: 'Confirmed',
          status: 'New',
          last_processed_datetime: '2026-11-20T00:00:00Z',
          last_test_datetime: '2026-11-20T00:00:00Z',
        },
      ],
    },
    {
      id: 901,
      ip: '10.30.0.10',
      tags: [{ tag_id: 22, name: 'Lab' }],
      detections: [{ qid: 38202, severity: 5, type: 'Confirmed', status: 'Fixed', last_processed_datetime: '2026-09-01T00:00:00Z' }],
    },
    {
      // dated from now, for the day counts
      id: 902,
      ip: '10.30.0.11',
      last_vm_scanned_date: daysAgo(2),
      detections: [
        { qid: 38203, severity: 3, type: 'Confirmed', status: 'Active', qds: 72, last_test_datetime: daysAgo(1), last_update_datetime: daysAgo(1) },
        { qid: 38204, severity: 3, type: 'Confirmed', status: 'Active', qds: 35, last_test_datetime: daysAgo(20), last_update_datetime: daysAgo(20) },
        { qid: 38205, severity: 3, type: 'Confirmed', status: 'Active', qds: 20, last_test_datetime: daysAgo(200), last_update_datetime: daysAgo(200) },
      ],
    },
    {
      id: 903,
      ip: '10.30.0.12',
      last_vm_scanned_date: daysAgo(10),
      detections: [{ qid: 38203, severity: 3, type: 'Confirmed', status: 'Active', last_test_datetime: daysAgo(10) }],
    },
  ],
});
const IDS = '900-901';

describe('cloud and detection-source parameters on the detections, every version', () => {
  it("answers ServiceNow's Host Detection Integration call (5.0 since 12.21.0) at every version, adding no element", async () => {
    const serviceNow = form(
      `action=list&ids=${IDS}&vuln_detection_source=1&show_tags=1&show_cloud_tags=1&host_metadata=all&output_format=XML&truncation_limit=500&status=New,Active,Re-Opened,Fixed&severities=1-5`,
    );
    for (const v of VERSIONS) {
      const root = await list(detections(v), serviceNow, 'POST');
      expect(qidsOf(root)).toEqual(['38200', '38201', '38202']);
      for (const h of hosts(root)) expect(h.children.map((c) => c.name)).not.toContain('METADATA');
    }
  });

  it("answers qualysdk's documented 5.0 call and Qualys's Doc Center Sample 7", async () => {
    const qualysdk = form(
      `action=list&echo_request=0&show_results=1&output_format=XML&ids=${IDS}&show_asset_id=1&show_tags=1&show_cloud_tags=1&host_metadata=all&show_qds=1&show_qds_factors=1`,
    );
    expect(qidsOf(await list(detections('5.0'), qualysdk, 'POST'))).toEqual(['38200', '38201']);
    const sample7 = { action: 'list', ids: IDS, host_metadata: 'ec2', host_metadata_fields: 'region' };
    expect(hosts(await list(detections('2.0'), sample7)).map((h) => text(h, 'ID'))).toEqual(['900']);
  });

  it('refuses a value outside each parameter’s set with 1905', async () => {
    for (const [name, value] of [
      ['host_metadata', 'aws'],
      ['vuln_detection_source', '2'],
      ['show_cloud_tags', 'yes'],
    ])
      await badValue(detections('5.0'), name, value);
  });
});

describe('detection_processed_after and _before, on LAST_PROCESSED_DATETIME', () => {
  it("keeps what ServiceNow's legacy Host Detection message asks for, and no other detection of the host", async () => {
    const serviceNow = form(
      `action=list&ids=${IDS}&output_format=XML&detection_processed_after=2026-11-01&truncation_limit=500&status=New,Active,Re-Opened,Fixed`,
    );
    const root = await list(detections('2.0'), serviceNow, 'POST');
    expect(qidsOf(root)).toEqual(['38201']);
    expect(text(all(hosts(root)[0], 'DETECTION_LIST', 'DETECTION')[0], 'LAST_PROCESSED_DATETIME')).toBe('2026-11-20T00:00:00Z');
  });

  it("keeps what XSOAR's qualys-host-list-detection asks for with both bounds", async () => {
    const xsoar = form(
      `action=list&ids=${IDS}&status=Fixed,Active&detection_processed_after=2026-08-01T00:00:00Z&detection_processed_before=2026-10-01T00:00:01Z`,
    );
    expect(qidsOf(await list(detections('2.0'), xsoar))).toEqual(['38200', '38202']);
    await badValue(detections('2.0'), 'detection_processed_after', '2026-13-01');
  });
});

describe('a pair without a name', () => {
  it("answers Microsoft Sentinel's default call, whose filter `&truncation_limit=50` sends `=&`", async () => {
    const sentinel: [string, string][] = [
      ['status', 'New,Active,Fixed,Re-Opened'],
      ['action', 'list'],
      ['show_results', '1'],
      ['show_igs', '0'],
      ['vm_processed_after', '2026-01-01T00:00:00Z'],
      ['vm_processed_before', '2027-01-01T00:00:00Z'],
      ['', ''],
      ['truncation_limit', '50'],
    ];
    const res = await call(emulator, detections('2.0'), { query: sentinel });
    expect(res.status, res.body).toBe(200);
  });
});

describe('tag selection on the detections, as on the host list', () => {
  it('keeps the hosts graph-qualys asks for with includeOnlyDetectionTags (a POST at 2.0)', async () => {
    const graphQualys = form(
      `action=list&show_tags=1&show_igs=1&show_results=0&output_format=XML&truncation_limit=1000&ids=${IDS}&status=New,Fixed,Active,Re-Opened&use_tags=1&tag_set_by=name&tag_set_include=Prod`,
    );
    const root = await list(detections('2.0'), graphQualys, 'POST');
    expect(hosts(root).map((h) => text(h, 'ID'))).toEqual(['900']);
    expect(qidsOf(root)).toEqual(['38200', '38201']);
  });

  it("keeps the hosts XSOAR's qualys-host-list-detection asks for, at every version", async () => {
    const xsoar = form(
      `action=list&ids=${IDS}&status=Fixed&use_tags=1&tag_set_by=id&tag_include_selector=any&tag_exclude_selector=any&tag_set_include=21,22&tag_set_exclude=21`,
    );
    for (const v of VERSIONS) expect(qidsOf(await list(detections(v), xsoar))).toEqual(['38202']);
    await badValue(detections('5.0'), 'tag_set_include', 'Prod', { use_tags: '1' });
  });
});

describe('day counts and the last test date', () => {
  it('keeps the hosts RescanHelper asks for with max_days_since_last_vm_scan=3 (a 4.0 POST, CSV_NO_METADATA)', async () => {
    const rescanHelper = form(
      `action=list&ips=10.30.0.11-10.30.0.12&qids=38203&status=New,Active,Re-Opened&max_days_since_last_vm_scan=3&output_format=CSV_NO_METADATA`,
    );
    const res = await fetch(`${emulator.url}${detections('4.0')}`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'X-Requested-With': 'vitest', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(rescanHelper).toString(),
    });
    expect(res.headers.get('content-type')).toBe('text/csv;charset=UTF-8');
    const rows = (await res.text()).split('\n').filter((line) => line.includes('10.30.0.'));
    expect(rows.map((r) => r.includes('10.30.0.11'))).toEqual([true]);
  });

  it("keeps the detections Doc Center Sample 18's last-tested forms ask for, by date and by days", async () => {
    const found = async (q: Record<string, string>) => qidsOf(await list(detections('2.0'), { ids: '902', network_ids: '0', ...q }));
    expect(await found({ detection_last_tested_since_days: '185' })).toEqual(['38203', '38204']);
    expect(await found({ detection_last_tested_since_days: '30', detection_last_tested_before_days: '15' })).toEqual(['38204']);
    expect(await found({ detection_last_tested_since: daysAgo(5).slice(0, 10) })).toEqual(['38203']);
    expect(await found({ detection_last_tested_before: daysAgo(100) })).toEqual(['38205']);
    // qualysdk's day count for detection_updated_since, with a date of the same bound: both hold
    expect(await found({ max_days_since_detection_updated: '30', detection_updated_since: daysAgo(5) })).toEqual(['38203']);
    await badValue(detections('2.0'), 'detection_last_tested_since_days', '-1');
  });

  it("answers Sekoia's QualysVMDRTrigger call, filter_superseded_qids=1 leaving out nothing", async () => {
    const sekoia = form(
      `action=list&ids=902&detection_updated_since=${daysAgo(400)}&truncation_limit=1000&include_vuln_type=confirmed&show_qds=1&show_qds_factors=1&show_tags=1&show_asset_id=1&host_metadata=all&show_cloud_tags=1&filter_superseded_qids=1`,
    );
    expect(qidsOf(await list(detections('2.0'), sekoia))).toEqual(['38203', '38204', '38205']);
  });
});

describe('network_ids, both lists', () => {
  it("keeps the Global Default Network's hosts for network_ids=0 and none for another network (Doc Center Sample 18, qualyspy)", async () => {
    const sample18 = { action: 'list', ids: '902', network_ids: '1000', detection_last_tested_since_days: '185' };
    expect(hosts(await list(detections('2.0'), sample18))).toEqual([]);
    const qualyspy = { action: 'list', ids: '900-903', truncation_limit: '10000', network_ids: '0,1000' };
    expect(hosts(await list(hostList('5.0'), qualyspy)).map((h) => text(h, 'ID'))).toEqual(['900', '901', '902', '903']);
    expect(hosts(await list(hostList('2.0'), { ...qualyspy, network_ids: '1000' }))).toEqual([]);
    await badValue(hostList('2.0'), 'network_ids', 'Global');
  });
});

describe('Policy Compliance, SCAP and IPv6 filters, both lists', () => {
  const ids = async (path: string, q: Record<string, string>) => hosts(await list(path, { ids: '900-903', ...q })).map((h) => text(h, 'ID'));

  it("keeps the hosts XSOAR's qualys-host-list asks for (network_ids, no_compliance_scan_since)", async () => {
    const xsoar = form(`truncation_limit=1000&details=All&network_ids=0&no_compliance_scan_since=2026-10-01&show_tags=1&host_metadata=all&show_cloud_tags=1`);
    expect(await ids(hostList('2.0'), xsoar)).toEqual(['901', '902', '903']);
    expect(await ids(hostList('2.0'), { compliance_scan_since: '2026-10-01' })).toEqual(['900']);
  });

  it('takes every host filter qualysdk and qualyspy pass on, at 3.0 and 5.0: no SCAP scan or IPv6 is held', async () => {
    const extra = { compliance_enabled: '0', no_compliance_scan_since: '2027-01-01', no_scap_scan_since: '2026-01-01', network_ids: '0' };
    expect(await ids(hostList('3.0'), extra)).toEqual(['900', '901', '902', '903']);
    expect(await ids(hostList('5.0'), { ...extra, scap_scan_since: '2026-01-01' })).toEqual([]);
    expect(await ids(hostList('5.0'), { ...extra, ipv6: 'fe80::1,2001:db8::2' })).toEqual([]);
    await badValue(hostList('5.0'), 'ipv6', '10.0.0.1');
  });

  it("keeps the hosts enabled for Policy Compliance with compliance_enabled=1 (XSOAR's legacy Qualys.js, on the detections)", async () => {
    expect(await ids(detections('2.0'), { compliance_enabled: '1' })).toEqual([]);
    await call(emulator, '/api/2.0/fo/asset/ip/', { form: { action: 'add', ips: '10.30.0.9', enable_pc: '1' } });
    expect(await ids(detections('2.0'), { compliance_enabled: '1' })).toEqual(['900']);
    expect(await ids(detections('4.0'), { compliance_enabled: '0' })).toEqual(['902', '903']);
  });
});

describe('what the 2.0 detection list allowed in 2024 [Q: recorded, PowerQualys]', () => {
  it('takes active_kernels_only as the ARF filters: 1 leaves out none, 2 and 3 keep none', async () => {
    // Qualys's multi-thread notes send active_kernels_only=1 with show_reopened_info=1
    const notes = form(
      `action=list&ids=${IDS}&show_igs=0&show_reopened_info=1&active_kernels_only=1&output_format=XML&status=Active,Re-Opened,New&truncation_limit=0`,
    );
    expect(qidsOf(await list(detections('2.0'), notes))).toEqual(['38200', '38201']);
    expect(hosts(await list(detections('5.0'), { ...notes, active_kernels_only: '2' }))).toEqual([]);
    await badValue(detections('2.0'), 'active_kernels_only', '4', notes);
  });

  it("refuses Doc Center Samples 9 and 10's search list as none such: the emulator keeps no QID search lists", async () => {
    const sample9 = { action: 'list', include_search_list_titles: 'High Severity', output_format: 'XML' };
    expectError(
      await call(emulator, detections('2.0'), { form: sample9 }),
      400,
      '1905',
      'parameter include_search_list_titles has invalid value: High Severity (no such search list)',
    );
    await badValue(detections('5.0'), 'exclude_search_list_ids', '12');
  });

  it('refuses the host filters only the host list takes with 1901', async () => {
    for (const name of ['compliance_scan_since', 'no_compliance_scan_since', 'scap_scan_since', 'no_scap_scan_since', 'ipv6']) {
      expectError(
        await call(emulator, detections('2.0'), { query: { action: 'list', [name]: '2026-01-01' } }),
        400,
        '1901',
        new RegExp(`^Unrecognized parameter\\(s\\): ${name} `),
      );
    }
  });
});

describe("the host list's next-page URL of the guide", () => {
  it('follows the 4.0 sample URL of p.1010, which carries cloud_agent_activationkey=0', async () => {
    const path = '/api/4.0/fo/asset/host/?action=list&details=None&truncation_limit=100&cloud_agent_activationkey=0&id_min=900';
    const res = await call(emulator, path);
    expect(res.status, res.body).toBe(200);
    const root = res.root;
    expect(all(root, 'RESPONSE/ID_SET', 'ID').map((id) => id.text)).toEqual(['900', '901', '902', '903']);
    await badValue('/api/4.0/fo/asset/host/', 'cloud_agent_activationkey', '2');
  });
});

describe('QDS_FACTORS after QDS, from the KnowledgeBase entry', () => {
  it("writes each detection's CVSS factors for XSOAR's fetch call (show_qds=1&show_qds_factors=1, GET at 2.0)", async () => {
    const xsoar = { action: 'list', truncation_limit: '1000', vm_scan_date_after: daysAgo(30).slice(0, 10), show_qds: '1', show_qds_factors: '1' };
    const root = await list(detections('2.0'), xsoar);
    const [host] = hosts(root).filter((h) => text(h, 'ID') === '902');
    const factors = all(host, 'DETECTION_LIST', 'DETECTION').map((d) => {
      const names = d.children.map((c) => c.name);
      expect(names.indexOf('QDS_FACTORS') === -1 || names.indexOf('QDS_FACTORS') === names.indexOf('QDS') + 1).toBe(true);
      return all(d, 'QDS_FACTORS', 'QDS_FACTOR').map((f) => `${f.attrs.name}=${f.text}`);
    });
    expect(factors).toEqual([['CVSS=9.8', 'CVSS_version=v3.x', 'CVSS_vector=AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'], ['CVSS=4.3', 'CVSS_version=v2'], []]);
    // without show_qds=1, as stored: no QDS, no factors
    const stored = await call(emulator, detections('5.0'), { query: { ...xsoar, show_qds: '0' } });
    expect(stored.status).toBe(200);
    expect(stored.body).toContain('<DETECTION>');
    expect(stored.body).not.toContain('QDS');
  });
});
