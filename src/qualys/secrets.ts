/** Parameters whose values never leave the emulator: not in echoes, error TEXTs or the journal [E]. */
const SECRET_PARAMS = new Set(['password']);

export const MASK = '********';

export function maskSecret(name: string, value: string): string {
  return SECRET_PARAMS.has(name) ? MASK : value;
}
