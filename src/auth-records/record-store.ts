import type { Database, Db } from '../db/connection.js';
import { SqlStore } from '../db/sql-store.js';
import type { ContentVersion } from '../db/content-version.js';
import { foldCase } from '../db/fold-case.js';
import type { IntervalSet, Range } from '../qualys/interval-set.js';
import { RecordCache } from './record-cache.js';
import { RECORD_COLUMNS, recordOf, rowValues, type RecordRow } from './record-rows.js';
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
  /** Records whose named fields hold exactly these values. */
  fields?: Readonly<Record<string, string>>;
}

/** One record's new values, and what changed that the store writes apart. */
export interface RecordWrite {
  record: AuthRecord;
  titleChanged: boolean;
  ipsChanged: boolean;
}

export interface IpOverlap {
  /** The part of the requested set that the other record holds. */
  range: Range;
  recordId: number;
  title: string;
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

/**
 * The filters every list shares, NULL when not given: @title and @comments, case-folded
 * substrings of the folded columns, and @fields, a JSON object of field values every matching
 * record holds (one statement for any set of them).
 */
const FILTERS = `(@title IS NULL OR instr(r.title_folded, @title) > 0)
  AND (@comments IS NULL OR instr(coalesce(r.comments_folded, ''), @comments) > 0)
  AND (@fields IS NULL OR NOT EXISTS (
    SELECT 1 FROM json_each(@fields) f WHERE json_extract(r.fields, '$.' || f.key) IS NOT f.value))`;

/**
 * A query over a set of ID ranges, bounded by @limit (-1: none), as four statements: one range
 * (the usual `ids=a-b`, or no `ids` at all) as a plain primary-key range, which json_each would
 * make about a third slower, or any set through json_each; each without the list filters (the
 * usual list: the type's index then covers the query) or with them.
 */
function rangeQuery(db: Db, columns: string, where: string) {
  const of = (filters: string) => ({
    one: db.prepare(`SELECT ${columns} FROM auth_records r WHERE r.id BETWEEN @lo AND @hi AND ${where}${filters} ORDER BY r.id LIMIT @limit`),
    many: db.prepare(`SELECT ${columns} FROM ${IN_RANGES} WHERE ${RANGE_MATCH} AND ${where}${filters} LIMIT @limit`),
  });
  return { plain: of(''), filtered: of(` AND ${FILTERS}`) };
}

type RangeQuery = ReturnType<typeof rangeQuery>;

/** Runs the statement of `query` that fits `filter`: its ranges, and its filters if it has any. */
function runRangeQuery(query: RangeQuery, filter: ListFilter, params: object): unknown[] {
  const { ids, title, comments, fields } = filter;
  const filtered = title !== undefined || comments !== undefined || fields !== undefined;
  const q = filtered ? query.filtered : query.plain;
  const folded = (text: string | undefined) => (text === undefined ? null : foldCase(text));
  const all = filtered ? { ...params, title: folded(title), comments: folded(comments), fields: fields ? JSON.stringify(fields) : null } : params;
  return ids.length === 1 ? q.one.all({ ...all, lo: ids[0][0], hi: ids[0][1] }) : q.many.all({ ...all, ranges: rangesJson(ids) });
}

/**
 * The stored ranges of @type meeting requested ranges [a, b], with the holder's title: those of
 * @ranges (`a` and `b` read from json_each), or the one range [@a, @b], which a create of one
 * address asks and which json_each made about a third slower.
 */
function ipOverlapsSql(ranges: string, a: string, b: string): string {
  const hits = `SELECT ${a} AS a, ${b} AS b, i.lo, i.hi, i.record_id AS recordId, r.title
    FROM ${ranges}auth_record_ips i JOIN auth_records r ON r.id = i.record_id`;
  // Ranges of one type are disjoint, so the ranges meeting [a, b] are the last one starting
  // at or before a, plus those starting inside (a, b]: two index seeks per requested range.
  return `${hits} WHERE i.type = @type AND i.lo = (SELECT max(lo) FROM auth_record_ips WHERE type = @type AND lo <= ${a}) AND i.hi >= ${a}
    UNION ALL
    ${hits} WHERE i.type = @type AND i.lo > ${a} AND i.lo <= ${b}`;
}

/**
 * The records of one database, which only this store writes on its connection (the family's
 * `build` makes one per emulator). Its cache of records read learns of what the store writes
 * from the store itself, and of changes made elsewhere (another connection's commit, a reset)
 * from the database's content version.
 */
export class RecordStore extends SqlStore {
  private readonly stmts;
  private readonly cache = new RecordCache();
  private readonly version: ContentVersion;
  private readonly deferred;

