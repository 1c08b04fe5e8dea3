import { setFlagsFromString } from 'node:v8';
import type { GroupDirectory } from '../asset-groups/group-directory.js';
import { qualysErrors } from '../qualys/errors.js';
import { MAX_ID, parseId, parseIdSet } from '../qualys/id-set.js';
import { intersect, normalise, type IntervalSet } from '../qualys/interval-set.js';
import { parseIpSet } from '../qualys/ip-set.js';
import type { RequestParams } from '../qualys/params.js';
import { DETECTION_STATUSES } from './host.js';
import type { DetectionFilter, HostFilter } from './host-store.js';
import { ARF_FILTERS_V2 } from './host-versions.js';

/** Reads the host and detection filters of a list call into the store's filters; a bad value is a 1905. */

/** [Q: the host list docs page, DC samples] host filters both lists take. */
export const HOST_FILTER_PARAMS = [
  'ids',
  'id_min',
  'id_max',
  'ips',
  'ag_ids',
  'ag_titles',
  'os_pattern',
  'vm_scan_since',
  'no_vm_scan_since',
  'vm_scan_date_before',
  'vm_scan_date_after',
  'vm_processed_before',
  'vm_processed_after',
  'vm_auth_scan_date_before',
  'vm_auth_scan_date_after',
] as const;

/** [Q] detection filters of the detection list. */
export const DETECTION_FILTER_PARAMS = [
  'qids',
  'severities',
  'status',
  'include_vuln_type',
  'show_igs',
  'detection_updated_since',
  'detection_updated_before',
  'include_ignored',
  'include_disabled',
  'qds_min',
  'qds_max',
] as const;

/** What a host filter needs besides the call: the groups `ag_ids` and `ag_titles` name, and the OS values held. */
export interface FilterSources {
  groups: GroupDirectory;
  oses(): readonly string[];
}

/** A date filter as the store compares it: a bare date is its midnight, UTC [Q: the values are UTC]. */
function dateOf(params: RequestParams, name: string): string | undefined {
  const value = params.date(name);
  return value === undefined || value.length > 10 ? value : `${value}T00:00:00Z`;
}

/** A 0|1 flag, set when 1. */
export const flag = (params: RequestParams, name: string) => params.oneOf(name, ['0', '1']) === '1';

/**
 * [Q: qualysetl] id_min=0 is no bound: Qualys's own ETL (qualysetl) sends it on its first host list page, and
 * pages on from there.
 */
const idMin = (value: string) => (value.trim() === '0' ? 1 : parseId('id_min', value));

/** [Q] `ids`, then id_min and id_max, as one set. */
function readIds(params: RequestParams): IntervalSet {
  const ids = params.has('ids') ? parseIdSet('ids', params.require('ids')) : [[1, MAX_ID] as const];
  const min = params.has('id_min') ? idMin(params.require('id_min')) : 1;
  const max = params.has('id_max') ? parseId('id_max', params.require('id_max')) : MAX_ID;
  return min <= max ? intersect(ids, [[min, max]]) : [];
}

/** [Q] the IPs of the asset groups named by `ag_ids` or `ag_titles`; [E] one that does not exist is a 1905. */
function groupIps(params: RequestParams, groups: GroupDirectory): IntervalSet | undefined {
  if (params.has('ag_ids')) {
    const value = params.require('ag_ids');
    const wanted = parseIdSet('ag_ids', value);
    const found = groups.byIds(wanted);
    const foundIds = new Set(found.map((g) => g.id));
    // a named ID (not a range) that is no group
    for (const [lo, hi] of wanted) if (lo === hi && !foundIds.has(lo)) throw qualysErrors.noSuch('ag_ids', String(lo), 'asset group');
    return normalise(found.flatMap((g) => g.ips));
  }
  if (params.has('ag_titles')) {
    const titles = params.list('ag_titles', 10_000)!.split(',');
    return normalise(
      titles.flatMap((title) => {
        const group = groups.byTitle(title);
        if (group === undefined) throw qualysErrors.noSuch('ag_titles', title, 'asset group');
        return group.ips;
      }),
    );
  }
  return undefined;
}

let linearRegExps = false;

/**
 * [Q] os_pattern is a regular expression (PCRE) matched against the OS. [E] It runs on V8's
 * linear-time engine, so no pattern can stall the server; one that needs backtracking
 * (back-references, look-around) is refused.
 */
function osPattern(params: RequestParams): RegExp | undefined {
  const value = params.text('os_pattern', 1024);
  if (value === undefined || value === '') return undefined;
  if (!linearRegExps) {
    setFlagsFromString('--enable-experimental-regexp-engine');
    linearRegExps = true;
  }
  try {
    return new RegExp(value, 'l');
  } catch (err) {
    throw qualysErrors.invalidValue('os_pattern', value, (err as Error).message.replace(/^Invalid regular expression: /, ''));
  }
}

