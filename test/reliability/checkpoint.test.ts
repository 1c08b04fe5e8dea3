import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startEmulator } from '../../src/index.js';
import { call, DOCKER, startTestEmulator, USER } from '../helpers/emulator.js';

/**
 * The write-ahead log is copied into the database file by a thread of its own, not by the
 * commits (which would only do it past 10,000 pages): the file grows while the server answers.
 */
const dir = mkdtempSync(join(tmpdir(), 'qe-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'db.sqlite');
const emulator = await startTestEmulator({ db: file });

describe('the checkpoint thread', () => {
  it('moves committed pages from the WAL into the database file', async () => {
    const before = statSync(file).size;
    for (let i = 0; i < 300; i++) {
      const res = await call(emulator, DOCKER, { form: { action: 'create', title: `c${i}`, ips: `10.80.${i >> 8}.${i & 255}`, comments: 'x'.repeat(500) } });
      expect(res.status).toBe(200);
    }
    // Waits for the thread's next rounds; the bound only ends a failing test.
    for (let waited = 0; statSync(file).size === before && waited < 10_000; waited += 100) await sleep(100);
    expect(statSync(file).size).toBeGreaterThan(before);
  });

  it('is stopped before the server closes its database, which then leaves every commit in the file alone', async () => {
    const own = join(dir, 'closed.sqlite');
    const other = await startEmulator({ db: own, users: [USER] });
    for (let i = 0; i < 20; i++) expect((await call(other, DOCKER, { form: { action: 'create', title: `k${i}`, ips: `10.81.0.${i}` } })).status).toBe(200);
    await other.close();
    // The last connection to close checkpoints and removes the log: that must be the server's.
    expect(existsSync(`${own}-wal`)).toBe(false);
    copyFileSync(own, join(dir, 'copy.sqlite'));
    const copy = new Database(join(dir, 'copy.sqlite'), { readonly: true });
    try {
      expect(copy.prepare('SELECT count(*) FROM auth_records').pluck().get()).toBe(20);
    } finally {
      copy.close();
    }
  });
});
