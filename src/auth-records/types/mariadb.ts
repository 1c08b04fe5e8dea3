import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { PASSWORD_OR_VAULT, SSL_VERIFY_FIELDS, usernameField } from './shared-fields.js';

/** [Q] /api/2.0/fo/auth/mariadb/: MariaDB instances (PC). */
export const mariadbType = declareRecordType({
  name: 'mariadb',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/mariadb.htm',
  fields: [
    usernameField(),
    ...vaultLoginFields,
    ...SSL_VERIFY_FIELDS,
    // [Q] both "Required to create record, optional to update record"; the port is 3306 by default.
    { param: 'database', element: 'DATABASE', maxLength: 255, required: true },
    { param: 'port', element: 'PORT', kind: 'port', required: true },
    { param: 'windows_config_file', element: 'WINDOWS_CONFIG_FILE' },
    { param: 'unix_config_file', element: 'UNIX_CONFIG_FILE' },
  ],
  rules: [PASSWORD_OR_VAULT, ...VAULT_LOGIN_RULES],
});
