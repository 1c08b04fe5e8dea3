import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/connection.js';
import { groupCommitOf } from '../db/group-commit.js';
import { RunTable, type RunRow } from '../db/run-table.js';
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

const COLUMNS = IP_ATTRIBUTES.map((a) => a.param);
const FILTERS = ['tracking_method', 'enable_pc', 'enable_certview'] as const;

const toRun = (r: RunRow): IpRun => ({
  networkId: r.network_id,
  lo: r.lo,
  hi: r.hi,
  attributes: Object.fromEntries(COLUMNS.map((c) => [c, r[c] as string | null])),
});

/** SQL for the subscription's IPs, as runs (src/db/run-table.ts); knows nothing of HTTP or Qualys codes. */
export class AssetIpStore {
  private readonly runs: RunTable;
  private readonly matchingRuns: Statement;

  constructor(private readonly db: Db) {
    this.runs = new RunTable(db, 'asset_ips', COLUMNS);
    // only the addresses, as arrays: a list of 100,000 runs builds no object per row
    this.matchingRuns = db.prepare(this.runs.seek('lo, hi', FILTERS.map((f) => `(@${f} IS NULL OR ${f} = @${f})`).join(' AND '))).raw();
  }

  /** Runs `fn` as one transaction that takes the write lock before it reads, committed with its turn's others. */
  transaction<T>(fn: () => T): T {
    return groupCommitOf(this.db).write(fn);
  }

  /** The runs of network `networkId` holding any address of `lo..hi`, by address. */
  meeting(networkId: number, lo: number, hi: number): IpRun[] {
    return this.runs.meeting(networkId, lo, hi).map(toRun);
  }

  /** The first and last addresses of the runs `meeting` answers that match `filter`. */
  matching(networkId: number, lo: number, hi: number, filter: IpRunFilter): [number, number][] {
    return this.matchingRuns.all({ ...this.runs.bounds(networkId, lo, hi), ...Object.fromEntries(FILTERS.map((f) => [f, filter[f] ?? null])) }) as [
      number,
      number,
    ][];
  }

  networks(): number[] {
    return this.runs.networks();
  }

  /** Replaces `old` runs with `runs`. */
  replace(old: readonly IpRun[], runs: readonly IpRun[]): void {
    const row = (r: IpRun): RunRow => ({ network_id: r.networkId, lo: r.lo, hi: r.hi, ...r.attributes });
    this.runs.replace(old.map(row), runs.map(row));
  }

  /** At most `limit` runs after `after` (network, then first address), for the dashboard. */
  page(after: { networkId: number; lo: number }, limit: number): IpRun[] {
    return this.runs.page(after, limit).map(toRun);
  }

  count(): number {
    return this.runs.count();
  }
}
