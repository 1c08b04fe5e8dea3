import type { Range } from './interval-set.js';

/** A run of addresses (or IDs) holding one value: a row of a table keeping sets as ranges. */
export interface Run<V> {
  lo: number;
  hi: number;
  value: V;
}

/** How a write treats the members of its range. */
export interface RunWrite<V> {
  /** What a member held becomes; undefined removes it. */
  change(held: V): V | undefined;
  /** What a member held by no run becomes; undefined leaves it out. */
  added?: V;
  /** Whether two values are one: neighbours holding them are joined. */
  same(a: V, b: V): boolean;
}

/**
 * The runs that replace `old` (the runs meeting `lo - 1 .. hi + 1`, in order) once `write` is
 * applied to `lo..hi`: parts outside keep their values, parts inside take `change`, members
 * inside held by no run take `added`, and neighbours holding the same value are joined, so a
 * table keeps as few rows as its values allow. Costs the runs met, never the members.
 */
export function rewriteRuns<V>(old: readonly Run<V>[], [lo, hi]: Range, write: RunWrite<V>): Run<V>[] {
  const runs: Run<V>[] = [];
  const push = (run: Run<V>) => {
    const last = runs.at(-1);
    if (last && last.hi + 1 === run.lo && write.same(last.value, run.value)) last.hi = run.hi;
    else runs.push({ ...run });
  };
  let next = lo; // the first member of lo..hi not yet placed
  const fillTo = (end: number) => {
    if (write.added !== undefined && next <= end) push({ lo: next, hi: end, value: write.added });
    next = Math.max(next, end + 1);
  };
  for (const run of old) {
    if (run.lo < lo) push({ lo: run.lo, hi: Math.min(run.hi, lo - 1), value: run.value });
    const from = Math.max(run.lo, lo);
    const to = Math.min(run.hi, hi);
    if (from <= to) {
      fillTo(from - 1);
      const value = write.change(run.value);
      if (value !== undefined) push({ lo: from, hi: to, value });
      next = to + 1;
    }
    if (run.hi > hi) {
      fillTo(hi);
      push({ lo: Math.max(run.lo, hi + 1), hi: run.hi, value: run.value });
    }
  }
  fillTo(hi);
  return runs;
}
