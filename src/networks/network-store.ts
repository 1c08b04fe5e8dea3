import type { Database } from '../db/connection.js';
import { SqlStore } from '../db/sql-store.js';
import { groupRows } from '../db/group-rows.js';

/** A scanner appliance as a network lists it. */
export interface NetworkAppliance {
  id: number;
  name: string;
}

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

export class NetworkStore extends SqlStore {
  private readonly stmts;

  constructor(database: Database) {
    super(database);
    const { connection: db } = database;
    this.stmts = {
      insert: db.prepare('INSERT INTO networks (id, name, created_at, created_by, modified_at) VALUES (@id, @name, @at, @by, @at)'),
      rename: db.prepare('UPDATE networks SET name = @name, modified_at = @at, modified_by = @by WHERE id = @id'),
      byId: db.prepare('SELECT * FROM networks WHERE id = ?'),
      exists: db.prepare('SELECT 1 FROM networks WHERE id = ?').pluck(),
      byName: db.prepare('SELECT id FROM networks WHERE name = ?').pluck(),
      maxId: db.prepare('SELECT coalesce(max(id), 0) FROM networks').pluck(),
      all: db.prepare('SELECT * FROM networks ORDER BY id LIMIT ?'),
      // The appliances family's table, read here as the appliances' store reads the asset groups':
      // the networks come first in the registry, and a network's list shows its appliances.
      appliances: db.prepare('SELECT network_id, id, name FROM appliances ORDER BY network_id, id'),
    };
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

  /** Every scanner appliance, by the network it is assigned to (a subscription holds a handful). */
  appliancesByNetwork(): Map<number, NetworkAppliance[]> {
    const rows = this.stmts.appliances.all() as { network_id: number; id: number; name: string }[];
    return groupRows(rows.map((r) => [r.network_id, { id: r.id, name: r.name }] as const));
  }

  /** The stored networks by ID, at most `limit`. */
  list(limit: number): Network[] {
    return (this.stmts.all.all(limit) as NetworkRow[]).map(toNetwork);
  }
}
