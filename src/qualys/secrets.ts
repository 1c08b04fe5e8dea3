/**
 * Parameters whose values never leave the emulator: not in echoes, error TEXTs or the journal [E].
 * Every record type's `secret` fields, and the vaults'; a test holds the declarations to this list.
 */
const SECRET_PARAMS = new Set([
  'password',
  'password2',
  'enable_password',
  'expert_password',
  'root_password',
  'passphrase',
  'private_key',
  'community_strings',
  'encrypt_password',
  'priv_password',
  'auth_password',
  'client_key',
  'secret',
  'secret_key',
  'token',
  'api_key',
]);

export const MASK = '********';

export function maskSecret(name: string, value: string): string {
  return SECRET_PARAMS.has(name) ? MASK : value;
}
