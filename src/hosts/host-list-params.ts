import type { RequestParams } from '../qualys/params.js';
import { flag } from './host-params.js';
import type { RiskShow, ScoreBounds } from './host-risk.js';

/**
 * Reads the host list's TruRisk and cloud parameters (host-versions.ts names them); a bad value
 * is a 1905, as the other host list parameters' are [E].
 */

/** [C: qualysdk; D: the host list page] the clouds `host_metadata` names, or `all`. */
const CLOUDS = ['all', 'ec2', 'google', 'azure'] as const;
/** [E] how long a list of cloud field or tag names may be. */
const MAX_FIELDS = 4096;

/** [D] a TruRisk score is 0 to 1000; so is an ARS, its former name. */
const score = (params: RequestParams, name: string) => {
  const value = params.integer(name, 0, 1000);
  return value === undefined ? undefined : Number(value);
};

export interface HostListExtras {
  risk: RiskShow;
  /** The scores a host's must be within (`trurisk_min`/`_max`, `ars_min`/`_max`), when any is given. */
  bounds?: ScoreBounds;
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
  if (mins.length + maxes.length === 0) return { risk };
  return { risk, bounds: { min: Math.max(0, ...mins), max: Math.min(1000, ...maxes) } };
}
