/** The package's programmatic interface. */
export { startEmulator, StartupError, type EmulatorHandle, type EmulatorOptions } from './server.js';
export { DEFAULTS, DEFAULT_USER, type Config, type User } from './settings/config.js';
export { loadConfig } from './settings/options.js';
export { SeedError } from './controls/seed.js';
export type { SeedAnswer, SeedDocument } from './families.js';
export type { SeedRecord } from './auth-records/record-seed.js';
export type { SeedVault } from './vaults/family.js';
export type { SeedNetwork } from './networks/family.js';
export type { SeedIps } from './asset-ips/family.js';
export type { SeedExcludedIps } from './excluded-ips/family.js';
export type { SeedScan } from './scans/family.js';
export type { SeedScanSchedule } from './scan-schedules/family.js';
export type { ScanJson } from './scans/scans-view.js';
export type { ScanState } from './scans/scan.js';
export type { FaultRule, FaultSet } from './controls/faults.js';
export type { JournalEntry, JournalFilter } from './controls/journal.js';
export { ACCOUNT_STATES, type AccountJson, type AccountState } from './controls/account-states.js';
export { JsonError } from './http/json-errors.js';
