import type { IntervalSet } from '../qualys/interval-set.js';

/**
 * The subscription's IPs as other families see them: asset groups (and, behind a setting,
 * authentication records) check that the IPs they are given are in the subscription, refusing
 * with `qualysErrors.ipsNotInSubscription()` otherwise.
 */
export interface SubscriptionIps {
  /** The members of `ips` not in the subscription's network `networkId` (0, the Global Default Network, unless given); empty when every one is. */
  missing(ips: IntervalSet, networkId?: number): IntervalSet;
}

/** What the asset IPs share with the families after them. */
export interface AssetIpOffers {
  subscriptionIps: SubscriptionIps;
}
