/** The package's programmatic interface. */
export { startEmulator, StartupError, type EmulatorHandle, type EmulatorOptions } from './server.js';
export { loadConfig, DEFAULTS, DEFAULT_USER, type Config, type User } from './config.js';
