import type { Database } from './connection.js';
import type { GroupCommit } from './group-commit.js';

/**
 * What every family's store shares: its writes go through the connection's group commit
 * (docs/architecture.md, Group commit), so a store never opens a transaction of its own.
 */
export abstract class SqlStore {
  /** While writes wait for their shared COMMIT, what is read may yet roll back. */
  protected readonly commits: GroupCommit;

  constructor(database: Database) {
    this.commits = database.commits;
  }

  /**
   * Runs `fn` as one transaction: all of it lands, or none. IMMEDIATE takes the write lock before
   * the checks read, so even another process on the same file cannot slip in between; it is
   * committed with its turn's others.
   */
  transaction<T>(fn: () => T): T {
    return this.commits.write(fn);
  }

  /** Resolves once what was written so far is committed (at once when nothing waits). */
  settled(): Promise<void> | undefined {
    return this.commits.settled();
  }
}
