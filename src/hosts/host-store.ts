import type { Database } from '../db/connection.js';
import { SqlStore } from '../db/sql-store.js';
import { SetKeys } from './set-keys.js';
import type { DetectionFilter, HostFilter, TagFilter, TagSet } from './host-filter.js';
import { JOINED_VIEWS, type JoinedView } from './detection-classes.js';
import { truRisk } from './trurisk.js';
import { DETECTION_STATUSES, DETECTION_TYPES, type DetectionRow, type HostRow, type StoredDetection, type StoredHost } from './host.js';

/** SQL for hosts and their detections. Speaks rows and sets, knows nothing of HTTP or Qualys codes. */

/** A host read with its joined DETECTION elements (migrations/0015). */
export interface JoinedHost extends HostRow {
  detection_xml: Buffer;
  detection_parts: Buffer;
}

/** How many of a host's detections are of one severity. */
export interface SeverityCount {
  host_id: number;
  severity: number;
  count: number;
}

/**
 * Whether host `h` holds the tags of JSON array `set` (distinct values), all of them or any: how
 * many of the set are among the IDs (as text) or names of the host's tags (`hosts.tags`). A host
 * without tags holds none: the list filter checks that first, as most hosts have none.
 */
const holds = (set: string, all: string) =>
  `((SELECT count(*) FROM json_each(@${set}) s WHERE s.value IN (SELECT CASE WHEN @tagsById = 1 THEN CAST(json_extract(t.value, '$.tag_id') AS TEXT) ELSE json_extract(t.value, '$.name') END FROM json_each(h.tags) t))
    >= CASE WHEN @${all} = 1 THEN json_array_length(@${set}) ELSE 1 END)`;

const HOST_FILTERS = `h.id > @after AND h.id BETWEEN @lo AND @hi
  AND (@ids IS NULL OR hosts_in_set(h.id, @ids))
  AND (@ips IS NULL OR hosts_in_set(h.ip, @ips))
  AND (@oses IS NULL OR h.os IN (SELECT value FROM json_each(@oses)))
  AND (@scannedSince IS NULL OR h.last_vm_scanned_date >= @scannedSince)
  AND (@notScannedSince IS NULL OR h.last_vm_scanned_date IS NULL OR h.last_vm_scanned_date < @notScannedSince)
  AND (@scannedAfter IS NULL OR h.last_vm_scanned_date > @scannedAfter)
  AND (@scannedBefore IS NULL OR h.last_vm_scanned_date < @scannedBefore)
  AND (@processedAfter IS NULL OR h.last_vuln_scan_datetime > @processedAfter)
  AND (@processedBefore IS NULL OR h.last_vuln_scan_datetime < @processedBefore)
  AND (@authScannedAfter IS NULL OR h.last_vm_auth_scanned_date > @authScannedAfter)
  AND (@authScannedBefore IS NULL OR h.last_vm_auth_scanned_date < @authScannedBefore)
  AND (@complianceSince IS NULL OR h.last_compliance_scan_datetime >= @complianceSince)
  AND (@notComplianceSince IS NULL OR h.last_compliance_scan_datetime IS NULL OR h.last_compliance_scan_datetime < @notComplianceSince)
  AND (@networks IS NULL OR h.network_id IN (SELECT value FROM json_each(@networks)))
  AND (@riskMin IS NULL OR h.trurisk BETWEEN @riskMin AND @riskMax)
  AND (@tagsIn IS NULL OR (h.tags <> '[]' AND ${holds('tagsIn', 'tagsInAll')}))
  AND (@tagsOut IS NULL OR NOT ${holds('tagsOut', 'tagsOutAll')})`;

const DETECTION_FILTERS = `d.type IN (SELECT value FROM json_each(@types))
  AND d.status IN (SELECT value FROM json_each(@statuses))
  AND (@qids IS NULL OR hosts_in_set(d.qid, @qids))
  AND (@severities IS NULL OR d.severity IN (SELECT value FROM json_each(@severities)))
  AND (@updatedSince IS NULL OR d.last_update_datetime >= @updatedSince)
  AND (@updatedBefore IS NULL OR d.last_update_datetime < @updatedBefore)
  AND (@lastProcessedAfter IS NULL OR d.last_processed_datetime > @lastProcessedAfter)
  AND (@lastProcessedBefore IS NULL OR d.last_processed_datetime < @lastProcessedBefore)
  AND (@lastTestedSince IS NULL OR d.last_test_datetime >= @lastTestedSince)
  AND (@lastTestedBefore IS NULL OR d.last_test_datetime < @lastTestedBefore)
  AND (@includeIgnored = 1 OR d.is_ignored = 0)
  AND (@includeDisabled = 1 OR d.is_disabled = 0)
  AND (@qdsMin IS NULL OR d.qds >= @qdsMin)
  AND (@qdsMax IS NULL OR d.qds <= @qdsMax)`;

