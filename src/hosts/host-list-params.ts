import { qualysErrors } from '../qualys/errors.js';
import type { RequestParams } from '../qualys/params.js';
import { flag } from './host-params.js';
import type { HostFilter, TagFilter, TagSet } from './host-store.js';
import type { RiskShow } from './host-xml.js';

/**
 * Reads the host list's TruRisk, tag and cloud parameters (host-versions.ts names them); a bad
 * value is a 1905, as the other host list parameters' are [E].
 */

/** [Q: qualysdk; the host list docs page] the clouds `host_metadata` names, or `all`. */
const CLOUDS = ['all', 'ec2', 'google', 'azure'] as const;
/** [E] how long a list of cloud field or tag names may be. */
const MAX_FIELDS = 4096;

/** [Q: docs] a TruRisk score is 0 to 1000; so is an ARS, its former name. */
const score = (params: RequestParams, name: string) => {
  const value = params.integer(name, 0, 1000);
  return value === undefined ? undefined : Number(value);
};

export interface HostListExtras {
  risk: RiskShow;
  /** The scores a host's must be within (`trurisk_min`/`_max`, `ars_min`/`_max`), when any is given. */
  trurisk?: HostFilter['trurisk'];
  /** The tags that keep a host (`use_tags=1` with a tag set). */
  tags?: TagFilter;
}

/** [Q: the tag parameters' docs] a tag set: tag IDs (`tag_set_by=id`, the default) or names. */
function tagSet(params: RequestParams, name: string, byId: boolean, all: boolean): TagSet | undefined {
  const value = params.list(name, MAX_FIELDS);
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

export function readHostListExtras(params: RequestParams): HostListExtras {
  const risk: RiskShow = { ars: flag(params, 'show_ars'), trurisk: flag(params, 'show_trurisk'), factors: flag(params, 'show_trurisk_factors') };
  // [E] read for their values alone: the emulator keeps no ARS factors, cloud metadata or cloud tags to write
  flag(params, 'show_ars_factors');
  flag(params, 'show_cloud_tags');
  params.oneOf('host_metadata', CLOUDS, true);
  params.list('host_metadata_fields', MAX_FIELDS);
  params.list('cloud_tag_fields', MAX_FIELDS);
  const mins = ['trurisk_min', 'ars_min'].map((n) => score(params, n)).filter((n) => n !== undefined);
  const maxes = ['trurisk_max', 'ars_max'].map((n) => score(params, n)).filter((n) => n !== undefined);
  const trurisk = mins.length + maxes.length === 0 ? undefined : { min: Math.max(0, ...mins), max: Math.min(1000, ...maxes) };
  return { risk, trurisk, tags: readTags(params) };
}

/**
 * The host filter narrowed by the extras. [E] A lower bound above the upper (`trurisk_min` above
 * `trurisk_max`, or `ars_min` above either maximum) keeps no host, as id_min above id_max does:
 * no ID is looked up, so it costs nothing.
 */
export function withExtras(filter: HostFilter, { trurisk, tags }: HostListExtras): HostFilter {
  return { ...filter, ids: trurisk && trurisk.min > trurisk.max ? [] : filter.ids, trurisk, tags };
}
