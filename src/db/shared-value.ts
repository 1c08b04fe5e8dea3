/** The value `shared` holds for `key`, made by `make` and kept there the first time: equal keys get one value. */
export function sharedValue<K, V>(shared: Map<K, V>, key: K, make: () => V): V {
  let value = shared.get(key);
  if (value === undefined) {
    value = make();
    shared.set(key, value);
  }
  return value;
}
