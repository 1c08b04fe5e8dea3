import type { Database } from '../db/connection.js';
import { SqlStore } from '../db/sql-store.js';
import type { ContentVersion } from '../db/content-version.js';
import { groupRows } from '../db/group-rows.js';
import type { IntervalSet, Range } from '../qualys/interval-set.js';
import type { AssetGroup, Domain, GroupFields } from './asset-group.js';
import { GroupCache } from './group-cache.js';

/** SQL for asset groups. Speaks groups and ID sets, knows nothing of HTTP or Qualys codes. */
export interface GroupFilter {
  /** Normalised ID ranges to look in. */
  ids: IntervalSet;
  /** [Q] an exact title. */
  title?: string;
  /** Groups in any of these networks. */
  networkIds?: readonly number[];
}

interface GroupRow {
  id: number;
  title: string;
  network_id: number;
  owner: string;
  ips: string;
  domains: string;
  dns_names: string;
  netbios_names: string;
  default_appliance_id: number | null;
  fields: string;
  created_at: string;
  last_update: string;
}

/** About the bytes a row holds, what the cache counts. */
const weightOf = (r: GroupRow) => 200 + r.title.length + r.ips.length + r.domains.length + r.dns_names.length + r.netbios_names.length + r.fields.length;

const toGroup = (r: GroupRow, applianceIds: readonly number[]): AssetGroup => ({
  id: r.id,
  title: r.title,
  networkId: r.network_id,
  owner: r.owner,
  ips: JSON.parse(r.ips) as Range[],
  domains: JSON.parse(r.domains) as Domain[],
  dnsNames: JSON.parse(r.dns_names) as string[],
  netbiosNames: JSON.parse(r.netbios_names) as string[],
  applianceIds,
  defaultApplianceId: r.default_appliance_id ?? undefined,
  fields: JSON.parse(r.fields) as GroupFields,
  createdAt: r.created_at,
  lastUpdate: r.last_update,
});

const toRow = (g: Omit<AssetGroup, 'id'>) => ({
  title: g.title,
  network_id: g.networkId,
  owner: g.owner,
  ips: JSON.stringify(g.ips),
  domains: JSON.stringify(g.domains),
  dns_names: JSON.stringify(g.dnsNames),
  netbios_names: JSON.stringify(g.netbiosNames),
  default_appliance_id: g.defaultApplianceId ?? null,
  fields: JSON.stringify(g.fields),
  created_at: g.createdAt,
  last_update: g.lastUpdate,
});

/**
 * A page of group IDs: one range (the usual list, or `ids=a-b`) as a primary-key range, any other
 * set through json_each, one index seek per range (CROSS JOIN keeps json_each outside, so rows
 * come in ID order and the LIMIT stops the scan, as the records' lists do).
 */
const PAGE_FILTERS = `(@title IS NULL OR g.title = @title) AND (@networks IS NULL OR g.network_id IN (SELECT value FROM json_each(@networks)))`;

export class GroupStore extends SqlStore {
  private readonly stmts;
  private readonly version: ContentVersion;
  private readonly cache = new GroupCache();
  private readonly deferred;