const HOST_COLUMNS = [
  'asset_id',
  'ip',
  'tracking_method',
  'network_id',
  'dns',
  'netbios',
  'os',
  'qg_hostid',
  'last_vuln_scan_datetime',
  'last_vm_scanned_date',
  'last_vm_scanned_duration',
  'last_vm_auth_scanned_date',
  'last_vm_auth_scanned_duration',
  'last_compliance_scan_datetime',
  'owner',
  'comments',
  'tags',
  'trurisk',
] as const;
const DETECTION_COLUMNS = [
  'qid',
  'type',
  'severity',
  'port',
  'protocol',
  'fqdn',
  'ssl',
  'results',
  'status',
  'first_found_datetime',
  'last_found_datetime',
  'qds',
  'times_found',
  'last_test_datetime',
  'last_update_datetime',
  'last_fixed_datetime',
  'is_ignored',
  'is_disabled',
  'last_processed_datetime',
  'xml',
] as const;

/** A detection's class (src/hosts/detection-classes.ts) in SQL: the positions of its TYPE and STATUS in their lists. */
const position = (column: string, values: readonly string[]) => `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} END`;
const CLASS_SQL = `${position('type', DETECTION_TYPES)} * 16 + ${position('status', DETECTION_STATUSES)} * 4 + (is_ignored <> 0) * 2 + (is_disabled <> 0)`;

const insertSql = (table: string, id: string, columns: readonly string[]) =>
  `INSERT INTO ${table} (${id}, ${columns.join(', ')}) VALUES (@${id}, ${columns.map((c) => `@${c}`).join(', ')})`;

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

function hostParams(filter: HostFilter, after: number, limit: number, [ids, ips]: (number | null)[]) {
  return {
    after,
    limit,
    lo: filter.ids.length === 0 ? 1 : filter.ids[0][0],
    hi: filter.ids.length === 0 ? 0 : filter.ids[filter.ids.length - 1][1],
    // one range is the BETWEEN above; more are looked up
    ids,
    ips,
    oses: json(filter.oses),
    scannedSince: filter.scannedSince ?? null,
    notScannedSince: filter.notScannedSince ?? null,
    scannedAfter: filter.scannedAfter ?? null,
    scannedBefore: filter.scannedBefore ?? null,
    processedAfter: filter.processedAfter ?? null,
    processedBefore: filter.processedBefore ?? null,
    authScannedAfter: filter.authScannedAfter ?? null,
    authScannedBefore: filter.authScannedBefore ?? null,
    complianceSince: filter.complianceScannedSince ?? null,
    notComplianceSince: filter.notComplianceScannedSince ?? null,
    networks: json(filter.networks),
    riskMin: filter.trurisk?.min ?? null,
    riskMax: filter.trurisk?.max ?? null,
    ...tagParams(filter.tags),
  };
}

function tagParams(filter: TagFilter | undefined) {
  const set = (tags: TagSet | undefined) => (tags === undefined ? null : JSON.stringify([...new Set(tags.tags)]));
  return {
    tagsById: filter?.byId ? 1 : 0,
    tagsIn: set(filter?.include),
    tagsInAll: filter?.include?.all ? 1 : 0,
    tagsOut: set(filter?.exclude),
    tagsOutAll: filter?.exclude?.all ? 1 : 0,
  };
}

function detectionParams(filter: DetectionFilter, qids: number | null) {
  return {
    types: JSON.stringify(filter.types),
    statuses: JSON.stringify(filter.statuses),
    qids,
    severities: json(filter.severities),
    updatedSince: filter.updatedSince ?? null,
    updatedBefore: filter.updatedBefore ?? null,
    lastProcessedAfter: filter.lastProcessedAfter ?? null,
    lastProcessedBefore: filter.lastProcessedBefore ?? null,
    lastTestedSince: filter.lastTestedSince ?? null,
    lastTestedBefore: filter.lastTestedBefore ?? null,
    includeIgnored: filter.includeIgnored ? 1 : 0,
    includeDisabled: filter.includeDisabled ? 1 : 0,
    qdsMin: filter.qdsMin ?? null,
    qdsMax: filter.qdsMax ?? null,
  };
}

/** The ID set to look IDs up in: none when its one range is the query's BETWEEN. */
const hostIdSet = (filter: HostFilter) => (filter.ids.length > 1 ? filter.ids : undefined);

export class HostStore extends SqlStore {
  private readonly stmts;
  private readonly keys = new SetKeys();

