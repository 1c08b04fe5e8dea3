import { qualysErrors } from '../qualys/errors.js';
import { parseId } from '../qualys/id-set.js';
import { normalise, subtract, type IntervalSet, type Range } from '../qualys/interval-set.js';
import { parseIpSet } from '../qualys/ip-set.js';
import type { RequestParams } from '../qualys/params.js';
import { BUSINESS_IMPACTS, CVSS_KEYS, CVSS_VALUES, TEXT_FIELDS, type Domain, type GroupFields, type TextField } from './asset-group.js';

/** [E] the longest list value a group parameter takes: 150,000 addresses fit. */
const LIST_MAX = 4 * 1024 * 1024;

/** Sorted by address, exact repeats dropped, overlaps kept: [Q] a group shows its entries as given. */
function sortedEntries(entries: Iterable<Range>): Range[] {
  const sorted = [...entries].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return sorted.filter((r, i) => i === 0 || r[0] !== sorted[i - 1][0] || r[1] !== sorted[i - 1][1]);
}

/** Each entry of an IP list (address, range or CIDR block) as its own range; a bad one is a 1905 naming it. */
export function readIpEntries(params: RequestParams, name: string): Range[] | undefined {
  const value = params.text(name, LIST_MAX);
  if (value === undefined) return undefined;
  const entries: Range[] = [];
  for (const raw of value.split(',')) {
    if (raw.trim() === '') continue;
    // One entry at a time, so ranges stay as given; the parser names the bad entry in its TEXT.
    try {
      entries.push(parseIpSet(name, raw)[0]);
    } catch {
      parseIpSet(name, value);
      throw qualysErrors.invalidValue(name, value, `not a valid IP entry: ${raw.trim()}`);
    }
  }
  if (entries.length === 0) throw qualysErrors.invalidValue(name, value, 'no IP address given');
  return sortedEntries(entries);
}

/** The entries with `added` joined, as entries of their own. */
export const addEntries = (entries: readonly Range[], added: readonly Range[]) => sortedEntries([...entries, ...added]);

/** [E] each entry with the removed addresses taken out: a range split by them becomes its pieces. */
export const removeEntries = (entries: readonly Range[], removed: IntervalSet) => sortedEntries(entries.flatMap((e) => subtract([e], removed)));

/** Every address the entries hold, as one set, for the checks. */
export const entriesSet = (entries: readonly Range[]): IntervalSet => normalise(entries);

/** Splits at commas outside brackets: a domain's netblock `[a-b,c]` holds commas of its own. */
function topLevelItems(value: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '[') depth++;
    else if (value[i] === ']') depth = Math.max(0, depth - 1);
    else if (value[i] === ',' && depth === 0) {
      items.push(value.slice(start, i));
      start = i + 1;
    }
  }
  items.push(value.slice(start));
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

const DOMAIN_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\.?$/;

/** [Q] `domain` or `domain:[netblock]`, comma-separated; [E] names checked as DNS names, netblocks as IP lists. */
export function readDomains(params: RequestParams, name: string): Domain[] | undefined {
  const value = params.text(name, LIST_MAX);
  if (value === undefined) return undefined;
  return topLevelItems(value).map((item) => {
    const m = item.match(/^([^:[\]]+)(?::\[([^\]]*)\])?$/);
    if (!m || !DOMAIN_NAME.test(m[1].trim()) || m[1].trim().length > 253)
      throw qualysErrors.invalidValue(name, value, `not a domain or domain:[netblock]: ${item}`);
    if (m[2] !== undefined) parseIpSet(name, m[2]);
    return { name: m[1].trim(), netblock: m[2]?.trim() ?? '' };
  });
}

/** DNS or NetBIOS names, comma-separated, repeats dropped. */
export function readNames(params: RequestParams, name: string): string[] | undefined {
  const value = params.list(name, LIST_MAX);
  if (value === undefined) return undefined;
  return value === '' ? [] : [...new Set(value.split(','))];
}

/** Appliance IDs, comma-separated, in the order given, repeats dropped. */
export function readIds(params: RequestParams, name: string): number[] | undefined {
  const value = params.get(name);
  if (value === undefined) return undefined;
  if (value.trim() === '') return [];
  return [...new Set(value.split(',').map((v) => parseId(name, v.trim() === '' ? value : v)))];
}

/**
 * The plain attributes a call sets: add's names (`comments`, `business_impact`...) or, with
 * `prefix` `set_`, edit's. [E] enumerations matched case-insensitively, stored in lower case.
 */
export function readFields(params: RequestParams, prefix: '' | 'set_'): GroupFields {
  const out: GroupFields = {};
  for (const [field, max] of Object.entries(TEXT_FIELDS) as [TextField, number][]) {
    const value = params.text(prefix + field, max);
    if (value !== undefined) out[field] = value;
  }
  const impact = params.oneOf(`${prefix}business_impact`, BUSINESS_IMPACTS, true);
  if (impact !== undefined) out.business_impact = impact;
  for (const key of CVSS_KEYS) {
    const value = params.oneOf(`${prefix}cvss_enviro_${key}`, CVSS_VALUES[key], true);
    if (value !== undefined) out[`cvss_enviro_${key}`] = value;
  }
  return out;
}

/** The plain attributes' parameter names, for an action's allowed list. */
export const FIELD_PARAMS = [...Object.keys(TEXT_FIELDS), 'business_impact', ...CVSS_KEYS.map((k) => `cvss_enviro_${k}`)];
