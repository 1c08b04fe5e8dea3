import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open.js';
import type { IntervalSet, Range } from '../qualys/interval-set.js';
import type { AuthRecord, NewRecord } from './record-type.js';

/**
 * SQL for records of every type. Speaks the domain (records, ID sets, IP ranges), knows nothing
 * of HTTP or Qualys codes. Every query is bounded by the rows it returns, never by the span of
 * an ID or IP range.
 */
export interface ListFilter {
  /** Normalised ID ranges to look in. */
  ids: IntervalSet;
  /** Case-insensitive substring filters [E: Qualys does not say]. */
  title?: string;
  comments?: string;
  /** Records whose named fields hold exactly these values. */
  fields?: Readonly<Record<string, string>>;
}

export interface IpOverlap {
  /** The part of the requested set that the other record holds. */
  range: Range;
  recordId: number;
  title: string;
}

/** The columns a create and an update both write. */
function rowValues(record: NewRecord) {
  return {
    type: record.type,
    title: record.title,
    comments: record.comments ?? null,
    network_id: record.networkId ?? null,
    fields: JSON.stringify(record.fields),
    modified_at: record.modifiedAt,
    modified_by: record.modifiedBy ?? null,
  };
}

interface RecordRow {
  id: number;
  type: string;
  title: string;
  comments: string | null;
  network_id: number | null;
  fields: string;
  created_at: string;
  created_by: string;
  modified_at: string;
  modified_by: string | null;
}

/**
 * The list filters of every list; parameters @lo, @hi, @title, @comments, and @fields, a JSON
 * object of field values every matching record holds (one statement for any set of them).
 */
const FILTERED = `id BETWEEN @lo AND @hi
  AND (@title IS NULL OR instr(lower(title), lower(@title)) > 0)
  AND (@comments IS NULL OR instr(lower(coalesce(comments, '')), lower(@comments)) > 0)
  AND (@fields IS NULL OR NOT EXISTS (
    SELECT 1 FROM json_each(@fields) f WHERE json_extract(auth_records.fields, '$.' || f.key) IS NOT f.value))`;

