import { describe, expect, it } from 'vitest';
import { generateKbEntry } from '../../src/knowledge-base/kb-generator.js';
import { readKbEntry } from '../../src/knowledge-base/kb-entry.js';

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
    // CVE-like IDs, CVSS scores in the range of the severity
    for (const e of entries.filter((x) => x.cve_list)) {
      for (const c of e.cve_list as { id: string }[]) expect(c.id).toMatch(/^CVE-\d{4}-\d{4,5}$/);
      const v3 = Number((e.cvss_v3 as { base: string }).base);
      expect(v3).toBeGreaterThanOrEqual(0.1);
      expect(v3).toBeLessThanOrEqual(10);
    }
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
