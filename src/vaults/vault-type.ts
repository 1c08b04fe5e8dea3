import type { FieldSpec, RecordRule } from '../auth-records/record-type.js';

/**
 * [Q] The vault types Qualys supports (the vault pages' support matrix), as `type=` takes them.
 * [E] Matched case-insensitively; stored as spelled here.
 */
export const VAULT_TYPES = [
  'ARCON PAM',
  'Azure Key',
  'BeyondTrust PBPS',
  'CA Access Control',
  'CA PAM',
  'CyberArk AIM',
  'CyberArk PIM Suite',
  'HashiCorp',
  'Hitachi ID PAM',
  'Lieberman ERPM',
  'Quest Vault',
  'Thycotic Secret Server',
  'Wallix AdminBastion (WAB)',
] as const;

/**
 * [Q] A vault's settings (the vault pages' "vault settings"), every one optional: which a vault
 * type needs varies by type, and [E] the emulator does not hold each type to its own list.
 * Secrets are stored, never shown, and masked wherever parameters are.
 */
export const VAULT_SETTINGS: readonly FieldSpec[] = [
  { param: 'url', element: 'URL', maxLength: 1024 },
  { param: 'server_address', element: 'SERVER_ADDRESS', maxLength: 255 },
  { param: 'port', element: 'PORT', kind: 'port' },
  { param: 'ssl_verify', element: 'SSL_VERIFY', kind: 'flag' },
  { param: 'domain', element: 'DOMAIN', maxLength: 255 },
  { param: 'username', element: 'USERNAME', maxLength: 255 },
  { param: 'password', kind: 'secret' },
  { param: 'appid', element: 'APPID', maxLength: 255 },
  { param: 'safe', element: 'SAFE', maxLength: 255 },
  { param: 'folder', element: 'FOLDER', maxLength: 255 },
  { param: 'file', element: 'FILE', maxLength: 255 },
  { param: 'api_version', element: 'API_VERSION', maxLength: 32 },
  { param: 'auth_type', element: 'AUTH_TYPE', kind: 'enum', values: ['userpass', 'cert', 'approle'] },
  { param: 'path', element: 'PATH', maxLength: 1024 },
  { param: 'role_name', element: 'ROLE_NAME', maxLength: 255 },
  { param: 'role_id', element: 'ROLE_ID', maxLength: 255 },
  { param: 'secret_id', kind: 'secret', maxLength: 255 },
  { param: 'system_name', element: 'SYSTEM_NAME', maxLength: 255 },
  { param: 'account_name', element: 'ACCOUNT_NAME', maxLength: 255 },
  { param: 'appkey', kind: 'secret', maxLength: 1024 },
  { param: 'access_key', kind: 'secret', maxLength: 4096 },
  { param: 'cert', maxLength: 16384 },
  { param: 'private_key', kind: 'secret', maxLength: 16384 },
  { param: 'private_key_pwd', kind: 'secret', maxLength: 255 },
];

/**
 * The settings a vault type needs, in the rules records use (src/auth-records/record-rules.ts),
 * checked on the vault as a create or an update leaves it. [E] Types without an entry are not
 * checked: their pages were not read far enough to say (docs/fidelity.md §12).
 */
export const VAULT_TYPE_RULES: Readonly<Partial<Record<(typeof VAULT_TYPES)[number], readonly RecordRule[]>>> = {
  // [Q] authentication/vaults/win_beyondtrust_vault.htm: the Application API Key and the URL of
  // the web services API; a certificate and its private key "must be defined together or skipped".
  'BeyondTrust PBPS': [
    { rule: 'requireOne', params: ['appkey'] },
    { rule: 'requireOne', params: ['url'] },
    { rule: 'together', params: ['cert', 'private_key'] },
  ],
  // [Q] authentication/vaults/win_hashicorp_vault.htm: the URL, an Auth Type (Username/Password,
  // Cert or App Role), and the credentials of that type.
  HashiCorp: [
    { rule: 'requireOne', params: ['url'] },
    { rule: 'requireOne', params: ['auth_type'] },
    { rule: 'requiredWhen', params: ['username', 'password'], when: { param: 'auth_type', is: ['userpass'] } },
    { rule: 'requiredWhen', params: ['cert', 'private_key'], when: { param: 'auth_type', is: ['cert'] } },
    { rule: 'requiredWhen', params: ['role_id', 'secret_id'], when: { param: 'auth_type', is: ['approle'] } },
  ],
};

/** [E] what a vault list can be ordered by (`orderby`). */
export const VAULT_LIST_ORDERS = ['id', 'title', 'type', 'modified'] as const;

/** [E] vault types compare without case, spaces or punctuation: `cyberark_aim` is `CyberArk AIM`. */
export const sameVaultType = (a: string, b: string) => a.replace(/[^a-z0-9]/gi, '').toLowerCase() === b.replace(/[^a-z0-9]/gi, '').toLowerCase();
