import type { Db } from './sqlite-connection.js';
import type { GroupCommit } from './group-commit.js';

/**
 * Names what the database holds, so that what is kept in memory from it (records read, whole
 * list answers) is used only while the database still holds exactly that. Everything is read
 * afresh when asked, never remembered from an earlier request: a commit another process made
 * before a client sent its request happened before the server began to handle that request, so
 * a read made while handling it sees the commit, whatever the event loop does in between.
 */
export class ContentVersion {
  private readonly statements;
  private lastDataVersion: number | undefined;
  private outsideChanges = 0;

  constructor(
    db: Db,
    private readonly commits: GroupCommit,
  ) {
    this.statements = {
      // Changes exactly when another connection has committed since this connection last asked.
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
      // Rows this connection has inserted, updated or deleted, a rolled back write's too; it
      // never goes back, and needs no lock (data_version does).
      rowsWritten: db.prepare('SELECT total_changes()').pluck(),
    };
  }

  /**
   * A count that grows whenever the database changed other than by a row this connection wrote:
   * another connection (another process on the same file) committed, or `emptied` was called.
   * Inside a read transaction it is that of the transaction's snapshot.
   */
  otherChanges(): number {
    const dataVersion = this.statements.dataVersion.get() as number;
    if (dataVersion !== this.lastDataVersion) {
      this.lastDataVersion = dataVersion;
      this.outsideChanges++;
    }
    return this.outsideChanges;
  }

  /**
   * The database was emptied on this connection (a reset). Its deletes move the rows written,
   * but a cache of records, which forgets only the records its own store writes, must hear of
   * it as of another connection's commit.
   */
  emptied(): void {
    this.outsideChanges++;
  }

  /**
   * A name for what the database holds now; none while writes wait for their COMMIT, as they
   * may yet roll back. Two different contents never share a name: every change is a row this
   * connection wrote (the rows written grow, and rolling back does not shrink them), a commit
   * of another connection, or an emptying (both grow the other changes).
   */
  name(): string | undefined {
    if (this.commits.open) return undefined;
    return `${this.statements.rowsWritten.get() as number}:${this.otherChanges()}`;
  }
}
