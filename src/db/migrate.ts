import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { PACKAGE_ROOT } from '../package-root.js';
import { registerFoldCase } from './fold-case.js';

const MIGRATIONS_DIR = join(PACKAGE_ROOT, 'migrations');

/**
 * Applies `migrations/*.sql` in name order, each once, recording what ran, so a newer program
 * opens an older database. Migrations are forward only. All pending ones run in one transaction
 * that takes the write lock first (BEGIN IMMEDIATE) and only then reads what is applied, so any
 * number of processes starting together on one file apply each migration exactly once.
 */
export function migrate(db: Database.Database, dir: string = MIGRATIONS_DIR): string[] {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  // the SQL functions of the emulator's own that migrations call
  registerFoldCase(db);
  const pending = db.transaction(() => {
    db.prepare('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)').run();
    const done = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
    const applied = names.filter((name) => !done.has(name));
    const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
    for (const name of applied) {
      // SQLite's multi-statement execution of a migration file (no process is run).
      db.exec(readFileSync(join(dir, name), 'utf8'));
      record.run(name, new Date().toISOString());
    }
    return applied;
  });
  return pending.immediate();
}
