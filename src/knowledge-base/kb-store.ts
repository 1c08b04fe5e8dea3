import type { Database } from '../db/connection.js';
import { SqlStore } from '../db/sql-store.js';
import type { IntervalSet } from '../qualys/interval-set.js';
import { kbFacts, type KbEntry } from './kb-entry.js';

/** SQL for the KnowledgeBase. Speaks entries and QID sets, knows nothing of HTTP or Qualys codes. */

/** Bounds of a date filter, as `YYYY-MM-DDTHH:MM:SSZ` texts, either end open. */
export interface Window {
  after?: string;
  before?: string;
}

/** The forms of an entry's VULN kept written beside it (kb-output.ts writes them). */
export type StoredForm = 'basic' | 'all';
/** A form: its bytes, and the byte where PATCH_PUBLISHED_DATE goes in 3.0's answers. */
export interface WrittenVuln {
  bytes: Buffer;
  split: number;
}
export type KbWritten = Readonly<Record<StoredForm, WrittenVuln>>;

/**
 * An entry as a batch of one stored form reads it: that form, with its PATCH_PUBLISHED_DATE if it
 * has one, or, stored before the forms were kept, its fields.
 */
export type KbRead = { qid: number; xml: Buffer; split: number | null; patchDate: string | null; entry: null } | { qid: number; xml: null; entry: KbEntry };

export interface KbFilter {
  /** Normalised QID ranges to look in. */
  qids: IntervalSet;
  patchable?: 0 | 1;
  /** REMOTE 1 or 0. */
  remote?: 0 | 1;
  /** Whether it has an AUTH_TYPE_LIST. */
  authenticated?: boolean;
  /** Any of these AUTH_TYPEs (case-insensitive). */
  authTypes?: readonly string[];
  /** The later of the service's and the user's last modification. */
  modified?: Window;
  serviceModified?: Window;
  userModified?: Window;
  published?: Window;
}

/** A window on a column that may be NULL: an entry without the date is outside every window. */
const windowSql = (column: string, name: string) =>
  `(@${name}After IS NULL OR ${column} >= @${name}After) AND (@${name}Before IS NULL OR (${column} <= @${name}Before AND ${column} IS NOT NULL))`;

const MODIFIED = `nullif(max(coalesce(v.service_modified, ''), coalesce(v.user_modified, '')), '')`;

const FILTERS = [
  '(@patchable IS NULL OR v.patchable = @patchable)',
  '(@remote IS NULL OR v.remote = @remote)',
  `(@authenticated IS NULL OR (v.auth_types <> ',') = @authenticated)`,
  '(@authTypes IS NULL OR EXISTS (SELECT 1 FROM json_each(@authTypes) a WHERE instr(v.auth_types, a.value) > 0))',
  windowSql(MODIFIED, 'modified'),
  windowSql('v.service_modified', 'service'),
  windowSql('v.user_modified', 'user'),
  windowSql('v.published', 'published'),
].join(' AND ');

// CROSS JOIN keeps json_each outside: the ranges are sorted, so rows come in QID order
const batchSql = (join: string) => `FROM json_each(@ranges) j CROSS JOIN kb_vulns v ${join}
  WHERE v.qid BETWEEN max(j.value->>0, @after + 1) AND j.value->>1 AND ${FILTERS} LIMIT @limit`;

/** A stored form's read; with the patch date and where it goes in that form, for the versions writing it. */
const writtenSql = (form: StoredForm, patchDates: boolean) =>
  patchDates
    ? `SELECT v.qid, w.xml, p.${form}_split AS split, p.date AS patchDate, iif(w.xml IS NULL, v.entry, NULL) AS entry
       ${batchSql(`LEFT JOIN kb_vuln_${form} w ON w.qid = v.qid LEFT JOIN kb_vuln_patch_dates p ON p.qid = v.qid`)}`
    : `SELECT v.qid, w.xml, NULL AS split, NULL AS patchDate, iif(w.xml IS NULL, v.entry, NULL) AS entry ${batchSql(`LEFT JOIN kb_vuln_${form} w ON w.qid = v.qid`)}`;

const windowParams = (name: string, w: Window | undefined) => ({ [`${name}After`]: w?.after ?? null, [`${name}Before`]: w?.before ?? null });

interface WrittenRow {
  qid: number;
  xml: Buffer | null;
  split: number | null;
  patchDate: string | null;
  entry: string | null;
}

export class KbStore extends SqlStore {
  private readonly stmts;

