import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/connection.js';
import { groupCommitOf } from '../db/group-commit.js';
import type { Range } from '../qualys/interval-set.js';

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

const LAST_ADDRESS = 2 ** 32 - 1;

interface RunRow {
  network_id: number;
  lo: number;
  hi: number;
  expires_at: string | null;
}
const toRun = (r: RunRow): ExcludedRun => ({ networkId: r.network_id, lo: r.lo, hi: r.hi, expiresAt: r.expires_at });

interface HistoryRow {
  id: number;
  network_id: number;
  action: string;
  ips: string;
  datetime: string;
  user_login: string;
  comment: string;
}

/** SQL for the excluded IPs and their history; every read of runs is an index seek on (network_id, lo). */
export class ExcludedIpStore {
  private readonly stmts: Record<string, Statement>;

  constructor(private readonly db: Db) {
    const from = '(SELECT coalesce((SELECT lo FROM excluded_ips WHERE network_id = @network_id AND lo <= @lo ORDER BY lo DESC LIMIT 1), @lo))';
    this.stmts = {
      meeting: db.prepare(`SELECT * FROM excluded_ips WHERE network_id = @network_id AND lo >= ${from} AND lo <= @hi AND hi >= @lo ORDER BY lo`),
      nextNetwork: db.prepare('SELECT min(network_id) FROM excluded_ips WHERE network_id > ?').pluck(),
      delete: db.prepare('DELETE FROM excluded_ips WHERE network_id = ? AND lo = ?'),
      deleteNetwork: db.prepare('DELETE FROM excluded_ips WHERE network_id = ?'),
      insert: db.prepare('INSERT INTO excluded_ips (network_id, lo, hi, expires_at) VALUES (@network_id, @lo, @hi, @expires_at)'),
      record: db.prepare('INSERT INTO excluded_ip_history (network_id, action, ips, datetime, user_login, comment) VALUES (@network_id, @action, @ips, @datetime, @user, @comment)'),
      history: db.prepare(`SELECT * FROM excluded_ip_history WHERE id BETWEEN @id_min AND @id_max AND (@network_id IS NULL OR network_id = @network_id) ORDER BY id DESC`),
      page: db.prepare('SELECT * FROM excluded_ips WHERE (network_id, lo) > (@network_id, @lo) ORDER BY network_id, lo LIMIT @limit'),
      count: db.prepare('SELECT count(*) FROM excluded_ips').pluck(),
    };
  }

  transaction<T>(fn: () => T): T {
    return groupCommitOf(this.db).write(fn);
  }

  /** The runs of network `networkId` holding any address of `lo..hi`, expired ones too, by address. */
  meeting(networkId: number, lo: number, hi: number): ExcludedRun[] {
    return (this.stmts.meeting.all({ network_id: networkId, lo: Math.max(lo, 0), hi: Math.min(hi, LAST_ADDRESS) }) as RunRow[]).map(toRun);
  }

  /** The networks holding any excluded IP, by ID: one seek each. */
  networks(): number[] {
    const out: number[] = [];
    for (let id = this.stmts.nextNetwork.get(-1) as number | null; id !== null; id = this.stmts.nextNetwork.get(id) as number | null) out.push(id);
    return out;
  }

  replace(old: readonly ExcludedRun[], runs: readonly ExcludedRun[]): void {
    for (const r of old) this.stmts.delete.run(r.networkId, r.lo);
    for (const r of runs) this.stmts.insert.run({ network_id: r.networkId, lo: r.lo, hi: r.hi, expires_at: r.expiresAt });
  }

  removeNetwork(networkId: number): void {
    this.stmts.deleteNetwork.run(networkId);
  }

  record(e: Omit<HistoryEntry, 'id'>): number {
    return Number(this.stmts.record.run({ network_id: e.networkId, action: e.action, ips: JSON.stringify(e.ips), datetime: e.datetime, user: e.user, comment: e.comment }).lastInsertRowid);
  }

  /** History entries matching `filter`, newest first. */
  history(filter: HistoryFilter): HistoryEntry[] {
    const rows = this.stmts.history.all({ id_min: filter.idMin ?? 0, id_max: filter.idMax ?? Number.MAX_SAFE_INTEGER, network_id: filter.networkId ?? null }) as HistoryRow[];
    return rows.map((r) => ({ id: r.id, networkId: r.network_id, action: r.action, ips: JSON.parse(r.ips) as Range[], datetime: r.datetime, user: r.user_login, comment: r.comment }));
  }

  page(after: { networkId: number; lo: number }, limit: number): ExcludedRun[] {
    return (this.stmts.page.all({ network_id: after.networkId, lo: after.lo, limit }) as RunRow[]).map(toRun);
  }

  count(): number {
    return this.stmts.count.get() as number;
  }
}
