import type { ApiFamily } from '../api-family.js';
import { v2Dtd } from '../qualys/bundled-dtd.js';
import { qualysDateTime } from '../qualys/envelopes.js';
import type { NetworkDirectory } from '../networks/network-directory.js';
import { ipAddSeed } from '../asset-ips/add-seed.js';
import { ExcludedIpStore } from './excluded-ip-store.js';
import { ExcludedIpService } from './excluded-ip-service.js';
import { excludedHistoryEndpoint, excludedIpEndpoint, exclusionAdder } from './excluded-ip-endpoint.js';
import { EXCLUDED_HISTORY_DTD, EXCLUDED_LIST_DTD, excludedHistoryDtd, excludedListDtd } from './excluded-ip-output.js';
import { excludedIpsDashboard } from './excluded-ips-view.js';

/** What the excluded IPs take from other families: the networks their network_id names. */
export interface ExcludedIpLinks {
  networks: NetworkDirectory;
}

/** Excluded IPs of a seed document: the add action's parameters (`ips`, `comment`, `expiry_days`, `network_id`). */
export interface SeedExcludedIps {
  [param: string]: string | number | undefined;
}

/** [Q] Excluded IPs (/api/2.0/fo/asset/excluded_ip/ and its history/): the hosts scans leave out. */
export const excludedIpsFamily: ApiFamily<ExcludedIpLinks> = {
  name: 'excluded-ips',
  callers: 'authenticated',
  secrets: [],
  dtds: [v2Dtd(EXCLUDED_LIST_DTD, excludedListDtd), v2Dtd(EXCLUDED_HISTORY_DTD, excludedHistoryDtd)],
  docs: [],
  build({ database, settings, links }) {
    const service = new ExcludedIpService(new ExcludedIpStore(database));
    const deps = { service, networks: links.networks };
    const add = exclusionAdder(deps);
    return {
      endpoints: [excludedIpEndpoint(deps), excludedHistoryEndpoint(deps)],
      seed: ipAddSeed('excluded_ips', 'excluded_ip_counts', add),
      dashboard: excludedIpsDashboard(
        service,
        () => settings.pageSize,
        () => qualysDateTime(),
      ),
      offers: {},
    };
  },
};
