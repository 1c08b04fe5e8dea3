import type { RequestParams } from '../qualys/params.js';
import { flag } from './host-params.js';
import type { HostFilter } from './host-filter.js';
import type { RiskShow } from './host-risk-xml.js';

/**
 * Reads the host list's TruRisk and cloud parameters (host-versions.ts names them); a bad
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
}

/**
 * [E] the cloud parameters of both lists (HOST_CLOUD_PARAMS), read for their values alone: the
 * emulator's hosts are no cloud assets, so it keeps no cloud metadata or cloud tags to write.
 */
export function readCloudParams(params: RequestParams): void {
  flag(params, 'show_cloud_tags');
  params.oneOf('host_metadata', CLOUDS, true);
  params.list('host_metadata_fields', MAX_FIELDS);
  params.list('cloud_tag_fields', MAX_FIELDS);
}

export function readHostListExtras(params: RequestParams): HostListExtras {
  const risk: RiskShow = { ars: flag(params, 'show_ars'), trurisk: flag(params, 'show_trurisk'), factors: flag(params, 'show_trurisk_factors') };
  // [E] read for its value alone: the emulator keeps no ARS factors to write
  flag(params, 'show_ars_factors');
  readCloudParams(params);
  const mins = ['trurisk_min', 'ars_min'].map((n) => score(params, n)).filter((n) => n !== undefined);
  const maxes = ['trurisk_max', 'ars_max'].map((n) => score(params, n)).filter((n) => n !== undefined);
  const trurisk = mins.length + maxes.length === 0 ? undefined : { min: Math.max(0, ...mins), max: Math.min(1000, ...maxes) };
  return { risk, trurisk };
}

/**
 * The host filter narrowed by the extras. [E] A lower bound above the upper (`trurisk_min` above
 * `trurisk_max`, or `ars_min` above either maximum) keeps no host, as id_min above id_max does:
 * no ID is looked up, so it costs nothing.
 */
export function withExtras(filter: HostFilter, { trurisk }: HostListExtras): HostFilter {
  return { ...filter, ids: trurisk && trurisk.min > trurisk.max ? [] : filter.ids, trurisk };
}
