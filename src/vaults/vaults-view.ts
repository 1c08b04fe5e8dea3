import type { FamilyDashboard } from '../api-family.js';
import { MASK } from '../qualys/secrets.js';
import { secretParams } from '../auth-records/record-type.js';
import type { VaultService } from './vault-service.js';
import { VAULT_SETTINGS } from './vault-type.js';

const SECRETS = new Set(secretParams(VAULT_SETTINGS));

/**
 * The vaults as the dashboard reads them (`/_emulator/vaults`): JSON, secrets masked, each with
 * the records that name it (what a refused delete would list). [E] At most `pageSize()` vaults,
 * by ID: a subscription holds a handful.
 */
export class VaultsView {
  constructor(private readonly deps: { service: VaultService; pageSize(): number }) {}

  list() {
    const vaults = this.deps.service.list({}, this.deps.pageSize(), 0);
    return {
      vaults: vaults.map((v) => ({
        id: v.id,
        title: v.title,
        type: v.vaultType,
        comments: v.comments ?? null,
        created: { datetime: v.createdAt, by: v.createdBy },
        last_modified: { datetime: v.modifiedAt, by: v.modifiedBy ?? null },
        settings: Object.fromEntries(Object.entries(v.settings).map(([k, value]) => [k, SECRETS.has(k) ? MASK : value])),
        used_by: this.deps.service.usedBy(v.id),
      })),
    };
  }

  /** `vaults`, shown by the records view as a tab of its own. */
  dashboard(): FamilyDashboard {
    return { ui: 'vaults.js', routes: [{ path: 'vaults', answer: () => this.list() }] };
  }
}
