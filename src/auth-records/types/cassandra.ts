import { declareRecordType, type FieldSpec, type RecordRule } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { usernameField } from './shared-fields.js';

/**
 * [Q] The Apache Cassandra and DataStax pages' shared parameters: an optional login (basic, or
 * one of four vaults), the port, SSL verification, a client certificate, and the installation's
 * paths. [Q from the VM/PC API User Guide as a public client transcribes it] the parameters past
 * the pages' openings (certificate, paths, cleartext).
 */
export const CASSANDRA_FIELDS: readonly FieldSpec[] = [
  usernameField(255, false),
  ...vaultLoginFields,
  { param: 'port', element: 'PORT', kind: 'port' },
  { param: 'ssl_verify_with_host', element: 'SSL_VERIFY_WITH_HOST', kind: 'flag' },
  { param: 'hosts', element: 'HOSTS', kind: 'list' },
  { param: 'require_cert', element: 'REQUIRE_CERT', kind: 'flag' },
  { param: 'certificate', element: 'CERTIFICATE', maxLength: 8192 },
  { param: 'private_key', kind: 'secret', maxLength: 8192 },
  { param: 'passphrase', kind: 'secret', maxLength: 100 },
  // [Q] the yaml configuration file and the installation's base path.
  { param: 'confpath', element: 'CONFPATH' },
  { param: 'basepath', element: 'BASEPATH' },
  { param: 'cleartext', element: 'CLEARTEXT', kind: 'flag' },
];

export const CASSANDRA_RULES: readonly RecordRule[] = [
  ...VAULT_LOGIN_RULES,
  { rule: 'requiredWhen', params: ['hosts'], when: { param: 'ssl_verify_with_host', is: ['1'] } },
  { rule: 'requiredWhen', params: ['certificate', 'private_key'], when: { param: 'require_cert', is: ['1'] } },
];

/** [Q] /api/2.0/fo/auth/cassandra/: Apache Cassandra instances (PC). */
export const cassandraType = declareRecordType({
  name: 'cassandra',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/apache_cassandra_records.htm',
  fields: CASSANDRA_FIELDS,
  rules: CASSANDRA_RULES,
});
