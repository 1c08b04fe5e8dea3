import { randomUUID } from 'node:crypto';
import { qualysErrors } from '../qualys/errors.js';
import type { Appliance, ApplianceFilter, ApplianceStore, ApplianceType, StaticRoute, Vlan } from './appliance-store.js';

/** [E] virtual scanner licenses of the emulated subscription (LICENSE_INFO, REMAINING_QVSA_LICENSES). */
export const VIRTUAL_LICENSES = 100;

/** [Q] the polling interval's default, in seconds (update_physical_scanner.htm: 60 to 3600, 180 recommended). */
export const DEFAULT_POLLING = 180;

/** What a create or a seed gives; a seed may also say the type and status. */
export interface NewAppliance {
  name: string;
  type: ApplianceType;
  status?: Appliance['status'];
  pollingInterval?: number;
  networkId?: number;
  comments?: string;
}

/** What an update may change; absent fields stay. */
export interface ApplianceChange {
  name?: string;
  comments?: string;
  pollingInterval?: number;
  vlans?: Vlan[];
  routes?: StaticRoute[];
  tags?: { set?: string[]; add?: string[]; remove?: string[] };
}

/** What the families after the appliances check: that the appliances a request names exist. */
export interface ApplianceDirectory {
  /** Those of `ids` that name no appliance. */
  missing(ids: readonly number[]): number[];
  /** The name of each of `ids` that exists. */
  names(ids: readonly number[]): Map<number, string>;
  /** The ID of the appliance with this name, if any (a scan's `iscanner_name`). */
  idByName(name: string): number | undefined;
}

/** [E] a 12-digit activation code, as Qualys shows one for a virtual scanner not yet activated. */
const activationCode = (id: number) => String(200000000000 + ((id * 7919) % 100000000000));

/**
 * The rules appliances obey: unique names, virtual ones bounded by the licenses, physical ones
 * not created or deleted by the API. Each write is one transaction.
 */
export class ApplianceService implements ApplianceDirectory {
  constructor(private readonly store: ApplianceStore) {}

  atomically<T>(fn: () => T): T {
    return this.store.transaction(fn);
  }

  idByName(name: string): number | undefined {
    return this.store.idByName(name);
  }

  create(input: NewAppliance, now: string): { appliance: Appliance; remaining: number } {
    return this.store.transaction(() => {
      this.checkNameFree(input.name);
      if (input.type === 'virtual' && this.remainingLicenses() === 0) {
        throw qualysErrors.invalidValue('name', input.name, 'no virtual scanner license remains');
      }
      const draft: Omit<Appliance, 'id'> = {
        uuid: randomUUID(),
        name: input.name,
        type: input.type,
        // [Q] a virtual scanner is Offline until it is activated (the Qualys community sample)
        status: input.status ?? 'Offline',
        networkId: input.networkId ?? 0,
        pollingInterval: input.pollingInterval ?? DEFAULT_POLLING,
        activationCode: '',
        comments: input.comments,
        tags: [],
        vlans: [],
        routes: [],
        createdAt: now,
        updatedAt: now,
      };
      const id = this.store.insert(draft);
      const appliance = { ...draft, id, activationCode: activationCode(id) };
      this.store.update(appliance);
      return { appliance, remaining: this.remainingLicenses() };
    });
  }

  update(id: number, change: ApplianceChange, now: string): void {
    this.store.transaction(() => {
      const old = this.require(id);
      if (change.name !== undefined) this.checkNameFree(change.name, id);
      let tags = change.tags?.set ?? old.tags;
      if (change.tags?.add) tags = [...tags, ...change.tags.add.filter((t) => !tags.includes(t))];
      if (change.tags?.remove) tags = tags.filter((t) => !change.tags!.remove!.includes(t));
      this.store.update({
        ...old,
        name: change.name ?? old.name,
        comments: change.comments ?? old.comments,
        pollingInterval: change.pollingInterval ?? old.pollingInterval,
        vlans: change.vlans ?? old.vlans,
        routes: change.routes ?? old.routes,
        tags,
        updatedAt: now,
      });
    });
  }

  /** [Q] an appliance is in one network at a time (assign_appliance_network.htm). */
  assignNetwork(id: number, networkId: number, now: string): void {
    this.store.transaction(() => {
      const appliance = this.store.get(id);
      if (!appliance) throw qualysErrors.noSuch('appliance_id', String(id), 'scanner appliance');
      this.store.update({ ...appliance, networkId, updatedAt: now });
    });
  }

  /** [Q as compiled from the docs, unverified] virtual appliances only; the asset groups naming it drop it. */
  delete(id: number): void {
    this.store.transaction(() => {
      const appliance = this.require(id);
      if (appliance.type !== 'virtual') throw qualysErrors.invalidValue('id', String(id), 'only a virtual scanner appliance can be deleted');
      this.store.delete(id);
    });
  }

  list(filter: ApplianceFilter, limit: number): Appliance[] {
    return this.store.list(filter, limit);
  }

  get(id: number): Appliance | undefined {
    return this.store.get(id);
  }

  licensesUsed(): number {
    return this.store.count('virtual');
  }

  remainingLicenses(): number {
    return Math.max(0, VIRTUAL_LICENSES - this.licensesUsed());
  }

  missing(ids: readonly number[]): number[] {
    return this.store.missing(ids);
  }

  names(ids: readonly number[]): Map<number, string> {
    return new Map(this.store.list({ ids: ids.map((id) => [id, id] as const) }, -1).map((a) => [a.id, a.name]));
  }

  private require(id: number): Appliance {
    const appliance = this.store.get(id);
    if (!appliance) throw qualysErrors.noSuch('id', String(id), 'scanner appliance');
    return appliance;
  }

  private checkNameFree(name: string, exceptId?: number): void {
    const holder = this.store.idByName(name);
    // [Q] "This name can't already be assigned to an appliance in your account"; [E] the TEXT
    if (holder !== undefined && holder !== exceptId) throw qualysErrors.invalidValue('name', name, `already used by appliance ${holder}`);
  }
}
