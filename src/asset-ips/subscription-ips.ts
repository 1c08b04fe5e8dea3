import type { IntervalSet } from '../qualys/interval-set.js';

/**
 * The subscription's IPs as other families see them: asset groups (and, behind a setting,
 * authentication records) check that the IPs they are given are in the subscription, refusing
 * with `qualysErrors.ipsNotInSubscription()` otherwise; the host generator adds its hosts' IPs.
 */
export interface SubscriptionIps {
  /** The members of `ips` not in the subscription's network `networkId` (0, the Global Default Network, unless given); empty when every one is. */
  missing(ips: IntervalSet, networkId?: number): IntervalSet;
  /** The addresses of network `networkId` (0 unless given) enabled for Policy Compliance (`enable_pc=1`). */
  complianceIps(networkId?: number): IntervalSet;
  /** Adds `ips` to network `networkId` with the attributes of `change` (add's parameters), as `action=add` does: the host generator's IPs. */
  add(ips: IntervalSet, networkId: number, change: Readonly<Record<string, string | null>>): void;
}

/** What the asset IPs share with the families after them. */
export interface AssetIpOffers {
  subscriptionIps: SubscriptionIps;
}
