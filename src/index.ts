/** The package's programmatic interface. */
export { startEmulator, StartupError, type EmulatorHandle, type EmulatorOptions } from './server.js';
export { DEFAULTS, DEFAULT_USER, type Config, type User } from './config.js';
export { loadConfig } from './config-options.js';
export { SeedError, type SeedDocument, type SeedRecord, type SeedVault } from './emulator/seed.js';
export type { FaultRule, FaultSet } from './emulator/faults.js';
export type { JournalEntry, JournalFilter } from './emulator/journal.js';
export { JsonError } from './http/json-errors.js';
