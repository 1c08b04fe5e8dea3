import { describe, expect, it } from 'vitest';
import { all, AUTH, call, expectError, find, parseXml, startTestEmulator, text, type Node } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';

const emulator = await startTestEmulator();
const HOSTS = '/api/2.0/fo/asset/host/';
const DETECTIONS = '/api/2.0/fo/asset/host/vm/detection/';

const hosts = (root: Node) => all(root, 'RESPONSE/HOST_LIST', 'HOST');
const ids = (root: Node) => hosts(root).map((h) => Number(text(h, 'ID')));
const list = async (path: string, query: Record<string, string>) => {
  const res = await call(emulator, path, { query: { action: 'list', ...query } });
  expect(res.status, res.body).toBe(200);
  return res.root;
};
/** Follows WARNING/URL verbatim, as clients do, answering every page. */
async function pages(url: string): Promise<Node[]> {
  const out: Node[] = [];
  for (let next: string | undefined = url; next !== undefined; ) {
    const res = await fetch(next, { headers: { Authorization: AUTH, 'X-Requested-With': 'vitest' } });
    const root = parseXml(await res.text());
    out.push(root);
    next = text(root, 'RESPONSE/WARNING/URL');
    if (next !== undefined) expect(text(root, 'RESPONSE/WARNING/CODE')).toBe('1980');
  }
  return out;
}
const csv = async (query: string) => {
  const res = await fetch(`${emulator.url}${DETECTIONS}?action=list&${query}`, { headers: { Authorization: AUTH, 'X-Requested-With': 'vitest' } });
  expect(res.headers.get('content-type')).toBe('text/csv;charset=UTF-8');
  return res.text();
};

await call(emulator, '/api/2.0/fo/asset/ip/', { form: { action: 'add', ips: '192.168.5.0/24', enable_vm: '1' } });
await emulator.seed({
  records: [],
  hosts: [
    {
      id: 500,
      ip: '192.168.5.10',
      dns: 'web1.example.test',
      netbios: 'WEB1',
      os: 'Windows Server 2019',
      last_vm_scanned_date: '2026-03-01T10:00:00Z',
      last_vm_scanned_duration: 300,
      tags: [{ tag_id: 9, name: 'Web' }],
      detections: [
        { qid: 38173, severity: 3, type: 'Confirmed', port: 443, protocol: 'tcp', ssl: 1, status: 'Active', results: 'a "quoted", value' },
        { qid: 90001, severity: 5, type: 'Potential', status: 'Fixed', last_fixed_datetime: '2026-03-01T10:00:00Z' },
        { qid: 45038, severity: 1, type: 'Info', status: 'New' },
      ],
    },
    { id: 501, ip: '192.168.5.11', os: 'Ubuntu Linux 22.04', tracking_method: 'DNS', dns: 'db1', detections: [] },
  ],
});

