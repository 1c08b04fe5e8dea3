import SQLite from 'better-sqlite3';
import type { Durability } from '../settings/config.js';
import { startCheckpointer } from './checkpointer.js';
import { ContentVersion } from './content-version.js';
import { GroupCommit } from './group-commit.js';
import { DatabaseCondition } from './condition.js';
import { migrate } from './migrate.js';
import { prepareDatabaseFile } from './private-files.js';
import type { Database } from './connection.js';

/**
 * WAL keeps readers off the writer's back. In WAL mode a commit is in the operating system's
 * hands once written (NORMAL), so it survives the emulator's own death; FULL also fsyncs the WAL
 * at each commit, so it survives a power cut (docs/architecture.md, Durability).
 */
const SYNCHRONOUS: Record<Durability, string> = { process: 'NORMAL', full: 'FULL' };

/**
 * WAL pages the committing connection lets pile up before it checkpoints itself; the checkpoint
 * thread keeps the log far below this, so it only matters if that thread fails.
 */
const FALLBACK_CHECKPOINT_PAGES = 10_000;

/**
 * Opens (creating on demand, owner-only) and migrates the database, and makes what goes with
 * the connection: its group commit, its content version and, for a file, a checkpoint thread.
 * `close` commits the writes waiting for their group commit, stops the thread, then closes.
 */
export function openDatabase(path: string, durability: Durability = 'full'): Database {
  if (path !== ':memory:') prepareDatabaseFile(path);
  const db = new SQLite(path);
  let stopCheckpoints = () => {};
  try {
    // First, so that every later statement, the switch to WAL included, waits for a process
    // starting on the same file instead of failing at once.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${SYNCHRONOUS[durability]}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
    if (path !== ':memory:') {
      db.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
      stopCheckpoints = startCheckpointer(path, SYNCHRONOUS[durability]);
    }
  } catch (err) {
    db.close();
    throw err;
  }
  // the files' identities as opened, and a first integrity check
  const condition = new DatabaseCondition(path === ':memory:' ? undefined : path);
  const commits = new GroupCommit(db, () => condition.writeRefusal());
  return {
    connection: db,
    commits,
    condition,
    version: new ContentVersion(db, commits),
    close() {
      try {
        // writes waiting for their shared COMMIT land, rather than roll back with the connection
        commits.flush();
      } catch (err) {
        // their requests answer the failure
        console.error('The last writes could not be committed:', err);
      }
      stopCheckpoints();
      condition.stop();
      db.close();
    },
  };
}
