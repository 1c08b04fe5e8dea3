import type { IntervalSet, Range } from './interval-set.js';

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

/**
 * `rewriteRuns` for every range of `set` in one pass: `old` holds, in order, at least every run
 * meeting a range of `set` or its neighbours (others pass through). Answers the runs to delete and
 * the runs to insert in their place; a run the write leaves as it was is neither. Costs the runs
 * and ranges given, once each, so a set of 150,000 ranges is one walk, not 150,000 reads.
 */
export function rewriteSet<V>(old: readonly Run<V>[], set: IntervalSet, write: RunWrite<V>): { removed: Run<V>[]; added: Run<V>[] } {
  // runs are placed as they are, never copied: a set of 150,000 ranges met 150,000 runs
  const placed: Run<V>[] = [];
  const fresh = new Set<Run<V>>();
  const removed: Run<V>[] = [];
  let next = 0;
  for (const [lo, hi] of set) {
    while (next < old.length && old[next].hi < lo - 1) placed.push(old[next++]);
    // the runs meeting lo - 1 .. hi + 1: those the previous range left at the end, then the stored ones
    let first = placed.length;
    while (first > 0 && placed[first - 1].hi >= lo - 1) first--;
    const meeting = placed.splice(first);
    while (next < old.length && old[next].lo <= hi + 1) meeting.push(old[next++]);
    const runs = rewriteRuns(meeting, [lo, hi], write);
    if (sameRuns(runs, meeting, write.same)) {
      // nothing to write: an add of IPs already there as given, an update to the values they hold
      for (const run of meeting) placed.push(run);
      continue;
    }
    for (const run of meeting) if (!fresh.delete(run)) removed.push(run);
    for (const run of runs) {
      placed.push(run);
      fresh.add(run);
    }
  }
  return { removed, added: placed.filter((r) => fresh.has(r)) };
}

function sameRuns<V>(a: readonly Run<V>[], b: readonly Run<V>[], same: (x: V, y: V) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k].lo !== b[k].lo || a[k].hi !== b[k].hi || !same(a[k].value, b[k].value)) return false;
  return true;
}

/** The parts of `runs` (in order) within `set`, each keeping its value. */
export function clipRuns<R extends { lo: number; hi: number }>(runs: readonly R[], set: IntervalSet): R[] {
  const out: R[] = [];
  let j = 0;
  for (const run of runs) {
    while (j < set.length && set[j][1] < run.lo) j++;
    for (let k = j; k < set.length && set[k][0] <= run.hi; k++) out.push({ ...run, lo: Math.max(run.lo, set[k][0]), hi: Math.min(run.hi, set[k][1]) });
  }
  return out;
}
