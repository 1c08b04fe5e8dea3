import type { Statement } from 'better-sqlite3';
import type { Database } from '../db/connection.js';
import { SqlStore } from '../db/sql-store.js';
import { RunTable, type StoredRun } from '../db/run-table.js';
import type { IntervalSet, Range } from '../qualys/interval-set.js';

/** A run of a network's excluded addresses sharing an expiry (null: none). */
export interface ExcludedRun {
  networkId: number;
  lo: number;
  hi: number;
  expiresAt: string | null;
}

/** One change of the excluded IPs. */
export interface HistoryEntry {
  id: number;
  networkId: number;
  action: string;
  ips: Range[];
  datetime: string;
  user: string;
  comment: string;
}

export interface HistoryFilter {
  networkId?: number;
  idMin?: number;
  idMax?: number;
}

const toRun = (r: StoredRun): ExcludedRun => ({ networkId: r.networkId, lo: r.lo, hi: r.hi, expiresAt: r.values[0] as string | null });
const toRow = (r: ExcludedRun): StoredRun => ({ networkId: r.networkId, lo: r.lo, hi: r.hi, values: [r.expiresAt] });

interface HistoryRow {
  id: number;
  network_id: number;
  action: string;
  ips: string;
  datetime: string;
  user_login: string;
  comment: string;
}

/** SQL for the excluded IPs, as runs (src/db/run-table.ts), and their history. */
export class ExcludedIpStore extends SqlStore {
  private readonly runs: RunTable;
  private readonly stmts: Record<'deleteNetwork' | 'record' | 'history', Statement>;

  constructor(database: Database) {
    super(database);
    const { connection: db } = database;
    this.runs = new RunTable(db, 'excluded_ips', ['expires_at']);
    this.stmts = {
      deleteNetwork: db.prepare('DELETE FROM excluded_ips WHERE network_id = ?'),
      record: db.prepare(
        'INSERT INTO excluded_ip_history (network_id, action, ips, datetime, user_login, comment) VALUES (@network_id, @action, @ips, @datetime, @user, @comment)',
      ),
      history: db.prepare(
        'SELECT * FROM excluded_ip_history WHERE id BETWEEN @id_min AND @id_max AND (@network_id IS NULL OR network_id = @network_id) ORDER BY id DESC',
      ),
    };
  }

  /** The runs of network `networkId` meeting any range of `set` or its neighbours, expired ones too, by address. */
  meetingSet(networkId: number, set: IntervalSet): ExcludedRun[] {
    return this.runs.meetingSet(networkId, set).map(toRun);
  }

  networks(): number[] {
    return this.runs.networks();
  }

  /** Deletes the runs `removed` and inserts `added`. */
  replace(removed: readonly ExcludedRun[], added: readonly ExcludedRun[]): void {
    this.runs.replace(removed.map(toRow), added.map(toRow));
  }

  removeNetwork(networkId: number): void {
    this.stmts.deleteNetwork.run(networkId);
  }

  record(e: Omit<HistoryEntry, 'id'>): number {
    return Number(
      this.stmts.record.run({ network_id: e.networkId, action: e.action, ips: JSON.stringify(e.ips), datetime: e.datetime, user: e.user, comment: e.comment })
        .lastInsertRowid,
    );
  }

  /** History entries matching `filter`, newest first. */
  history(filter: HistoryFilter): HistoryEntry[] {
    const rows = this.stmts.history.all({
      id_min: filter.idMin ?? 0,
      id_max: filter.idMax ?? Number.MAX_SAFE_INTEGER,
      network_id: filter.networkId ?? null,
    }) as HistoryRow[];
    return rows.map((r) => ({
      id: r.id,
      networkId: r.network_id,
      action: r.action,
      ips: JSON.parse(r.ips) as Range[],
      datetime: r.datetime,
      user: r.user_login,
      comment: r.comment,
    }));
  }

  page(after: { networkId: number; lo: number }, limit: number): ExcludedRun[] {
    return this.runs.page(after, limit).map(toRun);
  }

  count(): number {
    return this.runs.count();
  }
}
