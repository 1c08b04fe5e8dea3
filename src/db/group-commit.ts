import type { Db } from './sqlite-connection.js';

/**
 * Group commit: the writes of every request handled in one turn of the event loop share one
 * transaction and one COMMIT (one fsync under `--durability full`), which was the largest single
 * cost of a create. Each write still runs in a SAVEPOINT of its own, so a refused one changes
 * nothing; and no answer leaves before the COMMIT that holds what it wrote or read (`settled`),
 * so an answered write survives a crash and no answer shows what could still roll back
 * (docs/architecture.md, Group commit). One per connection, made by `openDatabase`: a connection
 * has one transaction at a time, so every store on it writes through the same one.
 */
export class GroupCommit {
  private batch: { done: Promise<void>; resolve(): void; reject(err: unknown): void } | undefined;
  /** Set by `abandon`: nothing is written any more. */
  private abandoned = false;
  /** Built once, not a transaction wrapper per call. */
  private readonly savepoint;
  /** One-statement SQL goes through prepare().run(), as everywhere but the migration runner. */
  private readonly statements;

  /**
   * `writeRefusal` says why nothing may be committed now (the database file deleted or replaced
   * under the server), or undefined.
   */
  constructor(
    private readonly db: Db,
    private readonly writeRefusal: () => string | undefined = () => undefined,
  ) {
    this.savepoint = db.transaction((fn: () => unknown) => fn());
    this.statements = { begin: db.prepare('BEGIN IMMEDIATE'), commit: db.prepare('COMMIT'), rollback: db.prepare('ROLLBACK') };
  }

  /** Whether writes are waiting for their COMMIT: what is read now could still roll back. */
  get open(): boolean {
    return this.batch !== undefined;
  }

  /**
   * Runs `fn` in its own savepoint of the open batch, opening one (BEGIN IMMEDIATE, so the write
   * lock is taken before anything is read) committed once this turn of the event loop ends.
   */
  write<T>(fn: () => T): T {
    if (this.abandoned) throw new Error('the emulator is stopping: nothing more is written');
    if (this.batch === undefined && !this.db.inTransaction) this.begin();
    try {
      return this.savepoint(fn) as T;
    } catch (err) {
      // SQLITE_FULL, IOERR, NOMEM or BUSY may cancel the whole transaction, not just the failing
      // statement: the batch's earlier writes are gone, so its waiters fail now, and the writes
      // that follow open a batch of their own rather than commit alone, unheld.
      if (this.batch !== undefined && !this.db.inTransaction) this.fail(err);
      throw err;
    }
  }

  /** Resolves once the writes so far are committed (at once if none wait); rejects if that COMMIT failed. */
  settled(): Promise<void> | undefined {
    return this.batch?.done;
  }

  /**
   * Commits the open batch now (before a reset's own transaction, a seed from a file is reported,
   * or the database closes); a failed COMMIT rolls the batch back and throws, as its waiters are told.
   */
  flush(): void {
    const batch = this.batch;
    if (batch === undefined) return;
    this.batch = undefined;
    try {
      this.assertWritable();
      this.statements.commit.run();
    } catch (err) {
      if (this.db.inTransaction) this.statements.rollback.run();
      batch.reject(err);
      throw err;
    }
    batch.resolve();
  }

  /**
   * Throws when nothing may be committed: the database file was deleted or replaced under the
   * server, so a write acknowledged now would be lost at the next start.
   */
  assertWritable(): void {
    const refusal = this.writeRefusal();
    if (refusal !== undefined) throw new Error(refusal);
  }

  /**
   * Rolls the open batch back and refuses every later write: the server is stopping and has cut
   * the connections its writes would have been answered on, and a write must not be kept that
   * its client was never told of.
   */
  abandon(): void {
    this.abandoned = true;
    const batch = this.batch;
    if (batch === undefined) return;
    this.batch = undefined;
    if (this.db.inTransaction) this.statements.rollback.run();
    batch.reject(new Error('the emulator stopped before these writes were committed'));
  }

  /** The open batch was rolled back by SQLite itself: its waiters are told `err`. */
  private fail(err: unknown): void {
    this.batch?.reject(err);
    this.batch = undefined;
  }

  private begin(): void {
    this.statements.begin.run();
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Nobody may be waiting when a COMMIT fails; the failure is then only the waiters' business.
    done.catch(() => {});
    this.batch = { done, resolve, reject };
    setImmediate(() => {
      try {
        this.flush();
      } catch {
        // the waiting requests answer the failure
      }
    });
  }
}
