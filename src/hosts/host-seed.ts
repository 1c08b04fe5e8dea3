import type { SeedEntry } from '../api-family.js';
import type { NetworkDirectory } from '../networks/network-directory.js';
import { parseIpSet } from '../qualys/ip-set.js';
import { DETECTION_STATUSES, DETECTION_TYPES, PROTOCOLS, TRACKING_METHODS, type HostTag, type NewDetection, type NewHost } from './host.js';

/**
 * A host of a seed document read into a row: fields named as the list elements, lower-case
 * (docs/controls.md, "Seed"), each checked; `detections` an array of detections likewise.
 */

type Kind = { kind: 'text'; max: number } | { kind: 'datetime' } | { kind: 'int'; min: number; max: number } | { kind: 'enum'; values: readonly string[] };

type Fields = Readonly<Record<string, Kind>>;

const TEXT = { kind: 'text', max: 255 } as const;
const LONG_TEXT = { kind: 'text', max: 65_535 } as const;
const DATETIME = { kind: 'datetime' } as const;
const COUNT = { kind: 'int', min: 0, max: 2 ** 31 - 1 } as const;
const FLAG = { kind: 'int', min: 0, max: 1 } as const;
const ID = { kind: 'int', min: 1, max: 4294967295 } as const;

/** [Q] the host fields a seed may give, as the lists name them, and [E] `network_id`; `ip` and `detections` are read apart. */
const HOST_FIELDS: Fields = {
  id: ID,
  asset_id: ID,
  tracking_method: { kind: 'enum', values: TRACKING_METHODS },
  dns: TEXT,
  netbios: TEXT,
  os: TEXT,
  qg_hostid: TEXT,
  last_vuln_scan_datetime: DATETIME,
  last_vm_scanned_date: DATETIME,
  last_vm_scanned_duration: COUNT,
  last_vm_auth_scanned_date: DATETIME,
  last_vm_auth_scanned_duration: COUNT,
  last_compliance_scan_datetime: DATETIME,
  owner: TEXT,
  comments: LONG_TEXT,
  network_id: { kind: 'int', min: 0, max: 4294967295 },
};

const DETECTION_FIELDS: Fields = {
  qid: ID,
  type: { kind: 'enum', values: DETECTION_TYPES },
  severity: { kind: 'int', min: 1, max: 5 },
  port: { kind: 'int', min: 0, max: 65535 },
  protocol: { kind: 'enum', values: PROTOCOLS },
  fqdn: TEXT,
  ssl: FLAG,
  results: LONG_TEXT,
  status: { kind: 'enum', values: DETECTION_STATUSES },
  first_found_datetime: DATETIME,
  last_found_datetime: DATETIME,
  qds: { kind: 'int', min: 1, max: 100 },
  times_found: COUNT,
  last_test_datetime: DATETIME,
  last_update_datetime: DATETIME,
  last_fixed_datetime: DATETIME,
  is_ignored: FLAG,
  is_disabled: FLAG,
  last_processed_datetime: DATETIME,
};

const DATETIME_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Every field of `value` checked against `fields`: unknown names and bad values refused, naming where. */
function readFields(
  value: unknown,
  fields: Fields,
  where: string,
  refuse: (message: string) => never,
  skip: readonly string[],
): Record<string, string | number | null> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse(`${where} must be a JSON object`);
  const given = value as Record<string, unknown>;
  for (const name of Object.keys(given))
    if (!(name in fields) && !skip.includes(name)) refuse(`${where}.${name}: no such field (fields: ${[...Object.keys(fields), ...skip].join(', ')})`);
  const out: Record<string, string | number | null> = {};
  for (const [name, kind] of Object.entries(fields)) {
    const v = given[name];
    const at = `${where}.${name}`;
    if (v === undefined || v === null) {
      out[name] = null;
    } else if (kind.kind === 'int') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < kind.min || v > kind.max) refuse(`${at} must be an integer from ${kind.min} to ${kind.max}`);
      out[name] = v;
    } else if (typeof v !== 'string') {
      refuse(`${at} must be a string`);
    } else if (kind.kind === 'datetime') {
      if (!DATETIME_FORM.test(v) || Number.isNaN(Date.parse(v))) refuse(`${at} must be a date and time as YYYY-MM-DDTHH:MM:SSZ`);
      out[name] = v;
    } else if (kind.kind === 'enum') {
      if (!kind.values.includes(v)) refuse(`${at} must be one of: ${kind.values.join(', ')}`);
      out[name] = v;
    } else {
      if ([...v].length > kind.max) refuse(`${at} is longer than ${kind.max} characters`);
      out[name] = v;
    }
  }
  return out;
}

