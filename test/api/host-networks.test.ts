import { describe, expect, it } from 'vitest';
import { call, startTestEmulator, text } from '../helpers/emulator.js';
import { detections, hostList, hostsOf as hosts, listed } from '../helpers/host-lists.js';

// A seeded host's network (docs/controls.md, "Seed"; docs/fidelity.md §20): the network_ids filter
// and the v5.0 detection HOST's NETWORK_ID and NETWORK_NAME. Every answer is DTD-validated.
const emulator = await startTestEmulator();
const ids = async (path: string, query: Record<string, string>) => hosts((await listed(emulator, path, query)).root).map((h) => text(h, 'ID'));
const found = { qid: 38173, severity: 3 };

await call(emulator, '/api/2.0/fo/asset/ip/', { form: { action: 'add', ips: '10.40.0.0/24', enable_vm: '1' } });
const seeded = await emulator.seed({ records: [], networks: [{ name: 'Lab DMZ' }] });
const lab = String(seeded.network_ids![0]);
await emulator.seed({
  records: [],
  hosts: [
    { id: 800, ip: '10.40.0.1', detections: [found] },
    { id: 801, ip: '10.40.0.2', network_id: Number(lab), detections: [found] },
    { id: 802, ip: '10.40.0.3', network_id: 0, detections: [found] },
  ],
});

describe('a seeded host in a custom network', () => {
  it('is kept by network_ids=<its network> alone, and left out by network_ids=0, in both lists', async () => {
    for (const path of [hostList('2.0'), hostList('5.0'), detections('2.0'), detections('5.0')]) {
      expect(await ids(path, { network_ids: lab })).toEqual(['801']);
      expect(await ids(path, { network_ids: '0' })).toEqual(['800', '802']);
      expect(await ids(path, { network_ids: `0,${lab}` })).toEqual(['800', '801', '802']);
    }
  });

  it("names its network in the v5.0 detection HOST: NETWORK_ID and the network's NAME as stored", async () => {
    const place = (h: ReturnType<typeof hosts>[number]) => [text(h, 'ID'), text(h, 'NETWORK_ID'), text(h, 'NETWORK_NAME')];
    expect(hosts((await listed(emulator, detections('5.0'), { ids: '800-802' })).root).map(place)).toEqual([
      ['800', '0', 'Global Default Network'],
      ['801', lab, 'Lab DMZ'],
      ['802', '0', 'Global Default Network'],
    ]);
  });

  it('refuses a seed naming an unknown network as the API refuses one, and changes nothing', async () => {
    const refused = emulator.seed({
      records: [],
      hosts: [
        { id: 810, ip: '10.40.0.10' },
        { id: 811, ip: '10.40.0.11', network_id: 99 },
      ],
    });
    await expect(refused).rejects.toMatchObject({ index: 1, code: '1905', text: 'parameter network_id has invalid value: 99 (No such network ID)' });
    await expect(emulator.seed({ records: [], hosts: [{ ip: '10.40.0.12', network_id: -1 }] })).rejects.toMatchObject({ index: 0 });
    expect(await ids(hostList('5.0'), { ips: '10.40.0.0/24' })).toEqual(['800', '801', '802']);
  });
});
