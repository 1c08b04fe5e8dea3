/**
 * Parameters whose values never leave the emulator: not in echoes, error TEXTs or the journal [E].
 * Every record type's `secret` fields and the vaults'; a test fails when a declared secret is missing here.
 */
const SECRET_PARAMS = new Set([
  // record types (the spec's table of parameters; each type's page)
  'password',
  'password2',
  'enable_password',
  'expert_password',
  'passphrase',
  'community_strings',
  'encrypt_password',
  'client_key',
  // vaults
  'private_key',
  'private_key_pwd',
  'secret_id',
  'appkey',
  'access_key',
]);

export const MASK = '********';

export function maskSecret(name: string, value: string): string {
  return SECRET_PARAMS.has(name) ? MASK : value;
}
