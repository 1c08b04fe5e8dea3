import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/index.js';
import { migrate } from '../../src/db/migrate.js';
import { all, call, DOCKER, text, USER } from '../helpers/emulator.js';

const dir = mkdtempSync(join(tmpdir(), 'qe-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('persistence', () => {
  it('shows the same records after a restart on the same database file', async () => {
    const db = join(dir, 'nested', 'emulator.sqlite');
    const first = await startEmulator({ db, users: [USER] });
    for (const [title, ips] of [
      ['one', '10.0.0.1'],
      ['two', '10.0.0.2-10.0.0.9'],
    ]) {
      expect((await call(first, DOCKER, { form: { action: 'create', title, ips } })).status).toBe(200);
    }
    await first.close();

    const second = await startEmulator({ db, users: [USER] });
    try {
      const listed = await call(second, DOCKER, { query: { action: 'list' } });
      const records = all(listed.root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER');
      expect(records.map((r) => [text(r, 'ID'), text(r, 'TITLE'), text(r, 'IP_SET/IP_RANGE') ?? text(r, 'IP_SET/IP')])).toEqual([
        ['1', 'one', '10.0.0.1'],
        ['2', 'two', '10.0.0.2-10.0.0.9'],
      ]);
      // IDs keep increasing across restarts.
      const created = await call(second, DOCKER, { form: { action: 'create', title: 'three', ips: '10.0.1.1' } });
      expect(text(created.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')).toBe('3');
    } finally {
      await second.close();
    }
  });

  it('keeps updates and deletes across a restart', async () => {
    const db = join(dir, 'writes.sqlite');
    const first = await startEmulator({ db, users: [USER] });
    const listOf = async (em: typeof first) => {
      const listed = await call(em, DOCKER, { query: { action: 'list', ids: '1-4294967295' } });
      // The records as written, without the DOCTYPE's port and the response's own DATETIME.
      return listed.body.slice(listed.body.indexOf('<AUTH_DOCKER_LIST>'));
    };
    let before: string;
    try {
      for (const [title, ips] of [
        ['a', '10.0.0.1-10.0.0.9'],
        ['b', '10.0.1.1'],
        ['c', '10.0.2.1'],
      ]) {
        expect((await call(first, DOCKER, { form: { action: 'create', title, ips } })).status).toBe(200);
      }
      const edits: Record<string, string>[] = [
        { action: 'update', ids: '1', remove_ips: '10.0.0.5', comments: 'split', title: 'a2' },
        { action: 'update', ids: '3', ips: '10.0.3.0/30', network_id: '0' },
        { action: 'delete', ids: '2' },
      ];
      for (const form of edits) expect((await call(first, DOCKER, { form })).status).toBe(200);
      before = await listOf(first);
      expect(before).toContain('<IP_RANGE>10.0.0.6-10.0.0.9</IP_RANGE>');
    } finally {
      await first.close();
    }

    const second = await startEmulator({ db, users: [USER] });
    try {
      expect(await listOf(second)).toBe(before);
      const ids = await call(second, DOCKER, { query: { action: 'list', details: 'None' } });
      expect(all(ids.root, 'RESPONSE/ID_SET', 'ID').map((n) => n.text)).toEqual(['1', '3']);
    } finally {
      await second.close();
    }
  });

  it('upgrades an older database: only the migrations it lacks are applied, once', () => {
    const path = join(dir, 'old.sqlite');
    const db = new Database(path);
    try {
      const migrations = join(dir, 'migrations');
      rmSync(migrations, { recursive: true, force: true });
      mkdirSync(migrations);
      writeFileSync(join(migrations, '0001_a.sql'), 'CREATE TABLE a (x INTEGER);');
      expect(migrate(db, migrations)).toEqual(['0001_a.sql']);
      db.prepare('INSERT INTO a VALUES (1)').run();
      writeFileSync(join(migrations, '0002_b.sql'), 'ALTER TABLE a ADD COLUMN y TEXT;');
      expect(migrate(db, migrations)).toEqual(['0002_b.sql']);
      expect(migrate(db, migrations)).toEqual([]);
      expect(db.prepare('SELECT x, y FROM a').all()).toEqual([{ x: 1, y: null }]);
    } finally {
      db.close();
    }
  });

  it('applies the bundled migrations to a database created before them', () => {
    const db = new Database(':memory:');
    try {
      expect(migrate(db).length).toBeGreaterThan(0);
      expect(migrate(db)).toEqual([]);
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['auth_records', 'auth_record_ips', 'schema_migrations']));
    } finally {
      db.close();
    }
  });
});
