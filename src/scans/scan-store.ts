import type { Database } from '../db/connection.js';
import { SqlStore } from '../db/sql-store.js';
import type { AuthCoverage, Scan, ScanKind, ScanProfile, ScanState, ScanStatus, ScanType } from './scan.js';
import { scanRef } from './scan.js';

/** What the list reads from SQL; the state filters are applied once each scan's state is worked out. */
export interface ScanFilter {
  kind: ScanKind;
  refs?: readonly string[];
  ids?: readonly number[];
  type?: ScanType;
  userLogin?: string;
  /** Epoch ms, inclusive. */
  launchedAfter: number;
  launchedBefore: number;
}

interface ScanRow {
  id: number;
  kind: ScanKind;
  ref: string;
  type: ScanType;
  title: string;
  user_login: string;
  launched_at: number;
  priority: number;
  network_id: number;
  target: string;
  excluded: string;
  asset_groups: string;
  option_profile: string;
  scanner: string;
  state: ScanState;
  processed: number;
  sub_state: string | null;
  since: number;
  resume_to: ScanState | null;
  started_at: number | null;
  ended_at: number | null;
  auth_covered: string;
  auth_failed: string;
}

const toScan = (r: ScanRow): Scan => ({
  id: r.id,
  kind: r.kind,
  ref: r.ref,
  type: r.type,
  title: r.title,
  userLogin: r.user_login,
  launchedAt: r.launched_at,
  priority: r.priority,
  networkId: r.network_id,
  target: JSON.parse(r.target),
  excluded: JSON.parse(r.excluded),
  assetGroups: JSON.parse(r.asset_groups),
  optionProfile: JSON.parse(r.option_profile) as ScanProfile,
  scanner: r.scanner,
  status: {
    state: r.state,
    processed: r.processed === 1,
    subState: r.sub_state ?? undefined,
    since: r.since,
    resumeTo: r.resume_to ?? undefined,
    startedAt: r.started_at ?? undefined,
    endedAt: r.ended_at ?? undefined,
  },
  authCovered: JSON.parse(r.auth_covered) as AuthCoverage[],
  authFailed: JSON.parse(r.auth_failed) as AuthCoverage[],
});

const statusRow = (s: ScanStatus) => ({
  state: s.state,
  processed: s.processed ? 1 : 0,
  sub_state: s.subState ?? null,
  since: s.since,
  resume_to: s.resumeTo ?? null,
  started_at: s.startedAt ?? null,
  ended_at: s.endedAt ?? null,
});

/** SQL for scans. Speaks scans, knows nothing of HTTP or Qualys codes. */
export class ScanStore extends SqlStore {
  private readonly stmts;

  constructor(database: Database) {
    super(database);
    const { connection: db } = database;
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO scans (kind, ref, type, title, user_login, launched_at, priority, network_id, target, excluded, asset_groups, option_profile,
           scanner, state, processed, sub_state, since, resume_to, started_at, ended_at, auth_covered)
         VALUES (@kind, 'pending:' || @launched_at || ':' || random(), @type, @title, @user_login, @launched_at, @priority, @network_id, @target, @excluded,
           @asset_groups, @option_profile, @scanner, @state, @processed, @sub_state, @since, @resume_to, @started_at, @ended_at, @auth_covered)`,
      ),
      setRef: db.prepare('UPDATE scans SET ref = ? WHERE id = ?'),
      setStatus: db.prepare(
        `UPDATE scans SET state = @state, processed = @processed, sub_state = @sub_state, since = @since, resume_to = @resume_to,
           started_at = @started_at, ended_at = @ended_at WHERE id = @id`,
      ),
      setAuthFailed: db.prepare('UPDATE scans SET auth_failed = ? WHERE id = ?'),
      delete: db.prepare('DELETE FROM scans WHERE id = ?'),
      byRef: db.prepare('SELECT * FROM scans WHERE ref = ?'),
      list: db.prepare(
        `SELECT * FROM scans WHERE kind = @kind AND launched_at BETWEEN @after AND @before
           AND (@refs IS NULL OR ref IN (SELECT value FROM json_each(@refs)))
           AND (@ids IS NULL OR id IN (SELECT value FROM json_each(@ids)))
           AND (@type IS NULL OR type = @type) AND (@user IS NULL OR user_login = @user)
         ORDER BY launched_at DESC, id DESC`,
      ),
      all: db.prepare('SELECT * FROM scans ORDER BY id DESC LIMIT ?'),
    };
  }

  /** Stores a new scan, answering it with its ID and REFERENCE. */
  insert(s: Omit<Scan, 'id' | 'ref' | 'authFailed'>): Scan {
    const id = Number(
      this.stmts.insert.run({
        kind: s.kind,
        type: s.type,
        title: s.title,
        user_login: s.userLogin,
        launched_at: s.launchedAt,
        priority: s.priority,
        network_id: s.networkId,
        target: JSON.stringify(s.target),
        excluded: JSON.stringify(s.excluded),
        asset_groups: JSON.stringify(s.assetGroups),
        option_profile: JSON.stringify(s.optionProfile),
        scanner: s.scanner,
        ...statusRow(s.status),
        auth_covered: JSON.stringify(s.authCovered),
      }).lastInsertRowid,
    );
    const ref = scanRef(s.kind, id, s.launchedAt);
    this.stmts.setRef.run(ref, id);
    return { ...s, id, ref, authFailed: [] };
  }

  setStatus(id: number, status: ScanStatus): void {
    this.stmts.setStatus.run({ id, ...statusRow(status) });
  }

  setAuthFailed(id: number, failed: readonly AuthCoverage[]): void {
    this.stmts.setAuthFailed.run(JSON.stringify(failed), id);
  }

  delete(id: number): void {
    this.stmts.delete.run(id);
  }

  byRef(ref: string): Scan | undefined {
    const row = this.stmts.byRef.get(ref) as ScanRow | undefined;
    return row && toScan(row);
  }

  /** Most recent first [E]. */
  list(f: ScanFilter): Scan[] {
    const rows = this.stmts.list.all({
      kind: f.kind,
      after: f.launchedAfter,
      before: f.launchedBefore,
      refs: f.refs ? JSON.stringify(f.refs) : null,
      ids: f.ids ? JSON.stringify(f.ids) : null,
      type: f.type ?? null,
      user: f.userLogin ?? null,
    }) as ScanRow[];
    return rows.map(toScan);
  }

  /** The latest `limit` scans of either kind, for the dashboard. */
  latest(limit: number): Scan[] {
    return (this.stmts.all.all(limit) as ScanRow[]).map(toScan);
  }
}
