import type { Database } from '../db/connection.js';
import type { GroupCommit } from '../db/group-commit.js';

/** A stored network; SQL only, knowing nothing of HTTP or Qualys codes. */
export interface Network {
  id: number;
  name: string;
  createdAt?: string;
  createdBy?: string;
  modifiedAt?: string;
  modifiedBy?: string;
}

interface NetworkRow {
  id: number;
  name: string;
  created_at: string;
  created_by: string;
  modified_at: string;
  modified_by: string | null;
}

const toNetwork = (r: NetworkRow): Network => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  createdBy: r.created_by,
  modifiedAt: r.modified_at,
  modifiedBy: r.modified_by ?? undefined,
});

export class NetworkStore {
  private readonly stmts;

  private readonly commits: GroupCommit;

  constructor({ connection: db, commits }: Database) {
    this.commits = commits;
    this.stmts = {
      insert: db.prepare('INSERT INTO networks (id, name, created_at, created_by, modified_at) VALUES (@id, @name, @at, @by, @at)'),
      rename: db.prepare('UPDATE networks SET name = @name, modified_at = @at, modified_by = @by WHERE id = @id'),
      byId: db.prepare('SELECT * FROM networks WHERE id = ?'),
      exists: db.prepare('SELECT 1 FROM networks WHERE id = ?').pluck(),
      byName: db.prepare('SELECT id FROM networks WHERE name = ?').pluck(),
      maxId: db.prepare('SELECT coalesce(max(id), 0) FROM networks').pluck(),
      all: db.prepare('SELECT * FROM networks ORDER BY id LIMIT ?'),
    };
  }

  /** Runs `fn` as one transaction that takes the write lock before it reads, committed with its turn's others. */
  transaction<T>(fn: () => T): T {
    return this.commits.write(fn);
  }

  insert(n: { id: number; name: string }, by: string, at: string): void {
    this.stmts.insert.run({ id: n.id, name: n.name, by, at });
  }

  rename(id: number, name: string, by: string, at: string): void {
    this.stmts.rename.run({ id, name, by, at });
  }

  get(id: number): Network | undefined {
    const row = this.stmts.byId.get(id) as NetworkRow | undefined;
    return row && toNetwork(row);
  }

  has(id: number): boolean {
    return this.stmts.exists.get(id) !== undefined;
  }

  idByName(name: string): number | undefined {
    return this.stmts.byName.get(name) as number | undefined;
  }

  maxId(): number {
    return this.stmts.maxId.get() as number;
  }

  /** The stored networks by ID, at most `limit`. */
  list(limit: number): Network[] {
    return (this.stmts.all.all(limit) as NetworkRow[]).map(toNetwork);
  }
}