function readTags(value: unknown, where: string, refuse: (message: string) => never): HostTag[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) refuse(`${where} must be an array`);
  return (value as unknown[]).map((t, i) => {
    const f = readFields(t, { tag_id: ID, name: TEXT }, `${where}[${i}]`, refuse, []);
    if (f.tag_id === null || f.name === null) refuse(`${where}[${i}] needs tag_id and name`);
    return { tag_id: f.tag_id as number, name: f.name as string };
  });
}

/** [E] what a detection left without them holds: New, Confirmed, found once when the seed runs. */
function readDetection(value: unknown, where: string, refuse: (message: string) => never, now: string): NewDetection {
  const f = readFields(value, DETECTION_FIELDS, where, refuse, []);
  if (f.qid === null) refuse(`${where}.qid is required`);
  if (f.severity === null) refuse(`${where}.severity is required`);
  const lastFound = (f.last_found_datetime ?? f.first_found_datetime ?? now) as string;
  const lastUpdate = (f.last_update_datetime ?? lastFound) as string;
  return {
    ...(f as unknown as NewDetection),
    type: (f.type ?? 'Confirmed') as NewDetection['type'],
    status: (f.status ?? 'New') as NewDetection['status'],
    ssl: (f.ssl ?? 0) as number,
    first_found_datetime: (f.first_found_datetime ?? lastFound) as string,
    last_found_datetime: lastFound,
    times_found: (f.times_found ?? 1) as number,
    last_test_datetime: (f.last_test_datetime ?? lastFound) as string,
    last_update_datetime: lastUpdate,
    is_ignored: (f.is_ignored ?? 0) as number,
    is_disabled: (f.is_disabled ?? 0) as number,
    last_processed_datetime: (f.last_processed_datetime ?? lastUpdate) as string,
  };
}

/**
 * A seed entry as a host to create; `ip` one IPv4 address. [E] `network_id` (0 unless given) is
 * read as the network API reads one, so an unknown network refuses the seed with its CODE and TEXT.
 */
export function readSeedHost(entry: SeedEntry, now: string, networks: NetworkDirectory): NewHost {
  const refuse = (message: string) => entry.refuse(message);
  const f = readFields(entry.fields, HOST_FIELDS, entry.where, refuse, ['ip', 'tags', 'detections']);
  const ipText = entry.fields.ip;
  if (typeof ipText !== 'string') refuse(`${entry.where}.ip is required: one IPv4 address`);
  let ips: readonly (readonly [number, number])[] = [];
  try {
    ips = parseIpSet('ip', ipText as string);
  } catch {
    refuse(`${entry.where}.ip must be one IPv4 address`);
  }
  if (ips.length !== 1 || ips[0][0] !== ips[0][1]) refuse(`${entry.where}.ip must be one IPv4 address`);
  const detections = entry.fields.detections ?? [];
  if (!Array.isArray(detections)) refuse(`${entry.where}.detections must be an array`);
  return {
    ...(f as unknown as Omit<NewHost, 'ip' | 'detections' | 'tags' | 'network_id'>),
    id: (f.id ?? undefined) as number | undefined,
    ip: ips[0][0],
    tracking_method: (f.tracking_method ?? 'IP') as string,
    network_id: f.network_id === null ? 0 : networks.networkId(String(f.network_id)),
    tags: JSON.stringify(readTags(entry.fields.tags, `${entry.where}.tags`, refuse)),
    detections: (detections as unknown[]).map((d, i) => readDetection(d, `${entry.where}.detections[${i}]`, refuse, now)),
  };
}
