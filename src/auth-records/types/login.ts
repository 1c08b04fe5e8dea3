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
  // [Q] the vault settings of a record that some vault types take (scanauth/vaults/vault_params_record.htm):
  // ARCON PAM's service type, Azure Key's secret name, BeyondTrust PBPS's managed system and
  // account, CA Access Control's end point. [E] 255 characters; listed under their upper-cased names.
  { param: 'vault_service_type', element: 'VAULT_SERVICE_TYPE', maxLength: 255 },
  { param: 'ak_secret_name', element: 'AK_SECRET_NAME', maxLength: 255 },
  { param: 'system_name', element: 'SYSTEM_NAME', maxLength: 255 },
  { param: 'account_name', element: 'ACCOUNT_NAME', maxLength: 255 },
  { param: 'end_point_name', element: 'END_POINT_NAME', maxLength: 255 },
];

/** [Q] the vault settings a vault type requires of the record ("Required if vault type is ..."). */
const requiredWithVault = (params: readonly string[], vaultType: string): RecordRule => ({
  rule: 'requiredWhen',
  params,
  when: { param: 'vault_type', is: [vaultType] },
});

export const VAULT_LOGIN_RULES: readonly RecordRule[] = [
  {
    rule: 'onlyWhen',
    params: ['vault_type', 'vault_id', 'vault_service_type', 'ak_secret_name', 'system_name', 'account_name', 'end_point_name'],
    when: { param: 'login_type', is: ['vault'] },
  },
  { rule: 'requiredWhen', params: ['vault_type', 'vault_id'], when: { param: 'login_type', is: ['vault'] } },
  // [E] the vault type as the page spells it; a record naming it otherwise (`azure_key`) is not held to these.
  requiredWithVault(['vault_service_type'], 'ARCON PAM'),
  requiredWithVault(['ak_secret_name'], 'Azure Key'),
  requiredWithVault(['end_point_name'], 'CA Access Control'),
];
