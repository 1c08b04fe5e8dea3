/** Rows of `[key, value]` (one query's answer for many owners) as each key's values, in row order. */
export function groupRows<K, V>(rows: Iterable<readonly [K, V]>): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const [key, value] of rows) {
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  }
  return out;
}
