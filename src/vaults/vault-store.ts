import type { Statement } from 'better-sqlite3';
import type { Database, Db } from '../db/connection.js';
import { SqlStore } from '../db/sql-store.js';
import { foldCase } from '../db/fold-case.js';
import type { VAULT_LIST_ORDERS } from './vault-type.js';

/** SQL for vaults; knows nothing of HTTP or Qualys codes. */
export interface Vault {
  id: number;
  title: string;
  vaultType: string;
  comments?: string;
  settings: Readonly<Record<string, string>>;
  createdAt: string;
  createdBy: string;
  modifiedAt: string;
  modifiedBy?: string;
}

export interface VaultFilter {
  /** Case-insensitive substring of the title [E]. */
  title?: string;
  vaultType?: string;
  /** Vaults last modified at or after this ISO date or date-time. */
  modifiedSince?: string;
}

/** The orders a list can take, ascending or descending. */
export interface VaultOrder {
  by: (typeof VAULT_LIST_ORDERS)[number];
  descending: boolean;
}
const ORDER_COLUMNS: Record<VaultOrder['by'], string> = { id: 'id', title: 'title', type: 'vault_type', modified: 'modified_at' };

interface VaultRow {
  id: number;
  title: string;
  vault_type: string;
  comments: string | null;
  settings: string;
  created_at: string;
  created_by: string;
  modified_at: string;
  modified_by: string | null;
}

/** The columns a vault is read from (not the folded title, which only the filter reads). */
const VAULT_COLUMNS = 'id, title, vault_type, comments, settings, created_at, created_by, modified_at, modified_by';

const toVault = (r: VaultRow): Vault => ({
  id: r.id,
  title: r.title,
  vaultType: r.vault_type,
  comments: r.comments ?? undefined,
  settings: JSON.parse(r.settings) as Record<string, string>,
  createdAt: r.created_at,
  createdBy: r.created_by,
  modifiedAt: r.modified_at,
  modifiedBy: r.modified_by ?? undefined,
});

export class VaultStore extends SqlStore {
  private readonly stmts;

  /** One list statement per order, prepared when first asked for (a column name is never request text). */
  private readonly lists = new Map<string, Statement>();

  private readonly db: Db;

  constructor(database: Database) {
    super(database);
    const { connection: db } = database;
    this.db = db;
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO vaults (title, vault_type, comments, settings, created_at, created_by, modified_at, title_folded)
         VALUES (@title, @vault_type, @comments, @settings, @created_at, @created_by, @created_at, @title_folded)`,
      ),
      update: db.prepare(
        `UPDATE vaults SET title = @title, title_folded = @title_folded, comments = @comments, settings = @settings,
           modified_at = @modified_at, modified_by = @modified_by WHERE id = @id`,
      ),
      byId: db.prepare(`SELECT ${VAULT_COLUMNS} FROM vaults WHERE id = ?`),
      byTitle: db.prepare('SELECT id FROM vaults WHERE title = ?').pluck(),
      delete: db.prepare('DELETE FROM vaults WHERE id = ?'),
      // A record names a vault by its `vault_id` field, or by a `vault_id` inside a field holding a
      // JSON list (a Unix record's root tools and private keys, src/auth-records/unix-credentials.ts).
      usedBy: db.prepare(
        `SELECT id, type FROM auth_records r WHERE json_extract(r.fields, '$.vault_id') = @text
           OR EXISTS (SELECT 1 FROM json_each(r.fields) f, json_tree(CASE WHEN f.value LIKE '[%' AND json_valid(f.value) THEN f.value ELSE '[]' END) t
                      WHERE t.key = 'vault_id' AND t.atom = @id)
         ORDER BY id`,
      ),
    };
  }

  insert(v: Omit<Vault, 'id' | 'modifiedAt' | 'modifiedBy'>): number {
    const info = this.stmts.insert.run({
      title: v.title,
      title_folded: foldCase(v.title),
      vault_type: v.vaultType,
      comments: v.comments ?? null,
      settings: JSON.stringify(v.settings),
      created_at: v.createdAt,
      created_by: v.createdBy,
    });
    return Number(info.lastInsertRowid);
  }

  update(v: Vault): void {
    this.stmts.update.run({
      id: v.id,
      title: v.title,
      title_folded: foldCase(v.title),
      comments: v.comments ?? null,
      settings: JSON.stringify(v.settings),
      modified_at: v.modifiedAt,
      modified_by: v.modifiedBy ?? null,
    });
  }

  get(id: number): Vault | undefined {
    const row = this.stmts.byId.get(id) as VaultRow | undefined;
    return row && toVault(row);
  }

  idByTitle(title: string): number | undefined {
    return this.stmts.byTitle.get(title) as number | undefined;
  }

  delete(id: number): void {
    this.stmts.delete.run(id);
  }

  /** Vaults matching `filter` in `order` (then by ID), at most `limit` after skipping `offset`. */
  list(filter: VaultFilter, limit: number, offset: number, order: VaultOrder = { by: 'id', descending: false }): Vault[] {
    const key = `${order.by}:${order.descending}`;
    let stmt = this.lists.get(key);
    if (!stmt) {
      const dir = order.descending ? 'DESC' : 'ASC';
      stmt = this.db.prepare(
        `SELECT ${VAULT_COLUMNS} FROM vaults WHERE (@title IS NULL OR instr(title_folded, @title) > 0)
           AND (@vault_type IS NULL OR vault_type = @vault_type) AND (@modified IS NULL OR modified_at >= @modified)
           ORDER BY ${ORDER_COLUMNS[order.by]} ${dir}, id ${dir} LIMIT @limit OFFSET @offset`,
      );
      this.lists.set(key, stmt);
    }
    const params = {
      title: filter.title === undefined ? null : foldCase(filter.title),
      vault_type: filter.vaultType ?? null,
      modified: filter.modifiedSince ?? null,
      limit,
      offset,
    };
    return (stmt.all(params) as VaultRow[]).map(toVault);
  }

  /** The records naming vault `id` as theirs, ascending by ID. */
  usedBy(id: number): { id: number; type: string }[] {
    return this.stmts.usedBy.all({ text: String(id), id }) as { id: number; type: string }[];
  }
}
