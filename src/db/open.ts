import Database from 'better-sqlite3';
import { migrate } from './migrate.js';
import { prepareDatabaseFile } from './private-files.js';

export type Db = Database.Database;

/** Opens (creating on demand, owner-only) and migrates the database. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') prepareDatabaseFile(path);
  const db = new Database(path);
  try {
    // First, so that every later statement, the switch to WAL included, waits for a process
    // starting on the same file instead of failing at once.
    db.pragma('busy_timeout = 5000');
    // WAL keeps readers off the writer's back; FULL sync so an acknowledged write survives a crash.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
