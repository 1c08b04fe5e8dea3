import { apacheType } from './apache.js';
import { cassandraType } from './cassandra.js';
import { datastaxType } from './datastax.js';
import { dockerType } from './docker.js';
import { httpType } from './http.js';
import { ibmDb2Type } from './ibm_db2.js';
import { ibmWebsphereType } from './ibm_websphere.js';
import { informixdbType } from './informixdb.js';
import { jbossType } from './jboss.js';
import { kubernetesType } from './kubernetes.js';
import { mariadbType } from './mariadb.js';
import { mongodbType } from './mongodb.js';
import { msExchangeType } from './ms_exchange.js';
import { msIisType } from './ms_iis.js';
import { msSqlType } from './ms_sql.js';
import { mysqlType } from './mysql.js';
import { neo4jType } from './neo4j.js';
import { networkSshType } from './network_ssh.js';
import { nginxType } from './nginx.js';
import { nsxType } from './nsx.js';
import { oracleType } from './oracle.js';
import { oracleListenerType } from './oracle_listener.js';
import { oracleWeblogicType } from './oracle_weblogic.js';
import { paloAltoFirewallType } from './palo_alto_firewall.js';
import { postgresqlType } from './postgresql.js';
import { sapHanaType } from './sap_hana.js';
import { sapiqType } from './sapiq.js';
import { snmpType } from './snmp.js';
import { sybaseType } from './sybase.js';
import { tomcatType } from './tomcat.js';
import { unixType } from './unix.js';
import { vcenterType } from './vcenter.js';
import { vmwareType } from './vmware.js';
import { windowsType } from './windows.js';
import type { RecordType } from '../record-type.js';

/**
 * Every record type the emulator serves, by name. Adding a type is adding its declaration here;
 * the generic list orders them by its own fixed order (generic-list.ts), not by this one.
 */
export const RECORD_TYPES: readonly RecordType[] = [
  apacheType,
  cassandraType,
  datastaxType,
  dockerType,
  httpType,
  ibmDb2Type,
  ibmWebsphereType,
  informixdbType,
  jbossType,
  kubernetesType,
  mariadbType,
  mongodbType,
  msExchangeType,
  msIisType,
  msSqlType,
  mysqlType,
  neo4jType,
  networkSshType,
  nginxType,
  nsxType,
  oracleListenerType,
  oracleType,
  oracleWeblogicType,
  paloAltoFirewallType,
  postgresqlType,
  sapHanaType,
  sapiqType,
  snmpType,
  sybaseType,
  tomcatType,
  unixType,
  vcenterType,
  vmwareType,
  windowsType,
];
