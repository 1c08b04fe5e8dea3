import { declareRecordType } from '../record-type.js';

/**
 * [Q] /api/2.0/fo/auth/oracle_weblogic/ is on the list page; [E] its own page was not found, so
 * the record holds only what every record has (title, IPs, comments, network).
 */
export const oracleWeblogicType = declareRecordType({
  name: 'oracle_weblogic',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_list/list_record_types.htm',
  fields: [],
});
