/**
 * Parameters whose values never leave the emulator: not in echoes, error TEXTs or the journal [E].
 * The set is the declarations' own: each module that declares parameters (record types, vault
 * settings) names its `secret` ones here when it loads, so a new secret cannot be forgotten.
 * `password` is in it from the start, as the session login's own parameter.
 */
const SECRET_PARAMS = new Set<string>(['password']);

/** Marks the `secret` fields of a declaration as secret everywhere parameters are shown. */
export function declareSecrets(fields: readonly { param: string; kind?: string }[]): void {
  for (const f of fields) if (f.kind === 'secret') SECRET_PARAMS.add(f.param);
}

export const MASK = '********';

export function maskSecret(name: string, value: string): string {
  return SECRET_PARAMS.has(name) ? MASK : value;
}

/**
 * The same whatever the case of the name a client used, for what is kept rather than answered
 * (the request journal): a misspelt `Password=` is refused by the API (1901), but its value is a
 * password all the same. The names above are all lower case.
 */
export function maskSecretAnyCase(name: string, value: string): string {
  return SECRET_PARAMS.has(name.toLowerCase()) ? MASK : value;
}
