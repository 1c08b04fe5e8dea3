import type { Db } from './sqlite-connection.js';

/**
 * Elements kept already written beside the fields they are written from (docs/architecture.md,
 * "Stored written forms") outlive the code that wrote them: a database file is opened again by
 * later emulators. Each kind of them declares the version of its writer, and the database
 * records the version its forms were written with (migrations/0018_stored_forms.sql); a kind
 * recorded with another version, or none, is written again from its fields before the server
 * listens, so one subscription never answers in two shapes.
 */
export interface StoredFormKind {
  /** Its name in the record and on stderr, e.g. `host detection elements`. */
  readonly name: string;
  /**
   * The version of its writer. Whoever changes the bytes it writes (the writer, the declarations
   * it writes from, the renderer, an order) raises it, and every database is rewritten once.
   */
  readonly version: number;
  /**
   * Writes again, from their fields, the forms of at most `limit` keys above `after`, in key
   * order, inside the caller's transaction; answers the last key written, undefined when none
   * is left.
   */
  rewrite(after: number, limit: number): number | undefined;
  /**
   * Kinds its rewrite writes again as a matter of course (the DETECTION elements' rejoins each
   * host): each of its steps moves their records on with its own, so they are not written twice.
   */
  readonly renews?: readonly StoredFormKind[];
}

/** [E] Keys rewritten per transaction: each step lands, so an interrupted rewrite resumes after it. */
const STEP = 200;

interface Recorded {
  version: number;
  through: number | null;
}

/**
 * How far the forms of `kind` are of its version: the last key rewritten, Infinity when all are,
 * -1 when none is.
 */
const progress = (record: Recorded | undefined, kind: StoredFormKind) => (record?.version !== kind.version ? -1 : (record.through ?? Number.POSITIVE_INFINITY));

const writtenBy = (record: Recorded | undefined) =>
  record === undefined
    ? 'their version unrecorded'
    : `written by version ${record.version}${record.through === null ? '' : `, rewritten up to key ${record.through}`}`;

/**
 * Brings every kind's stored forms to its version, each step of STEP keys a transaction of its
 * own that reads the record, rewrites and moves the record on, so that processes starting
 * together on one file share the work and one killed midway resumes where its last step landed.
 * A kind whose forms were all written by this version costs one read. Prints one line on stderr
 * for each kind it finds forms of to rewrite.
 */
export function renewStoredForms(db: Db, kinds: readonly StoredFormKind[]): void {
  const read = db.prepare('SELECT version, through FROM stored_forms WHERE kind = ?');
  const write = db.prepare('INSERT OR REPLACE INTO stored_forms (kind, version, through) VALUES (?, ?, ?)');
  for (const kind of kinds) {
    let told = false;
    const step = db.transaction((): boolean => {
      const record = read.get(kind.name) as Recorded | undefined;
      if (record?.version === kind.version && record.through === null) return false;
      const from = record?.version === kind.version ? record.through! : -1;
      const last = kind.rewrite(from, STEP);
      write.run(kind.name, kind.version, last ?? null);
      // a renewed kind's forms are of its version up to `last` only when they were up to `from`
      const renewed = (kind.renews ?? []).filter((other) => {
        const done = progress(read.get(other.name) as Recorded | undefined, other);
        if (from >= 0 && done < from) return false;
        const through = last === undefined ? Number.POSITIVE_INFINITY : Math.max(done, last);
        write.run(other.name, other.version, through === Number.POSITIVE_INFINITY ? null : through);
        return true;
      });
      if (last !== undefined && !told) {
        const also = renewed.map((other) => `, and with them the ${other.name},`).join('');
        console.error(
          `qualys-emulator: ${from >= 0 ? 'resuming the rewrite of' : 'rewriting'} the stored ${kind.name} (${writtenBy(record)})${also} before listening`,
        );
        told = true;
      }
      return last !== undefined;
    });
    while (step.immediate());
  }
}
