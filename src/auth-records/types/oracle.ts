import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { PASSWORD_OR_VAULT, pathField, TEMPLATE_FIELDS, TEMPLATE_LIST_FILTERS, usernameField } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/oracle/: Oracle instances (VM, PC), and Oracle system record templates
 * (`is_template=1`) the system uses to create records for the instances it discovers.
 */
export const oracleType = declareRecordType({
  name: 'oracle',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/oracle.htm',
  fields: [
    usernameField(),
    ...vaultLoginFields,
    // [Q] the instance: its SID or its service name, one of the two.
    { param: 'sid', element: 'SID', maxLength: 255 },
    { param: 'servicename', element: 'SERVICENAME', maxLength: 255 },
    // [Q] none means "All Ports".
    { param: 'port', element: 'PORT', kind: 'port' },
    { param: 'is_cdb', element: 'IS_CDB', kind: 'flag' },
    { param: 'pc_only', element: 'PC_ONLY', kind: 'flag' },
    ...TEMPLATE_FIELDS,
    // [Q parameter names from a public client's list of the VM/PC API User Guide's parameters]
    // the OS-level compliance checks and the Oracle files they read, on Windows and on Unix.
    { param: 'perform_windows_os_checks', element: 'PERFORM_WINDOWS_OS_CHECKS', kind: 'flag' },
    ...[
      'win_ora_home_name',
      'win_ora_home_path',
      'win_init_ora_path',
      'win_spfile_ora_path',
      'win_tnsnames_ora_path',
      'win_sqlnet_ora_path',
      'win_listener_ora_path',
    ].map(pathField),
    { param: 'perform_unix_os_checks', element: 'PERFORM_UNIX_OS_CHECKS', kind: 'flag' },
    { param: 'perform_unix_opatch_checks', element: 'PERFORM_UNIX_OPATCH_CHECKS', kind: 'flag' },
    ...[
      'unix_ora_home_path',
      'unix_init_ora_path',
      'unix_spfile_ora_path',
      'unix_tnsnames_ora_path',
      'unix_sqlnet_ora_path',
      'unix_listener_ora_path',
      'unix_invptrloc',
    ].map(pathField),
  ],
  rules: [
    PASSWORD_OR_VAULT,
    ...VAULT_LOGIN_RULES,
    { rule: 'exclusive', params: ['sid', 'servicename'] },
    { rule: 'requireOne', params: ['sid', 'servicename'] },
  ],
  listFilters: TEMPLATE_LIST_FILTERS,
});
