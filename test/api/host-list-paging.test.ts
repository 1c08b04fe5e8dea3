import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/index.js';
import { truRisk } from '../../src/hosts/trurisk.js';
import { all, call, startTestEmulator, text, USER } from '../helpers/emulator.js';
import { olderDatabase } from '../helpers/older-database.js';

type RiskInput = Parameters<typeof truRisk>[0][number];

// Host list filters that keep few hosts, over more hosts than one read takes (100): each page must
// hold the hosts the whole list would, and page on from its last (docs/fidelity.md §20, "TruRisk",
// "Tags"). Every answer is DTD-validated.
const emulator = await startTestEmulator();
const hostList = '/api/5.0/fo/asset/host/';
const detections = '/api/5.0/fo/asset/host/vm/detection/';

/** Hosts 1001-1350; [E] kept by tag 77 and a high score: 1001, 1002, then none for 200, then a few. */
const KEPT = new Set([1, 2, 203, 204, 205, 320, 350]);
const COUNT = 350;
await call(emulator, '/api/2.0/fo/asset/ip/', { form: { action: 'add', ips: '10.30.0.0/23', enable_vm: '1' } });
await emulator.seed({
  records: [],
  hosts: Array.from({ length: COUNT }, (_, i) => {
    const n = i + 1;
    const kept = KEPT.has(n);
    return {
      id: 1000 + n,
      ip: `10.30.${n >> 8}.${n & 255}`,
      tags: kept ? [{ tag_id: 77, name: 'Kept' }] : n % 2 === 0 ? [{ tag_id: 78, name: 'Other' }] : [],
      detections: [
        { qid: 38173, severity: kept ? 5 : 1, type: 'Confirmed', status: 'Active', qds: kept ? 100 : 10 },
        // [E] a fixed, an ignored and a disabled severity 5 never raise the score
        { qid: 38174, severity: 5, type: 'Confirmed', status: 'Fixed', qds: 100 },
        { qid: 38175, severity: 5, type: 'Confirmed', status: 'Active', qds: 100, is_ignored: 1 },
        { qid: 38176, severity: 5, type: 'Confirmed', status: 'Active', qds: 100, is_disabled: 1 },
      ],
    };
  }),
});

const keptIds = [...KEPT].map((n) => String(1000 + n));

/** Every host a list names, following its pages; the IDs of each page. */
async function pages(query: Record<string, string>): Promise<string[][]> {
  const out: string[][] = [];
  let path: string | undefined = `${hostList}?${new URLSearchParams({ action: 'list', ...query })}`;
  while (path !== undefined) {
    const res = await call(emulator, path);
    expect(res.status, res.body).toBe(200);
    const ids =
      query.details === 'None'
        ? all(res.root, 'RESPONSE/ID_SET', 'ID').map((n) => n.text!)
        : all(res.root, 'RESPONSE/HOST_LIST', 'HOST').map((h) => text(h, 'ID')!);
    out.push(ids);
    const next = text(res.root, 'RESPONSE/WARNING/URL');
    path = next?.slice(emulator.url.length);
  }
  return out;
}

describe('host list filters over many reads', () => {
  for (const [name, filter] of [
    ['tags', { use_tags: '1', tag_set_include: '77' }],
    ['tag names, less those excluded', { use_tags: '1', tag_set_by: 'name', tag_set_exclude: 'Other,None' }],
    ['TruRisk', { trurisk_min: '300' }],
    ['ARS and TruRisk together', { ars_min: '300', trurisk_max: '1000' }],
  ] as const) {
    it(`keeps by ${name} across gaps of more than 100 hosts, page by page as whole`, async () => {
      const expected = name.startsWith('tag names') ? undefined : keptIds;
      const [whole] = await pages({ ...filter, truncation_limit: '0' });
      if (expected) expect(whole).toEqual(expected);
      for (const details of ['Basic', 'None']) {
        const paged = await pages({ ...filter, details, truncation_limit: '2' });
        expect(paged.flat()).toEqual(whole);
        expect(paged.slice(0, -1).every((p) => p.length === 2)).toBe(true);
      }
    });
  }

  it('leaves hosts with tag 78 out, those without tags kept', async () => {
    const [whole] = await pages({ use_tags: '1', tag_set_exclude: '78', truncation_limit: '0' });
    const tagged = Array.from({ length: COUNT }, (_, i) => i + 1).filter((n) => n % 2 === 0 && !KEPT.has(n));
    expect(whole).toHaveLength(COUNT - tagged.length);
    expect(whole).toContain('1350');
    expect(whole).not.toContain('1004');
  });

  it('scores from open detections only: a host of a fixed, an ignored and a disabled severity 5 scores as one without', async () => {
    const res = await call(emulator, hostList, { query: { action: 'list', ids: '1001,1003', show_trurisk: '1', show_trurisk_factors: '1' } });
    const [kept, low] = all(res.root, 'RESPONSE/HOST_LIST', 'HOST');
    // [E] severity 5 of QDS 100: 2 × 100 × 2 = 400, 1000 × (1 − 2^(−400/600)) = 370; severity 1 of QDS 10: 2, so 2
    expect([text(kept, 'TRURISK_SCORE'), text(low, 'TRURISK_SCORE')]).toEqual(['370', '2']);
    expect(all(kept, 'TRURISK_SCORE_FACTORS', 'VULN_COUNT').map((c) => c.text)).toEqual(['0', '0', '0', '0', '1']);
  });
});

