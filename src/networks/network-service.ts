import { qualysErrors } from '../qualys/errors.js';
import type { NetworkDirectory } from './network-directory.js';
import type { Network, NetworkAppliance, NetworkStore } from './network-store.js';

/** [Q: the network list includes it, as Qualys's migration tool reads it] the network every subscription has. */
export const GLOBAL_DEFAULT_NETWORK: Network = { id: 0, name: 'Global Default Network' };

/** [Q: Qualys's migration tool] names of system networks begin so; [E] refused for a network created or renamed. */
const RESERVED_PREFIXES = ['Global', 'Qualys'];

/** What the networks are given: the networks `--networks` configures. */
export interface NetworkSettings {
  /** Network IDs configured besides 0. */
  readonly networks: readonly number[];
}

/**
 * The rules between networks and the one reading of `network_id` every family shares. [E] The
 * networks feature is on once a network other than 0 exists: configured by `--networks` (those
 * exist without being stored, as `Network <id>`, until an update renames one), created, or seeded.
 */
export class NetworkService implements NetworkDirectory {
  constructor(
    private readonly store: NetworkStore,
    private readonly settings: NetworkSettings,
  ) {}

  atomically<T>(fn: () => T): T {
    return this.store.transaction(fn);
  }

  get enabled(): boolean {
    return this.settings.networks.length > 0 || this.store.maxId() > 0;
  }

  private configured(id: number): Network | undefined {
    return this.settings.networks.includes(id) ? { id, name: `Network ${id}` } : undefined;
  }

  private find(id: number): Network | undefined {
    return this.store.get(id) ?? this.configured(id);
  }

  networkId(value: string): number {
    if (!/^\d{1,16}$/.test(value)) throw qualysErrors.invalidValue('network_id', value, 'not a non-negative integer');
    const id = Number(value);
    if (id === 0) return 0;
    if (!this.enabled) throw qualysErrors.networksDisabled(value);
    if (!this.configured(id) && !this.store.has(id)) throw qualysErrors.noSuchNetwork(value);
    return id;
  }

  nameOf(id: number): string | undefined {
    return id === 0 ? GLOBAL_DEFAULT_NETWORK.name : this.find(id)?.name;
  }

  /** The scanner appliances assigned to each network. */
  appliancesByNetwork(): Map<number, NetworkAppliance[]> {
    return this.store.appliancesByNetwork();
  }

  /** Every network, the Global Default Network first, by ID; with `ids`, only those. */
  list(ids?: (id: number) => boolean): Network[] {
    const stored = this.store.list(Number.MAX_SAFE_INTEGER);
    const byId = new Map(stored.map((n) => [n.id, n]));
    for (const id of this.settings.networks) if (!byId.has(id)) byId.set(id, this.configured(id)!);
    return [GLOBAL_DEFAULT_NETWORK, ...[...byId.values()].sort((a, b) => a.id - b.id)].filter((n) => !ids || ids(n.id));
  }

  private checkName(name: string, except?: number): void {
    if (RESERVED_PREFIXES.some((p) => name.startsWith(p)))
      throw qualysErrors.invalidValue('name', name, `names beginning ${RESERVED_PREFIXES.join(' or ')} are kept for system networks`);
    const holder = this.list().find((n) => n.name === name);
    if (holder && holder.id !== except) throw qualysErrors.invalidValue('name', name, `already used by network ${holder.id}`);
  }

  /** A new network after every existing ID; answers its ID. */
  create(name: string, user: string, now: string): number {
    this.checkName(name);
    const id = Math.max(this.store.maxId(), ...this.settings.networks) + 1;
    this.store.insert({ id, name }, user, now);
    return id;
  }

  rename(idText: string, name: string, user: string, now: string): number {
    const id = Number(idText);
    const found = id === 0 ? undefined : this.find(id);
    if (!found) throw qualysErrors.invalidValue('id', idText, 'No such network ID');
    this.checkName(name, id);
    if (this.store.has(id)) this.store.rename(id, name, user, now);
    else this.store.insert({ id, name }, user, now);
    return id;
  }
}
