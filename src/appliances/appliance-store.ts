import type { Database } from '../db/connection.js';
import { SqlStore } from '../db/sql-store.js';
import { groupRows } from '../db/group-rows.js';

/** SQL for scanner appliances; knows nothing of HTTP or Qualys codes. */
export interface Vlan {
  id: string;
  ip: string;
  netmask: string;
  name: string;
}

export interface StaticRoute {
  ip: string;
  netmask: string;
  gateway: string;
  name: string;
}

export const APPLIANCE_TYPES = ['physical', 'virtual'] as const;
export type ApplianceType = (typeof APPLIANCE_TYPES)[number];

export interface Appliance {
  id: number;
  uuid: string;
  name: string;
  type: ApplianceType;
  status: 'Online' | 'Offline';
  networkId: number;
  /** Seconds between the appliance's calls home. */
  pollingInterval: number;
  activationCode: string;
  comments?: string;
  tags: readonly string[];
  vlans: readonly Vlan[];
  routes: readonly StaticRoute[];
  createdAt: string;
  updatedAt: string;
}

export interface ApplianceFilter {
  /** IDs to look in, as `[[lo, hi], ...]`; every ID when absent. */
  ids?: readonly (readonly [number, number])[];
  /** Case-insensitive substring of the name. */
  name?: string;
  type?: ApplianceType;
  networkId?: number;
}

interface ApplianceRow {
  id: number;
  uuid: string;
  name: string;
  type: ApplianceType;
  status: 'Online' | 'Offline';
  network_id: number;
  polling_interval: number;
  activation_code: string;
  comments: string | null;
  tags: string;
  vlans: string;
  routes: string;
  created_at: string;
  updated_at: string;
}

const toAppliance = (r: ApplianceRow): Appliance => ({
  id: r.id,
  uuid: r.uuid,
  name: r.name,
  type: r.type,
  status: r.status,
  networkId: r.network_id,
  pollingInterval: r.polling_interval,
  activationCode: r.activation_code,
  comments: r.comments ?? undefined,
  tags: JSON.parse(r.tags) as string[],
  vlans: JSON.parse(r.vlans) as Vlan[],
  routes: JSON.parse(r.routes) as StaticRoute[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (a: Omit<Appliance, 'id'>) => ({
  uuid: a.uuid,
  name: a.name,
  type: a.type,
  status: a.status,
  network_id: a.networkId,
  polling_interval: a.pollingInterval,
  activation_code: a.activationCode,
  comments: a.comments ?? null,
  tags: JSON.stringify(a.tags),
  vlans: JSON.stringify(a.vlans),
  routes: JSON.stringify(a.routes),
  created_at: a.createdAt,
  updated_at: a.updatedAt,
});

export class ApplianceStore extends SqlStore {
  private readonly stmts;

  constructor(database: Database) {
    super(database);
    const { connection: db } = database;
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO appliances (uuid, name, type, status, network_id, polling_interval, activation_code, comments, tags, vlans, routes, created_at, updated_at)
         VALUES (@uuid, @name, @type, @status, @network_id, @polling_interval, @activation_code, @comments, @tags, @vlans, @routes, @created_at, @updated_at)`,
      ),
      update: db.prepare(
        `UPDATE appliances SET name = @name, status = @status, network_id = @network_id, polling_interval = @polling_interval, comments = @comments,
           tags = @tags, vlans = @vlans, routes = @routes, updated_at = @updated_at WHERE id = @id`,
      ),
      byId: db.prepare('SELECT * FROM appliances WHERE id = ?'),
      byName: db.prepare('SELECT id FROM appliances WHERE name = ?').pluck(),
      delete: db.prepare('DELETE FROM appliances WHERE id = ?'),
      // A subscription holds a handful of appliances: the list is one statement, by ID.
      list: db.prepare(
        `SELECT a.* FROM appliances a WHERE (@ids IS NULL OR EXISTS (SELECT 1 FROM json_each(@ids) j WHERE a.id BETWEEN j.value->>0 AND j.value->>1))
           AND (@name IS NULL OR instr(lower(a.name), lower(@name)) > 0) AND (@type IS NULL OR a.type = @type)
           AND (@network_id IS NULL OR a.network_id = @network_id) ORDER BY a.id LIMIT @limit`,
      ),
      countOfType: db.prepare('SELECT count(*) FROM appliances WHERE type = ?').pluck(),
      // The asset groups naming appliances, as their APPLIANCE_IDS or DEFAULT_APPLIANCE_ID.
      groupsOf: db.prepare(
        `SELECT a.value AS appliance, g.id, g.title FROM json_each(?) a JOIN asset_groups g
           ON g.id IN (SELECT group_id FROM asset_group_appliances WHERE appliance_id = a.value) OR g.default_appliance_id = a.value
         ORDER BY a.value, g.id`,
      ),
      missing: db.prepare('SELECT j.value FROM json_each(?) j WHERE NOT EXISTS (SELECT 1 FROM appliances a WHERE a.id = j.value)').pluck(),
    };
  }

  insert(a: Omit<Appliance, 'id'>): number {
    return Number(this.stmts.insert.run(toRow(a)).lastInsertRowid);
  }

  update(a: Appliance): void {
    this.stmts.update.run({ ...toRow(a), id: a.id });
  }

  get(id: number): Appliance | undefined {
    const row = this.stmts.byId.get(id) as ApplianceRow | undefined;
    return row && toAppliance(row);
  }

  idByName(name: string): number | undefined {
    return this.stmts.byName.get(name) as number | undefined;
  }

  /** Deletes the appliance; the schema's references drop it from whatever names it. */
  delete(id: number): void {
    this.stmts.delete.run(id);
  }

  list(filter: ApplianceFilter, limit: number): Appliance[] {
    const params = {
      ids: filter.ids ? JSON.stringify(filter.ids) : null,
      name: filter.name ?? null,
      type: filter.type ?? null,
      network_id: filter.networkId ?? null,
      limit,
    };
    return (this.stmts.list.all(params) as ApplianceRow[]).map(toAppliance);
  }

  count(type: ApplianceType): number {
    return this.stmts.countOfType.get(type) as number;
  }

  /** The asset groups naming each of `ids`, by group ID. */
  groupsOf(ids: readonly number[]): Map<number, { id: number; title: string }[]> {
    const rows = this.stmts.groupsOf.all(JSON.stringify(ids)) as { appliance: number; id: number; title: string }[];
    return groupRows(rows.map((r) => [r.appliance, { id: r.id, title: r.title }] as const));
  }

  /** Those of `ids` that name no appliance, in the order given. */
  missing(ids: readonly number[]): number[] {
    return this.stmts.missing.all(JSON.stringify(ids)) as number[];
  }
}
