import { ConfigError, DEFAULT_USER, usesDefaultUser } from './settings/config.js';
import { type LoadResult, loadConfig } from './settings/options.js';
import { type EmulatorHandle, startEmulator, StartupError } from './server.js';

/** The program: the only reader of argv and the environment. */
async function main(): Promise<number | undefined> {
  let loaded: LoadResult;
  try {
    loaded = loadConfig(process.argv.slice(2), process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`qualys-emulator: ${err.message}`);
      return 2;
    }
    throw err;
  }
  if (loaded.kind === 'help') {
    process.stdout.write(loaded.text);
    return 0;
  }
  const { config } = loaded;
  if (usesDefaultUser(config)) {
    console.error(`qualys-emulator: using the default credential ${DEFAULT_USER.login}:${DEFAULT_USER.password} (set --user to change it)`);
  }
  let emulator: EmulatorHandle;
  try {
    emulator = await startEmulator(config);
  } catch (err) {
    if (err instanceof StartupError || (err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`qualys-emulator: ${(err as Error).message}`);
      return 1;
    }
    throw err;
  }
  console.log(`Qualys emulator listening on ${emulator.url}`);
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return undefined;
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (err) => {
    // one line that says what is wrong, never a stack trace
    console.error(`qualys-emulator: failed to start: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
