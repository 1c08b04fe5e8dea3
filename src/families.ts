import { FamilyList } from './api-family.js';
import type { BundledDtd } from './qualys/bundled-dtd.js';
import { ENVELOPE_DTDS } from './qualys/envelopes.js';
import { sessionFamily, type SessionLinks } from './session/family.js';
import { vaultsFamily, type SeedVault } from './vaults/family.js';
import { networksFamily, type SeedNetwork } from './networks/family.js';
import { assetIpsFamily, type SeedIps } from './asset-ips/family.js';
import { excludedIpsFamily, type SeedExcludedIps } from './excluded-ips/family.js';
import { authRecordsFamily } from './auth-records/family.js';
import type { SeedRecord } from './auth-records/record-seed.js';
import { appliancesFamily, type SeedAppliance } from './appliances/family.js';
import { optionProfilesFamily } from './option-profiles/family.js';
import type { SeedOptionProfile } from './option-profiles/option-profile-endpoint.js';
import { assetGroupsFamily, type SeedAssetGroup } from './asset-groups/family.js';
import { knowledgeBaseFamily, type SeedKbEntry } from './knowledge-base/family.js';
import { hostsFamily, type SeedHost } from './hosts/family.js';
import { scansFamily, type SeedScan } from './scans/family.js';
import { scanSchedulesFamily, type SeedScanSchedule } from './scan-schedules/family.js';

/** What the app shares with every family: the sessions and credentials its authentication step uses. */
export type AppShares = SessionLinks;

/**
 * Every API family the emulator serves, one line each (docs/architecture.md, "API families").
 * A family comes after those whose offers it needs (records name vaults), which the types
 * check; it is also the order of the seed's sections.
 */
export const FAMILIES = FamilyList.sharing<AppShares>()
  .with(sessionFamily)
  .with(vaultsFamily)
  .with(networksFamily)
  .with(assetIpsFamily)
  .with(excludedIpsFamily)
  .with(authRecordsFamily)
  .with(appliancesFamily)
  .with(optionProfilesFamily)
  .with(assetGroupsFamily)
  .with(knowledgeBaseFamily)
  .with(hostsFamily)
  .with(scansFamily)
  .with(scanSchedulesFamily);

/** A list of families an app may serve: the registry's, or a test's own. */
export type Families = FamilyList<AppShares, object>;

/** Every DTD an app serving `families` bundles and serves: the envelopes', then each family's. */
export function servedDtds(families: Families): BundledDtd[] {
  return [...ENVELOPE_DTDS, ...families.families.flatMap((f) => f.dtds)];
}

/** A seed document (docs/controls.md, "Seed"): the sections of the families that have one. */
export interface SeedDocument {
  vaults?: SeedVault[];
  networks?: SeedNetwork[];
  ips?: SeedIps[];
  excluded_ips?: SeedExcludedIps[];
  records: SeedRecord[];
  appliances?: SeedAppliance[];
  option_profiles?: SeedOptionProfile[];
  asset_groups?: SeedAssetGroup[];
  knowledge_base?: SeedKbEntry[];
  hosts?: SeedHost[];
  scans?: SeedScan[];
  scan_schedules?: SeedScanSchedule[];
}

/** What a seed answers: the IDs created, section by section. */
export interface SeedAnswer {
  vault_ids?: number[];
  network_ids?: number[];
  ip_counts?: number[];
  excluded_ip_counts?: number[];
  ids: number[];
  appliance_ids?: number[];
  option_profile_ids?: number[];
  asset_group_ids?: number[];
  knowledge_base_qids?: number[];
  host_ids?: number[];
  scan_ids?: number[];
  scan_schedule_ids?: number[];
}