describe('seeded hosts', () => {
  it('lists them Basic by default, DNS before OS, and All with the scan dates', async () => {
    const basic = await list(HOSTS, { ids: '500' });
    expect(hosts(basic)[0].children.map((c) => c.name)).toEqual(['ID', 'IP', 'TRACKING_METHOD', 'DNS', 'DNS_DATA', 'NETBIOS', 'OS']);
    const detailed = await list(HOSTS, { ids: '500', details: 'All', show_tags: '1' });
    expect(hosts(detailed)[0].children.map((c) => c.name)).toEqual([
      'ID',
      'IP',
      'TRACKING_METHOD',
      'DNS',
      'DNS_DATA',
      'NETBIOS',
      'OS',
      'TAGS',
      'LAST_VM_SCANNED_DATE',
      'LAST_VM_SCANNED_DURATION',
    ]);
    expect(text(hosts(detailed)[0], 'TAGS/TAG/NAME')).toBe('Web');
  });

  it('answers details=None with an ID_SET of IDs, no ranges, and no HOST_LIST [recorded]', async () => {
    const root = await list(HOSTS, { details: 'None', ids: '500-501' });
    expect(find(root, 'RESPONSE/HOST_LIST')).toBeUndefined();
    // connectors written against the live service read ID alone: consecutive hosts are not a range
    expect(find(root, 'RESPONSE/ID_SET')!.children.map((c) => `${c.name} ${c.text}`)).toEqual(['ID 500', 'ID 501']);
  });

  it('answers RESPONSE with DATETIME alone when nothing matches [recorded]', async () => {
    const root = await list(DETECTIONS, { ids: '123' });
    expect(find(root, 'RESPONSE')!.children.map((c) => c.name)).toEqual(['DATETIME']);
  });

  it('lists detections: OS before DNS, Fixed and Info left out by default', async () => {
    const root = await list(DETECTIONS, { ids: '500-501' });
    expect(ids(root)).toEqual([500]);
    const host = hosts(root)[0];
    expect(host.children.slice(0, 6).map((c) => c.name)).toEqual(['ID', 'IP', 'TRACKING_METHOD', 'OS', 'DNS', 'DNS_DATA']);
    expect(all(host, 'DETECTION_LIST', 'DETECTION').map((d) => text(d, 'QID'))).toEqual(['38173']);
  });

  it('filters by status, show_igs, severities, qids and include_vuln_type', async () => {
    const qids = async (q: Record<string, string>) =>
      all(hosts(await list(DETECTIONS, { ids: '500', ...q }))[0] ?? ({ children: [] } as never), 'DETECTION_LIST', 'DETECTION').map((d) => text(d, 'QID'));
    expect(await qids({ status: 'New,Active,Fixed,Re-Opened', show_igs: '1' })).toEqual(['38173', '90001', '45038']);
    expect(await qids({ status: 'Fixed' })).toEqual(['90001']);
    expect(await qids({ status: 'Fixed,Active', severities: '4-5' })).toEqual(['90001']);
    expect(await qids({ status: 'Fixed,Active', qids: '38000-39000' })).toEqual(['38173']);
    expect(await qids({ status: 'Fixed,Active', include_vuln_type: 'potential' })).toEqual(['90001']);
  });

  it('leaves RESULTS out with show_results=0', async () => {
    const root = await list(DETECTIONS, { ids: '500', show_results: '0' });
    expect(find(hosts(root)[0], 'DETECTION_LIST/DETECTION/RESULTS')).toBeUndefined();
  });

  it('filters hosts by ips, os_pattern and scan dates', async () => {
    expect(ids(await list(HOSTS, { ips: '192.168.5.11' }))).toEqual([501]);
    expect(ids(await list(HOSTS, { os_pattern: '^Ubuntu' }))).toEqual([501]);
    expect(ids(await list(HOSTS, { vm_scan_since: '2026-03-01' }))).toEqual([500]);
    expect(ids(await list(HOSTS, { no_vm_scan_since: '2026-01-01' }))).toEqual([501]);
  });

  it('writes CSV as the samples do: non-empty values quoted, a Finished footer', async () => {
    const body = await csv('ids=500&output_format=CSV');
    const lines = body.split('\n');
    expect(lines.slice(0, 3)).toEqual(['----BEGIN_RESPONSE_HEADER_CSV', '----END_RESPONSE_HEADER_CSV', '----BEGIN_RESPONSE_BODY_CSV']);
    expect(lines[3].startsWith('"Host ID","IP Address","Tracking Method","Operating System"')).toBe(true);
    expect(lines[4]).toContain('"500","192.168.5.10","IP","Windows Server 2019","web1.example.test","WEB1",,,"2026-03-01T10:00:00Z","300"');
    expect(lines[4]).toContain('"a ""quoted"", value"');
    expect(body.endsWith('----END_RESPONSE_BODY_CSV\n----BEGIN_RESPONSE_FOOTER_CSV\n"Status Message"\n"Finished"\n----END_RESPONSE_FOOTER_CSV\n')).toBe(true);
    expect(await csv('ids=500&output_format=CSV_NO_METADATA')).not.toContain('----');
  });

  it('echoes the request before a streamed RESPONSE, and answers HEAD with headers alone', async () => {
    const root = await list(DETECTIONS, { ids: '500', echo_request: '1' });
    expect(root.children.map((c) => c.name)).toEqual(['REQUEST', 'RESPONSE']);
    expect(text(root, 'REQUEST/PARAM_LIST/PARAM/KEY')).toBe('action');
    const head = await fetch(`${emulator.url}${HOSTS}?action=list&ids=500`, { method: 'HEAD', headers: { Authorization: AUTH, 'X-Requested-With': 'vitest' } });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(ids(await list(HOSTS, { ids: '500' }))).toEqual([500]);
  });

  it('refuses bad values with 1905 and unknown parameters with 1901', async () => {
    expectError(
      await call(emulator, DETECTIONS, { query: { action: 'list', ids: 'abc123' } }),
      400,
      '1905',
      'parameter ids has invalid value: abc123 (neither a positive integer nor a range: abc123)',
    );
    expectError(await call(emulator, HOSTS, { query: { action: 'list', details: 'Most' } }), 400, '1905', /^parameter details has invalid value: Most/);
    expectError(await call(emulator, DETECTIONS, { query: { action: 'list', severities: '7' } }), 400, '1905', /^parameter severities has invalid value: 7/);
    expectError(await call(emulator, HOSTS, { query: { action: 'list', os_pattern: '(a)\\1' } }), 400, '1905', /^parameter os_pattern has invalid value/);
    expectError(await call(emulator, HOSTS, { query: { action: 'list', ag_ids: '1', ag_titles: 'x' } }), 400, '1904', /ag_ids, ag_titles/);
    expectError(await call(emulator, HOSTS, { query: { action: 'list', bogus: '1' } }), 400, '1901', /^Unrecognized parameter\(s\): bogus/);
  });

  it('filters by the IPs of asset groups (ag_ids, ag_titles), refusing one that does not exist', async () => {
    const added = await call(emulator, '/api/2.0/fo/asset/group/', { form: { action: 'add', title: 'Hosts group', ips: '192.168.5.11' } });
    const id = all(added.root, 'RESPONSE/ITEM_LIST', 'ITEM')[0].children[1].text;
    expect(ids(await list(HOSTS, { ag_ids: id }))).toEqual([501]);
    expect(ids(await list(HOSTS, { ag_titles: 'Hosts group' }))).toEqual([501]);
    expectError(await call(emulator, HOSTS, { query: { action: 'list', ag_titles: 'Nope' } }), 400, '1905', /no such asset group/);
  });

  it('refuses a seeded host whose IP is not in the subscription, creating nothing', async () => {
    const res = await admin(emulator, 'POST', 'seed', { records: [], hosts: [{ ip: '192.168.5.20' }, { ip: '172.16.0.1' }] });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/hosts\[1\]: ip 172\.16\.0\.1 is not in the subscription/);
    expect(ids(await list(HOSTS, { ips: '192.168.5.20' }))).toEqual([]);
  });
});

