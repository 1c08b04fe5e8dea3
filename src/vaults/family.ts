import type { ApiFamily } from '../api-family.js';
import { RequestParams } from '../qualys/params.js';
import type { VaultDirectory } from '../auth-records/record-service.js';
import { secretParams } from '../auth-records/record-type.js';
import { VAULT_SETTINGS } from './vault-type.js';
import { VaultStore } from './vault-store.js';
import { VaultService } from './vault-service.js';
import { vaultCreator, vaultEndpoint } from './vault-endpoint.js';
import { VaultsView } from './vaults-view.js';
import { VAULT_LIST_DTD, VAULT_VIEW_DTD, vaultListDtd, vaultViewDtd } from './vault-output.js';
import { v2Dtd } from '../qualys/bundled-dtd.js';
import { vaultsDoc } from './vaults-doc.js';

/** A vault of a seed document: the create action's parameters (`title`, `type`, settings). */
export interface SeedVault {
  [param: string]: string | number | undefined;
}

/** What the vaults share with the families after them: the vaults records name. */
export interface VaultOffers {
  vaults: VaultDirectory;
}

/** [Q] Vaults (/api/2.0/fo/vault/), where records with a vault login find their credentials. */
export const vaultsFamily: ApiFamily<object, VaultOffers> = {
  name: 'vaults',
  callers: 'authenticated',
  secrets: secretParams(VAULT_SETTINGS),
  dtds: [v2Dtd(VAULT_LIST_DTD, vaultListDtd), v2Dtd(VAULT_VIEW_DTD, vaultViewDtd)],
  docs: [{ file: 'vaults.md', write: vaultsDoc }],
  build({ database, settings }) {
    const service = new VaultService(new VaultStore(database));
    const create = vaultCreator(service);
    return {
      endpoints: [vaultEndpoint(service, settings)],
      // before the records, which name vaults by title; their IDs are answered as `vault_ids`
      seed: { field: 'vaults', answer: 'vault_ids', create: (entry, user, now) => create(new RequestParams(entry.params()), user, now) },
      dashboard: new VaultsView({ service, pageSize: () => settings.pageSize }).dashboard(),
      offers: { vaults: service },
    };
  },
};
