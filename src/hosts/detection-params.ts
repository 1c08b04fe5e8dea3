/** Reads the detection list's own filters into the store's filters; a bad value is a 1905. */

import { qualysErrors } from '../qualys/errors.js';
import { parseIdSet } from '../qualys/id-set.js';
import type { RequestParams } from '../qualys/params.js';
import { DETECTION_STATUSES } from './host.js';
import { dateOf, type FilterSources, flag, readHostFilter } from './host-params.js';
import type { DetectionFilter, HostFilter } from './host-filter.js';
import { ARF_FILTERS_V2 } from './host-versions.js';

/** [Q: recorded 2024, PowerQualys: the 2.0 detection list's 1901 names them; Doc Center Samples 9 and 10] QIDs by search list. */
const SEARCH_LIST_PARAMS = ['include_search_list_titles', 'exclude_search_list_titles', 'include_search_list_ids', 'exclude_search_list_ids'] as const;

/**
 * [E] The emulator keeps no QID search lists, so a list named is none: 1905 `(no such search
 * list)` naming the first, as for an asset group that does not exist.
 */
function refuseSearchLists(params: RequestParams): void {
  for (const name of SEARCH_LIST_PARAMS) {
    const value = params.list(name, 10_000);
    if (value) throw qualysErrors.noSuch(name, value.split(',')[0], 'search list');
  }
}

/** [Q] detection filters of the detection list. */
export const DETECTION_FILTER_PARAMS = [
  'qids',
  'severities',
  'status',
  'include_vuln_type',
  'show_igs',
  'detection_updated_since',
  'detection_updated_before',
  // [Q: ServiceNow's Host Detection message, XSOAR's qualys-host-list-detection, qualysdk]
  'detection_processed_after',
  'detection_processed_before',
  // [Q: Qualys's Doc Center detection Sample 18; qualysdk] on LAST_TEST_DATETIME, by date or days ago
  'detection_last_tested_since',
  'detection_last_tested_before',
  'detection_last_tested_since_days',
  'detection_last_tested_before_days',
  // [Q: qualysdk; RescanHelper sends the first to 4.0] day counts for vm_scan_since and detection_updated_since
  'max_days_since_last_vm_scan',
  'max_days_since_detection_updated',
  // [Q: Sekoia's QualysVMDRTrigger, qualysdk]
  'filter_superseded_qids',
  // [Q: recorded 2024, PowerQualys: the 2.0 detection list's 1901 names it; qualysdk, Qualys's multi-thread notes send 1]
  'active_kernels_only',
  ...SEARCH_LIST_PARAMS,
  'include_ignored',
  'include_disabled',
  'qds_min',
  'qds_max',
] as const;

/** [E] how many days back a day count may reach: a century. */
const MAX_DAYS = 36_500;

/** A day count as the date that many days of 24 hours before `now` (`YYYY-MM-DDTHH:MM:SSZ`). */
function daysBefore(params: RequestParams, name: string, now: string): string | undefined {
  const days = params.integer(name, 0, MAX_DAYS);
  return days === undefined ? undefined : new Date(Date.parse(now) - Number(days) * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Of two bounds, the one both hold to: the later of two lower bounds, the earlier of two upper ones. */
const later = (a?: string, b?: string) => (a === undefined || (b !== undefined && b > a) ? b : a);
const earlier = (a?: string, b?: string) => (a === undefined || (b !== undefined && b < a) ? b : a);

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
  return ARF_FILTERS_V2.some((name) => Number(params.integer(name, 0, 4) ?? 0) >= 2) || kernelsKeepOnlyMarked(params);
}

/**
 * [Q: qualysdk's notes] `active_kernels_only`: 0 no filter, 1 leaves out the detections on
 * non-running kernels, 2 and 3 keep only those on non-running (2) or running (3) kernels. [E] The
 * emulator marks no detection as kernel-related (no AFFECT_RUNNING_KERNEL), as for the ARF
 * filters: 1 leaves out none, 2 and 3 keep none.
 */
const kernelsKeepOnlyMarked = (params: RequestParams) => Number(params.integer('active_kernels_only', 0, 3) ?? 0) >= 2;

/**
 * The host filter of a detection list, `now` the call's DATETIME: the lists' own, narrowed by
 * `max_days_since_last_vm_scan` [E: as `vm_scan_since` that many days before the call].
 */
export function readDetectionHostFilter(params: RequestParams, sources: FilterSources, now: string): HostFilter {
  const filter = readHostFilter(params, sources);
  return { ...filter, scannedSince: later(filter.scannedSince, daysBefore(params, 'max_days_since_last_vm_scan', now)) };
}

/**
 * The detection filter of a detection list, `now` the call's DATETIME: a day count is [E] the date
 * that many days before the call, and with a date of the same bound both must hold.
 */
export function readDetectionFilter(params: RequestParams, now: string): DetectionFilter {
  // [E] the KnowledgeBase holds no supersession, so leaving out superseded QIDs leaves out none
  flag(params, 'filter_superseded_qids');
  refuseSearchLists(params);
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
    updatedSince: later(dateOf(params, 'detection_updated_since'), daysBefore(params, 'max_days_since_detection_updated', now)),
    updatedBefore: dateOf(params, 'detection_updated_before'),
    lastProcessedAfter: dateOf(params, 'detection_processed_after'),
    lastProcessedBefore: dateOf(params, 'detection_processed_before'),
    lastTestedSince: later(dateOf(params, 'detection_last_tested_since'), daysBefore(params, 'detection_last_tested_since_days', now)),
    lastTestedBefore: earlier(dateOf(params, 'detection_last_tested_before'), daysBefore(params, 'detection_last_tested_before_days', now)),
    includeIgnored: flag(params, 'include_ignored'),
    includeDisabled: flag(params, 'include_disabled'),
    qdsMin: qds(params, 'qds_min'),
    qdsMax: qds(params, 'qds_max'),
  };
}
