import { intersect, normalise, subtract, type IntervalSet, type Range } from '../qualys/interval-set.js';
import { rewriteRuns } from '../qualys/runs.js';
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

  /** The members of `ips` excluded in network `networkId` at `now`. */
  private excluded(ips: IntervalSet, networkId: number, now: string): IntervalSet {
    const held = ips.flatMap(([lo, hi]) =>
      this.store
        .meeting(networkId, lo, hi)
        .filter((r) => !expired(r.expiresAt, now))
        .map((r): Range => [r.lo, r.hi]),
    );
    return intersect(ips, normalise(held));
  }

  private rewrite(networkId: number, range: Range, change: (held: string | null) => string | null | undefined, added?: string | null): void {
    const old = this.store.meeting(networkId, range[0] - 1, range[1] + 1);
    const runs = rewriteRuns<string | null>(
      old.map((r) => ({ lo: r.lo, hi: r.hi, value: r.expiresAt })),
      range,
      { change, added, same: (a, b) => a === b },
    );
    this.store.replace(
      old,
      runs.map((r) => ({ networkId, lo: r.lo, hi: r.hi, expiresAt: r.value })),
    );
  }

  /** Excludes the members of `ips` not excluded yet, until `expiresAt` (null: until removed); answers which were added and which were there already. */
  add(ips: IntervalSet, expiresAt: string | null, c: ExclusionChange): { added: IntervalSet; already: IntervalSet } {
    const already = this.excluded(ips, c.networkId, c.now);
    const added = subtract(ips, already);
    // [E] an exclusion in force keeps its expiry; an expired one is replaced
    for (const range of added) this.rewrite(c.networkId, range, () => expiresAt, expiresAt);
    if (added.length > 0)
      this.store.record({ networkId: c.networkId, action: HISTORY_ACTIONS.add, ips: [...added], datetime: c.now, user: c.user, comment: c.comment });
    return { added, already };
  }

  /** Ends the exclusion of the members of `ips` (every excluded IP of the network without `ips`); answers those that were excluded. */
  remove(ips: IntervalSet | undefined, c: ExclusionChange): IntervalSet {
    const removed = this.excluded(ips ?? EVERY_ADDRESS, c.networkId, c.now);
    if (ips === undefined) this.store.removeNetwork(c.networkId);
    else for (const range of ips) this.rewrite(c.networkId, range, () => undefined);
    if (removed.length > 0)
      this.store.record({ networkId: c.networkId, action: HISTORY_ACTIONS.remove, ips: [...removed], datetime: c.now, user: c.user, comment: c.comment });
    return removed;
  }

  /** The exclusions in force at `now` meeting `ips`, by network then address, clipped to `ips`. */
  list(filter: { ips?: IntervalSet; networkId?: number }, now: string): ExcludedRun[] {
    const networks = filter.networkId === undefined ? this.store.networks() : [filter.networkId];
    const out: ExcludedRun[] = [];
    for (const networkId of networks) {
      for (const [lo, hi] of filter.ips ?? EVERY_ADDRESS) {
        for (const run of this.store.meeting(networkId, lo, hi)) {
          if (!expired(run.expiresAt, now)) out.push({ ...run, lo: Math.max(run.lo, lo), hi: Math.min(run.hi, hi) });
        }
      }
    }
    return out;
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
