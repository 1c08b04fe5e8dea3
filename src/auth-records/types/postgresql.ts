import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { HOSTS_WITH_SSL_VERIFY, PASSWORD_OR_VAULT, SSL_VERIFY_FIELDS, usernameField } from './shared-fields.js';

/** [Q] /api/2.0/fo/auth/postgresql/: PostgreSQL 9.x to 12.x on Windows or Unix (PC). */
export const postgresqlType = declareRecordType({
  name: 'postgresql',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/postgresql.htm',
  fields: [
    usernameField(),
    ...vaultLoginFields,
    // [Q] a Hitachi ID PAM vault's resource.
    { param: 'resource_id', element: 'RESOURCE_ID', kind: 'integer', min: 1 },
    // [Q] the current page's names; the older page's pgsql_*_conf_file are not accepted (docs/fidelity.md §14.1).
    { param: 'pgsql_win_conf_path', element: 'PGSQL_WIN_CONF_PATH' },
    { param: 'pgsql_unix_conf_path', element: 'PGSQL_UNIX_CONF_PATH' },
    { param: 'pgsql_db_name', element: 'PGSQL_DB_NAME', maxLength: 255, required: true },
    // [Q] 5432 when not given.
    { param: 'port', element: 'PORT', kind: 'port' },
    ...SSL_VERIFY_FIELDS,
    { param: 'client_cert', element: 'CLIENT_CERT', maxLength: 8192 },
    { param: 'client_key', kind: 'secret', maxLength: 8192 },
    { param: 'passphrase', kind: 'secret', maxLength: 100 },
  ],
  rules: [
    PASSWORD_OR_VAULT,
    ...VAULT_LOGIN_RULES,
    { rule: 'onlyWhen', params: ['resource_id'], when: { param: 'login_type', is: ['vault'] } },
    HOSTS_WITH_SSL_VERIFY,
  ],
});
