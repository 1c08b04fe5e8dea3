import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../../src/db/connection.js';
import { afterAll } from 'vitest';
import { createApp, type AppDeps, type EmulatorApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/open.js';
import { DEFAULTS } from '../../src/settings/config.js';
import { USER } from './emulator.js';

/**
 * An app built by `createApp` itself, on `:memory:` SQLite, served on a free loopback port for
 * the calling test file and closed after it: for a test that gives the app what `startEmulator`
 * does not take (its own families), or looks into its database.
 */
export async function serveApp(deps: Omit<AppDeps, 'config' | 'database'> = {}): Promise<{ url: string; app: EmulatorApp; db: Db }> {
  const database = openDatabase(':memory:');
  const app = createApp({ config: { ...DEFAULTS, users: [USER] }, database, ...deps });
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    database.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, app, db: database.connection };
}
