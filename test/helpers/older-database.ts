import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';

/**
 * A database file as an older program left it: migrated only up to (not including) the migration
 * named `before`, removed once the file's tests end. Call at a describe's top level.
 */
export function olderDatabase(before: string): { file: string; open(): Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'qe-older-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'old.sqlite');
  return {
    file,
    open() {
      const older = join(dir, 'migrations');
      for (const name of readdirSync(join(PACKAGE_ROOT, 'migrations')).filter((n) => n < before))
        cpSync(join(PACKAGE_ROOT, 'migrations', name), join(older, name));
      const db = new Database(file);
      migrate(db, older);
      return db;
    },
  };
}
