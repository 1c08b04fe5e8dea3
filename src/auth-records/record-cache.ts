import type { AuthRecord } from './record-type.js';

/**
 * Records as last read from SQLite, by ID, so a list does not read and rebuild each row again:
 * materialising rows was most of a list's SQLite time. The cache never answers what the database
 * no longer holds:
 * - the store forgets a record it writes or deletes, and caches nothing read after a write of the
 *   open transaction (that could still roll back);
 * - any other change empties it: another connection's commit (another process on the same
 *   file) or a reset (IDs start again at 1), both counted by the database's content version,
 *   which the store reads in the same read transaction as the query whose IDs it looks up here.
 * Cached records are shared: nothing may change one (updates build new objects).
 */
export class RecordCache {
  private readonly records = new Map<number, AuthRecord>();
  /** The bytes the held records are counted at (see {@link weightOf}): what the bound counts. */
  private weight = 0;
  private version: number | undefined;

  /**
   * `maxWeight` bounds memory, in bytes as {@link weightOf} counts them, the oldest dropped first:
   * counting records and ranges alone let 200,000 records of 2,000-character comments and
   * 1,024-character fields, all the API accepts, hold gigabytes.
   */
  constructor(private readonly maxWeight = 64 * 1024 * 1024) {}

  /** Empties the cache unless `version` (`ContentVersion.otherChanges`) is the one it was filled at. */
  checkVersion(version: number): void {
    if (version !== this.version) this.clear();
    this.version = version;
  }

  get(id: number): AuthRecord | undefined {
    return this.records.get(id);
  }

  add(record: AuthRecord): void {
    const weight = weightOf(record);
    if (weight > this.maxWeight) return;
    this.forget(record.id);
    this.records.set(record.id, record);
    this.weight += weight;
    // A Map iterates in insertion order: the first keys are the oldest.
    for (const [id, old] of this.records) {
      if (this.weight <= this.maxWeight) break;
      this.records.delete(id);
      this.weight -= weightOf(old);
    }
  }

  forget(id: number): void {
    const old = this.records.get(id);
    if (!old) return;
    this.records.delete(id);
    this.weight -= weightOf(old);
  }

  private clear(): void {
    this.records.clear();
    this.weight = 0;
  }
}

/** What a record and its written XML hold, roughly: a fixed part, each IP range, each character. */
const RECORD_BYTES = 512;
const RANGE_BYTES = 64;
/** Up to two bytes in the string and one in the written XML. */
const CHAR_BYTES = 3;

function weightOf(record: AuthRecord): number {
  let chars = record.title.length + (record.comments?.length ?? 0);
  for (const value of Object.values(record.fields)) chars += value.length;
  return RECORD_BYTES + RANGE_BYTES * record.ips.length + CHAR_BYTES * chars;
}
