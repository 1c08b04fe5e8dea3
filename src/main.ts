import { ConfigError, DEFAULT_USER, usesDefaultUser } from './settings/config.js';
import { loadConfig } from './settings/options.js';
import { startEmulator, StartupError } from './server.js';

/**
 * [E] The exit status of every start that fails, whatever failed: an option, a combination of
 * them, a file, the port, the database or the seed (docs/configuration.md, "The program").
 */
const START_FAILED = 1;

/** The program: the only reader of argv and the environment. */
async function main(): Promise<void> {
  const loaded = loadConfig(process.argv.slice(2), process.env);
  if (loaded.kind === 'help') {
    process.stdout.write(loaded.text);
    return;
  }
  const { config } = loaded;
  const emulator = await startEmulator(config);
  // once started, so that a start that fails says one thing only
  if (usesDefaultUser(config)) {
    console.error(`qualys-emulator: using the default credential ${DEFAULT_USER.login}:${DEFAULT_USER.password} (set --user to change it)`);
  }
  console.log(`Qualys emulator listening on ${emulator.url}`);
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The one line a failed start prints: what is wrong, never a stack trace. */
function failure(err: unknown): string {
  const message = (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');
  const worded = err instanceof ConfigError || err instanceof StartupError || (err as NodeJS.ErrnoException)?.code === 'EADDRINUSE';
  return `qualys-emulator: ${worded ? '' : 'failed to start: '}${message}`;
}

main().catch((err: unknown) => {
  console.error(failure(err));
  process.exitCode = START_FAILED;
});
