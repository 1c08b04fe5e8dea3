import { DatabaseCondition } from '../../src/db/condition.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import type { Database } from '../../src/db/connection.js';
import { ContentVersion } from '../../src/db/content-version.js';
import { GroupCommit } from '../../src/db/group-commit.js';
import { RecordStore } from '../../src/auth-records/record-store.js';
import { normalise, type IntervalSet } from '../../src/qualys/interval-set.js';

/**
 * A set of ID or IP ranges costs the store one statement, whatever its size: a statement per
 * range made one request of 150,000 ranges hold the server for seconds (npm run bench measures
 * the time; this counts the statements, which a slower machine cannot blur).
 */

/** A database whose statements, the content version's too, count each execution. */
function countingDb(): { db: Database; executions: () => number } {
  const { connection: db, close } = openDatabase(':memory:');
  let count = 0;
  const counted = new Set(['run', 'get', 'all', 'iterate']);
  const wrap = (stmt: object): object =>
    new Proxy(stmt, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (counted.has(String(key))) count++;
          const out = (value as (...a: unknown[]) => unknown).apply(target, args);
          // pluck() and raw() return the statement itself, which must stay counted.
          return out === target ? receiver : out;
        };
      },
    });
  const proxy = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => wrap(target.prepare(sql));
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const commits = new GroupCommit(proxy);
  return {
    db: { connection: proxy, commits, condition: new DatabaseCondition(undefined), version: new ContentVersion(proxy, commits), close },
    executions: () => count,
  };
}

const now = '2024-01-01T00:00:00Z';
const record = (title: string, ips: IntervalSet) => ({ type: 'docker', title, fields: {}, ips, createdAt: now, createdBy: 'u', modifiedAt: now });
/** `count` single-member ranges, every other integer from `from`. */
const spaced = (from: number, count: number): IntervalSet => Array.from({ length: count }, (_, i) => [from + 2 * i, from + 2 * i] as const);

describe('the record store with 150,000 ranges', () => {
  const { db, executions } = countingDb();
  const store = new RecordStore(db);
  const ids = [1, 2, 3, 4].map((n) => store.insert(record(`r${n}`, [[n * 10, n * 10]])));
  const statements = (fn: () => unknown) => {
    const before = executions();
    fn();
    return executions() - before;
  };
  const odd = spaced(1, 150_000);

  // A list's statements: the data version, the IDs, then the rows and IPs of records not cached.
  it('lists, pages and reads them in one statement', () => {
    const filter = { ids: spaced(2, 150_000) };
    expect(statements(() => expect(store.list('docker', filter, 10).records.map((r) => r.id)).toEqual([2, 4]))).toBeLessThanOrEqual(4);
    expect(statements(() => expect(store.listIds(filter, 1)).toEqual({ records: [{ id: 2, type: 'docker' }], nextId: 4 }))).toBe(1);
    expect(statements(() => expect(store.records('docker', odd).map((r) => r.id)).toEqual([1, 3]))).toBeLessThanOrEqual(4);
  });

  it('checks and stores IP sets in one statement each', () => {
    expect(statements(() => expect(store.ipOverlaps('docker', spaced(10, 150_000)).map((o) => o.recordId)).toEqual(ids))).toBe(1);
    expect(statements(() => store.insert(record('wide', spaced(1_000_000, 150_000))))).toBe(2);
  });

  it('deletes them in one statement', () => {
    expect(statements(() => expect(store.deleteIn('docker', odd)).toEqual([1, 3, 5]))).toBe(1);
  });
});

describe('a list over many ranges', () => {
  it('answers the matching IDs ascending, a page at a time, as a Set model says', () => {
    const { db } = countingDb();
    const store = new RecordStore(db);
    for (let n = 1; n <= 60; n++) store.insert(record(`m${n}`, [[n, n]]));
    const ranges = fc.array(fc.tuple(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 0, max: 5 })), { maxLength: 12 });
    fc.assert(
      fc.property(ranges, fc.integer({ min: 1, max: 8 }), (raw, limit) => {
        const set = normalise(raw.map(([lo, len]) => [lo, lo + len] as const));
        const expected = set.flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i)).filter((id) => id <= 60);
        const { records, nextId } = store.list('docker', { ids: set }, limit);
        expect(records.map((r) => r.id)).toEqual(expected.slice(0, limit));
        expect(nextId).toBe(expected[limit]);
      }),
    );
  });
});
