/**
 * Sets of non-negative integers held as sorted, disjoint, non-adjacent closed ranges.
 * ID sets and IP sets are both this; every operation is linear in the number of ranges,
 * never in the number of members, so `1-4294967295` costs the same as `7`.
 */
export type Range = readonly [lo: number, hi: number];
export type IntervalSet = readonly Range[];

const inOrder = (ranges: readonly Range[]) => ranges.every((r, i) => i === 0 || ranges[i - 1][0] <= r[0]);

/** Sorts and merges overlapping or adjacent ranges. */
export function normalise(ranges: Iterable<Range>): IntervalSet {
  const all = [...ranges];
  // Clients mostly send sets in order; checking is linear, sorting is not.
  const sorted = inOrder(all) ? all : all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function union(a: IntervalSet, b: IntervalSet): IntervalSet {
  return normalise([...a, ...b]);
}

/** Members of `a` that are not in `b`. */
export function subtract(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: Range[] = [];
  let j = 0;
  for (const [lo, hi] of a) {
    let start = lo;
    while (j < b.length && b[j][1] < start) j++;
    let k = j;
    while (k < b.length && b[k][0] <= hi && start <= hi) {
      if (b[k][0] > start) out.push([start, b[k][0] - 1]);
      start = Math.max(start, b[k][1] + 1);
      k++;
    }
    if (start <= hi) out.push([start, hi]);
  }
  return out;
}

export function intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i][0], b[j][0]);
    const hi = Math.min(a[i][1], b[j][1]);
    if (lo <= hi) out.push([lo, hi]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

export function equals(a: IntervalSet, b: IntervalSet): boolean {
  return a.length === b.length && a.every(([lo, hi], i) => lo === b[i][0] && hi === b[i][1]);
}

/** Whether `n` is a member; binary search, for sets of any size. */
export function contains(set: IntervalSet, n: number): boolean {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (set[mid][1] < n) lo = mid + 1;
    else if (set[mid][0] > n) hi = mid - 1;
    else return true;
  }
  return false;
}

/** Whether the set has exactly one member, without counting them. */
export function isSingleton(set: IntervalSet): boolean {
  return set.length === 1 && set[0][0] === set[0][1];
}
