import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate.js';

export type Db = Database.Database;

export const DURABILITIES = ['process', 'full'] as const;
export type Durability = (typeof DURABILITIES)[number];

/**
 * WAL keeps readers off the writer's back. In WAL mode a commit is in the operating system's
 * hands once written (NORMAL), so it survives the emulator's own death; FULL also fsyncs the WAL
 * at each commit, so it survives a power cut (docs/architecture.md, Durability).
 */
const SYNCHRONOUS: Record<Durability, string> = { process: 'NORMAL', full: 'FULL' };

/** Opens (creating on demand) and migrates the database. */
export function openDatabase(path: string, durability: Durability = 'full'): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${SYNCHRONOUS[durability]}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
