import { MAX_ID } from '../qualys/id-set.js';
import { normalise, type IntervalSet } from '../qualys/interval-set.js';
import type { AssetGroup } from './asset-group.js';
import type { GroupService } from './group-service.js';

/** An asset group as other families see it: its ID and the IPs it names; its title and default appliance, which scans name. */
export interface GroupIps {
  id: number;
  ips: IntervalSet;
  title: string;
  defaultApplianceId?: number;
}

/**
 * The asset groups as the families after them read them: hosts and detections filter by
 * `ag_ids` and `ag_titles` through it, scans target groups named by title or ID.
 */
export interface GroupDirectory {
  /** The groups whose ID is in `ids`, by ID. */
  byIds(ids: IntervalSet): GroupIps[];
  /** The group with this exact title, if any. */
  byTitle(title: string): GroupIps | undefined;
}

/** What the asset groups share with the families after them. */
export interface AssetGroupOffers {
  assetGroups: GroupDirectory;
}

export function groupDirectory(service: GroupService): GroupDirectory {
  const ipsOf = (g: AssetGroup): GroupIps => ({ id: g.id, ips: normalise(g.ips), title: g.title, defaultApplianceId: g.defaultApplianceId });
  return {
    byIds: (ids) => service.list({ ids }, -1).groups.map(ipsOf),
    byTitle: (title) => service.list({ ids: [[1, MAX_ID]], title }, 1).groups.map(ipsOf)[0],
  };
}
