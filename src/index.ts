/** The package's programmatic interface. */
export { startEmulator, StartupError, type EmulatorHandle, type EmulatorOptions } from './server.js';
export { DEFAULTS, DEFAULT_USER, type Config, type User } from './settings/config.js';
export { loadConfig } from './settings/options.js';
export { SeedError, type SeedDocument, type SeedRecord, type SeedVault } from './controls/seed.js';
export type { FaultRule, FaultSet } from './controls/faults.js';
export type { JournalEntry, JournalFilter } from './controls/journal.js';
export { JsonError } from './http/json-errors.js';
