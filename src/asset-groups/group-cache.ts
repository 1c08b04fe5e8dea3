import type { AssetGroup } from './asset-group.js';

/**
 * Groups as last read, by ID, so that a list page reads only its IDs from SQLite: building each
 * row again was most of a page's time, as for the records (docs/architecture.md, "Reading
 * records: the cache"). It is valid for one state of the database only: the store names that
 * state (rows this connection wrote, another connection's commits, resets) and the cache empties
 * itself when the name changes, so any write (an edit, an appliance deleted from groups) drops it.
 * Bounded by the size of the rows it holds, the oldest dropped first.
 */
export class GroupCache {
  private readonly groups = new Map<number, { group: AssetGroup; weight: number }>();
  private weight = 0;
  private state: string | undefined;

  constructor(private readonly maxWeight = 32 * 1024 * 1024) {}

  /** Empties the cache unless `state` is the one it was filled at. */
  at(state: string): void {
    if (state === this.state) return;
    this.groups.clear();
    this.weight = 0;
    this.state = state;
  }

  get(id: number): AssetGroup | undefined {
    return this.groups.get(id)?.group;
  }

  /** `weight`: the bytes of the group's row, about what it holds in memory. */
  add(group: AssetGroup, weight: number): void {
    if (weight > this.maxWeight / 4 || this.groups.has(group.id)) return;
    this.groups.set(group.id, { group, weight });
    this.weight += weight;
    // A Map iterates in insertion order: the first entries are the oldest.
    for (const [id, entry] of this.groups) {
      if (this.weight <= this.maxWeight) break;
      this.groups.delete(id);
      this.weight -= entry.weight;
    }
  }
}
