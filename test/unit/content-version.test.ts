import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { emptyDatabase } from '../../src/db/empty.js';

/**
 * What is kept in memory from the database (records read, whole list answers) is kept under the
 * database's content version: read afresh at every use, so another process's commit is seen by
 * the next request whatever the event loop did, and never one name for two contents.
 */
const dir = mkdtempSync(join(tmpdir(), 'qe-version-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function databases() {
  const file = join(dir, `${++files}.sqlite`);
  const database = openDatabase(file);
  const { connection, commits } = database;
  connection.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
  const other = new Database(file);
  let next = 1;
  return {
    database,
    /** a write of this connection, committed */
    write: () => {
      commits.write(() => connection.prepare('INSERT INTO t VALUES (?)').run(next++));
      commits.flush();
    },
    /** a write of this connection that is refused: its savepoint rolls back */
    refused: () => {
      const refusal = () => {
        connection.prepare('INSERT INTO t VALUES (?)').run(next++);
        throw new Error('refused');
      };
      expect(() => commits.write(refusal)).toThrow('refused');
      commits.flush();
    },
    /** a commit of another connection, as another process on the same file makes */
    commitElsewhere: () => other.prepare('INSERT INTO t VALUES (?)').run(next++),
    contents: () => JSON.stringify(connection.prepare('SELECT x FROM t ORDER BY x').pluck().all()),
    close: () => {
      other.close();
      database.close();
    },
  };
}

describe('the content version', () => {
  it("counts another connection's commit at the next read, with nothing to wait for in between", () => {
    const { database, commitElsewhere, close } = databases();
    try {
      const { version } = database;
      const before = version.otherChanges();
      expect(version.otherChanges()).toBe(before);
      commitElsewhere();
      expect(version.otherChanges()).not.toBe(before);
    } finally {
      close();
    }
  });

  it("counts an emptying among the other changes, but not this connection's own writes", () => {
    const { database, write, refused, close } = databases();
    try {
      const { version } = database;
      const before = version.otherChanges();
      write();
      refused();
      expect(version.otherChanges()).toBe(before);
      emptyDatabase(database);
      expect(version.otherChanges()).not.toBe(before);
    } finally {
      close();
    }
  });

  it('names nothing while writes wait for their COMMIT', async () => {
    const { database, close } = databases();
    try {
      const { connection, commits, version } = database;
      commits.write(() => connection.prepare('INSERT INTO t VALUES (100)').run());
      expect(version.name()).toBeUndefined();
      await commits.settled();
      expect(version.name()).toBeDefined();
    } finally {
      close();
    }
  });

  it('never gives two different contents one name, whoever changed them', () => {
    const { database, write, refused, commitElsewhere, contents, close } = databases();
    try {
      const steps = { write, refused, commitElsewhere, empty: () => emptyDatabase(database), nothing: () => {} };
      const named = new Map<string, string>();
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...(Object.keys(steps) as (keyof typeof steps)[])), { maxLength: 20 }), (run) => {
          for (const step of run) {
            steps[step]();
            const name = database.version.name()!;
            const now = contents();
            expect(named.get(name) ?? now, `${name} after ${step}`).toBe(now);
            named.set(name, now);
          }
        }),
        { numRuns: 50 },
      );
    } finally {
      close();
    }
  });
});
