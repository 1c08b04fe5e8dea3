import { declareRecordType } from '../record-type.js';

/**
 * [Q] /api/2.0/fo/auth/oracle_listener/ is on the list page; [E] its own page was not found, so
 * only the listener password (the Oracle Listener record's one credential) is declared.
 */
export const oracleListenerType = declareRecordType({
  name: 'oracle_listener',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_list/list_record_types.htm',
  fields: [{ param: 'password', kind: 'secret', maxLength: 100 }],
});
