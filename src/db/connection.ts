import type { Db } from './sqlite-connection.js';
import type { ContentVersion } from './content-version.js';
import type { GroupCommit } from './group-commit.js';
import type { DatabaseCondition } from './condition.js';

export type { Db };

/**
 * What `openDatabase` made for one connection. Whoever needs part of it is handed it: the same
 * group commit and version must serve every store on the connection (it has one transaction at a
 * time), and handing them over is the only way to reach them.
 */
export interface Database {
  readonly connection: Db;
  /** Every write goes through it: one transaction and one COMMIT per turn of the event loop. */
  readonly commits: GroupCommit;
  /** What is wrong with the database file that SQLite does not say (for writes and `/health`). */
  readonly condition: DatabaseCondition;
  /** Names what the database holds, for what is kept in memory from it. */
  readonly version: ContentVersion;
  /** Commits the waiting writes, stops the checkpoint thread, closes the connection. */
  close(): void;
}