  constructor(database: Database) {
    super(database);
    const { connection: db, version } = database;
    this.version = version;
    // Built once, not a transaction wrapper per call.
    this.deferred = db.transaction((fn: () => unknown) => fn()).deferred;
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO asset_groups (title, network_id, owner, ips, domains, dns_names, netbios_names, default_appliance_id, fields, created_at, last_update)
         VALUES (@title, @network_id, @owner, @ips, @domains, @dns_names, @netbios_names, @default_appliance_id, @fields, @created_at, @last_update)`,
      ),
      update: db.prepare(
        `UPDATE asset_groups SET title = @title, ips = @ips, domains = @domains, dns_names = @dns_names, netbios_names = @netbios_names,
           default_appliance_id = @default_appliance_id, fields = @fields, last_update = @last_update WHERE id = @id`,
      ),
      clearAppliances: db.prepare('DELETE FROM asset_group_appliances WHERE group_id = ?'),
      insertAppliances: db.prepare('INSERT INTO asset_group_appliances (group_id, appliance_id, position) SELECT ?, value, key FROM json_each(?)'),
      delete: db.prepare('DELETE FROM asset_groups WHERE id = ?'),
      byId: db.prepare('SELECT * FROM asset_groups WHERE id = ?'),
      byTitle: db.prepare('SELECT id FROM asset_groups WHERE title = ?').pluck(),
      one: db.prepare(`SELECT g.id FROM asset_groups g WHERE g.id BETWEEN @lo AND @hi AND ${PAGE_FILTERS} ORDER BY g.id LIMIT @limit`).pluck(),
      many: db
        .prepare(
          `SELECT g.id FROM json_each(@ranges) j CROSS JOIN asset_groups g WHERE g.id BETWEEN j.value->>0 AND j.value->>1 AND ${PAGE_FILTERS} LIMIT @limit`,
        )
        .pluck(),
      byIds: db.prepare('SELECT g.* FROM json_each(?) j CROSS JOIN asset_groups g WHERE g.id = j.value'),
      appliancesOf: db
        .prepare('SELECT group_id, appliance_id FROM asset_group_appliances WHERE group_id IN (SELECT value FROM json_each(?)) ORDER BY group_id, position')
        .raw(),
    };
  }

  /**
   * A name for what the database holds (none while writes wait for their COMMIT): it changes
   * whenever a row is written (an appliance deleted from groups too), another connection
   * commits, or a reset empties the tables.
   */
  generation(): string | undefined {
    return this.version.name();
  }

  insert(g: Omit<AssetGroup, 'id'>): number {
    const id = Number(this.stmts.insert.run(toRow(g)).lastInsertRowid);
    this.setAppliances(id, g.applianceIds);
    return id;
  }

  update(g: AssetGroup, appliancesChanged: boolean): void {
    this.stmts.update.run({ ...toRow(g), id: g.id });
    if (appliancesChanged) {
      this.stmts.clearAppliances.run(g.id);
      this.setAppliances(g.id, g.applianceIds);
    }
  }

  delete(id: number): void {
    this.stmts.delete.run(id);
  }

  get(id: number): AssetGroup | undefined {
    const row = this.stmts.byId.get(id) as GroupRow | undefined;
    return row && this.withAppliances([row])[0];
  }

  idByTitle(title: string): number | undefined {
    return this.stmts.byTitle.get(title) as number | undefined;
  }

  /**
   * Groups matching `filter` by ID, at most `limit` (-1: all); `nextId` is the first match past
   * the limit. The page's IDs and its groups are read in one read transaction: the cached groups
   * are those of the same state of the database as the IDs.
   */
  list(filter: GroupFilter, limit: number): { groups: AssetGroup[]; nextId?: number } {
    const params = {
      title: filter.title ?? null,
      networks: filter.networkIds ? JSON.stringify(filter.networkIds) : null,
      limit: limit < 0 ? -1 : limit + 1,
    };
    return this.deferred(() => {
      const ids = (
        filter.ids.length === 1
          ? this.stmts.one.all({ ...params, lo: filter.ids[0][0], hi: filter.ids[0][1] })
          : this.stmts.many.all({ ...params, ranges: JSON.stringify(filter.ids) })
      ) as number[];
      const nextId = limit >= 0 && ids.length > limit ? ids.pop() : undefined;
      return { groups: this.byIds(ids), nextId };
    }) as { groups: AssetGroup[]; nextId?: number };
  }

  /** The groups of `ids`, in that order: cached ones as they are, the rest read in one query. */
  private byIds(ids: readonly number[]): AssetGroup[] {
    // Inside the read transaction: the name of the snapshot the IDs were read from. None while
    // writes wait for their COMMIT: what is read may yet roll back, so nothing is cached.
    const state = this.version.name();
    if (state !== undefined) this.cache.at(state);
    const caching = state !== undefined;
    const found = new Map<number, AssetGroup>();
    const missing: number[] = [];
    for (const id of ids) {
      const cached = caching ? this.cache.get(id) : undefined;
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const rows = this.stmts.byIds.all(JSON.stringify(missing)) as GroupRow[];
      const groups = this.withAppliances(rows);
      rows.forEach((row, i) => {
        found.set(row.id, groups[i]);
        if (caching) this.cache.add(groups[i], weightOf(row));
      });
    }
    return ids.map((id) => found.get(id)!);
  }

  private setAppliances(id: number, applianceIds: readonly number[]): void {
    if (applianceIds.length > 0) this.stmts.insertAppliances.run(id, JSON.stringify(applianceIds));
  }

  /** The rows as groups with their appliances, read for the whole page in one query. */
  private withAppliances(rows: readonly GroupRow[]): AssetGroup[] {
    const appliances = groupRows(rows.length === 0 ? [] : (this.stmts.appliancesOf.all(JSON.stringify(rows.map((r) => r.id))) as [number, number][]));
    return rows.map((r) => toGroup(r, appliances.get(r.id) ?? []));
  }
}