describe('every version', () => {
  for (const v of ['2.0', '3.0', '4.0', '5.0']) {
    it(`serves /api/${v}/ with its own DOCTYPE`, async () => {
      for (const [path, dtd] of [
        ['fo/asset/host/', 'fo/asset/host/dtd/list/output.dtd'],
        ['fo/asset/host/vm/detection/', 'fo/asset/host/vm/detection/dtd/output.dtd'],
      ]) {
        const res = await call(emulator, `/api/${v}/${path}`, { query: { action: 'list', ids: '500' } });
        expect(res.body).toContain(`SYSTEM "${emulator.url}/api/${v}/${dtd}"`);
        const served = await fetch(`${emulator.url}/api/${v}/${dtd}`);
        expect(served.status).toBe(200);
      }
    });
  }
});

describe('generated hosts, paged', () => {
  it('pages by truncation_limit with 1980, the URL carrying id_min, every host once', async () => {
    const made = await emulator.generateHosts({ seed: 7, count: 25 });
    expect(made).toMatchObject({ hosts: 25, first_id: 502, last_id: 526 });
    const got = await pages(`${emulator.url}${HOSTS}?action=list&truncation_limit=10&ids=502-526`);
    expect(got.map((p) => ids(p).length)).toEqual([10, 10, 5]);
    expect(text(got[0], 'RESPONSE/WARNING/TEXT')).toBe('10 record limit exceeded. Use URL to get next batch of results.');
    expect(text(got[0], 'RESPONSE/WARNING/URL')).toBe(`${emulator.url}${HOSTS}?action=list&truncation_limit=10&ids=502-526&id_min=512`);
    expect(got.flatMap(ids)).toEqual(Array.from({ length: 25 }, (_, i) => 502 + i));
  });

  it('pages detections in CSV with a Truncated footer naming the next ID and URL', async () => {
    const body = await csv('output_format=CSV&truncation_limit=1&ids=502-526');
    const next = body.match(/"Status Message","Next ID","Next URL"\n"Truncated","(\d+)","([^"]+)"\n----END_RESPONSE_FOOTER_CSV\n$/);
    expect(next, body.slice(-400)).not.toBeNull();
    expect(next![2]).toBe(`${emulator.url}${DETECTIONS}?action=list&output_format=CSV&truncation_limit=1&ids=502-526&id_min=${next![1]}`);
  });

  it('makes the same bytes for the same seed', async () => {
    const page = async () =>
      (await fetch(`${emulator.url}${DETECTIONS}?action=list&ids=1000-1004&show_igs=1`, { headers: { Authorization: AUTH, 'X-Requested-With': 'v' } })).text();
    const strip = (s: string) => s.replace(/<DATETIME>[^<]*<\/DATETIME>/, '');
    await emulator.reset();
    expect((await admin(emulator, 'POST', 'hosts/generate', { seed: 99, count: 1004 })).status).toBe(200);
    const first = strip(await page());
    await emulator.reset();
    expect((await admin(emulator, 'POST', 'hosts/generate', { seed: 99, count: 1004 })).status).toBe(200);
    expect(strip(await page())).toBe(first);
    expect(first).toContain('<ID>1004</ID>');
    await emulator.reset();
    expect((await admin(emulator, 'POST', 'hosts/generate', { seed: 100, count: 1004 })).status).toBe(200);
    expect(strip(await page())).not.toBe(first);
  });

  it('looks hosts up in a set of 100,000 IDs or 60,000 IPs without scanning the set for each host', async () => {
    // 1,004 hosts of seed 100 are held; the odd IDs up to 199,999, and the addresses of the even hosts
    const odd = Array.from({ length: 100_000 }, (_, i) => String(2 * i + 1)).join(',');
    const byIds = await call(emulator, HOSTS, { form: { action: 'list', details: 'None', truncation_limit: '0', ids: odd } });
    const found = all(byIds.root, 'RESPONSE/ID_SET', 'ID').map((n) => Number(n.text));
    expect(found).toEqual(Array.from({ length: 502 }, (_, i) => 2 * i + 1));
    const even = Array.from({ length: 60_000 }, (_, i) => `10.${(2 * i) >> 16}.${((2 * i) >> 8) & 255}.${(2 * i) & 255}`).join(',');
    const byIps = await call(emulator, HOSTS, { form: { action: 'list', details: 'None', truncation_limit: '0', ips: even } });
    // host N is at 10.0.0.0 + N: the even addresses are the even hosts
    expect(all(byIps.root, 'RESPONSE/ID_SET', 'ID').map((n) => Number(n.text))).toEqual(Array.from({ length: 502 }, (_, i) => 2 * i + 2));
  });

  it('refuses a generation out of bounds through the admin API, changing nothing', async () => {
    const res = await admin(emulator, 'POST', 'hosts/generate', { seed: 1, count: -1 });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/count must be an integer/);
  });

  it('empties hosts on reset', async () => {
    await emulator.reset();
    expect(ids(await list(HOSTS, {}))).toEqual([]);
  });
});
