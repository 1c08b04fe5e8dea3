import type { ApplianceDirectory } from '../appliances/appliance-service.js';
import { qualysErrors } from '../qualys/errors.js';
import type { IntervalSet, Range } from '../qualys/interval-set.js';
import { formatIpSet } from '../qualys/ip-set.js';
import type { SubscriptionIps } from '../asset-ips/subscription-ips.js';
import { RESERVED_TITLE, type AssetGroup, type Domain, type GroupFields } from './asset-group.js';
import { addEntries, entriesSet, removeEntries } from './group-input.js';
import type { GroupFilter, GroupStore } from './group-store.js';

/** A list edit: `set` replaces, `add` and `remove` change (never with `set`: the endpoint refuses that). */
export interface ListEdit<T, R = T> {
  set?: readonly T[];
  add?: readonly T[];
  remove?: R;
}

/** What `add` takes: a group as listed, less what the emulator assigns (ID, owner, dates). */
export type NewGroup = Omit<AssetGroup, 'id' | 'owner' | 'createdAt' | 'lastUpdate'>;

export interface GroupChange {
  title?: string;
  ips: ListEdit<Range, IntervalSet>;
  domains: ListEdit<Domain, readonly Domain[]>;
  dnsNames: ListEdit<string, readonly string[]>;
  netbiosNames: ListEdit<string, readonly string[]>;
  applianceIds: ListEdit<number, readonly number[]>;
  defaultApplianceId?: number;
  fields: GroupFields;
}

/** `list` as `edit` leaves it; names compare as given. */
function edited<T>(list: readonly T[], edit: ListEdit<T, readonly T[]>, same: (a: T, b: T) => boolean): readonly T[] {
  if (edit.set) return edit.set;
  let out = [...list];
  for (const item of edit.add ?? []) if (!out.some((x) => same(x, item))) out.push(item);
  if (edit.remove) out = out.filter((x) => !edit.remove!.some((r) => same(x, r)));
  return out;
}

const sameDomain = (a: Domain, b: Domain) => a.name.toLowerCase() === b.name.toLowerCase() && (b.netblock === '' || a.netblock === b.netblock);

/**
 * The rules asset groups obey: unique titles, `All` reserved, IPs in the subscription, appliances
 * that exist. Each write is one transaction, so a refused request changes nothing.
 */
export class GroupService {
  constructor(
    private readonly store: GroupStore,
    private readonly links: { subscriptionIps: SubscriptionIps; appliances: ApplianceDirectory },
  ) {}

  atomically<T>(fn: () => T): T {
    return this.store.transaction(fn);
  }

  generation(): string | undefined {
    return this.store.generation();
  }

  add(input: NewGroup, user: string, now: string): number {
    return this.store.transaction(() => {
      this.checkTitleFree(input.title);
      this.checkIps(entriesSet(input.ips), input.networkId);
      this.checkAppliances(input.applianceIds, input.defaultApplianceId, { ids: 'appliance_ids', default: 'default_appliance_id' });
      return this.store.insert({ ...input, owner: user, createdAt: now, lastUpdate: now });
    });
  }

  edit(id: number, change: GroupChange, now: string): void {
    this.store.transaction(() => {
      const old = this.require(id);
      if (change.title !== undefined) this.checkTitleFree(change.title, id);
      const { set, add, remove } = change.ips;
      const added = set ?? add;
      if (added) this.checkIps(entriesSet(added), old.networkId);
      let ips = set ?? old.ips;
      if (add) ips = addEntries(ips, add);
      if (remove) ips = removeEntries(ips, remove);
      const applianceIds = edited(old.applianceIds, change.applianceIds, (a, b) => a === b);
      this.checkAppliances(change.applianceIds.set ?? change.applianceIds.add ?? [], change.defaultApplianceId, {
        ids: change.applianceIds.set ? 'set_appliance_ids' : 'add_appliance_ids',
        default: 'set_default_appliance_id',
      });
      const appliancesChanged = applianceIds.length !== old.applianceIds.length || applianceIds.some((a, i) => a !== old.applianceIds[i]);
      this.store.update(
        {
          ...old,
          title: change.title ?? old.title,
          ips,
          domains: edited(old.domains, change.domains, sameDomain),
          dnsNames: edited(old.dnsNames, change.dnsNames, (a, b) => a.toLowerCase() === b.toLowerCase()),
          netbiosNames: edited(old.netbiosNames, change.netbiosNames, (a, b) => a.toLowerCase() === b.toLowerCase()),
          applianceIds,
          defaultApplianceId: change.defaultApplianceId ?? old.defaultApplianceId,
          fields: { ...old.fields, ...change.fields },
          lastUpdate: now,
        },
        appliancesChanged,
      );
    });
  }

  delete(id: number): void {
    this.store.transaction(() => {
      this.require(id);
      this.store.delete(id);
    });
  }

  list(filter: GroupFilter, limit: number): { groups: AssetGroup[]; nextId?: number } {
    return this.store.list(filter, limit);
  }

  private require(id: number): AssetGroup {
    const group = this.store.get(id);
    if (!group) throw qualysErrors.noSuch('id', String(id), 'asset group');
    return group;
  }

  private checkTitleFree(title: string, exceptId?: number): void {
    const holder = title.toLowerCase() === RESERVED_TITLE.toLowerCase() ? 0 : this.store.idByTitle(title);
    if (holder !== undefined && holder !== exceptId) throw qualysErrors.groupTitleInUse(title);
  }

  /** [Q] a group's IPs must be in the subscription (1905 `IP(s) do not exist.`). */
  private checkIps(ips: IntervalSet, networkId: number): void {
    if (ips.length > 0 && this.links.subscriptionIps.missing(ips, networkId).length > 0) throw qualysErrors.ipsNotInSubscription();
  }

  /** [E] the appliances a group names must exist: 1905 naming the first that does not. */
  private checkAppliances(ids: readonly number[], defaultId: number | undefined, names: { ids: string; default: string }): void {
    const [missing] = this.links.appliances.missing(ids);
    if (missing !== undefined) throw qualysErrors.noSuch(names.ids, String(missing), 'scanner appliance');
    if (defaultId !== undefined && this.links.appliances.missing([defaultId]).length > 0) {
      throw qualysErrors.noSuch(names.default, String(defaultId), 'scanner appliance');
    }
  }
}

/** The IPs a group shows, as the list and the dashboard write them. */
export const groupIpTexts = (group: AssetGroup) => group.ips.flatMap((r) => formatIpSet([r]).map((e) => e.value));
