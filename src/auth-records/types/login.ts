import type { FieldSpec, RecordRule } from '../record-type.js';

/**
 * [Q] The login of every type that may take its password from a vault: `password`, or
 * `login_type=vault` with the vault's `vault_type` and `vault_id` (each type page; the vault
 * page for the vaults). A type declares `username` itself (its limit and element vary), then
 * spreads these fields, and these rules after its own `requireOne` for `password`.
 */
export const vaultLoginFields: readonly FieldSpec[] = [
  // [Q] 100 characters at most; never listed.
  { param: 'password', kind: 'secret', maxLength: 100 },
  // [E] absent means basic, so records created before it was accepted list as they did.
  { param: 'login_type', element: 'LOGIN_TYPE', kind: 'enum', values: ['basic', 'vault'] },
  { param: 'vault_type', element: 'VAULT_TYPE', maxLength: 255, references: 'vault-type' },
  { param: 'vault_id', element: 'VAULT_ID', kind: 'integer', min: 1, references: 'vault' },
];

export const VAULT_LOGIN_RULES: readonly RecordRule[] = [
  { rule: 'onlyWhen', params: ['vault_type', 'vault_id'], when: { param: 'login_type', is: ['vault'] } },
  { rule: 'requiredWhen', params: ['vault_type', 'vault_id'], when: { param: 'login_type', is: ['vault'] } },
];
