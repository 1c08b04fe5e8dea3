import type { Database, Db } from './connection.js';

/**
 * Every table holding data (all but SQLite's own, the migration log and the stored forms'
 * versions, which say how rows are written), as quoted identifiers.
 */
function dataTables(db: Db): string[] {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('schema_migrations', 'stored_forms')")
    .pluck()
    .all() as string[];
  return names.map((name) => `"${name.replaceAll('"', '""')}"`);
}

/** Whether no data table holds a row: a database just created, or just reset. */
export function isEmptyDatabase(db: Db): boolean {
  return dataTables(db).every((table) => db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() === undefined);
}

/**
 * Deletes every row of every data table (all but the migration log and the stored forms'
 * versions) in one transaction, and restarts AUTOINCREMENT counters so IDs begin at 1 again.
 * Tables added by later migrations are covered without being listed here.
 */
export function emptyDatabase({ connection: db, commits, version }: Database): void {
  const tables = dataTables(db);
  const hasSequence = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get() !== undefined;
  // Writes waiting for their shared COMMIT land first: the emptying is a transaction of its own.
  commits.flush();
  commits.assertWritable();
  db.transaction(() => {
    // Tables are emptied in any order; references are checked once, at commit, when all are empty.
    db.pragma('defer_foreign_keys = ON');
    for (const table of tables) db.prepare(`DELETE FROM ${table}`).run();
    if (hasSequence) db.prepare('DELETE FROM sqlite_sequence').run();
  })();
  // what is kept in memory from the database must not outlive its rows
  version.emptied();
}
