import type { Statement } from 'better-sqlite3';
import type { Db } from './sqlite-connection.js';

/** A row of a run table: a run `lo..hi` of one network's addresses, and the columns it shares. */
export interface RunRow {
  network_id: number;
  lo: number;
  hi: number;
  [column: string]: string | number | null;
}

const LAST_ADDRESS = 2 ** 32 - 1;

/** Sorted, disjoint ranges (an IntervalSet of src/qualys/, which this layer does not import). */
type Ranges = readonly (readonly [number, number])[];

/**
 * A table keeping sets of addresses per network as disjoint runs, keyed (network_id, lo), each
 * run sharing its other columns: the subscription's IPs, the excluded IPs. Every read is an
 * index seek: the runs meeting `lo..hi` are the last one starting at or before `lo`, then those
 * starting up to `hi`, as runs of one network never overlap. `table` and `columns` are the
 * caller's constants, never request text.
 */
export class RunTable {
  private readonly stmts: Record<'meeting' | 'countFrom' | 'nextNetwork' | 'delete' | 'insert' | 'page' | 'count', Statement>;

  constructor(
    db: Db,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    this.stmts = {
      meeting: db.prepare(this.seek('*')),
      countFrom: db.prepare(`SELECT count(*) FROM ${table} WHERE network_id = ? AND lo BETWEEN ? AND ?`).pluck(),
      nextNetwork: db.prepare(`SELECT min(network_id) FROM ${table} WHERE network_id > ?`).pluck(),
      delete: db.prepare(`DELETE FROM ${table} WHERE network_id = ? AND lo = ?`),
      // positional: binding a row by name cost more than writing it
      insert: db.prepare(`INSERT OR REPLACE INTO ${table} (network_id, lo, hi, ${columns.join(', ')}) VALUES (?, ?, ?, ${columns.map(() => '?').join(', ')})`),
      page: db.prepare(`SELECT * FROM ${table} WHERE (network_id, lo) > (@network_id, @lo) ORDER BY network_id, lo LIMIT @limit`),
      count: db.prepare(`SELECT count(*) FROM ${table}`).pluck(),
    };
  }

  /** The SELECT of `what` from the runs meeting @lo..@hi of network @network_id, `where` also holding, by address. */
  seek(what: string, where = 'TRUE'): string {
    const from = `(SELECT coalesce((SELECT lo FROM ${this.table} WHERE network_id = @network_id AND lo <= @lo ORDER BY lo DESC LIMIT 1), @lo))`;
    return `SELECT ${what} FROM ${this.table} WHERE network_id = @network_id AND lo >= ${from} AND lo <= @hi AND hi >= @lo AND ${where} ORDER BY lo`;
  }

  /** The parameters of a `seek` statement, `lo..hi` clipped to the address space. */
  bounds(networkId: number, lo: number, hi: number) {
    return { network_id: networkId, lo: Math.max(lo, 0), hi: Math.min(hi, LAST_ADDRESS) };
  }

  /** The runs of network `networkId` holding any address of `lo..hi`, by address. */
  meeting(networkId: number, lo: number, hi: number): RunRow[] {
    return this.stmts.meeting.all(this.bounds(networkId, lo, hi)) as RunRow[];
  }

  /**
   * Where to seek the runs meeting any range of `set` (or its neighbours): the whole span from
   * its first to its last address when that holds few runs more than `set` has ranges (one read),
   * else each range (one seek each). Either way the cost follows the set and what it meets.
   */
  windows(networkId: number, set: Ranges): Ranges {
    if (set.length <= 1) return set;
    const first = set[0][0];
    const last = set[set.length - 1][1];
    const runs = this.stmts.countFrom.get(networkId, first - 1, last + 1) as number;
    return runs <= 4 * set.length + 1000 ? [[first, last]] : set;
  }

  /** The runs of network `networkId` meeting any range of `set` or its neighbours, by address, each once. */
  meetingSet(networkId: number, set: Ranges): RunRow[] {
    const out: RunRow[] = [];
    for (const [lo, hi] of this.windows(networkId, set)) {
      for (const row of this.meeting(networkId, lo - 1, hi + 1)) if (out.length === 0 || out[out.length - 1].lo < row.lo) out.push(row);
    }
    return out;
  }

  /** The networks holding any run, by ID: one seek each. */
  networks(): number[] {
    const out: number[] = [];
    for (let id = this.stmts.nextNetwork.get(-1) as number | null; id !== null; id = this.stmts.nextNetwork.get(id) as number | null) out.push(id);
    return out;
  }

  /** Deletes the runs `removed` and writes `rows` (of one network): a run starting where a removed one did replaces it in one statement. */
  replace(removed: readonly RunRow[], rows: readonly RunRow[]): void {
    const starts = new Set(rows.map((r) => r.lo));
    for (const r of removed) if (!starts.has(r.lo)) this.stmts.delete.run(r.network_id, r.lo);
    for (const r of rows) this.stmts.insert.run(r.network_id, r.lo, r.hi, ...this.columns.map((c) => r[c]));
  }

  /** At most `limit` runs after `after` (network, then first address). */
  page(after: { networkId: number; lo: number }, limit: number): RunRow[] {
    return this.stmts.page.all({ network_id: after.networkId, lo: after.lo, limit }) as RunRow[];
  }

  count(): number {
    return this.stmts.count.get() as number;
  }
}
