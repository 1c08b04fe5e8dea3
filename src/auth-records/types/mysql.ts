import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { PASSWORD_OR_VAULT, SSL_VERIFY_FIELDS, usernameField } from './shared-fields.js';

/** [Q] /api/2.0/fo/auth/mysql/: MySQL Server instances (VM, PC). */
export const mysqlType = declareRecordType({
  name: 'mysql',
  source: 'https://qualysguard.qg2.apps.qualys.com/qwebhelp/fo_portal/api_doc/scanauth/record_types/mysql.htm',
  fields: [
    usernameField(),
    ...vaultLoginFields,
    ...SSL_VERIFY_FIELDS,
    // [Q] "Required to create record".
    { param: 'database', element: 'DATABASE', maxLength: 255, required: true },
    { param: 'port', element: 'PORT', kind: 'port' },
    { param: 'windows_config_file', element: 'WINDOWS_CONFIG_FILE' },
    { param: 'unix_config_file', element: 'UNIX_CONFIG_FILE' },
    // [Q] a PEM certificate and its RSA key, when the server asks for a client certificate.
    { param: 'client_cert', element: 'CLIENT_CERT', maxLength: 8192 },
    { param: 'client_key', kind: 'secret', maxLength: 8192 },
  ],
  rules: [PASSWORD_OR_VAULT, ...VAULT_LOGIN_RULES],
});
