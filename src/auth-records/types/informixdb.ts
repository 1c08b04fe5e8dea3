import { declareRecordType } from '../record-type.js';
import { VAULT_LOGIN_RULES, vaultLoginFields } from './login.js';
import { PASSWORD_OR_VAULT, SSL_VERIFY_FIELDS, usernameField } from './shared-fields.js';

/**
 * [Q] /api/2.0/fo/auth/informixdb/: InformixDB over DRDA (PC). The page's opening names
 * ssl_verify and hosts; [E] database and port are named as on the other database pages, and the
 * database server's name, which the online help also asks for, is not declared (its parameter
 * name is not known).
 */
export const informixdbType = declareRecordType({
  name: 'informixdb',
  source: 'https://qualysguard.qg2.apps.qualys.com/qwebhelp/fo_portal/api_doc/scanauth/record_types/informixdb.htm',
  fields: [
    usernameField(),
    ...vaultLoginFields,
    ...SSL_VERIFY_FIELDS,
    { param: 'database', element: 'DATABASE', maxLength: 255 },
    { param: 'port', element: 'PORT', kind: 'port' },
  ],
  rules: [PASSWORD_OR_VAULT, ...VAULT_LOGIN_RULES],
  // [Q] "The IP addresses you define in your InformixDB records must be defined in Unix records."
  hostRecord: { coveredBy: ['unix'], label: 'Unix' },
});
