import { readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { configProblem, DEFAULTS, isLoopback, usesDefaultUser, type Config } from './config.js';
import { openDatabase } from './db/open.js';
import { createApp } from './app.js';
import type { XmlValidator } from './http/send.js';

/** Options of `startEmulator`: any part of Config. Programmatic use defaults to port 0 and `:memory:`. */
export type EmulatorOptions = Partial<Config>;

export interface EmulatorHandle {
  /** Base URL, e.g. `http://127.0.0.1:41234` (`https://` with TLS). */
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

function readPem(what: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new StartupError(`cannot read the TLS ${what} ${file}: ${(err as Error).message}`);
  }
}

/** HTTPS when a certificate and key are configured, else HTTP. */
function createListener(config: Config, handler: RequestListener): Server {
  if (config.tlsCert === undefined || config.tlsKey === undefined) return createServer(handler);
  const tls = { cert: readPem('certificate', config.tlsCert), key: readPem('key', config.tlsKey) };
  try {
    return createTlsServer(tls, handler);
  } catch (err) {
    throw new StartupError(`cannot use the TLS certificate and key: ${(err as Error).message}`);
  }
}

/** Opens the database, builds the app and listens; resolves once connections are accepted. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const config: Config = { ...DEFAULTS, port: 0, db: ':memory:', ...options };
  if (!isLoopback(config.host) && usesDefaultUser(config)) {
    throw new StartupError(`refusing to listen on ${config.host} with the default credential; give --user LOGIN:PASSWORD`);
  }
  const problem = configProblem(config);
  if (problem) throw new StartupError(problem);
  const db = openDatabase(config.db);
  const validateXml = config.validateXml ? await loadValidator() : undefined;
  const app = createApp({ config, db, validateXml });
  let server: Server;
  try {
    server = createListener(config, app.callback());
  } catch (err) {
    db.close();
    throw err;
  }
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
    url: `${config.tlsCert ? 'https' : 'http'}://${host}:${port}`,
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
