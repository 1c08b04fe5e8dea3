import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { usernameField } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/network_ssh/: SSH2 to network devices (VM, PC), in place of the Unix
 * record's Cisco and Checkpoint Firewall sub-types; `password2` is their enable or expert password.
 */
export const networkSshType = declareRecordType({
  name: 'network_ssh',
  source: 'https://qualysguard.qg2.apps.qualys.com/qwebhelp/fo_portal/api_doc/scanauth/record_types/network_ssh.htm',
  fields: [
    usernameField(),
    // [Q] the password is optional here.
    ...vaultLoginFields,
    // [Q from the VM/PC API User Guide as a public client transcribes it] 1 to 31 characters.
    { param: 'password2', kind: 'secret', maxLength: 31 },
    { param: 'port', element: 'PORT', kind: 'port' },
    // [Q] like the Unix record's target_type; [E] free text, as the values are not listed.
    { param: 'target_type', element: 'TARGET_TYPE', maxLength: 255 },
    { param: 'cleartext_password', element: 'CLEARTEXT_PASSWORD', kind: 'flag' },
  ],
  rules: [...VAULT_LOGIN_RULES],
});
