import type { ApiFamily } from '../api-family.js';
import type { NetworkOffers } from '../networks/network-directory.js';
import { v2Dtd } from '../qualys/bundled-dtd.js';
import { RequestParams } from '../qualys/params.js';
import { ApplianceStore } from './appliance-store.js';
import { ApplianceService, type ApplianceDirectory } from './appliance-service.js';
import { APPLIANCE_SEED_FIELDS, applianceEndpoint, applianceSeeder, physicalApplianceEndpoint } from './appliance-endpoint.js';
import { APPLIANCE_CREATE_DTD, APPLIANCE_LIST_DTD, applianceCreateDtd, applianceListDtd } from './appliance-output.js';
import { appliancesDashboard } from './appliances-view.js';

/**
 * An appliance of a seed document: the create action's parameters (`name`, `polling_interval`)
 * and [E] what only a seed says: `type` (`physical` or `virtual`, the default), `status`
 * (`Online` or `Offline`, the default), `network_id`, `comments`.
 */
export interface SeedAppliance {
  [param: string]: string | number | undefined;
}

/** What the appliances share with the families after them: the appliances asset groups name. */
export interface ApplianceOffers {
  appliances: ApplianceDirectory;
}

/** [Q] Scanner appliances (/api/2.0/fo/appliance/), which asset groups and scans name. */
export const appliancesFamily: ApiFamily<NetworkOffers, ApplianceOffers> = {
  name: 'appliances',
  callers: 'authenticated',
  secrets: [],
  dtds: [v2Dtd(APPLIANCE_LIST_DTD, applianceListDtd), v2Dtd(APPLIANCE_CREATE_DTD, applianceCreateDtd)],
  docs: [],
  build({ database, settings, links }) {
    const store = new ApplianceStore(database);
    const service = new ApplianceService(store);
    const seeder = applianceSeeder(service, links.networks);
    return {
      endpoints: [applianceEndpoint(service, { networks: links.networks, groupsOf: (ids) => store.groupsOf(ids) }), physicalApplianceEndpoint(service)],
      seed: {
        field: 'appliances',
        answer: 'appliance_ids',
        create(entry, _user, now) {
          const extra = APPLIANCE_SEED_FIELDS.flatMap((f) => (entry.fields[f] === undefined ? [] : [[f, String(entry.fields[f])] as [string, string]]));
          return seeder(new RequestParams(entry.params(APPLIANCE_SEED_FIELDS)), new RequestParams(extra), now);
        },
      },
      dashboard: appliancesDashboard(service, () => settings.pageSize),
      offers: { appliances: service },
    };
  },
};