  constructor(database: Database) {
    super(database);
    const { connection: db } = database;
    db.function('hosts_in_set', { deterministic: true }, this.keys.has);
    this.stmts = {
      insertHost: db.prepare(insertSql('hosts', 'id', HOST_COLUMNS)),
      insertDetection: db.prepare(insertSql('host_detections', 'unique_vuln_id', ['host_id', ...DETECTION_COLUMNS])),
      // a host's elements of one view joined, with each one's class and length (migrations/0015's table)
      unjoinDetections: db.prepare('DELETE FROM host_detections_joined WHERE key BETWEEN @hostId * 2 AND @hostId * 2 + 1'),
      joinDetections: db.prepare(
        `INSERT INTO host_detections_joined (key, classes, parts, xml)
         SELECT host_id * 2 + @view, sum(DISTINCT 1 << class), unhex(group_concat(printf('%02X%08X', class, length(xml)), '' ORDER BY unique_vuln_id)),
                CAST(group_concat(xml, char(10) ORDER BY unique_vuln_id) AS BLOB)
         FROM (SELECT host_id, unique_vuln_id, xml, ${CLASS_SQL} AS class FROM host_detections WHERE host_id = @hostId)
         WHERE ((1 << class) & @within) <> 0 GROUP BY host_id`,
      ),
      replaceXml: db.prepare('UPDATE host_detections SET xml = ? WHERE unique_vuln_id = ?'),
      lastDetectionId: db.prepare('SELECT coalesce(max(unique_vuln_id), 0) FROM host_detections').pluck(),
      hostExists: db.prepare('SELECT 1 FROM hosts WHERE id = ?').pluck(),
      hostIds: db.prepare(`SELECT h.id FROM hosts h WHERE ${HOST_FILTERS} ORDER BY h.id LIMIT @limit`).pluck(),
      hosts: db.prepare(`SELECT h.* FROM hosts h WHERE ${HOST_FILTERS} ORDER BY h.id LIMIT @limit`),
      detectedHosts: db.prepare(
        `SELECT h.* FROM hosts h WHERE ${HOST_FILTERS} AND EXISTS (SELECT 1 FROM host_detections d WHERE d.host_id = h.id AND ${DETECTION_FILTERS}) ORDER BY h.id LIMIT @limit`,
      ),
      joinedHosts: db.prepare(
        `SELECT h.*, j.parts AS detection_parts, j.xml AS detection_xml FROM hosts h JOIN host_detections_joined j ON j.key = h.id * 2 + @view
         WHERE ${HOST_FILTERS} AND (j.classes & @mask) <> 0 ORDER BY h.id LIMIT @limit`,
      ),
      // one index range for a chunk's hosts, which the caller matches to its hosts
      // SQLite joins each host's elements, a line each: a Buffer per host, not one per detection,
      // which was most of a page's time. They come in the order of the index range scanned,
      // (host_id, unique_vuln_id): an ORDER BY inside group_concat sorted them again, at twice the cost.
      detectionXml: db
        .prepare(
          `SELECT d.host_id, CAST(group_concat(d.xml, char(10)) AS BLOB) FROM host_detections d INDEXED BY host_detections_host
           WHERE d.host_id BETWEEN @first AND @last AND ${DETECTION_FILTERS} GROUP BY d.host_id ORDER BY d.host_id`,
        )
        .raw(),
      detections: db.prepare(
        `SELECT ${['unique_vuln_id', 'host_id', ...DETECTION_COLUMNS.filter((c) => c !== 'xml')].map((c) => `d.${c}`).join(', ')} FROM host_detections d WHERE d.host_id BETWEEN @first AND @last AND ${DETECTION_FILTERS} ORDER BY d.host_id, d.unique_vuln_id`,
      ),
      severities: db.prepare(
        `SELECT d.host_id, d.severity, count(*) AS count FROM host_detections d
         WHERE d.host_id BETWEEN @first AND @last AND ${DETECTION_FILTERS} GROUP BY d.host_id, d.severity`,
      ),
      allDetections: db.prepare(
        `SELECT ${['unique_vuln_id', 'host_id', ...DETECTION_COLUMNS.filter((c) => c !== 'xml')].join(', ')} FROM host_detections WHERE host_id = ? ORDER BY unique_vuln_id`,
      ),
      oses: db.prepare('SELECT DISTINCT os FROM hosts WHERE os IS NOT NULL').pluck(),
      count: db.prepare('SELECT count(*) AS hosts, (SELECT count(*) FROM host_detections) AS detections FROM hosts'),
      lastId: db.prepare('SELECT coalesce(max(id), 0) FROM hosts').pluck(),
    };
  }