describe('v5.0 detection HOST groups over many hosts', () => {
  it('lists each host in exactly the groups holding its IP, by ID, over several reads', async () => {
    // groups of several ranges, overlapping, one holding no host
    const specs = ['10.30.0.1-10.30.0.40,10.30.0.200-10.30.1.10', '10.30.0.30-10.30.0.35', '10.30.1.90', '10.30.0.0/23', '10.30.1.200'];
    const groups: { id: string; ranges: [number, number][] }[] = [];
    const num = (ip: string) => ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
    for (const [i, ips] of specs.entries()) {
      const added = await call(emulator, '/api/2.0/fo/asset/group/', { form: { action: 'add', title: `G${i}`, ips } });
      expect(added.status, added.body).toBe(200);
      const id = all(added.root, 'RESPONSE/ITEM_LIST', 'ITEM')[0].children[1].text!;
      const ranges = ips.split(',').map((r): [number, number] => {
        if (r.includes('/')) return [num('10.30.0.0'), num('10.30.1.255')];
        const [lo, hi = lo] = r.split('-');
        return [num(lo), num(hi)];
      });
      groups.push({ id, ranges });
    }
    const res = await call(emulator, detections, { query: { action: 'list', truncation_limit: '0' } });
    expect(res.status, res.body).toBe(200);
    const listed = all(res.root, 'RESPONSE/HOST_LIST', 'HOST');
    expect(listed).toHaveLength(COUNT);
    for (const h of listed) {
      const ip = num(text(h, 'IP')!);
      const expected = groups.filter((g) => g.ranges.some(([lo, hi]) => lo <= ip && ip <= hi)).map((g) => g.id);
      expect(all(h, 'ASSET_GROUP_LIST', 'ASSET_GROUP').map((g) => text(g, 'ID'))).toEqual(expected);
    }
  });
});

describe('a database written before scores were kept', () => {
  const older = olderDatabase('0017');

  it('has each host scored by the migration, as a host written now is', async () => {
    const old = older.open();
    const host = old.prepare("INSERT INTO hosts (id, ip, tracking_method) VALUES (?, ?, 'IP')");
    const detection = old.prepare(
      `INSERT INTO host_detections (host_id, qid, type, severity, status, first_found_datetime, last_found_datetime, qds, times_found,
         last_test_datetime, last_update_datetime, is_ignored, is_disabled, last_processed_datetime, xml)
       VALUES (@host_id, 1, @type, @severity, @status, 'x', 'x', @qds, 1, 'x', 'x', @is_ignored, @is_disabled, 'x', x'00')`,
    );
    // hosts of every kind of detection, in varied numbers, the same each run
    const written = new Map<number, RiskInput[]>();
    let r = 7;
    const next = (n: number) => {
      r = (r * 48271) % 2147483647;
      return r % n;
    };
    for (let id = 1; id <= 40; id++) {
      host.run(id, id);
      const ds: RiskInput[] = Array.from({ length: next(30) }, () => ({
        type: (['Confirmed', 'Potential', 'Info'] as const)[next(3)],
        status: (['New', 'Active', 'Fixed', 'Re-Opened'] as const)[next(4)],
        severity: 1 + next(5),
        qds: next(4) === 0 ? null : 1 + next(100),
        is_ignored: next(10) === 0 ? 1 : 0,
        is_disabled: next(10) === 0 ? 1 : 0,
      }));
      for (const d of ds) detection.run({ host_id: id, ...d });
      written.set(id, ds);
    }
    old.close();

    const restarted = await startEmulator({ db: older.file, users: [USER] });
    try {
      const res = await call(restarted, hostList, { query: { action: 'list', show_trurisk: '1' } });
      const scores = all(res.root, 'RESPONSE/HOST_LIST', 'HOST').map((h) => Number(text(h, 'TRURISK_SCORE')));
      expect(scores).toEqual([...written.values()].map(truRisk));
      expect(new Set(scores).size).toBeGreaterThan(20);
    } finally {
      await restarted.close();
    }
  });
});
