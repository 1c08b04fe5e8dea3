import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/connection.js';
import { groupCommitOf } from '../db/group-commit.js';
import { IP_ATTRIBUTES, type IpAttributes } from './ip-attributes.js';

/** A run of a network's addresses sharing every attribute: one row of `asset_ips`. */
export interface IpRun {
  networkId: number;
  lo: number;
  hi: number;
  attributes: IpAttributes;
}

/** Attribute filters of a list, each absent or the value a run must hold. */
export interface IpRunFilter {
  tracking_method?: string;
  enable_pc?: string;
  enable_certview?: string;
}

const LAST_ADDRESS = 2 ** 32 - 1;
const COLUMNS = IP_ATTRIBUTES.map((a) => a.param);
const FILTERS = ['tracking_method', 'enable_pc', 'enable_certview'] as const;
const filterSql = FILTERS.map((f) => `(@${f} IS NULL OR ${f} = @${f})`).join(' AND ');

const bounds = (networkId: number, lo: number, hi: number) => ({ network_id: networkId, lo: Math.max(lo, 0), hi: Math.min(hi, LAST_ADDRESS) });

type Row = Record<string, string | number | null>;

const toRun = (r: Row): IpRun => ({
  networkId: r.network_id as number,
  lo: r.lo as number,
  hi: r.hi as number,
  attributes: Object.fromEntries(COLUMNS.map((c) => [c, r[c] as string | null])),
});

/**
 * SQL for the subscription's IPs; knows nothing of HTTP or Qualys codes. Every read is an index
 * seek on (network_id, lo): the runs meeting `lo..hi` are the last one starting at or before
 * `lo`, then those starting up to `hi`, as runs of one network never overlap.
 */
export class AssetIpStore {
  private readonly stmts: Record<string, Statement>;

  constructor(private readonly db: Db) {
    // the first run that can meet lo..hi: the last starting at or before lo, else lo itself
    const from = '(SELECT coalesce((SELECT lo FROM asset_ips WHERE network_id = @network_id AND lo <= @lo ORDER BY lo DESC LIMIT 1), @lo))';
    this.stmts = {
      meeting: db.prepare(`SELECT * FROM asset_ips WHERE network_id = @network_id AND lo >= ${from} AND lo <= @hi AND hi >= @lo ORDER BY lo`),
      // only the addresses, as arrays: a list of 100,000 runs builds no object per row
      matching: db.prepare(`SELECT lo, hi FROM asset_ips WHERE network_id = @network_id AND lo >= ${from} AND lo <= @hi AND hi >= @lo AND ${filterSql} ORDER BY lo`).raw(),
      nextNetwork: db.prepare('SELECT min(network_id) FROM asset_ips WHERE network_id > ?').pluck(),
      delete: db.prepare('DELETE FROM asset_ips WHERE network_id = ? AND lo = ?'),
      insert: db.prepare(`INSERT INTO asset_ips (network_id, lo, hi, ${COLUMNS.join(', ')}) VALUES (@network_id, @lo, @hi, ${COLUMNS.map((c) => `@${c}`).join(', ')})`),
      page: db.prepare('SELECT * FROM asset_ips WHERE (network_id, lo) > (@network_id, @lo) ORDER BY network_id, lo LIMIT @limit'),
      count: db.prepare('SELECT count(*) FROM asset_ips').pluck(),
    };
  }

  /** Runs `fn` as one transaction that takes the write lock before it reads, committed with its turn's others. */
  transaction<T>(fn: () => T): T {
    return groupCommitOf(this.db).write(fn);
  }

  /** The runs of network `networkId` holding any address of `lo..hi`, by address. */
  meeting(networkId: number, lo: number, hi: number): IpRun[] {
    return (this.stmts.meeting.all(bounds(networkId, lo, hi)) as Row[]).map(toRun);
  }

  /** The first and last addresses of the runs `meeting` answers that match `filter`. */
  matching(networkId: number, lo: number, hi: number, filter: IpRunFilter): [number, number][] {
    return this.stmts.matching.all({ ...bounds(networkId, lo, hi), ...Object.fromEntries(FILTERS.map((f) => [f, filter[f] ?? null])) }) as [number, number][];
  }

  /** The networks holding any IP, by ID: one seek each. */
  networks(): number[] {
    const out: number[] = [];
    for (let id = this.stmts.nextNetwork.get(-1) as number | null; id !== null; id = this.stmts.nextNetwork.get(id) as number | null) out.push(id);
    return out;
  }

  /** Replaces `old` runs with `runs` (of the same network). */
  replace(old: readonly IpRun[], runs: readonly IpRun[]): void {
    for (const r of old) this.stmts.delete.run(r.networkId, r.lo);
    for (const r of runs) this.stmts.insert.run({ network_id: r.networkId, lo: r.lo, hi: r.hi, ...r.attributes });
  }

  /** At most `limit` runs after `after` (network, then first address), for the dashboard. */
  page(after: { networkId: number; lo: number }, limit: number): IpRun[] {
    return (this.stmts.page.all({ network_id: after.networkId, lo: after.lo, limit }) as Row[]).map(toRun);
  }

  count(): number {
    return this.stmts.count.get() as number;
  }
}
