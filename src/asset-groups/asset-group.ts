import type { Range } from '../qualys/interval-set.js';

/** What an asset group is; [Q] its attributes as the add and edit pages name them. */
export interface Domain {
  name: string;
  /** [Q] `domain:[netblock]`: the netblock as given, '' when none. */
  netblock: string;
}

/** [Q] business_impact and the CVSS environment values, as add and edit take them. */
export const BUSINESS_IMPACTS = ['critical', 'high', 'medium', 'low', 'none'] as const;
export const CVSS_VALUES = {
  cdp: ['high', 'medium-high', 'low-medium', 'low', 'none'],
  td: ['high', 'medium', 'low', 'none'],
  cr: ['high', 'medium', 'low'],
  ir: ['high', 'medium', 'low'],
  ar: ['high', 'medium', 'low'],
} as const;
export type CvssKey = keyof typeof CVSS_VALUES;
export const CVSS_KEYS = Object.keys(CVSS_VALUES) as CvssKey[];

/** [Q] the free-text attributes, add's names without `set_`; [E] their limits. */
export const TEXT_FIELDS = { comments: 255, division: 64, function: 64, location: 64 } as const;
export type TextField = keyof typeof TEXT_FIELDS;

/** The attributes held as plain values (texts, business impact, CVSS), by add's parameter name. */
export type GroupFields = Partial<Record<TextField | 'business_impact' | `cvss_enviro_${CvssKey}`, string>>;

export interface AssetGroup {
  id: number;
  title: string;
  networkId: number;
  owner: string;
  /** [Q] the IP entries as given (each an address or a range; CIDR blocks as their range), by address, never merged. */
  ips: readonly Range[];
  domains: readonly Domain[];
  dnsNames: readonly string[];
  netbiosNames: readonly string[];
  /** In the order given. */
  applianceIds: readonly number[];
  defaultApplianceId?: number;
  fields: GroupFields;
  createdAt: string;
  lastUpdate: string;
}

/**
 * [Q recorded] `All` is in every subscription and cannot be added; [E] it is not listed (Qualys
 * stops listing it once asset management is on).
 */
export const RESERVED_TITLE = 'All';
