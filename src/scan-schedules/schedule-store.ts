import type { Database } from '../db/connection.js';
import { SqlStore } from '../db/sql-store.js';
import type { Definition } from './schedule-input.js';

/** A scheduled scan as stored: its parameters as last given, and what they were read into. */
export interface StoredSchedule {
  id: number;
  userLogin: string;
  params: [string, string][];
  definition: Definition;
}

interface ScheduleRow {
  id: number;
  user_login: string;
  params: string;
  definition: string;
}

const toSchedule = (r: ScheduleRow): StoredSchedule => ({
  id: r.id,
  userLogin: r.user_login,
  params: JSON.parse(r.params) as [string, string][],
  definition: JSON.parse(r.definition) as Definition,
});

/** SQL for scheduled scans. Speaks definitions, knows nothing of HTTP or Qualys codes. */
export class ScheduleStore extends SqlStore {
  private readonly stmts;

  constructor(database: Database) {
    super(database);
    const { connection: db } = database;
    this.stmts = {
      insert: db.prepare(
        'INSERT INTO scan_schedules (active, user_login, params, definition, created_at) VALUES (@active, @user_login, @params, @definition, @created_at)',
      ),
      update: db.prepare('UPDATE scan_schedules SET active = @active, params = @params, definition = @definition WHERE id = @id'),
      delete: db.prepare('DELETE FROM scan_schedules WHERE id = ?'),
      byId: db.prepare('SELECT * FROM scan_schedules WHERE id = ?'),
      list: db.prepare(
        `SELECT * FROM scan_schedules WHERE (@ids IS NULL OR id IN (SELECT value FROM json_each(@ids))) AND (@active IS NULL OR active = @active)
         ORDER BY id LIMIT @limit`,
      ),
    };
  }

  insert(userLogin: string, params: [string, string][], definition: Definition, now: string): number {
    const row = {
      active: definition.active ? 1 : 0,
      user_login: userLogin,
      params: JSON.stringify(params),
      definition: JSON.stringify(definition),
      created_at: now,
    };
    return Number(this.stmts.insert.run(row).lastInsertRowid);
  }

  update(id: number, params: [string, string][], definition: Definition): void {
    this.stmts.update.run({ id, active: definition.active ? 1 : 0, params: JSON.stringify(params), definition: JSON.stringify(definition) });
  }

  delete(id: number): void {
    this.stmts.delete.run(id);
  }

  get(id: number): StoredSchedule | undefined {
    const row = this.stmts.byId.get(id) as ScheduleRow | undefined;
    return row && toSchedule(row);
  }

  /** By ID, at most `limit`. */
  list(filter: { ids?: readonly number[]; active?: boolean }, limit: number): StoredSchedule[] {
    const rows = this.stmts.list.all({
      ids: filter.ids ? JSON.stringify(filter.ids) : null,
      active: filter.active === undefined ? null : filter.active ? 1 : 0,
      limit,
    }) as ScheduleRow[];
    return rows.map(toSchedule);
  }
}
