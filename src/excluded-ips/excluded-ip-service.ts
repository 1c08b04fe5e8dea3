import { intersect, normalise, subtract, type IntervalSet, type Range } from '../qualys/interval-set.js';
import { clipRuns, rewriteSet, type Run } from '../qualys/runs.js';
import type { ExcludedIpStore, ExcludedRun, HistoryEntry, HistoryFilter } from './excluded-ip-store.js';

/** Who changes the excluded IPs, when, and why (Qualys requires a comment). */
export interface ExclusionChange {
  networkId: number;
  user: string;
  now: string;
  comment: string;
}

/** [E] history ACTIONs. */
export const HISTORY_ACTIONS = { add: 'Added', remove: 'Removed' } as const;

const EVERY_ADDRESS: IntervalSet = [[0, 2 ** 32 - 1]];

/** Whether a run's exclusion has ended by `now` (both Qualys DATETIMEs, which compare as text). */
const expired = (expiresAt: string | null, now: string) => expiresAt !== null && expiresAt <= now;

/**
 * The excluded IPs: runs of addresses sharing an expiry, and a history entry for every change.
 * [E] An exclusion whose expiry has passed is gone: never listed, and added again as new.
 */
export class ExcludedIpService {
  constructor(private readonly store: ExcludedIpStore) {}

  atomically<T>(fn: () => T): T {
    return this.store.transaction(fn);
  }

  /** The exclusions in force at `now` meeting `ips` or their neighbours, by address. */
  private inForce(ips: IntervalSet, networkId: number, now: string): ExcludedRun[] {
    return this.store.meetingSet(networkId, ips).filter((r) => !expired(r.expiresAt, now));
  }

  /** The members of `ips` excluded in network `networkId` at `now`. */
  private excluded(ips: IntervalSet, networkId: number, now: string): IntervalSet {
    return intersect(ips, normalise(this.inForce(ips, networkId, now).map((r): Range => [r.lo, r.hi])));
  }

  /** Rewrites the runs of `ips` and their neighbours: inside, each takes `change`; with `added`, those held by none become a run of it. */
  private rewrite(networkId: number, ips: IntervalSet, change: (held: string | null) => string | null | undefined, added?: string | null): void {
    const old = this.store.meetingSet(networkId, ips).map((r) => ({ lo: r.lo, hi: r.hi, value: r.expiresAt }));
    const runs = rewriteSet<string | null>(old, ips, { change, added, same: (a, b) => a === b });
    const stored = (r: Run<string | null>): ExcludedRun => ({ networkId, lo: r.lo, hi: r.hi, expiresAt: r.value });
    this.store.replace(runs.removed.map(stored), runs.added.map(stored));
  }

  /** Excludes the members of `ips` not excluded yet, until `expiresAt` (null: until removed); answers which were added and which were there already. */
  add(ips: IntervalSet, expiresAt: string | null, c: ExclusionChange): { added: IntervalSet; already: IntervalSet } {
    const already = this.excluded(ips, c.networkId, c.now);
    const added = subtract(ips, already);
    // [E] an exclusion in force keeps its expiry; an expired one is replaced
    this.rewrite(c.networkId, added, () => expiresAt, expiresAt);
    if (added.length > 0)
      this.store.record({ networkId: c.networkId, action: HISTORY_ACTIONS.add, ips: [...added], datetime: c.now, user: c.user, comment: c.comment });
    return { added, already };
  }

  /** Ends the exclusion of the members of `ips` (every excluded IP of the network without `ips`); answers those that were excluded. */
  remove(ips: IntervalSet | undefined, c: ExclusionChange): IntervalSet {
    const removed = this.excluded(ips ?? EVERY_ADDRESS, c.networkId, c.now);
    if (ips === undefined) this.store.removeNetwork(c.networkId);
    else this.rewrite(c.networkId, ips, () => undefined);
    if (removed.length > 0)
      this.store.record({ networkId: c.networkId, action: HISTORY_ACTIONS.remove, ips: [...removed], datetime: c.now, user: c.user, comment: c.comment });
    return removed;
  }

  /** The exclusions in force at `now` meeting `ips`, by network then address, clipped to `ips`. */
  list(filter: { ips?: IntervalSet; networkId?: number }, now: string): ExcludedRun[] {
    const networks = filter.networkId === undefined ? this.store.networks() : [filter.networkId];
    const wanted = filter.ips ?? EVERY_ADDRESS;
    return networks.flatMap((networkId) => clipRuns(this.inForce(wanted, networkId, now), wanted));
  }

  /** The history, newest first; with `ips`, the entries meeting them; with `ids`, those entries. */
  history(filter: HistoryFilter & { ips?: IntervalSet; ids?: IntervalSet }): HistoryEntry[] {
    const { ips, ids } = filter;
    return this.store.history(filter).filter((e) => (!ips || intersect(e.ips, ips).length > 0) && (!ids || intersect(ids, [[e.id, e.id]]).length > 0));
  }

  runs(after: { networkId: number; lo: number }, limit: number): ExcludedRun[] {
    return this.store.page(after, limit);
  }

  count(): number {
    return this.store.count();
  }
}
