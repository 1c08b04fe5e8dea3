import type { Statement } from 'better-sqlite3';
import { groupRows } from './group-rows.js';
import { sharedValue } from './shared-value.js';
import type { Db } from './sqlite-connection.js';

/** A value of a run table's own columns. */
export type RunValue = string | number | null;

/**
 * A row of a run table: a run `lo..hi` of network `networkId`, and the values of the table's
 * columns, in their order. Runs read together that hold the same values share one array, so a
 * caller deriving something from the values does it once per distinct array, not once per run.
 */
export interface StoredRun {
  networkId: number;
  lo: number;
  hi: number;
  values: readonly RunValue[];
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
    columns: readonly string[],
  ) {
    // a run's values as one JSON text: runs holding the same values are recognised by it, and
    // a read of 60,000 runs makes 60,000 strings rather than one per column of each
    const row = `network_id, lo, hi, json_array(${columns.join(', ')})`;
    this.stmts = {
      meeting: db.prepare(this.seek(row)).raw(),
      countFrom: db.prepare(`SELECT count(*) FROM ${table} WHERE network_id = ? AND lo BETWEEN ? AND ?`).pluck(),
      nextNetwork: db.prepare(`SELECT min(network_id) FROM ${table} WHERE network_id > ?`).pluck(),
      delete: db.prepare(`DELETE FROM ${table} WHERE network_id = ? AND lo = ?`),
      // the runs holding one set of values in one statement, their bounds as JSON [network, lo, hi]
      // triples: 60,000 runs written in one statement per distinct set cost a third less than
      // 60,000 statements, and runs rewritten by one write mostly share their values
      insert: db.prepare(
        `INSERT OR REPLACE INTO ${table} (network_id, lo, hi, ${columns.join(', ')})
         SELECT j.value->>0, j.value->>1, j.value->>2, ${columns.map(() => '?').join(', ')} FROM json_each(?) j`,
      ),
      page: db.prepare(`SELECT ${row} FROM ${table} WHERE (network_id, lo) > (@network_id, @lo) ORDER BY network_id, lo LIMIT @limit`).raw(),
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

  /** Rows read as `[network_id, lo, hi, values as JSON]`, as runs, the same values sharing one array (keyed in `shared`). */
  private runsOf(rows: readonly [number, number, number, string][], shared = new Map<string, RunValue[]>()): StoredRun[] {
    return rows.map(([networkId, lo, hi, json]) => {
      const values = sharedValue(shared, json, () => JSON.parse(json) as RunValue[]);
      return { networkId, lo, hi, values };
    });
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
  meetingSet(networkId: number, set: Ranges): StoredRun[] {
    const out: StoredRun[] = [];
    const shared = new Map<string, RunValue[]>();
    for (const [lo, hi] of this.windows(networkId, set)) {
      const rows = this.stmts.meeting.all(this.bounds(networkId, lo - 1, hi + 1)) as [number, number, number, string][];
      for (const run of this.runsOf(rows, shared)) if (out.length === 0 || out[out.length - 1].lo < run.lo) out.push(run);
    }
    return out;
  }

  /** The networks holding any run, by ID: one seek each. */
  networks(): number[] {
    const out: number[] = [];
    for (let id = this.stmts.nextNetwork.get(-1) as number | null; id !== null; id = this.stmts.nextNetwork.get(id) as number | null) out.push(id);
    return out;
  }

  /** Deletes the runs `removed` and writes `rows` (of one network): a run starting where a removed one did replaces it. */
  replace(removed: readonly StoredRun[], rows: readonly StoredRun[]): void {
    const starts = new Set(rows.map((r) => r.lo));
    for (const r of removed) if (!starts.has(r.lo)) this.stmts.delete.run(r.networkId, r.lo);
    for (const [values, bounds] of groupRows(rows.map((r) => [r.values, [r.networkId, r.lo, r.hi]] as const))) {
      this.stmts.insert.run(...values, JSON.stringify(bounds));
    }
  }

  /** At most `limit` runs after `after` (network, then first address). */
  page(after: { networkId: number; lo: number }, limit: number): StoredRun[] {
    return this.runsOf(this.stmts.page.all({ network_id: after.networkId, lo: after.lo, limit }) as [number, number, number, string][]);
  }

  count(): number {
    return this.stmts.count.get() as number;
  }
}
