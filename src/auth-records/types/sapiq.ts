import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { PASSWORD_OR_VAULT, usernameField } from './shared-fields.js';

/** [Q] /api/2.0/fo/auth/sapiq/: SAP IQ databases (PC). The page's file is named saqip.htm. */
export const sapiqType = declareRecordType({
  name: 'sapiq',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/saqip.htm',
  fields: [
    usernameField(),
    ...vaultLoginFields,
    { param: 'resource_id', element: 'RESOURCE_ID', kind: 'integer', min: 1 },
    { param: 'database', element: 'DATABASE', maxLength: 255, required: true },
    { param: 'port', element: 'PORT', kind: 'port', required: true },
    // [Q] required for Unix hosts (declared-but-unsupported, as for Sybase).
    { param: 'installation_dir', element: 'INSTALLATION_DIR' },
    { param: 'password_encryption', element: 'PASSWORD_ENCRYPTION', kind: 'flag' },
  ],
  rules: [PASSWORD_OR_VAULT, ...VAULT_LOGIN_RULES, { rule: 'onlyWhen', params: ['resource_id'], when: { param: 'login_type', is: ['vault'] } }],
});
