import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { PASSWORD_OR_VAULT, usernameField } from './shared-fields.js';

/** [Q] /api/2.0/fo/auth/neo4j/: Neo4j databases (PC). */
export const neo4jType = declareRecordType({
  name: 'neo4j',
  source: 'https://qualysguard.qg2.apps.qualys.com/qwebhelp/fo_portal/api_doc/scanauth/record_types/neo4j.htm',
  fields: [
    usernameField(),
    ...vaultLoginFields,
    // [Q] "a maximum of 255 multi-byte characters".
    { param: 'database', element: 'DATABASE', maxLength: 255 },
    // [Q] "Required to create record"; 7687 in the online help's words.
    { param: 'port', element: 'PORT', kind: 'port', required: true },
  ],
  rules: [PASSWORD_OR_VAULT, ...VAULT_LOGIN_RULES],
});
