import { describe, expect, it } from 'vitest';
import { generateKbEntry } from '../../src/knowledge-base/kb-generator.js';
import { admin } from '../helpers/admin.js';
import { all, call, find, startTestEmulator, text, type Node } from '../helpers/emulator.js';
import { storedAndFromFields } from '../helpers/kb-stored.js';

// What each version of the KnowledgeBase answers differently (docs/fidelity.md §21, "Versions"):
// 3.0 and 4.0 write PATCH_PUBLISHED_DATE after PATCHABLE and name a DTD declaring it; 2.0 neither.

const emulator = await startTestEmulator();
const path = (version: string) => `/api/${version}/fo/knowledge_base/vuln/`;

/** Made-up entries: one patched with a date, one patchable without one, one not patchable. */
const DATED = {
  qid: 91001,
  severity_level: 4,
  title: 'Example Mail Relay Header Overflow',
  published_datetime: '2025-01-10T09:00:00Z',
  patchable: 1,
  patch_published_date: '2025-01-14T00:00:00Z',
  software_list: [{ product: 'mail_relay', vendor: 'example' }],
  diagnosis: 'A long header overflows a buffer.',
  pci_reasons: ['Severity 4 vulnerability'],
};
const UNDATED = { qid: 91002, severity_level: 3, title: 'Example Gateway Weak Cipher', patchable: 1, published_datetime: '2025-02-01T00:00:00Z' };
const seeded = await admin(emulator, 'POST', 'seed', { records: [], knowledge_base: [DATED, UNDATED] });

const list = async (version: string, query: Record<string, string> = {}) => {
  const res = await call(emulator, path(version), { query: { action: 'list', ...query } });
  expect(res.status, res.body).toBe(200);
  return res;
};
const vuln = (root: Node, qid: number) => all(root, 'RESPONSE/VULN_LIST', 'VULN').find((v) => text(v, 'QID') === String(qid))!;
const next = (v: Node, name: string) => v.children[v.children.findIndex((c) => c.name === name) + 1]?.name;

describe('KnowledgeBase versions', () => {
  it('takes patch_published_date in a seed entry', () => {
    expect(seeded.status, JSON.stringify(seeded.json)).toBe(200);
  });

  it('2.0 writes no PATCH_PUBLISHED_DATE, with any details or show_ flag, and names its own DTD', async () => {
    for (const query of [{}, { details: 'All' }, { show_pci_reasons: '1' }] as Record<string, string>[]) {
      const res = await list('2.0', query);
      expect(res.body).toContain(`SYSTEM "${emulator.url}${path('2.0')}knowledge_base_vuln_list_output.dtd"`);
      expect(find(vuln(res.root, DATED.qid), 'PATCH_PUBLISHED_DATE')).toBeUndefined();
      expect(next(vuln(res.root, DATED.qid), 'PATCHABLE')).toBe('SOFTWARE_LIST');
    }
  });

  it.each(['3.0', '4.0'])('%s writes PATCH_PUBLISHED_DATE after PATCHABLE, stored or written from fields, and names its own DTD', async (version) => {
    // Basic and All copy the stored VULN; a show_ flag writes it from the entry's fields
    for (const query of [{}, { details: 'All' }, { show_pci_reasons: '1' }, { details: 'All', show_qid_change_log: '1' }] as Record<string, string>[]) {
      const res = await list(version, query);
      expect(res.body).toContain(`SYSTEM "${emulator.url}${path(version)}knowledge_base_vuln_list_output.dtd"`);
      const dated = vuln(res.root, DATED.qid);
      expect(next(dated, 'PATCHABLE')).toBe('PATCH_PUBLISHED_DATE');
      expect(text(dated, 'PATCH_PUBLISHED_DATE')).toBe('2025-01-14T00:00:00Z');
      expect(next(dated, 'PATCH_PUBLISHED_DATE')).toBe('SOFTWARE_LIST');
      expect(find(vuln(res.root, UNDATED.qid), 'PATCH_PUBLISHED_DATE')).toBeUndefined();
    }
  });

  it('serves each version the DTD its DOCTYPE names: 3.0 and 4.0 declare PATCH_PUBLISHED_DATE, 2.0 does not', async () => {
    const dtd = async (version: string) => {
      const res = await fetch(`${emulator.url}${path(version)}knowledge_base_vuln_list_output.dtd`);
      expect(res.status).toBe(200);
      return res.text();
    };
    expect(await dtd('2.0')).not.toContain('PATCH_PUBLISHED_DATE');
    for (const version of ['3.0', '4.0']) expect(await dtd(version)).toContain('PATCHABLE, PATCH_PUBLISHED_DATE?, SOFTWARE_LIST?');
  });

  it('refuses a patch_published_date that is not a date and time, the whole seed with it', async () => {
    const res = await admin(emulator, 'POST', 'seed', { records: [], knowledge_base: [{ ...DATED, qid: 91003, patch_published_date: '2025-01-14' }] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toMatch(/patch_published_date must be a date and time/);
  });
});

describe('generated entries across versions', () => {
  it('give patchable entries a PATCH_PUBLISHED_DATE between publication and the last change, the same bytes stored or written from fields', async () => {
    const entries = Array.from({ length: 30 }, (_, i) => generateKbEntry(800000 + i, 5));
    const dated = entries.filter((e) => e.patchable === '1');
    expect(dated.length).toBeGreaterThan(5);
    for (const e of dated) {
      const date = e.patch_published_date as string;
      expect(date >= (e.published_datetime as string) && date <= (e.last_service_modification_datetime as string), `${e.qid}: ${date}`).toBe(true);
    }
    expect(entries.filter((e) => e.patch_published_date !== undefined)).toEqual(dated);
    const { stored, fromFields } = await storedAndFromFields(
      [DATED, ...entries],
      [
        [path('3.0'), { details: 'Basic' }],
        [path('4.0'), { details: 'All' }],
        [path('2.0'), { details: 'All' }],
      ],
    );
    expect(stored[0].match(/<PATCH_PUBLISHED_DATE>/g)).toHaveLength(dated.length + 1);
    expect(stored[1].match(/<PATCH_PUBLISHED_DATE>/g)).toHaveLength(dated.length + 1);
    expect(stored[2]).not.toContain('PATCH_PUBLISHED_DATE');
    expect(fromFields).toEqual(stored);
  });
});
