import { describe, expect, it } from 'vitest';
import { all, call, startTestEmulator } from '../helpers/emulator.js';

/**
 * A list whose filters choose detections by class alone (status, include_vuln_type, show_igs,
 * include_ignored, include_disabled) reads each host's DETECTION elements as joined when they were
 * written; any other filter reads them one by one. The two must answer the same bytes, so a
 * joined copy that went stale, or cut wrongly, shows here.
 */

const emulator = await startTestEmulator();
const DETECTIONS = '/api/2.0/fo/asset/host/vm/detection/';

await call(emulator, '/api/2.0/fo/asset/ip/', { form: { action: 'add', ips: '192.168.7.0/24', enable_vm: '1' } });
// a seeded host with a detection of every kind a class tells apart, in an order that mixes them
const kinds = ['Confirmed', 'Potential', 'Info'].flatMap((type) =>
  ['New', 'Active', 'Fixed', 'Re-Opened'].flatMap((status) => [
    { type, status, is_ignored: 0, is_disabled: 0 },
    { type, status, is_ignored: 1, is_disabled: 0 },
    { type, status, is_ignored: 0, is_disabled: 1 },
  ]),
);
await emulator.seed({
  records: [],
  hosts: [
    {
      id: 7,
      ip: '192.168.7.7',
      dns: 'mixed.example.test',
      tags: [{ tag_id: 3, name: 'Mixed' }],
      detections: kinds.map((k, i) => ({ qid: 1000 + ((i * 7) % kinds.length), severity: 1 + (i % 5), results: `result ${i} <&>`, ...k })),
    },
  ],
});
await emulator.generateHosts({ seed: 11, count: 40 });

/** The HOST_LIST of a list of every host, as bytes. */
async function hostList(query: string, from: Pick<typeof emulator, 'url'> = emulator, path = DETECTIONS): Promise<string> {
  const res = await call(from, `${path}?action=list&truncation_limit=0&${query}`);
  expect(res.status, res.body).toBe(200);
  expect(all(res.root, 'RESPONSE/HOST_LIST', 'HOST').length, query).toBeGreaterThan(0);
  return res.body.slice(res.body.indexOf('<HOST_LIST>'), res.body.indexOf('</HOST_LIST>'));
}

describe('detections joined per host', () => {
  const byClass = [
    '',
    'status=Active',
    'include_vuln_type=potential',
    'show_igs=1',
    'status=New,Active,Fixed,Re-Opened&show_igs=1',
    'status=Fixed&include_ignored=1',
    'status=Re-Opened,New&include_disabled=1&include_vuln_type=potential&show_igs=1',
    'include_vuln_type=confirmed&include_ignored=1&include_disabled=1&show_asset_id=1&show_tags=1',
  ];
  for (const query of byClass) {
    it(`answers ${query || 'the defaults'} as the detection-by-detection read does`, async () => {
      // severities 1-5 keeps every detection, but is a filter the joined elements cannot answer
      expect(await hostList(query)).toBe(await hostList(`${query}&severities=1-5`));
    });
  }

  it('writes what version 5.0 adds to each HOST on either read', async () => {
    const v5 = '/api/5.0/fo/asset/host/vm/detection/';
    const list = await hostList('show_igs=1', emulator, v5);
    expect(list).toContain('<NETWORK_NAME>');
    expect(list).toBe(await hostList('show_igs=1&severities=1-5', emulator, v5));
  });

  it('cuts a host whose detections the filters keep only in part', async () => {
    const list = await hostList('ids=7&status=Active&include_ignored=1');
    expect(list.match(/<DETECTION>/g)).toHaveLength(4);
    expect(list).toBe(await hostList('ids=7&status=Active&include_ignored=1&severities=1-5'));
  });
});
