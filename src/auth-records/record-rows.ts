import { foldCase } from '../db/fold-case.js';
import type { Range } from '../qualys/interval-set.js';
import type { AuthRecord, NewRecord } from './record-type.js';

/** A row of `auth_records` as SQLite gives it. */
export interface RecordRow {
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

/** The columns a create and an update both write. */
export function rowValues(record: NewRecord) {
  return {
    type: record.type,
    title: record.title,
    comments: record.comments ?? null,
    network_id: record.networkId ?? null,
    fields: JSON.stringify(record.fields),
    modified_at: record.modifiedAt,
    modified_by: record.modifiedBy ?? null,
    // what the title and comments filters match (src/db/fold-case.ts)
    title_folded: foldCase(record.title),
    comments_folded: record.comments === undefined ? null : foldCase(record.comments),
  };
}

/** The columns a record is read from (not the folded copies, which only the filters read). */
export const RECORD_COLUMNS = 'r.id, r.type, r.title, r.comments, r.network_id, r.fields, r.created_at, r.created_by, r.modified_at, r.modified_by';

export function recordOf(row: RecordRow, ips: Range[]): AuthRecord {
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
