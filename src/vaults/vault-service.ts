import { qualysErrors } from '../qualys/errors.js';
import type { VaultDirectory } from '../auth-records/record-service.js';
import { settleFields } from '../auth-records/record-rules.js';
import { sameVaultType, VAULT_TYPE_RULES } from './vault-type.js';
import type { Vault, VaultFilter, VaultOrder, VaultStore } from './vault-store.js';

export interface VaultInput {
  title?: string;
  comments?: string;
  settings: Record<string, string>;
}

/** A vault's settings as `given` leaves them, checked against its type's rules (1903, 1905). */
const settingsOf = (vaultType: string, settings: Readonly<Record<string, string>>, given: Readonly<Record<string, string>>) =>
  settleFields({ rules: VAULT_TYPE_RULES[vaultType as keyof typeof VAULT_TYPE_RULES] }, settings, new Set(Object.keys(given)));

/**
 * The rules vaults obey: unique titles, a type fixed at create, the settings its type needs, and
 * no deleting one that records still name. Each write is one transaction, so a refused request changes nothing.
 */
export class VaultService implements VaultDirectory {
  constructor(private readonly store: VaultStore) {}

  /** Runs `fn`, writes and their answer, as one transaction: an answer that cannot be made undoes the write. */
  atomically<T>(fn: () => T): T {
    return this.store.transaction(fn);
  }

  create(input: VaultInput & { title: string; vaultType: string }, user: string, now: string): number {
    return this.store.transaction(() => {
      this.checkTitleFree(input.title);
      const settings = settingsOf(input.vaultType, input.settings, input.settings);
      return this.store.insert({ title: input.title, vaultType: input.vaultType, comments: input.comments, settings, createdAt: now, createdBy: user });
    });
  }

  update(id: number, input: VaultInput, user: string, now: string): void {
    this.store.transaction(() => {
      const old = this.require(id);
      if (input.title !== undefined) this.checkTitleFree(input.title, id);
      this.store.update({
        ...old,
        title: input.title ?? old.title,
        comments: input.comments ?? old.comments,
        settings: settingsOf(old.vaultType, { ...old.settings, ...input.settings }, input.settings),
        modifiedAt: now,
        modifiedBy: user,
      });
    });
  }

  delete(id: number): void {
    this.store.transaction(() => {
      this.require(id);
      const users = this.store.usedBy(id);
      if (users.length > 0) throw qualysErrors.vaultInUse(String(id), users);
      this.store.delete(id);
    });
  }

  view(id: number): Vault {
    return this.require(id);
  }

  list(filter: VaultFilter, limit: number, offset: number, order?: VaultOrder): Vault[] {
    return this.store.list(filter, limit, offset, order);
  }

  /** The records that name vault `id`. */
  usedBy(id: number): { id: number; type: string }[] {
    return this.store.usedBy(id);
  }

  idByTitle(title: string): number | undefined {
    return this.store.idByTitle(title);
  }

  vaultOf(id: number): { title: string; vaultType: string } | undefined {
    const vault = this.store.get(id);
    return vault && { title: vault.title, vaultType: vault.vaultType };
  }

  /** What records check `vault_id` and `vault_type` against. */
  typeMatches(id: number, vaultType: string | undefined): boolean | undefined {
    const vault = this.store.get(id);
    if (!vault) return undefined;
    return vaultType === undefined || sameVaultType(vault.vaultType, vaultType);
  }

  private require(id: number): Vault {
    const vault = this.store.get(id);
    if (!vault) throw qualysErrors.noSuchVault('id', String(id));
    return vault;
  }

  private checkTitleFree(title: string, exceptId?: number): void {
    const holder = this.store.idByTitle(title);
    if (holder !== undefined && holder !== exceptId) throw qualysErrors.invalidValue('title', title, `already used by vault ${holder}`);
  }
}
