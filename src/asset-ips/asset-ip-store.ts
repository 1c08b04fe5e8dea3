import type { Statement } from 'better-sqlite3';
import type { Database } from '../db/connection.js';
import { SqlStore } from '../db/sql-store.js';
import { RunTable, type RunValue, type StoredRun } from '../db/run-table.js';
import { sharedValue } from '../db/shared-value.js';
import type { IntervalSet } from '../qualys/interval-set.js';
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

/**
 * Stored runs to runs, runs holding the same values (one array, the table's) sharing one
 * attributes object: a write reading 100,000 runs builds a few objects, and compares and changes
 * each once (`sameAttributes` and the service's change see the same object).
 */
function runsOf(rows: readonly StoredRun[]): IpRun[] {
  const shared = new Map<readonly RunValue[], IpAttributes>();
  return rows.map(({ networkId, lo, hi, values }) => {
    const attributes = sharedValue(shared, values, () => Object.fromEntries(COLUMNS.map((c, i) => [c, values[i] as string | null])));
    return { networkId, lo, hi, attributes };
  });
}

/** SQL for the subscription's IPs, as runs (src/db/run-table.ts); knows nothing of HTTP or Qualys codes. */
export class AssetIpStore extends SqlStore {
  private readonly runs: RunTable;
  private readonly matchingRuns: Statement;

  constructor(database: Database) {
    super(database);
    const { connection: db } = database;
    this.runs = new RunTable(db, 'asset_ips', COLUMNS);
    // only the addresses, as arrays: a list of 100,000 runs builds no object per row
    this.matchingRuns = db.prepare(this.runs.seek('lo, hi', FILTERS.map((f) => `(@${f} IS NULL OR ${f} = @${f})`).join(' AND '))).raw();
  }

  /** The runs of network `networkId` meeting any range of `set` or its neighbours, by address. */
  meetingSet(networkId: number, set: IntervalSet): IpRun[] {
    return runsOf(this.runs.meetingSet(networkId, set));
  }

  /** The first and last addresses of the runs meeting `set` that match `filter`, by address, each once. */
  matchingSet(networkId: number, set: IntervalSet, filter: IpRunFilter): [number, number][] {
    const out: [number, number][] = [];
    const filters = Object.fromEntries(FILTERS.map((f) => [f, filter[f] ?? null]));
    for (const [lo, hi] of this.runs.windows(networkId, set)) {
      for (const run of this.matchingRuns.all({ ...this.runs.bounds(networkId, lo, hi), ...filters }) as [number, number][]) {
        if (out.length === 0 || out[out.length - 1][0] < run[0]) out.push(run);
      }
    }
    return out;
  }

  /** Deletes the runs `removed` and inserts `added`. */
  replace(removed: readonly IpRun[], added: readonly IpRun[]): void {
    // runs sharing an attributes object share its values
    const shared = new Map<IpAttributes, RunValue[]>();
    const row = ({ networkId, lo, hi, attributes }: IpRun): StoredRun => {
      const values = sharedValue(shared, attributes, () => COLUMNS.map((c) => attributes[c]));
      return { networkId, lo, hi, values };
    };
    this.runs.replace(removed.map(row), added.map(row));
  }

  networks(): number[] {
    return this.runs.networks();
  }

  /** At most `limit` runs after `after` (network, then first address), for the dashboard. */
  page(after: { networkId: number; lo: number }, limit: number): IpRun[] {
    return runsOf(this.runs.page(after, limit));
  }

  count(): number {
    return this.runs.count();
  }
}
