import type { ApiFamily } from '../api-family.js';
import { v2Dtd } from '../qualys/bundled-dtd.js';
import type { NetworkDirectory } from '../networks/network-directory.js';
import { ipAddSeed } from './add-seed.js';
import { AssetIpStore } from './asset-ip-store.js';
import { AssetIpService } from './asset-ip-service.js';
import { assetIpEndpoint, ipAdder } from './asset-ip-endpoint.js';
import { IP_LIST_DTD, ipListDtd } from './asset-ip-output.js';
import { assetIpsDashboard } from './asset-ips-view.js';
import type { AssetIpOffers } from './subscription-ips.js';

/** What the subscription's IPs take from other families: the networks their network_id names. */
export interface AssetIpLinks {
  networks: NetworkDirectory;
}

/** IPs of a seed document: the add action's parameters (`ips`, `enable_vm`, `tracking_method`, ...). */
export interface SeedIps {
  [param: string]: string | number | undefined;
}

/**
 * [Q] The subscription's IPs (/api/2.0/fo/asset/ip/), which it offers the families after it as
 * `SubscriptionIps`, so that asset groups can check theirs are in it.
 */
export const assetIpsFamily: ApiFamily<AssetIpLinks, AssetIpOffers> = {
  name: 'asset-ips',
  callers: 'authenticated',
  secrets: [],
  dtds: [v2Dtd(IP_LIST_DTD, ipListDtd)],
  docs: [],
  build({ database, settings, links }) {
    const service = new AssetIpService(new AssetIpStore(database));
    const deps = { service, networks: links.networks };
    const add = ipAdder(deps);
    return {
      endpoints: [assetIpEndpoint(deps)],
      seed: ipAddSeed('ips', 'ip_counts', add),
      dashboard: assetIpsDashboard(service, () => settings.pageSize),
      offers: { subscriptionIps: service },
    };
  },
};
