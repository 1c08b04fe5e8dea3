import { dockerType } from './docker.js';
import type { RecordType } from '../record-type.js';

/** Every record type the emulator serves. Adding a type is adding its declaration here. */
export const RECORD_TYPES: readonly RecordType[] = [dockerType];
