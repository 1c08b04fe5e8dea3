import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { PASSWORD_OR_VAULT, pathField } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/ibm_db2/: DB2 instances (VM, PC). An instance is an IP and port for
 * vulnerability scans, an IP, port and database for compliance scans (`pc_only=1`).
 */
export const ibmDb2Type = declareRecordType({
  name: 'ibm_db2',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/ibmdb2.htm',
  fields: [
    // [Q] "A maximum of 13 characters (ascii)".
    { param: 'username', element: 'USERNAME', maxLength: 13, required: true },
    // [Q] the vaults this page names for DB2.
    ...vaultLoginFields.map((f) =>
      f.param === 'vault_type'
        ? {
            ...f,
            kind: 'enum' as const,
            values: [
              'ARCON PAM',
              'CA Access Control',
              'CyberArk AIM',
              'CyberArk PIM Suite',
              'HashiCorp',
              'Lieberman ERPM',
              'Quest Vault',
              'Thycotic Secret Server',
            ],
          }
        : f,
    ),
    { param: 'pc_only', element: 'PC_ONLY', kind: 'flag' },
    // [Q] "A maximum of 8 characters (ascii)"; database and port are required to create.
    { param: 'database', element: 'DATABASE', maxLength: 8, required: true },
    { param: 'port', element: 'PORT', kind: 'port', required: true },
    // [Q] the DB2 runtime library, for OS-dependent compliance checks.
    { param: 'win_db2dir', element: 'WIN_DB2DIR' },
    { param: 'unix_db2dir', element: 'UNIX_DB2DIR' },
    // [Q parameter names from a public client's list of the VM/PC API User Guide's parameters]
    // the primary, secondary, tertiary and mirror archive-log paths.
    ...['win_prilogfile', 'win_seclogfile', 'win_terlogfile', 'win_mirlogfile'].map(pathField),
    ...['unix_prilogfile', 'unix_seclogfile', 'unix_terlogfile', 'unix_mirlogfile'].map(pathField),
  ],
  rules: [PASSWORD_OR_VAULT, ...VAULT_LOGIN_RULES],
});
