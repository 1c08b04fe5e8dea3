import { dockerType } from './docker.js';
import { oracleType } from './oracle.js';
import { oracleListenerType } from './oracle_listener.js';
import { oracleWeblogicType } from './oracle_weblogic.js';
import { unixType } from './unix.js';
import { windowsType } from './windows.js';
import type { RecordType } from '../record-type.js';

/**
 * Every record type the emulator serves, by name. Adding a type is adding its declaration here;
 * the generic list orders them by its own fixed order (generic-list.ts), not by this one.
 */
export const RECORD_TYPES: readonly RecordType[] = [
  dockerType,
  oracleListenerType,
  oracleType,
  oracleWeblogicType,
  unixType,
  windowsType,
];
