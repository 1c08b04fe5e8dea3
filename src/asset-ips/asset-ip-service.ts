import { qualysErrors } from '../qualys/errors.js';
import { intersect, normalise, subtract, type IntervalSet, type Range } from '../qualys/interval-set.js';
import { rewriteSet, type Run } from '../qualys/runs.js';
import type { SubscriptionIps } from './subscription-ips.js';
import { INITIAL_ATTRIBUTES, sameAttributes, type IpAttributes } from './ip-attributes.js';
import type { AssetIpStore, IpRun, IpRunFilter } from './asset-ip-store.js';

/** What a write gives: the attributes it sets (absent ones are kept), per parameter. */
export type IpChange = Readonly<Record<string, string | null>>;

/** A list's filters: the addresses, the network, and the attributes to match. */
export interface IpListFilter extends IpRunFilter {
  ips?: IntervalSet;
  networkId?: number;
}

const EVERY_ADDRESS: IntervalSet = [[0, 2 ** 32 - 1]];

/**
 * [E] What `change` makes of an IP's attributes: the text and the tracking method it gives
 * replace those held; a module it enables is added, one it leaves at 0 kept (adding IPs to
 * Policy Compliance does not take them out of Vulnerability Management).
 */
function changed(held: IpAttributes, change: IpChange): IpAttributes {
  const out: Record<string, string | null> = { ...held };
  for (const [param, value] of Object.entries(change)) out[param] = param.startsWith('enable_') ? (value === '1' || held[param] === '1' ? '1' : '0') : value;
  return out;
}

/**
 * The subscription's IPs: adding and updating them as runs of addresses, never one address at a
 * time, so that a write costs the runs it touches whatever the number of addresses.
 */
export class AssetIpService implements SubscriptionIps {
  constructor(private readonly store: AssetIpStore) {}

  atomically<T>(fn: () => T): T {
    return this.store.transaction(fn);
  }

  missing(ips: IntervalSet, networkId = 0): IntervalSet {
    return subtract(ips, normalise(this.store.matchingSet(networkId, ips, {})));
  }

  complianceIps(networkId = 0): IntervalSet {
    return normalise(this.store.matchingSet(networkId, EVERY_ADDRESS, { enable_pc: '1' }));
  }

  /** Adds `ips` to network `networkId`; those already there take the change as an update would, their modules added to. */
  add(ips: IntervalSet, networkId: number, change: IpChange): void {
    this.write(networkId, ips, this.stored(networkId, ips), change, changed(INITIAL_ATTRIBUTES, change));
  }

  /** [Q] Changes the attributes of `ips`, every one of which must be in network `networkId` (1905 `IP(s) do not exist.`). */
  update(ips: IntervalSet, networkId: number, change: IpChange): void {
    // the runs are read once, for the check and the write: a set may hold 150,000 ranges
    const old = this.stored(networkId, ips);
    if (subtract(ips, normalise(old.map((r): Range => [r.lo, r.hi]))).length > 0) throw qualysErrors.ipsNotInSubscription();
    this.write(networkId, ips, old, change);
  }

  /** The runs meeting `ips` or their neighbours, by address. */
  private stored(networkId: number, ips: IntervalSet): Run<IpAttributes>[] {
    return this.store.meetingSet(networkId, ips).map((r) => ({ lo: r.lo, hi: r.hi, value: r.attributes }));
  }

  /** Rewrites the runs `old` of `ips` and their neighbours: inside, IPs take `change`; with `added`, IPs held by none become a run of it. */
  private write(networkId: number, ips: IntervalSet, old: readonly Run<IpAttributes>[], change: IpChange, added?: IpAttributes): void {
    // runs holding the same values share an object (the store's), so each is changed once
    const done = new Map<IpAttributes, IpAttributes>();
    const change1 = (held: IpAttributes) => done.get(held) ?? done.set(held, changed(held, change)).get(held)!;
    const runs = rewriteSet(old, ips, { change: change1, added, same: sameAttributes });
    const stored = (r: Run<IpAttributes>): IpRun => ({ networkId, lo: r.lo, hi: r.hi, attributes: r.value });
    this.store.replace(runs.removed.map(stored), runs.added.map(stored));
  }

  /**
   * The addresses matching `filter`, by network then address, as runs joined where they meet
   * whatever their attributes (the list shows addresses, not what the subscription keeps of them).
   */
  list(filter: IpListFilter): { networkId: number; ranges: IntervalSet }[] {
    const networks = filter.networkId === undefined ? this.store.networks() : [filter.networkId];
    const attributes: IpRunFilter = { tracking_method: filter.tracking_method, enable_pc: filter.enable_pc, enable_certview: filter.enable_certview };
    const wanted = filter.ips ?? EVERY_ADDRESS;
    return networks
      .map((networkId) => ({ networkId, ranges: intersect(normalise(this.store.matchingSet(networkId, wanted, attributes)), wanted) }))
      .filter((n) => n.ranges.length > 0);
  }

  /** The runs as stored, for the dashboard: at most `limit` after `after`. */
  runs(after: { networkId: number; lo: number }, limit: number): IpRun[] {
    return this.store.page(after, limit);
  }

  count(): number {
    return this.store.count();
  }
}
