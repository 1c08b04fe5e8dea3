/**
 * The networks as other families see them: whatever takes a `network_id` (authentication records,
 * the subscription's IPs, asset groups, excluded IPs, seeded hosts) reads it through `networkId`, so every
 * family refuses an unknown network with the same CODE and TEXT.
 */
export interface NetworkDirectory {
  /** [E] Whether the networks feature is on: a network other than 0 exists. */
  readonly enabled: boolean;
  /**
   * A `network_id` value as Qualys reads it: [Q] 0, the Global Default Network, always; another
   * ID only when the networks feature is enabled and that network exists; 1905 otherwise.
   */
  networkId(value: string): number;
  /** The name of network `id` as stored (0's `Global Default Network`); none for an ID of no network. */
  nameOf(id: number): string | undefined;
}

/** What the networks share with the families after them. */
export interface NetworkOffers {
  networks: NetworkDirectory;
}
