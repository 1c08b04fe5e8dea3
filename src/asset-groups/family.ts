import type { ApiFamily } from '../api-family.js';
import type { ApplianceDirectory } from '../appliances/appliance-service.js';
import type { NetworkDirectory } from '../networks/network-directory.js';
import { v3Endpoint } from '../auth-records/api-v3.js';
import { v2Dtd } from '../qualys/bundled-dtd.js';
import { RequestParams } from '../qualys/params.js';
import type { SubscriptionIps } from '../asset-ips/subscription-ips.js';
import { GroupStore } from './group-store.js';
import { GroupService } from './group-service.js';
import { groupCreator, groupEndpoint, type GroupOptions } from './group-endpoint.js';
import { GROUP_LIST_DTD, groupListDtd } from './group-output.js';
import { groupsDashboard } from './groups-view.js';
import { groupDirectory, type AssetGroupOffers } from './group-directory.js';

/** What the asset groups take from other families: the networks, the subscription's IPs and the appliances groups name. */
export interface AssetGroupLinks {
  networks: NetworkDirectory;
  subscriptionIps: SubscriptionIps;
  appliances: ApplianceDirectory;
}

/** An asset group of a seed document: the add action's parameters (`title`, `ips`, `appliance_ids`...). */
export interface SeedAssetGroup {
  [param: string]: string | number | undefined;
}

/**
 * [Q] Asset groups (/api/2.0/fo/asset/group/): list, add, edit, delete. [E] also at
 * /api/3.0/fo/asset/group/, answered as v2.0: a public client calls that path, no Qualys page
 * documents it (docs/fidelity.md, 19). Offers the groups' IPs to the families after it.
 */
export const assetGroupsFamily: ApiFamily<AssetGroupLinks, AssetGroupOffers> = {
  name: 'asset-groups',
  callers: 'authenticated',
  secrets: [],
  dtds: [v2Dtd(GROUP_LIST_DTD, groupListDtd)],
  docs: [],
  build({ database, settings, links }) {
    const store = new GroupStore(database);
    const service = new GroupService(store, links);
    const options: GroupOptions = {
      get pageSize() {
        return settings.pageSize;
      },
      networkId: (value) => links.networks.networkId(value),
    };
    const create = groupCreator(service, options);
    const endpoint = groupEndpoint(service, options);
    return {
      endpoints: [endpoint, v3Endpoint(endpoint)],
      seed: {
        field: 'asset_groups',
        answer: 'asset_group_ids',
        // add's parameters: the seed's entries are `action=create`, which this endpoint names `add`
        create: (entry, user, now) => create(new RequestParams([['action', 'add'], ...entry.params().slice(1)]), user, now),
      },
      dashboard: groupsDashboard(service, () => settings.pageSize),
      offers: { assetGroups: groupDirectory(service) },
    };
  },
};
