import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { usernameField } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/nsx/: VMware NSX (VM, PC; Release 10.37). Basic login, or a HashiCorp
 * vault only; the password is optional.
 */
export const nsxType = declareRecordType({
  name: 'nsx',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/vmware_nsx_record.htm',
  fields: [
    usernameField(),
    ...vaultLoginFields,
    { param: 'port', element: 'PORT', kind: 'port' },
    { param: 'hosts', element: 'HOSTS', kind: 'list' },
    { param: 'ssl_verify_with_host', element: 'SSL_VERIFY_WITH_HOST', kind: 'flag' },
    // [Q] Active Directory through the HashiCorp vault.
    { param: 'use_ad_hashicorp', element: 'USE_AD_HASHICORP', kind: 'flag' },
  ],
  rules: [...VAULT_LOGIN_RULES, { rule: 'onlyWhen', params: ['use_ad_hashicorp'], when: { param: 'login_type', is: ['vault'] } }],
});