  has(id: number): boolean {
    return this.stmts.hostExists.get(id) !== undefined;
  }

  /** The highest host ID held, 0 when none. */
  lastId(): number {
    return this.stmts.lastId.get() as number;
  }

  /** The highest detection ID held, 0 when none. */
  lastDetectionId(): number {
    return this.stmts.lastDetectionId.get() as number;
  }

  /** Inserts a host and its detections (inside a transaction the caller holds); answers its ID. */
  insert(host: StoredHost): number {
    const { detections, ...row } = host;
    const id = Number(this.stmts.insertHost.run({ ...row, id: row.id ?? null, trurisk: truRisk(detections) }).lastInsertRowid);
    for (const d of detections) this.insertDetection(id, d);
    this.rejoin(id);
    return id;
  }

  /** Joins a host's stored elements again: every write of its detections does, as a page trusts the joined copy. */
  rejoin(hostId: number): void {
    this.stmts.unjoinDetections.run({ hostId });
    for (const view of JOINED_VIEWS) this.stmts.joinDetections.run({ hostId, view: view.id, within: view.mask });
  }

  /** Replaces a detection's stored element (stored-detections.ts, when its writer has changed). */
  replaceXml(uniqueVulnId: number, xml: Buffer): void {
    this.stmts.replaceXml.run(xml, uniqueVulnId);
  }

  private insertDetection(hostId: number, d: StoredDetection): void {
    this.stmts.insertDetection.run({ ...d, host_id: hostId });
  }

  /** As `detections`, the stored DETECTION elements of each host joined by newlines: `[host_id, xml]`. */
  detectionXml(first: number, last: number, filter: DetectionFilter): [number, Buffer][] {
    return this.keys.run([filter.qids], ([qids]) => this.stmts.detectionXml.all({ first, last, ...detectionParams(filter, qids) }) as [number, Buffer][]);
  }

  /** At most `limit` hosts matching `filter` with IDs above `after`, by ID; with `detections`, only hosts having one that matches. */
  hosts(filter: HostFilter, after: number, limit: number, detections?: DetectionFilter): HostRow[] {
    return this.keys.run([hostIdSet(filter), filter.ips, detections?.qids], ([ids, ips, qids]) => {
      const params = hostParams(filter, after, limit, [ids, ips]);
      if (detections === undefined) return this.stmts.hosts.all(params) as HostRow[];
      return this.stmts.detectedHosts.all({ ...params, ...detectionParams(detections, qids) }) as HostRow[];
    });
  }

  /**
   * As `hosts` with `detections` whose filter chooses by class alone (`mask`, bit N for class N):
   * each host with its DETECTION elements of `view` joined and their parts, for `keptRuns` to cut.
   */
  joinedHosts(filter: HostFilter, after: number, limit: number, view: JoinedView, mask: bigint): JoinedHost[] {
    return this.keys.run(
      [hostIdSet(filter), filter.ips],
      (keys) => this.stmts.joinedHosts.all({ ...hostParams(filter, after, limit, keys), view: view.id, mask }) as JoinedHost[],
    );
  }

  /** The IDs of at most `limit` hosts matching `filter` (-1: all), by ID. */
  hostIds(filter: HostFilter, limit: number): number[] {
    return this.keys.run([hostIdSet(filter), filter.ips], (keys) => this.stmts.hostIds.all(hostParams(filter, 0, limit, keys)) as number[]);
  }

  /**
   * The detections matching `filter` of the hosts from `first` to `last`, by host then detection
   * ID: those of hosts the caller left out too, for it to skip (one index range is cheaper than a
   * lookup per host).
   */
  detections(first: number, last: number, filter: DetectionFilter): DetectionRow[] {
    return this.keys.run([filter.qids], ([qids]) => this.stmts.detections.all({ first, last, ...detectionParams(filter, qids) }) as DetectionRow[]);
  }

  /** As `detections`, counted by host and severity. */
  severities(first: number, last: number, filter: DetectionFilter): SeverityCount[] {
    return this.keys.run([filter.qids], ([qids]) => this.stmts.severities.all({ first, last, ...detectionParams(filter, qids) }) as SeverityCount[]);
  }

  /** Every detection of one host, whatever its status (the dashboard). */
  detectionsOf(hostId: number): DetectionRow[] {
    return this.stmts.allDetections.all(hostId) as DetectionRow[];
  }

  /** Every OS value held, for a pattern to pick from. */
  oses(): string[] {
    return this.stmts.oses.all() as string[];
  }

  count(): { hosts: number; detections: number } {
    return this.stmts.count.get() as { hosts: number; detections: number };
  }
}
