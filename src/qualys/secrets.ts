/** Parameters whose values never leave the emulator: not in echoes, error TEXTs or the journal [E]. */
const SECRET_PARAMS = new Set(['password']);

export const MASK = '********';

export function maskSecret(name: string, value: string): string {
  return SECRET_PARAMS.has(name) ? MASK : value;
}

/**
 * Masks `names` and the protocol's own secrets whatever the case of the name a client used, for
 * what is kept rather than answered (the request journal): a misspelt `Password=` is refused by
 * the API, but its value is a password all the same.
 */
export function secretMasker(names: Iterable<string>): (name: string, value: string) => string {
  const secret = new Set([...SECRET_PARAMS, ...names].map((n) => n.toLowerCase()));
  return (name, value) => (secret.has(name.toLowerCase()) ? MASK : value);
}
