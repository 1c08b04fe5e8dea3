import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open.js';
import type { IntervalSet, Range } from '../qualys/interval-set.js';
import type { AuthRecord, NewRecord } from './record-type.js';

/**
 * SQL for records of every type. Speaks the domain (records, ID sets, IP ranges), knows nothing
 * of HTTP or Qualys codes. Every query is bounded by the rows it returns, never by the span of
 * an ID or IP range, and a set of ranges is one statement, never one per range: a set can hold
 * 150,000 of them.
 */
export interface ListFilter {
  /** Normalised ID ranges to look in. */
  ids: IntervalSet;
  /** Case-insensitive substring filters [E: Qualys does not say]. */
  title?: string;
  comments?: string;
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

/** A set of ranges as one statement parameter: `[[lo, hi], ...]`, read with json_each. */
const rangesJson = (set: IntervalSet) => JSON.stringify(set);

/**
 * Records `r` in the ranges of @ranges. CROSS JOIN makes json_each the outer loop (SQLite keeps
 * that order for CROSS JOIN): one index seek per range, the ranges in ascending order and each
 * one's records in ascending ID, so rows come out in ID order and a LIMIT stops the scan.
 * An ORDER BY would sort every match before the LIMIT applied.
 */
const IN_RANGES = 'json_each(@ranges) j CROSS JOIN auth_records r';
const RANGE_MATCH = 'r.id BETWEEN j.value->>0 AND j.value->>1';

/** The list filters of every list; parameters @ranges, @title, @comments. */
const FILTERED = `${RANGE_MATCH}
  AND (@title IS NULL OR instr(lower(r.title), lower(@title)) > 0)
  AND (@comments IS NULL OR instr(lower(coalesce(r.comments, '')), lower(@comments)) > 0)`;

/** The stored ranges of @type meeting a requested range [a, b] of @ranges, with the holder's title. */
const IP_HITS = `SELECT j.value->>0 AS a, j.value->>1 AS b, i.lo, i.hi, i.record_id AS recordId, r.title
  FROM json_each(@ranges) j CROSS JOIN auth_record_ips i JOIN auth_records r ON r.id = i.record_id`;

export class RecordStore {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO auth_records (type, title, comments, network_id, fields, created_at, created_by, modified_at, modified_by)
         VALUES (@type, @title, @comments, @network_id, @fields, @created_at, @created_by, @modified_at, @modified_by)`,
      ),
      // @rows: [[id, title, comments, network_id, fields, modified_at, modified_by], ...]
      update: db.prepare(
        `UPDATE auth_records SET title = v.value->>1, comments = v.value->>2, network_id = v.value->>3, fields = v.value->>4,
           modified_at = v.value->>5, modified_by = v.value->>6 FROM json_each(@rows) v WHERE auth_records.id = v.value->>0`,
      ),
      deleteIps: db.prepare('DELETE FROM auth_record_ips WHERE record_id IN (SELECT value FROM json_each(?))'),
      // @rows: [[type, lo, hi, record_id], ...]
      insertIps: db.prepare('INSERT INTO auth_record_ips (type, lo, hi, record_id) SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?)'),
      // The record's IP rows go with it (ON DELETE CASCADE).
      deleteIn: db.prepare(`DELETE FROM auth_records WHERE id IN (SELECT r.id FROM ${IN_RANGES} WHERE r.type = @type AND ${RANGE_MATCH}) RETURNING id`).pluck(),
      byTitle: db.prepare('SELECT id FROM auth_records WHERE type = ? AND title = ?').pluck(),
      // Ranges of one type are disjoint, so the ranges meeting [a, b] are the last one starting
      // at or before a, plus those starting inside (a, b]: two index seeks per requested range.
      ipOverlaps: db.prepare(
        `${IP_HITS} WHERE i.type = @type AND i.lo = (SELECT max(lo) FROM auth_record_ips WHERE type = @type AND lo <= j.value->>0) AND i.hi >= j.value->>0
         UNION ALL
         ${IP_HITS} WHERE i.type = @type AND i.lo > j.value->>0 AND i.lo <= j.value->>1`,
      ),
      // One query for a whole page's IPs: a query per record cost a 1000-record page a third of its time.
      ipsOfMany: db.prepare(
        'SELECT record_id, lo, hi FROM auth_record_ips WHERE record_id IN (SELECT value FROM json_each(?)) ORDER BY record_id, lo',
      ).raw(),
      list: db.prepare(`SELECT r.* FROM ${IN_RANGES} WHERE r.type = @type AND ${FILTERED} LIMIT @limit`),
      listAll: db.prepare(`SELECT r.id, r.type FROM ${IN_RANGES} WHERE ${FILTERED} LIMIT @limit`),
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
    this.insertIps([{ id, type: record.type, ips: record.ips }]);
    return id;
  }

  /**
   * Writes records' values and who changed them when; a record's IP rows are replaced only when
   * `ipsChanged`. Three statements whatever the count: an update may touch every record.
   */
  update(changes: readonly { record: AuthRecord; ipsChanged: boolean }[]): void {
    if (changes.length === 0) return;
    const rows = changes.map(({ record: r }) => {
      const v = rowValues(r);
      return [r.id, v.title, v.comments, v.network_id, v.fields, v.modified_at, v.modified_by];
    });
    this.stmts.update.run({ rows: JSON.stringify(rows) });
    const newIps = changes.filter((c) => c.ipsChanged).map((c) => c.record);
    if (newIps.length === 0) return;
    this.stmts.deleteIps.run(JSON.stringify(newIps.map((r) => r.id)));
    this.insertIps(newIps);
  }

  /** Deletes the records of `type` in the ID ranges; returns the deleted IDs, ascending. */
  deleteIn(type: string, ids: IntervalSet): number[] {
    return (this.stmts.deleteIn.all({ type, ranges: rangesJson(ids) }) as number[]).sort((a, b) => a - b);
  }

  private insertIps(records: readonly { id: number; type: string; ips: IntervalSet }[]): void {
    this.stmts.insertIps.run(JSON.stringify(records.flatMap((r) => r.ips.map(([lo, hi]) => [r.type, lo, hi, r.id]))));
  }

  idByTitle(type: string, title: string): number | undefined {
    return this.stmts.byTitle.get(type, title) as number | undefined;
  }

  /** The parts of `ips` held by records of `type` other than `exceptId`, in address order. */
  ipOverlaps(type: string, ips: IntervalSet, exceptId?: number): IpOverlap[] {
    if (ips.length === 0) return [];
    type Hit = { a: number; b: number; lo: number; hi: number; recordId: number; title: string };
    const hits = this.stmts.ipOverlaps.all({ type, ranges: rangesJson(ips) }) as Hit[];
    return hits
      .filter((h) => h.recordId !== exceptId)
      .map((h): IpOverlap => ({ range: [Math.max(h.a, h.lo), Math.min(h.b, h.hi)], recordId: h.recordId, title: h.title }))
      // The parts are disjoint, as both the requested and the stored ranges are.
      .sort((x, y) => x.range[0] - y.range[0]);
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

  /** The first `limit` + 1 rows of a FILTERED statement: a page, and the first ID of the next. */
  private page<Row extends { id: number }>(stmt: Statement, extra: object, filter: ListFilter, limit: number): { rows: Row[]; nextId?: number } {
    const rows = stmt.all({ ...extra, ranges: rangesJson(filter.ids), title: filter.title ?? null, comments: filter.comments ?? null, limit: limit + 1 }) as Row[];
    const next = rows.length > limit ? rows.pop() : undefined;
    return { rows, nextId: next?.id };
  }

  /** Every record of `type` in the ID ranges, ascending. */
  records(type: string, ids: IntervalSet): AuthRecord[] {
    // LIMIT -1 is SQLite's "no limit".
    const rows = this.stmts.list.all({ type, ranges: rangesJson(ids), title: null, comments: null, limit: -1 }) as RecordRow[];
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
