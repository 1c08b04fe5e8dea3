/**
 * What each API version of the host list and the detections serves differently, as data
 * (docs/fidelity.md §20, "Versions"): the DTD files its DOCTYPEs name, the host list and detection
 * parameters only it takes and the elements a detection HOST carries after TRACKING_METHOD.
 */

/** [Q] the API versions serving the host list and the detections. */
export const HOST_API_VERSIONS = ['2.0', '3.0', '4.0', '5.0'] as const;
export type HostApiVersion = (typeof HOST_API_VERSIONS)[number];

/** What a detection HOST holds after TRACKING_METHOD at a version. */
type HostPlace = 'none' | 'groups and network';

interface HostVersion {
  /** The DTD files, under dtd/, its answers' DOCTYPEs name. */
  hostListDtdFile: string;
  detectionDtdFile: string;
  /** The host list parameters this version takes besides the filters (host-list-params.ts reads them). */
  hostListParams: readonly string[];
  /** The detection parameters this version takes besides those every version does (detection-params.ts reads them). */
  detectionParams: readonly string[];
  /**
   * [Q: the guide's detection sample of p.1151, 2024, taken as v5.0 from the p.1153 truncation URL] `groups and network`: ASSET_GROUP_LIST, NETWORK_ID
   * and NETWORK_NAME follow TRACKING_METHOD; [E] no sample of 2.0-4.0 shows them.
   */
  detectionHostPlace: HostPlace;
}

const HOST_LIST_DTD = 'fo/asset/host/dtd/list/output.dtd';
const DETECTION_DTD = 'fo/asset/host/vm/detection/dtd/output.dtd';
/**
 * [Q: Qualys's ETL, qualysetl, which sends the first three to 2.0 and swaps them for the other two
 * from 3.0 on] the Advanced Remediation Fix filters: 2.0's, one parameter per kind of fix, and
 * 3.0's, which name the fixes in one list.
 */
export const ARF_FILTERS_V2 = ['arf_kernel_filter', 'arf_service_filter', 'arf_config_filter'] as const;
const ARF_FILTERS_V3 = ['show_arf_data', 'arf_filter_keys'] as const;

/**
 * [Q: the host list docs page, from its v2.0 section; qualysetl sends them to 2.0 or the version it is
 * set to, qualysdk to 3.0, qualyspy to 2.0 then 4.0, a connector to 5.0] the host list's TruRisk
 * (and its former name, ARS) and cloud parameters, at every version.
 */
const HOST_LIST_RISK_PARAMS = [
  'show_ars',
  'ars_min',
  'ars_max',
  'show_ars_factors',
  'show_trurisk',
  'trurisk_min',
  'trurisk_max',
  'show_trurisk_factors',
] as const;
/** [Q: the host list docs page; ServiceNow, Sekoia and qualysdk send them to the detections too, at 2.0 and 5.0] cloud metadata and cloud tags, both lists, every version. */
export const HOST_CLOUD_PARAMS = ['host_metadata', 'host_metadata_fields', 'show_cloud_tags', 'cloud_tag_fields'] as const;

const V2: HostVersion = {
  hostListDtdFile: HOST_LIST_DTD,
  detectionDtdFile: DETECTION_DTD,
  hostListParams: [...HOST_LIST_RISK_PARAMS, ...HOST_CLOUD_PARAMS],
  detectionParams: ARF_FILTERS_V2,
  detectionHostPlace: 'none',
};
const V3: HostVersion = { ...V2, detectionParams: ARF_FILTERS_V3 };

export const HOST_VERSIONS: Readonly<Record<HostApiVersion, HostVersion>> = {
  '2.0': V2,
  '3.0': V3,
  '4.0': V3,
  '5.0': { ...V3, detectionDtdFile: 'fo/asset/host/vm/detection/dtd/v5/output.dtd', detectionHostPlace: 'groups and network' },
};
