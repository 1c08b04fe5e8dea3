import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { PASSWORD_OR_VAULT, usernameField } from './shared-fields.js';

/** [Q] /api/2.0/fo/auth/sybase/: Sybase Adaptive Server Enterprise instances (PC). */
export const sybaseType = declareRecordType({
  name: 'sybase',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/sybase.htm',
  fields: [
    usernameField(),
    ...vaultLoginFields,
    { param: 'port', element: 'PORT', kind: 'port', required: true },
    // [Q] "you must either enter a database name or enable auto discover databases".
    { param: 'database', element: 'DATABASE', maxLength: 255 },
    { param: 'auto_discover_databases', element: 'AUTO_DISCOVER_DATABASES', kind: 'flag' },
    // [Q] required to create a record that scans Unix hosts (declared-but-unsupported: the
    // emulator cannot know the hosts' OS, so never requires it).
    { param: 'installation_dir', element: 'INSTALLATION_DIR' },
    { param: 'password_encryption', element: 'PASSWORD_ENCRYPTION', kind: 'flag' },
  ],
  rules: [
    PASSWORD_OR_VAULT,
    ...VAULT_LOGIN_RULES,
    { rule: 'exclusive', params: ['database', 'auto_discover_databases'] },
    { rule: 'requireOne', params: ['database', 'auto_discover_databases'] },
  ],
});
