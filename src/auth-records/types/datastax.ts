import { declareRecordType } from '../record-type.js';
import { CASSANDRA_FIELDS, CASSANDRA_RULES } from './cassandra.js';

/** [Q] /api/2.0/fo/auth/datastax/: DataStax instances (PC); the Cassandra page's parameters. */
export const datastaxType = declareRecordType({
  name: 'datastax',
  source: 'https://docs.qualys.com/en/vm/qweb-all-api/mergedProjects/qapi-auth/record_types/dataStax_Record.htm',
  fields: CASSANDRA_FIELDS,
  rules: CASSANDRA_RULES,
});
