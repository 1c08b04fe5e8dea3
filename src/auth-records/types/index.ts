import { dockerType } from './docker.js';
import { unixType } from './unix.js';
import type { RecordType } from '../record-type.js';

/**
 * Every record type the emulator serves. Adding a type is adding its declaration here; the order
 * is the order of the generic list's AUTH_<TYPE>_RECORDS [Q: Unix first].
 */
export const RECORD_TYPES: readonly RecordType[] = [unixType, dockerType];
