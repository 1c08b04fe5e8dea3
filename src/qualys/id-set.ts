import { normalise, type IntervalSet } from './interval-set.js';
import { qualysErrors } from './errors.js';

/** [E] IDs beyond 2^32-1 are refused: Qualys IDs are 32-bit, and the bound keeps arithmetic exact. */
export const MAX_ID = 4294967295;

const isDigits = (text: string) => text.length > 0 && [...text].every((c) => c >= '0' && c <= '9');

/** `a` or `a-b` in decimal digits, else undefined. By hand, not a regular expression: a set may hold 150,000 entries. */
function parseEntry(entry: string): [string, string] | undefined {
  const dash = entry.indexOf('-');
  const lo = dash < 0 ? entry : entry.slice(0, dash);
  const hi = dash < 0 ? entry : entry.slice(dash + 1);
  return isDigits(lo) && isDigits(hi) ? [lo, hi] : undefined;
}

/**
 * Parses `78187,78783-78784` into a normalised set. [Q] recorded reason:
 * `neither a positive integer nor a range: <entry>`.
 */
export function parseIdSet(name: string, value: string): IntervalSet {
  const ranges: [number, number][] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    const match = parseEntry(entry);
    if (!match) throw qualysErrors.invalidValue(name, value, `neither a positive integer nor a range: ${entry}`);
    const lo = Number(match[0]);
    const hi = Number(match[1]);
    if (lo < 1 || hi < 1) throw qualysErrors.invalidValue(name, value, `neither a positive integer nor a range: ${entry}`);
    if (hi > MAX_ID || lo > MAX_ID) throw qualysErrors.invalidValue(name, value, `ID out of range (at most ${MAX_ID}): ${entry}`);
    if (lo > hi) throw qualysErrors.invalidValue(name, value, `range start is greater than its end: ${entry}`);
    ranges.push([lo, hi]);
  }
  return normalise(ranges);
}

/** Parses one positive integer ID (id_min, id_max). */
export function parseId(name: string, value: string): number {
  const entry = value.trim();
  if (!/^\d+$/.test(entry) || Number(entry) < 1) throw qualysErrors.invalidValue(name, value, 'not a positive integer');
  if (Number(entry) > MAX_ID) throw qualysErrors.invalidValue(name, value, `ID out of range (at most ${MAX_ID})`);
  return Number(entry);
}

export type IdSetEntry = { kind: 'ID'; value: string } | { kind: 'ID_RANGE'; value: string };

/** [Q] runs of consecutive IDs are written as one ID_RANGE `a-b`. */
export function formatIdSet(set: IntervalSet): IdSetEntry[] {
  return set.map(([lo, hi]) => (lo === hi ? { kind: 'ID', value: String(lo) } : { kind: 'ID_RANGE', value: `${lo}-${hi}` }));
}

/** Sorted IDs (each a single-member range) to a set. */
export function idSetOf(ids: Iterable<number>): IntervalSet {
  return normalise([...ids].map((id) => [id, id] as const));
}