export class RecordStore {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO auth_records (type, title, comments, network_id, fields, created_at, created_by, modified_at, modified_by)
         VALUES (@type, @title, @comments, @network_id, @fields, @created_at, @created_by, @modified_at, @modified_by)`,
      ),
      insertIp: db.prepare('INSERT INTO auth_record_ips (type, lo, hi, record_id) VALUES (?, ?, ?, ?)'),
      update: db.prepare(
        `UPDATE auth_records SET title = @title, comments = @comments, network_id = @network_id, fields = @fields,
           modified_at = @modified_at, modified_by = @modified_by WHERE id = @id AND type = @type`,
      ),
      deleteIps: db.prepare('DELETE FROM auth_record_ips WHERE record_id = ?'),
      // The record's IP rows go with it (ON DELETE CASCADE).
      deleteIn: db.prepare('DELETE FROM auth_records WHERE type = ? AND id BETWEEN ? AND ? RETURNING id').pluck(),
      byTitle: db.prepare('SELECT id FROM auth_records WHERE type = ? AND title = ?').pluck(),
      // Ranges of one type are disjoint, so the ranges meeting [a, b] are the last one starting
      // at or before a, plus those starting inside (a, b]: two index seeks.
      ipBefore: db.prepare(
        `SELECT i.lo, i.hi, i.record_id AS recordId, r.title FROM auth_record_ips i JOIN auth_records r ON r.id = i.record_id
         WHERE i.type = ? AND i.lo <= ? ORDER BY i.lo DESC LIMIT 1`,
      ),
      ipInside: db.prepare(
        `SELECT i.lo, i.hi, i.record_id AS recordId, r.title FROM auth_record_ips i JOIN auth_records r ON r.id = i.record_id
         WHERE i.type = ? AND i.lo > ? AND i.lo <= ? ORDER BY i.lo`,
      ),
      // One query for a whole page's IPs: a query per record cost a 1000-record page a third of its time.
      ipsOfMany: db.prepare(
        'SELECT record_id, lo, hi FROM auth_record_ips WHERE record_id IN (SELECT value FROM json_each(?)) ORDER BY record_id, lo',
      ).raw(),
      list: db.prepare(`SELECT * FROM auth_records WHERE type = @type AND ${FILTERED} ORDER BY id LIMIT @limit`),
      listAll: db.prepare(`SELECT id, type FROM auth_records WHERE ${FILTERED} ORDER BY id LIMIT @limit`),
    };
  }

  /**
   * Runs `fn` as one transaction: all of it lands, or none. IMMEDIATE takes the write lock
   * before the checks read, so even another process on the same file cannot slip in between.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  insert(record: NewRecord): number {
    const { lastInsertRowid } = this.stmts.insert.run({ ...rowValues(record), created_at: record.createdAt, created_by: record.createdBy });
    const id = Number(lastInsertRowid);
    this.insertIps(record.type, id, record.ips);
    return id;
  }

  /** Writes a record's values and who changed it when; its IP rows are replaced only when `ipsChanged`. */
  update(record: AuthRecord, ipsChanged: boolean): void {
    this.stmts.update.run({ ...rowValues(record), id: record.id });
    if (!ipsChanged) return;
    this.stmts.deleteIps.run(record.id);
    this.insertIps(record.type, record.id, record.ips);
  }

  /** Deletes the records of `type` in the ID ranges; returns the deleted IDs, ascending. */
  deleteIn(type: string, ids: IntervalSet): number[] {
    return ids.flatMap(([lo, hi]) => this.stmts.deleteIn.all(type, lo, hi) as number[]).sort((a, b) => a - b);
  }

  private insertIps(type: string, id: number, ips: IntervalSet): void {
    for (const [lo, hi] of ips) this.stmts.insertIp.run(type, lo, hi, id);
  }

  idByTitle(type: string, title: string): number | undefined {
    return this.stmts.byTitle.get(type, title) as number | undefined;
  }

  /** The parts of `ips` held by records of `type` other than `exceptId`, in address order. */
  ipOverlaps(type: string, ips: IntervalSet, exceptId?: number): IpOverlap[] {
    type Hit = { lo: number; hi: number; recordId: number; title: string };
    const out: IpOverlap[] = [];
    for (const [a, b] of ips) {
      const before = this.stmts.ipBefore.get(type, a) as Hit | undefined;
      const hits = (this.stmts.ipInside.all(type, a, b) as Hit[]);
      if (before && before.hi >= a) hits.unshift(before);
      for (const h of hits) {
        if (h.recordId === exceptId) continue;
        out.push({ range: [Math.max(a, h.lo), Math.min(b, h.hi)], recordId: h.recordId, title: h.title });
      }
    }
    return out;
  }

  /**
   * Records of `type` matching `filter`, ascending by ID, at most `limit`; `nextId` is the first
   * matching ID past the limit, when there is one.
   */
  list(type: string, filter: ListFilter, limit: number): { records: AuthRecord[]; nextId?: number } {
    const { rows, nextId } = this.page<RecordRow>(this.stmts.list, { type }, filter, limit);
    return { records: this.toRecords(rows), nextId };
  }

  /** IDs and types of records of every type matching `filter`, as `list` pages them. */
  listIds(filter: ListFilter, limit: number): { records: { id: number; type: string }[]; nextId?: number } {
    const { rows, nextId } = this.page<{ id: number; type: string }>(this.stmts.listAll, {}, filter, limit);
    return { records: rows, nextId };
  }

  /** Runs a FILTERED statement over each ID range in order until `limit` + 1 rows are found. */
  private page<Row extends { id: number }>(stmt: Statement, extra: object, filter: ListFilter, limit: number): { rows: Row[]; nextId?: number } {
    const rows: Row[] = [];
    for (const [lo, hi] of filter.ids) {
      const want = limit + 1 - rows.length;
      if (want <= 0) break;
      const fields = filter.fields ? JSON.stringify(filter.fields) : null;
      rows.push(...(stmt.all({ ...extra, lo, hi, title: filter.title ?? null, comments: filter.comments ?? null, fields, limit: want }) as Row[]));
    }
    const next = rows.length > limit ? rows.pop() : undefined;
    return { rows, nextId: next?.id };
  }

  /** Every record of `type` in the ID ranges, ascending: one primary-key range seek per range. */
  records(type: string, ids: IntervalSet): AuthRecord[] {
    // LIMIT -1 is SQLite's "no limit".
    const rows = ids.flatMap(([lo, hi]) => this.stmts.list.all({ type, lo, hi, title: null, comments: null, fields: null, limit: -1 }) as RecordRow[]);
    return this.toRecords(rows);
  }

  /** The IP ranges of each of `ids`, in address order. */
  private ipsOf(ids: readonly number[]): Map<number, Range[]> {
    const out = new Map<number, Range[]>();
    if (ids.length === 0) return out;
    for (const [id, lo, hi] of this.stmts.ipsOfMany.all(JSON.stringify(ids)) as [number, number, number][]) {
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push([lo, hi]);
    }
    return out;
  }

  private toRecords(rows: readonly RecordRow[]): AuthRecord[] {
    const ips = this.ipsOf(rows.map((r) => r.id));
    return rows.map((r) => this.toRecord(r, ips.get(r.id) ?? []));
  }

  private toRecord(row: RecordRow, ips: Range[]): AuthRecord {
    return {
      id: row.id,
      type: row.type,
      title: row.title,
      comments: row.comments ?? undefined,
      networkId: row.network_id ?? undefined,
      fields: JSON.parse(row.fields) as Record<string, string>,
      ips,
      createdAt: row.created_at,
      createdBy: row.created_by,
      modifiedAt: row.modified_at,
      modifiedBy: row.modified_by ?? undefined,
    };
  }
}
