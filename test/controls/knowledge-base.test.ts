import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AUTH, all, call, startTestEmulator, text } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';
import { generateKbEntry } from '../../src/knowledge-base/kb-generator.js';

const emulator = await startTestEmulator();
const KB = '/api/2.0/fo/knowledge_base/vuln/';
/** More than two of the store's batches of 500, so that the answer streams batch after batch. */
const COUNT = 1234;

await emulator.seed({ records: [], knowledge_base: Array.from({ length: COUNT }, (_, i) => generateKbEntry(10000 + i * 3, 1)) });

describe('the KnowledgeBase through the harness', () => {
  it('startEmulator seeds it; a whole KnowledgeBase streams in batches, chunked, every entry once and valid', async () => {
    const res = await call(emulator, KB, { form: { action: 'list', details: 'All' } });
    expect(res.status).toBe(200);
    // streamed: no Content-Length, chunked
    expect(res.headers.get('content-length')).toBeNull();
    const qids = all(res.root, 'RESPONSE/VULN_LIST', 'VULN').map((v) => Number(text(v, 'QID')));
    expect(qids).toEqual(Array.from({ length: COUNT }, (_, i) => 10000 + i * 3));
  });

  it('a client that stops reading halfway leaves the server answering others', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = request(`${emulator.url}${KB}?action=list&details=All`, { headers: { Authorization: AUTH, 'X-Requested-With': 'vitest' } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
    const res = await call(emulator, KB, { query: { action: 'list', ids: '10000' } });
    expect(all(res.root, 'RESPONSE/VULN_LIST', 'VULN')).toHaveLength(1);
  });

  it('journals KnowledgeBase calls (a streamed answer without its body) and faults can target them', async () => {
    await call(emulator, KB, { query: { action: 'list', ids: '10003' } });
    const journal = await admin(emulator, 'GET', `requests?path=${encodeURIComponent(KB)}`);
    expect(journal.json.requests.at(-1)).toMatchObject({ method: 'GET', path: KB, action: 'list', status: 200, body: null });
    await emulator.faults.add([{ path: KB, code: '1965', wait_sec: 5, times: 1 }]);
    const refused = await call(emulator, KB, { query: { action: 'list' } });
    expect(refused.status).toBe(409);
    expect(text(refused.root, 'RESPONSE/CODE')).toBe('1965');
    expect((await call(emulator, KB, { query: { action: 'list', ids: '10003' } })).status).toBe(200);
  });

  it('the dashboard reads entries by QID, title and severity', async () => {
    const one = await admin(emulator, 'GET', 'knowledge-base?q=10003');
    const read = one.json as unknown as { total: number; entries: { qid: number; title: string; severity_level: number }[] };
    expect(read.total).toBe(COUNT);
    expect(read.entries.map((e) => e.qid)).toEqual([10003]);
    const title = read.entries[0].title.split(' ').slice(0, 2).join(' ');
    const byTitle = (await admin(emulator, 'GET', `knowledge-base?q=${encodeURIComponent(title.toUpperCase())}`)).json as unknown as typeof read;
    expect(byTitle.entries.length).toBeGreaterThan(0);
    expect(byTitle.entries.every((e) => e.title.toLowerCase().includes(title.toLowerCase()))).toBe(true);
    const sev5 = (await admin(emulator, 'GET', 'knowledge-base?severity=5')).json as unknown as typeof read;
    expect(sev5.entries.length).toBeGreaterThan(0);
    expect(sev5.entries.every((e) => e.severity_level === 5)).toBe(true);
    expect((await admin(emulator, 'GET', 'knowledge-base?severity=6')).status).toBe(400);
  });

  it('reset empties it', async () => {
    await emulator.reset();
    const res = await call(emulator, KB, { query: { action: 'list' } });
    expect(res.root.children.find((c) => c.name === 'RESPONSE')?.children.map((c) => c.name)).toEqual(['DATETIME']);
  });
});