  constructor(database: Database) {
    super(database);
    const { connection: db, version } = database;
    this.version = version;
    // Built once, not a transaction wrapper per call.
    this.deferred = db.transaction((fn: () => unknown) => fn()).deferred;
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO auth_records (type, title, comments, network_id, fields, created_at, created_by, modified_at, modified_by, title_folded, comments_folded)
         VALUES (@type, @title, @comments, @network_id, @fields, @created_at, @created_by, @modified_at, @modified_by, @title_folded, @comments_folded)`,
      ),
      // @rows: [[id, title, comments, network_id, fields, modified_at, modified_by, comments_folded, title_folded], ...]
      // Setting the title, even to itself, rewrites its unique index: only a rename sets it.
      update: db.prepare(
        `UPDATE auth_records SET comments = v.value->>2, network_id = v.value->>3, fields = v.value->>4,
           modified_at = v.value->>5, modified_by = v.value->>6, comments_folded = v.value->>7 FROM json_each(@rows) v WHERE auth_records.id = v.value->>0`,
      ),
      rename: db.prepare('UPDATE auth_records SET title = v.value->>1, title_folded = v.value->>8 FROM json_each(@rows) v WHERE auth_records.id = v.value->>0'),
      deleteIps: db.prepare('DELETE FROM auth_record_ips WHERE record_id IN (SELECT value FROM json_each(?))'),
      // @rows: [[type, lo, hi, record_id], ...]
      insertIps: db.prepare('INSERT INTO auth_record_ips (type, lo, hi, record_id) SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?)'),
      // one range (a create of one address or range) without json_each: about half the time
      insertIp: db.prepare('INSERT INTO auth_record_ips (type, lo, hi, record_id) VALUES (?, ?, ?, ?)'),
      // The record's IP rows go with it (ON DELETE CASCADE).
      deleteIn: db.prepare(`DELETE FROM auth_records WHERE id IN (SELECT r.id FROM ${IN_RANGES} WHERE r.type = @type AND ${RANGE_MATCH}) RETURNING id`).pluck(),
      byTitle: db.prepare('SELECT id FROM auth_records WHERE type = ? AND title = ?').pluck(),
      ipOverlaps: db.prepare(ipOverlapsSql('json_each(@ranges) j CROSS JOIN ', 'j.value->>0', 'j.value->>1')),
      ipOverlapsOne: db.prepare(ipOverlapsSql('', '@a', '@b')),
      // One query for a whole page's IPs: a query per record cost a 1000-record page a third of its time.
      ipsOfMany: db.prepare('SELECT record_id, lo, hi FROM auth_record_ips WHERE record_id IN (SELECT value FROM json_each(?)) ORDER BY record_id, lo').raw(),
      ids: rangeQuery(db, 'r.id', 'r.type = @type'),
      rows: rangeQuery(db, RECORD_COLUMNS, 'r.type = @type'),
      idsAndTypes: rangeQuery(db, 'r.id, r.type', '1'),
      byIds: db.prepare(`SELECT ${RECORD_COLUMNS} FROM json_each(?) j CROSS JOIN auth_records r WHERE r.id = j.value`),
      countByType: db.prepare('SELECT type, count(*) FROM auth_records GROUP BY type').raw(),
      // Entries draw from the records' own AUTOINCREMENT sequence (which a first create has not
      // started yet): no ID names both a record and an entry, and none is given twice until a reset.
      startSequence: db.prepare(
        "INSERT INTO sqlite_sequence (name, seq) SELECT 'auth_records', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'auth_records')",
      ),
      takeId: db.prepare("UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 'auth_records' RETURNING seq").pluck(),
    };
    for (const q of [this.stmts.ids.plain, this.stmts.ids.filtered]) for (const s of [q.one, q.many]) s.pluck();
  }

  /**
   * A name for the database's current contents, none while writes wait for their COMMIT: equal
   * names, equal records (`ContentVersion.name`).
   */
  generation(): string | undefined {
    return this.version.name();
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
  update(changes: readonly RecordWrite[]): void {
    if (changes.length === 0) return;
    for (const { record } of changes) this.cache.forget(record.id);
    const rowsOf = (list: readonly RecordWrite[]) =>
      JSON.stringify(
        list.map(({ record: r }) => {
          const v = rowValues(r);
          return [r.id, v.title, v.comments, v.network_id, v.fields, v.modified_at, v.modified_by, v.comments_folded, v.title_folded];
        }),
      );
    const renamed = changes.filter((c) => c.titleChanged);
    if (renamed.length > 0) this.stmts.rename.run({ rows: rowsOf(renamed) });
    this.stmts.update.run({ rows: rowsOf(changes) });
    const newIps = changes.filter((c) => c.ipsChanged).map((c) => c.record);
    if (newIps.length === 0) return;
    this.stmts.deleteIps.run(JSON.stringify(newIps.map((r) => r.id)));
    this.insertIps(newIps);
  }

  /** An ID for an entry a record holds (a root tool, a private key), never given before until a reset; inside a write. */
  nextEntryId(): number {
    this.stmts.startSequence.run();
    return this.stmts.takeId.get() as number;
  }

  /** Deletes the records of `type` in the ID ranges; returns the deleted IDs, ascending. */
  deleteIn(type: string, ids: IntervalSet): number[] {
    const deleted = (this.stmts.deleteIn.all({ type, ranges: rangesJson(ids) }) as number[]).sort((a, b) => a - b);
    for (const id of deleted) this.cache.forget(id);
    return deleted;
  }

  private insertIps(records: readonly { id: number; type: string; ips: IntervalSet }[]): void {
    if (records.length === 1 && records[0].ips.length === 1) {
      const [
        {
          id,
          type,
          ips: [[lo, hi]],
        },
      ] = records;
      this.stmts.insertIp.run(type, lo, hi, id);
      return;
    }
    this.stmts.insertIps.run(JSON.stringify(records.flatMap((r) => r.ips.map(([lo, hi]) => [r.type, lo, hi, r.id]))));
  }

  idByTitle(type: string, title: string): number | undefined {
    return this.stmts.byTitle.get(type, title) as number | undefined;
  }

  /** The parts of `ips` held by records of `type` other than `exceptId`, in address order. */
  ipOverlaps(type: string, ips: IntervalSet, exceptId?: number): IpOverlap[] {
    if (ips.length === 0) return [];
    type Hit = { a: number; b: number; lo: number; hi: number; recordId: number; title: string };
    const hits = (
      ips.length === 1 ? this.stmts.ipOverlapsOne.all({ type, a: ips[0][0], b: ips[0][1] }) : this.stmts.ipOverlaps.all({ type, ranges: rangesJson(ips) })
    ) as Hit[];
    return (
      hits
        .filter((h) => h.recordId !== exceptId)
        .map((h): IpOverlap => ({ range: [Math.max(h.a, h.lo), Math.min(h.b, h.hi)], recordId: h.recordId, title: h.title }))
        // The parts are disjoint, as both the requested and the stored ranges are.
        .sort((x, y) => x.range[0] - y.range[0])
    );
  }

  /**
   * Records of `type` matching `filter`, ascending by ID, at most `limit`; `nextId` is the first
   * matching ID past the limit, when there is one.
   */
  list(type: string, filter: ListFilter, limit: number): { records: AuthRecord[]; nextId?: number } {
    return this.reading(() => {
      const ids = runRangeQuery(this.stmts.ids, filter, { type, limit: limit + 1 }) as number[];
      const nextId = ids.length > limit ? ids.pop() : undefined;
      return { records: this.byIds(ids), nextId };
    });
  }

  /** IDs and types of records of every type matching `filter`, as `list` pages them. */
  listIds(filter: ListFilter, limit: number): { records: { id: number; type: string }[]; nextId?: number } {
    const records = runRangeQuery(this.stmts.idsAndTypes, filter, { limit: limit + 1 }) as { id: number; type: string }[];
    const next = records.length > limit ? records.pop() : undefined;
    return { records, nextId: next?.id };
  }

  /** How many records each type holds; a type without records is absent. */
  countByType(): Map<string, number> {
    return new Map(this.stmts.countByType.all() as [string, number][]);
  }

  /**
   * Every record of `type` in the ID ranges, ascending, read afresh: a write reads what it is about
   * to change, so the cache would only add a query.
   */
  records(type: string, ids: IntervalSet): AuthRecord[] {
    // LIMIT -1 is SQLite's "no limit".
    return this.toRecords(runRangeQuery(this.stmts.rows, { ids }, { type, limit: -1 }) as RecordRow[]);
  }

  /**
   * Runs the reads of `fn` in one read transaction, after emptying the cache if the database
   * changed other than through this store since it was filled: the IDs a query finds and the
   * cached records are then of the same moment.
   */
  private reading<T>(fn: () => T): T {
    return this.deferred(() => {
      this.cache.checkVersion(this.version.otherChanges());
      return fn();
    }) as T;
  }

  /** The records of `ids`, in that order: cached ones as they are, the rest read in one query. */
  private byIds(ids: readonly number[]): AuthRecord[] {
    const found = new Map<number, AuthRecord>();
    const missing: number[] = [];
    for (const id of ids) {
      const cached = this.cache.get(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    if (missing.length > 0) {
      for (const record of this.toRecords(this.stmts.byIds.all(JSON.stringify(missing)) as RecordRow[])) {
        found.set(record.id, record);
        if (!this.commits.open) this.cache.add(record);
      }
    }
    return ids.map((id) => found.get(id)!);
  }

  /** The IP ranges of each of `ids`, in address order. */
  private ipsOf(ids: readonly number[]): Map<number, Range[]> {
    const out = new Map<number, Range[]>();
    if (ids.length === 0) return out;
    for (const [id, lo, hi] of this.stmts.ipsOfMany.all(JSON.stringify(ids)) as [number, number, number][]) {
      const list = out.get(id);
      if (list) list.push([lo, hi]);
      else out.set(id, [[lo, hi]]);
    }
    return out;
  }

  private toRecords(rows: readonly RecordRow[]): AuthRecord[] {
    const ips = this.ipsOf(rows.map((r) => r.id));
    return rows.map((r) => recordOf(r, ips.get(r.id) ?? []));
  }
}
