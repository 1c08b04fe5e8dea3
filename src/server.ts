import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULTS, isLoopback, usesDefaultUser, type Config } from './config.js';
import { openDatabase } from './db/open.js';
import { createApp } from './app.js';
import type { XmlValidator } from './http/send.js';

/** Options of `startEmulator`: any part of Config. Programmatic use defaults to port 0 and `:memory:`. */
export type EmulatorOptions = Partial<Config>;

export interface EmulatorHandle {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  config: Config;
  close(): Promise<void>;
}

export class StartupError extends Error {}

async function loadValidator(): Promise<XmlValidator> {
  const { createDtdValidator } = await import('./xml-validation.js');
  return createDtdValidator();
}

/** Opens the database, builds the app and listens; resolves once connections are accepted. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const config: Config = { ...DEFAULTS, port: 0, db: ':memory:', ...options };
  if (!isLoopback(config.host) && usesDefaultUser(config)) {
    throw new StartupError(`refusing to listen on ${config.host} with the default credential; give --user LOGIN:PASSWORD`);
  }
  const db = openDatabase(config.db);
  const validateXml = config.validateXml ? await loadValidator() : undefined;
  const app = createApp({ config, db, validateXml });
  const server: Server = createServer(app.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  }).catch((err) => {
    db.close();
    throw err;
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    config,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
