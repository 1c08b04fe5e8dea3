import { dockerType } from './docker.js';
import { ibmDb2Type } from './ibm_db2.js';
import { informixdbType } from './informixdb.js';
import { mariadbType } from './mariadb.js';
import { mongodbType } from './mongodb.js';
import { msSqlType } from './ms_sql.js';
import { mysqlType } from './mysql.js';
import { neo4jType } from './neo4j.js';
import { oracleType } from './oracle.js';
import { oracleListenerType } from './oracle_listener.js';
import { oracleWeblogicType } from './oracle_weblogic.js';
import { postgresqlType } from './postgresql.js';
import { sapHanaType } from './sap_hana.js';
import { sapiqType } from './sapiq.js';
import { sybaseType } from './sybase.js';
import { unixType } from './unix.js';
import { windowsType } from './windows.js';
import type { RecordType } from '../record-type.js';

/**
 * Every record type the emulator serves, by name. Adding a type is adding its declaration here;
 * the generic list orders them by its own fixed order (generic-list.ts), not by this one.
 */
export const RECORD_TYPES: readonly RecordType[] = [
  dockerType,
  ibmDb2Type,
  informixdbType,
  mariadbType,
  mongodbType,
  msSqlType,
  mysqlType,
  neo4jType,
  oracleListenerType,
  oracleType,
  oracleWeblogicType,
  postgresqlType,
  sapHanaType,
  sapiqType,
  sybaseType,
  unixType,
  windowsType,
];
