import { describe, expect, it } from 'vitest';
import { generateKbEntry } from '../../src/knowledge-base/kb-generator.js';
import { readKbEntry } from '../../src/knowledge-base/kb-entry.js';
import { cvss2Base, cvss3Base } from '../../src/knowledge-base/cvss-score.js';

const refuse = (message: string): never => {
  throw new Error(message);
};

describe('generateKbEntry', () => {
  it('is deterministic: the same QID and seed give the same entry; another seed another', () => {
    expect(JSON.stringify(generateKbEntry(105015, 42))).toBe(JSON.stringify(generateKbEntry(105015, 42)));
    expect(JSON.stringify(generateKbEntry(105015, 42))).not.toBe(JSON.stringify(generateKbEntry(105015, 43)));
  });

  it('makes entries a seed takes as they are, with realistic spreads of severities and types', () => {
    const entries = Array.from({ length: 2000 }, (_, i) => generateKbEntry(i + 1, 9));
    for (const e of entries) expect(readKbEntry(e, '2026-01-01T00:00:00Z', 'e', refuse)).toEqual(e);
    const share = (f: (e: (typeof entries)[number]) => boolean) => entries.filter(f).length / entries.length;
    for (const level of ['1', '2', '3', '4', '5']) expect(share((e) => e.severity_level === level)).toBeGreaterThan(0.03);
    expect(share((e) => e.vuln_type === 'Information Gathered')).toBeGreaterThan(0.05);
    expect(share((e) => e.patchable === '1')).toBeGreaterThan(0.4);
    // CVE-like IDs, CVSS scores those of the vectors, in the range of the severity
    const range: Record<string, [number, number]> = { 1: [0.1, 3.9], 2: [2.0, 4.9], 3: [4.0, 6.9], 4: [7.0, 8.9], 5: [9.0, 10.0] };
    for (const e of entries.filter((x) => x.cve_list)) {
      for (const c of e.cve_list as { id: string }[]) expect(c.id).toMatch(/^CVE-\d{4}-\d{4,5}$/);
      const v3 = e.cvss_v3 as { base: string; vector_string: string };
      const v2 = e.cvss as { base: { value: string }; vector_string: string };
      expect(v3.base).toBe(cvss3Base(v3.vector_string).toFixed(1));
      expect(v2.base.value).toBe(cvss2Base(v2.vector_string).toFixed(1));
      const [lo, hi] = range[e.severity_level];
      for (const base of [Number(v3.base), Number(v2.base.value)]) expect(lo <= base && base <= hi, `${e.qid}: ${base}`).toBe(true);
    }
  });

  it('changes only the CVSS of the entries it made before scores followed vectors', () => {
    // QID 105015, seed 42: its first draws and its last (patch_published_date) as before; its
    // drawn v3 vector scored in its severity's range, so it stays, now with the score it has
    const e = generateKbEntry(105015, 42);
    expect([e.severity_level, e.title, e.patch_published_date]).toEqual([
      '4',
      'Wingtip SSH Daemon Denial of Service Vulnerability (WI-2020-942)',
      '2020-10-23T13:51:01Z',
    ]);
    expect((e.cvss_v3 as { vector_string: string }).vector_string).toBe('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:H/A:N/E:U/RL:O/RC:C');
    expect(e.cvss_v3).toMatchObject({ base: '7.1', temporal: '6.2' });
    expect(e.cvss).toMatchObject({ base: { value: '7.0' }, temporal: '5.2', vector_string: 'CVSS:2.0/AV:A/AC:M/Au:S/C:C/I:C/A:P/E:U/RL:OF/RC:C' });
  });
});

describe('the knowledgeBase offer', () => {
  it('adds generated entries for the QIDs not there yet, inside the caller’s write', async () => {
    const { openDatabase } = await import('../../src/db/open.js');
    const { knowledgeBaseFamily } = await import('../../src/knowledge-base/family.js');
    const database = openDatabase(':memory:');
    try {
      const { offers } = knowledgeBaseFamily.build({
        database,
        settings: { pageSize: 10, requireHostRecord: false, networks: [], scanStepSeconds: 0 },
        secrets: new (await import('../../src/qualys/secrets.js')).SecretParams([]),
        links: {},
      });
      const kb = offers.knowledgeBase;
      database.commits.write(() => kb.add({ qid: 5, severity_level: 1, title: 'seeded' }, '2026-01-01T00:00:00Z'));
      expect(database.commits.write(() => kb.addGenerated([5, 6, 7, 6], 3))).toBe(2);
      expect([5, 6, 7, 8].map((q) => kb.has(q))).toEqual([true, true, true, false]);
      expect(() => database.commits.write(() => kb.add({ qid: 6, severity_level: 1, title: 'again' }, '2026-01-01T00:00:00Z'))).toThrow(
        'knowledge_base entry.qid 6 is in the KnowledgeBase already',
      );
    } finally {
      database.close();
    }
  });
});
