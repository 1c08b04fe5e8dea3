import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/index.js';
import { call, DOCKER, expectError, startTestEmulator, USER } from '../helpers/emulator.js';

const dir = mkdtempSync(join(tmpdir(), 'qe-damage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database file of 300 records whose records table's root page is then overwritten. */
async function damagedDatabase(): Promise<string> {
  const file = join(dir, 'damaged.sqlite');
  const first = await startEmulator({ db: file, users: [USER] });
  const comments = 'c'.repeat(1000);
  await first.seed({ records: Array.from({ length: 300 }, (_, n) => ({ type: 'docker', title: `r${n}`, ips: `10.3.${n >> 8}.${n & 255}`, comments })) });
  // closing checkpoints the whole log into the file
  await first.close();
  const db = new Database(file, { readonly: true });
  const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'auth_records'").get() as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  // the header and the schema (page 1) stay whole, so the file opens and migrates as ever
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (rootpage - 1) * pageSize);
  closeSync(fd);
  return file;
}

describe('pages damaged where SQLite does not look when it opens the file', () => {
  it('make /health answer 503 and say what quick_check found, while reads fail', async () => {
    const emulator = await startTestEmulator({ db: await damagedDatabase() });
    expectError(await call(emulator, DOCKER, { query: { action: 'list' } }), 500, '999', 'Internal error. Please try again later.');
    let health: { status: number; json: { status: string; database: { reachable: boolean; problems: string[] } } } | undefined;
    // the first check runs in a thread of its own from the start
    for (let i = 0; i < 50 && health?.status !== 503; i++) {
      if (i > 0) await sleep(100);
      const res = await fetch(`${emulator.url}/health`);
      health = { status: res.status, json: await res.json() };
    }
    expect(health!.status).toBe(503);
    expect(health!.json.status).toBe('error');
    expect(health!.json.database.reachable).toBe(true);
    expect(health!.json.database.problems[0]).toMatch(/^quick_check: Tree \d+ \(auth_records\) page \d+: /);
  });
});
