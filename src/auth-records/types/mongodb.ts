import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { HOSTS_WITH_SSL_VERIFY, SSL_VERIFY_FIELDS, TEMPLATE_FIELDS, TEMPLATE_LIST_FILTERS, usernameField } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/mongodb/: MongoDB 3.x on Unix (VM, PC), and MongoDB system record
 * templates (`is_template=1`) for the instances the system discovers.
 */
export const mongodbType = declareRecordType({
  name: 'mongodb',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/mongodb.htm',
  fields: [
    usernameField(),
    // [Q from the VM/PC API User Guide as a public client transcribes it] basic, vault or pkcert.
    ...vaultLoginFields.map((f) => (f.param === 'login_type' ? { ...f, values: ['basic', 'vault', 'pkcert'] } : f)),
    // [Q] the parameter table's name (its samples reportedly send unix_conf_path: docs/fidelity.md §14.1).
    { param: 'unix_conf_file', element: 'UNIX_CONF_FILE' },
    { param: 'database_name', element: 'DATABASE_NAME', maxLength: 255 },
    // [Q] 27017 when not given.
    { param: 'port', element: 'PORT', kind: 'port' },
    ...SSL_VERIFY_FIELDS,
    // [Q] local, or external (LDAP, which needs cleartext=1).
    { param: 'credential_type', element: 'CREDENTIAL_TYPE', kind: 'enum', values: ['local', 'external'] },
    { param: 'cleartext', element: 'CLEARTEXT', kind: 'flag' },
    ...TEMPLATE_FIELDS,
  ],
  rules: [
    { rule: 'requireOne', params: ['password'], unless: [{ param: 'login_type', is: ['vault', 'pkcert'] }] },
    ...VAULT_LOGIN_RULES,
    HOSTS_WITH_SSL_VERIFY,
    // [Q from the VM/PC API User Guide as a public client transcribes it] LDAP needs cleartext.
    // biome-ignore lint/suspicious/noThenProperty: a rule's consequence, data that is never awaited
    { rule: 'requiredValue', when: { param: 'credential_type', is: ['external'] }, then: { param: 'cleartext', is: ['1'] } },
  ],
  listFilters: TEMPLATE_LIST_FILTERS,
  // [Q] "Make sure the IP addresses you define in your MongoDB records are also defined in Unix records."
  hostRecord: { coveredBy: ['unix'], label: 'Unix' },
});
