import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { PASSWORD_OR_VAULT } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/ms_sql/: MS SQL Server instances (PC), with a database account
 * (`db_local=1`, the default) or a Windows account (`db_local=0`, in `windows_domain`).
 */
export const msSqlType = declareRecordType({
  name: 'ms_sql',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/ms_sql.htm',
  fields: [
    // [Q] username and password: "May include 1-128 characters".
    { param: 'username', element: 'USERNAME', maxLength: 128, required: true },
    ...vaultLoginFields.map((f) => (f.param === 'password' ? { ...f, maxLength: 128 } : f)),
    { param: 'use_ad_hashicorp', element: 'USE_AD_HASHICORP', kind: 'flag' },
    // [Q] "For create record, if the db_local parameter is unspecified, the flag is set to 1".
    { param: 'db_local', element: 'DB_LOCAL', kind: 'flag', default: '1' },
    { param: 'windows_domain', element: 'WINDOWS_DOMAIN', maxLength: 255 },
    { param: 'auth_os_type', element: 'AUTH_OS_TYPE', kind: 'enum', values: ['unix', 'windows'] },
    { param: 'mssql_unix_insta_path', element: 'MSSQL_UNIX_INSTA_PATH' },
    { param: 'mssql_unix_conf_path', element: 'MSSQL_UNIX_CONF_PATH' },
    // [Q] an instance, or all of them discovered; the same for databases and ports.
    { param: 'instance', element: 'INSTANCE', maxLength: 255 },
    { param: 'auto_discover_instances', element: 'AUTO_DISCOVER_INSTANCES', kind: 'flag' },
    { param: 'database', element: 'DATABASE', maxLength: 255 },
    { param: 'auto_discover_databases', element: 'AUTO_DISCOVER_DATABASES', kind: 'flag' },
    { param: 'port', element: 'PORT', kind: 'port' },
    { param: 'auto_discover_ports', element: 'AUTO_DISCOVER_PORTS', kind: 'flag' },
    // [Q] Windows only: the domain of the MS SQL servers, instead of IPs.
    { param: 'member_domain', element: 'MEMBER_DOMAIN', maxLength: 255 },
    { param: 'kerberos', element: 'KERBEROS', kind: 'flag' },
    { param: 'ntlmv2', element: 'NTLMV2', kind: 'flag' },
    { param: 'ntlmv1', element: 'NTLMV1', kind: 'flag' },
  ],
  rules: [
    PASSWORD_OR_VAULT,
    ...VAULT_LOGIN_RULES,
    { rule: 'onlyWhen', params: ['use_ad_hashicorp'], when: { param: 'login_type', is: ['vault'] } },
    // [Q] windows_domain: "Required when db_local=0, otherwise invalid"; auth_os_type only with db_local=1.
    { rule: 'onlyWhen', params: ['windows_domain'], when: { param: 'db_local', is: ['0'] } },
    { rule: 'requiredWhen', params: ['windows_domain'], when: { param: 'db_local', is: ['0'] } },
    { rule: 'onlyWhen', params: ['auth_os_type'], when: { param: 'db_local', is: ['1'] } },
    { rule: 'onlyWhen', params: ['mssql_unix_insta_path', 'mssql_unix_conf_path'], when: { param: 'auth_os_type', is: ['unix'] } },
    { rule: 'exclusive', params: ['instance', 'auto_discover_instances'] },
    { rule: 'exclusive', params: ['database', 'auto_discover_databases'] },
    { rule: 'exclusive', params: ['port', 'auto_discover_ports'] },
    // [Q] a port, or auto_discover_ports.
    { rule: 'requireOne', params: ['port', 'auto_discover_ports'] },
  ],
  // [Q] member_domain: the Windows domain of the MS SQL servers, named in place of their IPs.
  ips: { orOneOf: ['member_domain'] },
});
