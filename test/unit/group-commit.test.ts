import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';

/**
 * Writes of one turn of the event loop share a COMMIT, each in a savepoint of its own: what another
 * connection (another process) sees, and when, is what a client could see.
 */
const dir = mkdtempSync(join(tmpdir(), 'qe-group-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function databases(name: string) {
  const file = join(dir, name);
  const database = openDatabase(file);
  const db = database.connection;
  db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
  const other = new Database(file, { readonly: true });
  const seen = () => other.prepare('SELECT x FROM t ORDER BY x').pluck().all();
  const close = () => {
    other.close();
    database.close();
  };
  return { db, commits: database.commits, seen, close };
}

describe('group commit', () => {
  it("commits a turn's writes together, once the turn is over, and settles then", async () => {
    const { db, commits, seen, close } = databases('turn.sqlite');
    try {
      commits.write(() => db.prepare('INSERT INTO t VALUES (1)').run());
      commits.write(() => db.prepare('INSERT INTO t VALUES (2)').run());
      expect(commits.open).toBe(true);
      // not yet in the file: nothing may be answered yet
      expect(seen()).toEqual([]);
      await commits.settled();
      expect(commits.open).toBe(false);
      expect(seen()).toEqual([1, 2]);
      expect(commits.settled()).toBeUndefined();
    } finally {
      close();
    }
  });

  it('abandoned (the server cut the connections of its writes), rolls the open batch back and writes nothing more', async () => {
    const { db, commits, seen, close } = databases('abandoned.sqlite');
    try {
      commits.write(() => db.prepare('INSERT INTO t VALUES (1)').run());
      const waiting = commits.settled()!;
      commits.abandon();
      await expect(waiting).rejects.toThrow('the emulator stopped before these writes were committed');
      expect(() => commits.write(() => db.prepare('INSERT INTO t VALUES (2)').run())).toThrow('the emulator is stopping');
      await new Promise((resolve) => setImmediate(resolve));
      expect(seen()).toEqual([]);
      expect(db.inTransaction).toBe(false);
    } finally {
      close();
    }
  });

  it('undoes a refused write alone: the others of its turn still land', async () => {
    const { db, commits, seen, close } = databases('refused.sqlite');
    try {
      commits.write(() => db.prepare('INSERT INTO t VALUES (1)').run());
      expect(() =>
        commits.write(() => {
          db.prepare('INSERT INTO t VALUES (2)').run();
          throw new Error('refused');
        }),
      ).toThrow('refused');
      commits.write(() => db.prepare('INSERT INTO t VALUES (3)').run());
      await commits.settled();
      expect(seen()).toEqual([1, 3]);
    } finally {
      close();
    }
  });

  it('commits the waiting writes when the database closes, and on flush', () => {
    const file = join(dir, 'close.sqlite');
    const database = openDatabase(file);
    const { connection: db, commits } = database;
    db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
    commits.write(() => db.prepare('INSERT INTO t VALUES (1)').run());
    commits.flush();
    expect(commits.open).toBe(false);
    commits.write(() => db.prepare('INSERT INTO t VALUES (2)').run());
    database.close();
    const again = new Database(file, { readonly: true });
    try {
      expect(again.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 2]);
    } finally {
      again.close();
    }
  });

  it('fails the batch at once when SQLite rolls the whole transaction back under a write; later writes start a new one', async () => {
    const { db, commits, seen, close } = databases('lost.sqlite');
    try {
      commits.write(() => db.prepare('INSERT INTO t VALUES (1)').run());
      const first = commits.settled()!;
      // SQLITE_FULL, IOERR, NOMEM or BUSY may cancel the whole transaction, not just the statement.
      expect(() =>
        commits.write(() => {
          db.prepare('INSERT INTO t VALUES (2)').run();
          db.exec('ROLLBACK');
          throw new Error('database or disk is full');
        }),
      ).toThrow('full');
      await expect(first).rejects.toThrow('full');
      commits.write(() => db.prepare('INSERT INTO t VALUES (3)').run());
      const third = commits.settled();
      expect(third).not.toBe(first);
      await third;
      expect(seen()).toEqual([3]);
    } finally {
      close();
    }
  });
});
