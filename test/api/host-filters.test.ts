import { describe, expect, it } from 'vitest';
import { all, AUTH, call, find, startTestEmulator, text, type Node } from '../helpers/emulator.js';

/**
 * The filters of issue 23 item 3 that test/api/hosts.test.ts leaves aside: id_max, the processed
 * and authenticated scan dates, the detections' update dates, ignored and disabled detections,
 * QDS, asset IDs and CSV with duplicated host data suppressed.
 */
const emulator = await startTestEmulator();
const HOSTS = '/api/2.0/fo/asset/host/';
const DETECTIONS = '/api/2.0/fo/asset/host/vm/detection/';

await call(emulator, '/api/2.0/fo/asset/ip/', { form: { action: 'add', ips: '192.168.7.0/24', enable_vm: '1' } });
await emulator.seed({
  records: [],
  hosts: [
    {
      id: 10,
      ip: '192.168.7.10',
      asset_id: 7001,
      last_vuln_scan_datetime: '2026-02-01T00:00:00Z',
      last_vm_auth_scanned_date: '2026-02-02T00:00:00Z',
      detections: [
        { qid: 100, severity: 3, status: 'Active', qds: 95, last_update_datetime: '2026-01-10T00:00:00Z' },
        { qid: 101, severity: 3, status: 'Active', is_ignored: 1, last_update_datetime: '2026-03-10T00:00:00Z' },
        { qid: 102, severity: 3, status: 'Active', is_disabled: 1, last_update_datetime: '2026-03-10T00:00:00Z' },
      ],
    },
    {
      id: 11,
      ip: '192.168.7.11',
      last_vuln_scan_datetime: '2025-06-01T00:00:00Z',
      detections: [{ qid: 200, severity: 2, status: 'New', last_update_datetime: '2026-03-10T00:00:00Z' }],
    },
    { id: 12, ip: '192.168.7.12', detections: [{ qid: 300, severity: 4, status: 'Active', last_update_datetime: '2026-03-10T00:00:00Z' }] },
  ],
});

const list = async (path: string, query: Record<string, string>) => {
  const res = await call(emulator, path, { query: { action: 'list', ...query } });
  expect(res.status, res.body).toBe(200);
  return res.root;
};
const hosts = (root: Node) => all(root, 'RESPONSE/HOST_LIST', 'HOST');
const ids = async (path: string, query: Record<string, string>) => hosts(await list(path, query)).map((h) => Number(text(h, 'ID')));
const qids = async (query: Record<string, string>) =>
  hosts(await list(DETECTIONS, query)).flatMap((h) => all(h, 'DETECTION_LIST', 'DETECTION').map((d) => Number(text(d, 'QID'))));

describe('host and detection filters', () => {
  it('takes id_min and id_max together, on both lists', async () => {
    expect(await ids(HOSTS, { id_min: '11', id_max: '11' })).toEqual([11]);
    expect(await ids(DETECTIONS, { id_min: '10', id_max: '11' })).toEqual([10, 11]);
  });

  it('filters hosts by the processed and authenticated scan dates', async () => {
    expect(await ids(HOSTS, { vm_processed_after: '2026-01-01' })).toEqual([10]);
    expect(await ids(HOSTS, { vm_processed_before: '2026-01-01' })).toEqual([11]);
    expect(await ids(HOSTS, { vm_auth_scan_date_after: '2026-02-01' })).toEqual([10]);
    expect(await ids(DETECTIONS, { vm_auth_scan_date_before: '2026-03-01' })).toEqual([10]);
  });

  it('filters detections by their update dates, and leaves ignored and disabled ones out unless asked', async () => {
    expect(await qids({ ids: '10' })).toEqual([100]);
    expect(await qids({ ids: '10', include_ignored: '1', include_disabled: '1' })).toEqual([100, 101, 102]);
    expect(await qids({ detection_updated_since: '2026-03-01' })).toEqual([200, 300]);
    expect(await qids({ detection_updated_before: '2026-03-01' })).toEqual([100]);
  });

  it('shows QDS with show_qds=1 and ASSET_ID with show_asset_id=1', async () => {
    const plain = hosts(await list(DETECTIONS, { ids: '10' }))[0];
    expect(find(plain, 'ASSET_ID')).toBeUndefined();
    expect(find(plain, 'DETECTION_LIST/DETECTION/QDS')).toBeUndefined();
    const shown = hosts(await list(DETECTIONS, { ids: '10', show_qds: '1', show_asset_id: '1' }))[0];
    expect(text(shown, 'ASSET_ID')).toBe('7001');
    const qds = find(shown, 'DETECTION_LIST/DETECTION/QDS');
    expect([qds?.text, qds?.attrs.severity]).toEqual(['95', 'CRITICAL']);
  });

  it('writes the host once with suppress_duplicated_data_from_csv=1, its detections under it without the host columns', async () => {
    const res = await fetch(`${emulator.url}${DETECTIONS}?action=list&output_format=CSV&ids=10&include_ignored=1&suppress_duplicated_data_from_csv=1`, {
      headers: { Authorization: AUTH, 'X-Requested-With': 'vitest' },
    });
    const rows = (await res.text()).split('\n').filter((l) => /^("|,)/.test(l) && !l.startsWith('"Host ID"') && !l.startsWith('"Status') && l !== '"Finished"');
    expect(rows.map((r) => r.split(',')[0])).toEqual(['"10"', '', '']);
  });
});
