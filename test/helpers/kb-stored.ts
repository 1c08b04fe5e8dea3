import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { startEmulator } from '../../src/index.js';
import { admin } from './admin.js';
import { call, USER } from './emulator.js';

/** A KnowledgeBase list request: its path and its parameters besides `action=list`. */
export type KbRequest = readonly [path: string, query: Record<string, string>];

/**
 * The KnowledgeBase's answers to `requests` from a file database seeded with `entries`: as stored,
 * each VULN written beside its entry, and as entries of a database stored before the written
 * forms were kept, written from their fields. DATETIMEs and the server's URL are blanked, so the
 * two compare byte for byte.
 */
export async function storedAndFromFields(entries: readonly unknown[], requests: readonly KbRequest[]): Promise<{ stored: string[]; fromFields: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'qe-kb-'));
  const db = join(dir, 'kb.sqlite');
  const answers = async () => {
    const emulator = await startEmulator({ db, users: [USER] });
    try {
      const bodies: string[] = [];
      for (const [path, query] of requests) {
        const res = await call(emulator, path, { query: { action: 'list', ...query } });
        expect(res.status, res.body).toBe(200);
        bodies.push(res.body.replaceAll(emulator.url, 'URL').replace(/<DATETIME>[^<]*</g, '<DATETIME><'));
      }
      return bodies;
    } finally {
      await emulator.close();
    }
  };
  try {
    const first = await startEmulator({ db, users: [USER] });
    expect((await admin(first, 'POST', 'seed', { records: [], knowledge_base: entries })).status).toBe(200);
    await first.close();
    const stored = await answers();
    const file = new Database(db);
    file.exec('DELETE FROM kb_vuln_basic; DELETE FROM kb_vuln_all');
    file.close();
    return { stored, fromFields: await answers() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
