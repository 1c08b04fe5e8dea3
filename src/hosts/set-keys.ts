import { contains, type IntervalSet } from '../qualys/interval-set.js';

/**
 * Sets a statement looks values up in, by key: `hosts_in_set(value, key)` finds a value by binary
 * search, where a scan of the set's JSON per row made a list of 100,000 IDs over 5,000 hosts
 * take two minutes. A key lives for one statement's run (`SetKeys.run`).
 */
export class SetKeys {
  private readonly sets = new Map<number, IntervalSet>();
  private next = 1;

  /** The SQL function, registered once per connection. */
  has = (value: number, key: number | null): number => {
    const set = key === null ? undefined : this.sets.get(key);
    return set !== undefined && contains(set, value) ? 1 : 0;
  };

  /** Runs `fn` with a key for each set given (null for none), forgotten once it returns. */
  run<T>(sets: readonly (IntervalSet | undefined)[], fn: (keys: (number | null)[]) => T): T {
    const keys = sets.map((set) => {
      if (set === undefined) return null;
      const key = this.next++;
      this.sets.set(key, set);
      return key;
    });
    try {
      return fn(keys);
    } finally {
      for (const key of keys) if (key !== null) this.sets.delete(key);
    }
  }
}
