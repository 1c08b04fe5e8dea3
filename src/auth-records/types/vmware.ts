import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';

/**
 * [Q] /api/2.0/fo/auth/vmware/: the vSphere API of ESXi, ESX and vCenter (VM, PC), directly or,
 * with `login_type=vcenter`, ESXi hosts through a vCenter record.
 */
export const vmwareType = declareRecordType({
  name: 'vmware',
  source: 'https://qualysguard.qg2.apps.qualys.com/qwebhelp/fo_portal/api_doc/scanauth/record_types/vmware.htm',
  fields: [
    // [Q] "A maximum of 13 characters (ascii)".
    { param: 'username', element: 'USERNAME', maxLength: 13, required: true },
    ...vaultLoginFields.map((f) => (f.param === 'login_type' ? { ...f, values: ['basic', 'vault', 'vcenter'] } : f)),
    // [Q] 443 when not given.
    { param: 'port', element: 'PORT', kind: 'port' },
    { param: 'hosts', element: 'HOSTS', kind: 'list' },
    // [Q from the VM/PC API User Guide as a public client transcribes it] all, skip or none.
    { param: 'ssl_verify', element: 'SSL_VERIFY', kind: 'enum', values: ['all', 'skip', 'none'] },
    { param: 'is_disconnect', element: 'IS_DISCONNECT', kind: 'flag' },
  ],
  rules: [
    // [Q] "password or login_type=vault is required"; [E] through vCenter the vCenter record logs in.
    { rule: 'requireOne', params: ['password'], unless: [{ param: 'login_type', is: ['vault', 'vcenter'] }] },
    ...VAULT_LOGIN_RULES,
    { rule: 'onlyWhen', params: ['is_disconnect'], when: { param: 'login_type', is: ['vcenter'] } },
  ],
});
