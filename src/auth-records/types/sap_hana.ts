import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { HOSTS_WITH_SSL_VERIFY, PASSWORD_OR_VAULT, SSL_VERIFY_FIELDS, usernameField } from './shared-fields.js';

/** [Q] /api/2.0/fo/auth/sap_hana/: SAP HANA databases (PC, SCA). */
export const sapHanaType = declareRecordType({
  name: 'sap_hana',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/sap_hana.htm',
  fields: [
    usernameField(),
    ...vaultLoginFields,
    { param: 'database', element: 'DATABASE', maxLength: 255, required: true },
    { param: 'port', element: 'PORT', kind: 'port', required: true },
    // [Q] "up to 255 multi-byte characters"; required for Unix hosts (declared-but-unsupported).
    { param: 'unix_conf_path', element: 'UNIX_CONF_PATH', maxLength: 255 },
    ...SSL_VERIFY_FIELDS,
  ],
  rules: [PASSWORD_OR_VAULT, ...VAULT_LOGIN_RULES, HOSTS_WITH_SSL_VERIFY],
});
