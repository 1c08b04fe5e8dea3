import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { PASSWORD_OR_VAULT } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/vcenter/: vCenter, through which VMware records with `login_type=vcenter`
 * reach their ESXi hosts. Not on the list page, but documented by its own page.
 */
export const vcenterType = declareRecordType({
  name: 'vcenter',
  source: 'https://qualysguard.qg2.apps.qualys.com/qwebhelp/fo_portal/api_doc/scanauth/record_types/vcenter_record.htm',
  fields: [
    // [Q] "A maximum of 13 characters (ascii)".
    { param: 'username', element: 'USERNAME', maxLength: 13, required: true },
    // [Q] the page prints login_type={basic|vault|vcenter}; [E] vcenter means nothing for a vCenter record.
    ...vaultLoginFields,
    // [Q] 443 when not given.
    { param: 'port', element: 'PORT', kind: 'port' },
    { param: 'hosts', element: 'HOSTS', kind: 'list' },
    { param: 'ssl_verify', element: 'SSL_VERIFY', kind: 'enum', values: ['all', 'skip', 'none'] },
  ],
  rules: [PASSWORD_OR_VAULT, ...VAULT_LOGIN_RULES],
});