  constructor(database: Database) {
    super(database);
    const { connection: db } = database;
    const written = (form: StoredForm) => ({ withPatchDates: db.prepare(writtenSql(form, true)), without: db.prepare(writtenSql(form, false)) });
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO kb_vulns (qid, severity, title, patchable, remote, auth_types, service_modified, user_modified, published, entry)
         VALUES (@qid, @severity, @title, @patchable, @remote, @authTypes, @serviceModified, @userModified, @published, @entry)`,
      ),
      // OR REPLACE: an entry's forms are written again when their writer changes (kb-forms.ts)
      insertWritten: {
        basic: db.prepare('INSERT OR REPLACE INTO kb_vuln_basic (qid, xml) VALUES (?, ?)'),
        all: db.prepare('INSERT OR REPLACE INTO kb_vuln_all (qid, xml) VALUES (?, ?)'),
      },
      insertPatchDate: db.prepare('INSERT OR REPLACE INTO kb_vuln_patch_dates (qid, date, basic_split, all_split) VALUES (?, ?, ?, ?)'),
      entriesAfter: db.prepare('SELECT entry FROM kb_vulns WHERE qid > ? ORDER BY qid LIMIT ?').pluck(),
      has: db.prepare('SELECT 1 FROM kb_vulns WHERE qid = ?').pluck(),
      cvss: db.prepare(
        "SELECT qid, entry->'$.cvss_v3' AS v3, entry->'$.cvss' AS v2 FROM kb_vulns WHERE qid IN (SELECT value FROM json_each(?)) AND (v3 IS NOT NULL OR v2 IS NOT NULL)",
      ),
      count: db.prepare('SELECT count(*) FROM kb_vulns').pluck(),
      batch: db.prepare(`SELECT v.entry ${batchSql('')}`).pluck(),
      written: {
        basic: written('basic'),
        all: written('all'),
      },
      qids: db.prepare(`SELECT v.qid FROM json_each(@ranges) j CROSS JOIN kb_vulns v WHERE v.qid BETWEEN j.value->>0 AND j.value->>1 AND ${FILTERS}`).pluck(),
      search: db
        .prepare(
          `SELECT entry FROM kb_vulns WHERE (@text IS NULL OR qid = @qid OR instr(lower(title), lower(@text)) > 0)
           AND (@severity IS NULL OR severity = @severity) ORDER BY qid LIMIT @limit`,
        )
        .pluck(),
    };
  }

  insert(entry: KbEntry, written: KbWritten): void {
    const { patchPublished, ...facts } = kbFacts(entry);
    this.stmts.insert.run({
      ...facts,
      authTypes: `,${facts.authTypes.map((t) => `${t.toLowerCase()},`).join('')}`,
      entry: JSON.stringify(entry),
    });
    this.writeForms(facts.qid, patchPublished, written);
  }

  /** Stores an entry's written forms, in place of those it had. */
  private writeForms(qid: number, patchPublished: string | null, written: KbWritten): void {
    this.stmts.insertWritten.basic.run(qid, written.basic.bytes);
    this.stmts.insertWritten.all.run(qid, written.all.bytes);
    if (patchPublished !== null) this.stmts.insertPatchDate.run(qid, patchPublished, written.basic.split, written.all.split);
  }

  /** Writes again the forms of at most `limit` entries with a QID above `after`, by QID, with `write`; answers the last QID. */
  rewriteForms(after: number, limit: number, write: (entry: KbEntry) => KbWritten): number | undefined {
    const entries = (this.stmts.entriesAfter.all(after, limit) as string[]).map((r) => JSON.parse(r) as KbEntry);
    for (const entry of entries) this.writeForms(Number(entry.qid), kbFacts(entry).patchPublished, write(entry));
    return entries.length === 0 ? undefined : Number(entries[entries.length - 1].qid);
  }

  /** The CVSS groups (v3's and v2's, as JSON, each null when absent) of the entries of `qids` that have one. */
  cvss(qids: readonly number[]): { qid: number; v3: string | null; v2: string | null }[] {
    return this.stmts.cvss.all(JSON.stringify(qids)) as { qid: number; v3: string | null; v2: string | null }[];
  }

  has(qid: number): boolean {
    return this.stmts.has.get(qid) !== undefined;
  }

  count(): number {
    return this.stmts.count.get() as number;
  }

  private params(filter: KbFilter) {
    return {
      ranges: JSON.stringify(filter.qids),
      patchable: filter.patchable ?? null,
      remote: filter.remote ?? null,
      authenticated: filter.authenticated === undefined ? null : Number(filter.authenticated),
      authTypes: filter.authTypes ? JSON.stringify(filter.authTypes.map((t) => `,${t.toLowerCase()},`)) : null,
      ...windowParams('modified', filter.modified),
      ...windowParams('service', filter.serviceModified),
      ...windowParams('user', filter.userModified),
      ...windowParams('published', filter.published),
    };
  }

  /** At most `limit` entries matching `filter` with a QID above `after`, by QID. */
  batch(filter: KbFilter, after: number, limit: number): KbEntry[] {
    const rows = this.stmts.batch.all({ ...this.params(filter), after, limit }) as string[];
    return rows.map((r) => JSON.parse(r) as KbEntry);
  }

  /** As `batch`, each entry in its stored `form`, with its patch date and where it goes if `patchDates`. */
  writtenBatch(filter: KbFilter, after: number, limit: number, form: StoredForm, patchDates: boolean): KbRead[] {
    const read = this.stmts.written[form][patchDates ? 'withPatchDates' : 'without'];
    const rows = read.all({ ...this.params(filter), after, limit }) as WrittenRow[];
    // a row with its form is a KbRead as it is: no copy of each
    return rows.map((r) => (r.xml === null ? { qid: r.qid, xml: null, entry: JSON.parse(r.entry!) as KbEntry } : (r as KbRead)));
  }

  /** Every matching QID, in order (details=None: numbers only, a few bytes each). */
  qids(filter: KbFilter): number[] {
    return this.stmts.qids.all(this.params(filter)) as number[];
  }

  /** The first `limit` entries whose QID is `text` or whose title holds it, of one severity if given. */
  search(text: string | undefined, severity: number | undefined, limit: number): KbEntry[] {
    const qid = text !== undefined && /^\d{1,10}$/.test(text) ? Number(text) : null;
    const rows = this.stmts.search.all({ text: text ?? null, qid, severity: severity ?? null, limit }) as string[];
    return rows.map((r) => JSON.parse(r) as KbEntry);
  }
}
