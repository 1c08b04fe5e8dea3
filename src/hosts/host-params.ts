import { setFlagsFromString } from 'node:v8';
import type { GroupDirectory } from '../asset-groups/group-directory.js';
import { qualysErrors } from '../qualys/errors.js';
import { MAX_ID, parseId, parseIdSet } from '../qualys/id-set.js';
import { intersect, normalise, subtract, type IntervalSet } from '../qualys/interval-set.js';
import { parseIpSet } from '../qualys/ip-set.js';
import type { RequestParams } from '../qualys/params.js';
import type { HostFilter, TagFilter, TagSet } from './host-filter.js';

/** Reads the host filters of a list call into the store's filter; a bad value is a 1905. */

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
  // [Q: Doc Center detection Sample 18; qualysdk, qualyspy, XSOAR's qualys-host-list] by custom network
  'network_ids',
  // [Q: recorded 2024, PowerQualys: the 2.0 detection list's 1901 names it; qualysdk, qualyspy] Policy Compliance
  'compliance_enabled',
  // [Q: the host list docs page; qualysdk; XSOAR's qualys-host-list and qualys-host-list-detection, graph-qualys] by tags
  'use_tags',
  'tag_set_by',
  'tag_include_selector',
  'tag_exclude_selector',
  'tag_set_include',
  'tag_set_exclude',
] as const;

/**
 * [Q: qualysdk and qualyspy pass them on to the host list, XSOAR's qualys-host-list the second; the
 * guide's host list sample of p.1011 the third] host filters the host list alone takes: the 2.0
 * detection list's 1901 of 2024 (recorded, PowerQualys) names none of them.
 */
export const HOST_LIST_FILTER_PARAMS = ['compliance_scan_since', 'no_compliance_scan_since', 'scap_scan_since', 'no_scap_scan_since', 'ipv6'] as const;

/**
 * What a host filter needs besides the call: the groups `ag_ids` and `ag_titles` name, the OS
 * values held and the addresses enabled for Policy Compliance.
 */
export interface FilterSources {
  groups: GroupDirectory;
  oses(): readonly string[];
  complianceIps(): IntervalSet;
}

/** A date filter as the store compares it: a bare date is its midnight, UTC [Q: the values are UTC]. */
export function dateOf(params: RequestParams, name: string): string | undefined {
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

/** [E] how long a tag set or a list of networks may be, in characters. */
const MAX_TAG_SET = 4096;

/** [Q: the tag parameters' docs] a tag set: tag IDs (`tag_set_by=id`, the default) or names. */
function tagSet(params: RequestParams, name: string, byId: boolean, all: boolean): TagSet | undefined {
  const value = params.list(name, MAX_TAG_SET);
  if (value === undefined || value === '') return undefined;
  const tags = value.split(',');
  if (byId && tags.some((t) => !/^\d+$/.test(t))) throw qualysErrors.invalidValue(name, value, 'tag_set_by=id takes tag IDs');
  // [E] an ID as written in the tags kept (no leading zeros), which the store compares as text
  return { tags: byId ? tags.map((t) => String(Number(t))) : tags, all };
}

/**
 * [Q: docs; qualysdk] `use_tags=1` selects hosts by their tags: those with any (or, with
 * `tag_include_selector=all`, all) of `tag_set_include`, less those with any (or all) of
 * `tag_set_exclude`. [E] Names match exactly; without `use_tags=1` the tag set is read for its
 * values alone, as the docs say hosts are then selected by IPs and groups.
 */
function readTags(params: RequestParams): TagFilter | undefined {
  const use = flag(params, 'use_tags');
  const byId = (params.oneOf('tag_set_by', ['id', 'name'], true) ?? 'id') === 'id';
  const includeAll = params.oneOf('tag_include_selector', ['any', 'all'], true) === 'all';
  const excludeAll = params.oneOf('tag_exclude_selector', ['any', 'all'], true) === 'all';
  const include = tagSet(params, 'tag_set_include', byId, includeAll);
  const exclude = tagSet(params, 'tag_set_exclude', byId, excludeAll);
  return use && (include !== undefined || exclude !== undefined) ? { byId, include, exclude } : undefined;
}

/**
 * [Q: Doc Center Sample 18 sends `network_ids=1000`] the networks, by ID, whose hosts are listed.
 * [E] 0 is the Global Default Network, which holds every host the emulator keeps; an ID of no
 * network keeps none, as no refusal is on record.
 */
function networkIds(params: RequestParams): number[] | undefined {
  const value = params.list('network_ids', MAX_TAG_SET);
  if (value === undefined || value === '') return undefined;
  const ids = value.split(',');
  if (ids.some((id) => !/^\d{1,10}$/.test(id))) throw qualysErrors.invalidValue('network_ids', value, 'each item must be a network ID');
  return ids.map(Number);
}

/**
 * [Q: qualysdk] `compliance_enabled=1` keeps the hosts whose IPs are enabled for Policy
 * Compliance, `0` the others: [E] as the subscription's IPs hold it (`enable_pc`).
 */
function complianceIps(params: RequestParams, sources: FilterSources): IntervalSet | undefined {
  const enabled = params.oneOf('compliance_enabled', ['0', '1']);
  if (enabled === undefined) return undefined;
  return enabled === '1' ? sources.complianceIps() : subtract(EVERY_ADDRESS, sources.complianceIps());
}

/**
 * Filters the emulator's hosts can meet by none: [E] they hold no SCAP scan (`scap_scan_since`)
 * and no IPv6 address (`ipv6`, [Q: qualysdk] IPv6 addresses, comma-separated). Each is read for
 * its value; `no_scap_scan_since` keeps them all.
 */
function keepsNone(params: RequestParams): boolean {
  dateOf(params, 'no_scap_scan_since');
  // empty, as any list: no filter
  const ipv6 = params.list('ipv6', MAX_TAG_SET) || undefined;
  if (ipv6?.split(',').some((a) => !/^[0-9a-f:.]+$/i.test(a) || !a.includes(':')))
    throw qualysErrors.invalidValue('ipv6', ipv6, 'each item must be an IPv6 address');
  return dateOf(params, 'scap_scan_since') !== undefined || ipv6 !== undefined;
}

const EVERY_ADDRESS: IntervalSet = [[0, 2 ** 32 - 1]];

/** The sets of IPs given, as one: undefined when none is. */
const allOf = (sets: (IntervalSet | undefined)[]) =>
  sets.reduce<IntervalSet | undefined>((a, b) => (a === undefined ? b : b === undefined ? a : intersect(a, b)), undefined);

export function readHostFilter(params: RequestParams, sources: FilterSources): HostFilter {
  const fromIps = params.has('ips') ? parseIpSet('ips', params.require('ips')) : undefined;
  const ips = allOf([fromIps, groupIps(params, sources.groups), complianceIps(params, sources)]);
  const pattern = osPattern(params);
  const none = keepsNone(params);
  return {
    // keeping none, no ID is looked up, as with id_min above id_max
    ids: none ? [] : readIds(params),
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
    complianceScannedSince: dateOf(params, 'compliance_scan_since'),
    notComplianceScannedSince: dateOf(params, 'no_compliance_scan_since'),
    tags: readTags(params),
    networks: networkIds(params),
  };
}
