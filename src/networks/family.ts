import type { ApiFamily } from '../api-family.js';
import { v2Dtd } from '../qualys/bundled-dtd.js';
import { RequestParams } from '../qualys/params.js';
import type { NetworkOffers } from './network-directory.js';
import { networkCreator, networkEndpoint } from './network-endpoint.js';
import { NETWORK_LIST_DTD, networkListDtd } from './network-output.js';
import { NetworkService } from './network-service.js';
import { NetworkStore } from './network-store.js';
import { networksDashboard } from './networks-view.js';

/** A network of a seed document: the create action's parameters (`name`). */
export interface SeedNetwork {
  name: string;
}

/**
 * [Q] Networks (/api/2.0/fo/network/, the Network Support feature): the networks a `network_id`
 * names, which every family reads through the `NetworkDirectory` it offers.
 */
export const networksFamily: ApiFamily<object, NetworkOffers> = {
  name: 'networks',
  callers: 'authenticated',
  secrets: [],
  dtds: [v2Dtd(NETWORK_LIST_DTD, networkListDtd)],
  docs: [],
  build({ database, settings }) {
    const service = new NetworkService(new NetworkStore(database), settings);
    const create = networkCreator(service);
    return {
      endpoints: [networkEndpoint(service)],
      seed: { field: 'networks', answer: 'network_ids', create: (entry, user, now) => create(new RequestParams(entry.params()), user, now) },
      dashboard: networksDashboard(service),
      offers: { networks: service },
    };
  },
};