export function readHostFilter(params: RequestParams, sources: FilterSources): HostFilter {
  const fromIps = params.has('ips') ? parseIpSet('ips', params.require('ips')) : undefined;
  const fromGroups = groupIps(params, sources.groups);
  const ips = fromIps && fromGroups ? intersect(fromIps, fromGroups) : (fromIps ?? fromGroups);
  const pattern = osPattern(params);
  return {
    ids: readIds(params),
    ips,
    oses: pattern && sources.oses().filter((os) => pattern.test(os)),
    scannedSince: dateOf(params, 'vm_scan_since'),
    notScannedSince: dateOf(params, 'no_vm_scan_since'),
    scannedAfter: dateOf(params, 'vm_scan_date_after'),
    scannedBefore: dateOf(params, 'vm_scan_date_before'),
    processedAfter: dateOf(params, 'vm_processed_after'),
    processedBefore: dateOf(params, 'vm_processed_before'),
    authScannedAfter: dateOf(params, 'vm_auth_scan_date_after'),
    authScannedBefore: dateOf(params, 'vm_auth_scan_date_before'),
  };
}

/** [Q] severities: a comma list of 1 to 5, ranges allowed (`3-5`). */
function readSeverities(params: RequestParams): number[] | undefined {
  const value = params.get('severities');
  if (value === undefined || value === '') return undefined;
  const out = new Set<number>();
  for (const item of value.split(',')) {
    const m = item.trim().match(/^([1-5])(?:-([1-5]))?$/);
    if (!m || +(m[2] ?? m[1]) < +m[1]) throw qualysErrors.invalidValue('severities', value, 'each item must be a severity from 1 to 5 or a range of them');
    for (let s = +m[1]; s <= +(m[2] ?? m[1]); s++) out.add(s);
  }
  return [...out].sort();
}

/** [Q: docs] a QDS bound, 1 to 100 as the scores are. */
const qds = (params: RequestParams, name: string) => {
  const value = params.integer(name, 1, 100);
  return value === undefined ? undefined : Number(value);
};

/** [Q: DC Sample 11] without `status`, Fixed detections are left out. */
const DEFAULT_STATUSES = ['New', 'Active', 'Re-Opened'];

/** [Q: qualysetl sends the first, a client's notes list all three] the fixes 3.0's `arf_filter_keys` names, each leaving out what it fixes. */
const ARF_KEYS = ['non-running-kernel', 'non-running-service', 'config-not-exploitable'];

/**
 * Whether the ARF filters keep only detections marked as affected by a fix: [Q: qualysdk's notes] 2.0's
 * filters take 0 (no filter), 1 (leave the fixed ones out) or 2-4 (keep only some marked ones);
 * 3.0's keys and `show_arf_data` only leave out or show. [E] The emulator marks no detection, so
 * leaving out removes none and keeping only the marked keeps none. Each version's own parameters
 * (host-versions.ts): the others are refused before this reads them.
 */
function arfKeepsOnlyMarked(params: RequestParams): boolean {
  flag(params, 'show_arf_data');
  params.list('arf_filter_keys', 1000, ARF_KEYS);
  return ARF_FILTERS_V2.some((name) => Number(params.integer(name, 0, 4) ?? 0) >= 2);
}

export function readDetectionFilter(params: RequestParams): DetectionFilter {
  const status = params.list('status', 100, DETECTION_STATUSES);
  // [Q] include_vuln_type chooses among confirmed and potential; information gathered only with show_igs=1
  const kinds = params.list('include_vuln_type', 100, ['confirmed', 'potential']);
  const types: string[] = (kinds ? kinds.split(',') : ['confirmed', 'potential']).map((k) => (k === 'confirmed' ? 'Confirmed' : 'Potential'));
  if (flag(params, 'show_igs')) types.push('Info');
  const onlyMarked = arfKeepsOnlyMarked(params);
  return {
    // the emulator marks no detection as affected by a fix, so keeping only the marked keeps none:
    // an empty TYPE list, which no detection's TYPE is in
    types: onlyMarked ? [] : types,
    statuses: status ? status.split(',') : DEFAULT_STATUSES,
    qids: params.has('qids') ? parseIdSet('qids', params.require('qids')) : undefined,
    severities: readSeverities(params),
    updatedSince: dateOf(params, 'detection_updated_since'),
    updatedBefore: dateOf(params, 'detection_updated_before'),
    includeIgnored: flag(params, 'include_ignored'),
    includeDisabled: flag(params, 'include_disabled'),
    qdsMin: qds(params, 'qds_min'),
    qdsMax: qds(params, 'qds_max'),
  };
}
