import type { Database } from '../db/connection.js';
import { SqlStore } from '../db/sql-store.js';
import { BUILT_IN_PROFILES, FIRST_STORED_ID, type OptionProfile, type ProfileSettings, type ProfileType } from './option-profile.js';

interface ProfileRow {
  id: number;
  title: string;
  type: ProfileType;
  is_default: number;
  is_global: number;
  owner: string;
  settings: string;
  updated_at: string;
}

const toProfile = (r: ProfileRow): OptionProfile => ({
  id: r.id,
  title: r.title,
  type: r.type,
  isDefault: r.is_default === 1,
  isGlobal: r.is_global === 1,
  isSystem: false,
  owner: r.owner,
  settings: JSON.parse(r.settings) as ProfileSettings,
  updatedAt: r.updated_at,
});

const toRow = (p: Omit<OptionProfile, 'id' | 'isSystem'>) => ({
  title: p.title,
  type: p.type,
  is_default: p.isDefault ? 1 : 0,
  is_global: p.isGlobal ? 1 : 0,
  owner: p.owner,
  settings: JSON.stringify(p.settings),
  updated_at: p.updatedAt,
});

/** SQL for the option profiles a seed adds; the built-ins are listed with them. Knows nothing of HTTP. */
export class OptionProfileStore extends SqlStore {
  private readonly stmts;

  constructor(database: Database) {
    super(database);
    const { connection: db } = database;
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO option_profiles (id, title, type, is_default, is_global, owner, settings, updated_at)
         VALUES ((SELECT coalesce(max(id) + 1, ${FIRST_STORED_ID}) FROM option_profiles), @title, @type, @is_default, @is_global, @owner, @settings, @updated_at)`,
      ),
      // One default per type [Q: a profile set as default replaces the former default]
      clearDefault: db.prepare('UPDATE option_profiles SET is_default = 0 WHERE type = ?'),
      update: db.prepare(
        `UPDATE option_profiles SET title = @title, is_default = @is_default, is_global = @is_global, owner = @owner, settings = @settings,
           updated_at = @updated_at WHERE id = @id`,
      ),
      delete: db.prepare('DELETE FROM option_profiles WHERE id = ?'),
      all: db.prepare('SELECT * FROM option_profiles ORDER BY id'),
      byTitle: db.prepare('SELECT id FROM option_profiles WHERE type = ? AND title = ?').pluck(),
    };
  }

  insert(p: Omit<OptionProfile, 'id' | 'isSystem'>): number {
    if (p.isDefault) this.stmts.clearDefault.run(p.type);
    return Number(this.stmts.insert.run(toRow(p)).lastInsertRowid);
  }

  /** Replaces a stored profile's fields (its type stays). */
  update(id: number, p: Omit<OptionProfile, 'id' | 'isSystem'>): void {
    if (p.isDefault) this.stmts.clearDefault.run(p.type);
    const { type: _type, ...row } = toRow(p);
    this.stmts.update.run({ ...row, id });
  }

  delete(id: number): void {
    this.stmts.delete.run(id);
  }

  idByTitle(type: ProfileType, title: string): number | undefined {
    return (this.stmts.byTitle.get(type, title) as number | undefined) ?? BUILT_IN_PROFILES.find((p) => p.type === type && p.title === title)?.id;
  }

  /**
   * Every profile, built-ins first, by ID. A subscription holds tens of them, so a list reads all.
   * A stored default of a type makes the built-in of that type not the default.
   */
  all(): OptionProfile[] {
    const stored = (this.stmts.all.all() as ProfileRow[]).map(toProfile);
    const defaults = new Set(stored.filter((p) => p.isDefault).map((p) => p.type));
    return [...BUILT_IN_PROFILES.map((p) => (defaults.has(p.type) ? { ...p, isDefault: false } : p)), ...stored];
  }
}
