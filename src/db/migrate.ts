import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { PACKAGE_ROOT } from '../package-root.js';

const MIGRATIONS_DIR = join(PACKAGE_ROOT, 'migrations');

/**
 * Applies `migrations/*.sql` in name order, each once and in its own transaction, recording
 * what ran, so a newer program opens an older database. Migrations are forward only.
 */
export function migrate(db: Database.Database, dir: string = MIGRATIONS_DIR): string[] {
  db.prepare('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)').run();
  const done = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
  const applied: string[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    if (done.has(name)) continue;
    const sql = readFileSync(join(dir, name), 'utf8');
    db.transaction(() => {
      // SQLite's multi-statement execution of a migration file (no process is run).
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(name, new Date().toISOString());
    })();
    applied.push(name);
  }
  return applied;
}
