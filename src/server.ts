import { readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  ConfigError,
  configFromOptions,
  usesDefaultUser,
  type Config,
  type Durability,
  type EmulatorOptions,
  type ListenerSettings,
} from './settings/config.js';
import { isLoopback } from './host-names.js';
import { openDatabase } from './db/open.js';
import type { Database } from './db/connection.js';
import { isEmptyDatabase } from './db/empty.js';
import { createApp } from './app.js';
import type { XmlValidator } from './http/send.js';
import { readSeedFile } from './controls/seed.js';
import type { HostGeneration } from './hosts/family.js';
import type { Generated } from './hosts/host-service.js';
import type { SeedAnswer, SeedDocument } from './families.js';
import type { FaultRule, FaultSet } from './controls/faults.js';
import { parseAddedRules, parseFaultSet, removeFaultRule } from './controls/fault-input.js';
import type { JournalEntry, JournalFilter } from './controls/journal.js';
import { parseJournalFilter } from './controls/journal-requests.js';
import type { AccountJson, AccountState } from './controls/account-states.js';
import { OneAtATime } from './http/one-at-a-time.js';
import { RecordingError } from './conformance/har-file.js';
import type { ScanJson } from './scans/scans-view.js';
import type { ScanState } from './scans/scan.js';

export type { EmulatorOptions };

export interface EmulatorHandle {
  /** Base URL, e.g. `http://127.0.0.1:41234` (`https://` with TLS). */
  url: string;
  port: number;
  config: Config;
  /**
   * Back to an empty state: records, sessions, request journal, rate counters, fault rules and
   * account states; IDs restart at 1. Runtime settings changed through `/_emulator/config` are kept.
   */
  reset(): Promise<void>;
  /** Creates the document's records through the API's own validation, all or nothing (else a SeedError). */
  seed(doc: SeedDocument): Promise<SeedAnswer>;
  /**
   * The fault rules, as `/_emulator/faults` keeps them: each call resolves to the seed and the
   * rules in force, or rejects as the admin API refuses (a JsonError with its `status`, changing nothing).
   */
  faults: {
    get(): Promise<FaultSet>;
    /** `PUT`: replaces every rule, the PRNG restarting from the seed. */
    set(doc: { seed?: number; rules: readonly FaultRule[] }): Promise<FaultSet>;
    /** `POST`: adds rules after those in force. */
    add(rules: readonly FaultRule[]): Promise<FaultSet>;
    /** `DELETE /ID`: removes one rule; one not in force is a 404. */
    remove(id: number): Promise<FaultSet>;
    /** `DELETE`: removes every rule. */
    clear(): Promise<FaultSet>;
  };
  /**
   * Each configured user's account state, as `/_emulator/accounts` keeps it: a Qualys call from an
   * account that is not `active` gets what Qualys answers it (docs/controls.md, "Account states").
   * `set` rejects as the admin API refuses (a JsonError), changing nothing.
   */
  accounts: {
    get(): Promise<{ accounts: AccountJson[] }>;
    set(login: string, state: AccountState): Promise<{ accounts: AccountJson[] }>;
  };
  /**
   * Makes `count` made-up hosts with their detections, the same for the same `seed` byte for
   * byte, adding their IPs to the subscription (docs/controls.md, "Generated hosts"); rejects
   * as `POST /_emulator/hosts/generate` refuses (a JsonError), changing nothing.
   */
  generateHosts(generation: HostGeneration): Promise<Generated>;
  /**
   * The scans (docs/controls.md, "Scans"), each call doing what its `/_emulator/scans/...` control
   * does: move one a step on, force a state, make a technology fail on some hosts. A refusal
   * rejects with the control's JsonError (400), changing nothing.
   */
  scans: {
    step(ref: string): Promise<{ scan: ScanJson }>;
    force(ref: string, state: ScanState, options?: { processed?: boolean; subState?: string }): Promise<{ scan: ScanJson }>;
    failAuth(ref: string, technology: string, ips: string): Promise<{ scan: ScanJson }>;
  };
  /** The request journal, oldest first, filtered as `GET /_emulator/requests` filters it (`since` may be a Date). */
  requests(filter?: Omit<JournalFilter, 'since'> & { since?: string | Date }): Promise<JournalEntry[]>;
  /**
   * Stops listening, lets the requests in flight finish within `drainTimeout` (then cuts them and
   * rolls back their writes), ends the running tools (SIGTERM, SIGKILL after the grace), closes
   * the database.
   */
  close(): Promise<void>;
}

export class StartupError extends Error {}

async function loadValidator(): Promise<XmlValidator> {
  const { createDtdValidator } = await import('./xml-validation.js');
  return createDtdValidator();
}

/** [E] idle keep-alive connections close after this long, as Node's own default. */
const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/**
 * Limits that keep a slow or stalled client from holding a connection forever. Node checks the
 * header and request deadlines on a timer, so it ticks at least as often as the shorter one.
 */
function serverOptions(config: ListenerSettings): ServerOptions {
  const headersTimeout = Math.min(config.headersTimeout, config.requestTimeout);
  return {
    headersTimeout,
    requestTimeout: config.requestTimeout,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: Math.min(1_000, headersTimeout),
  };
}

function readPem(what: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new StartupError(`cannot read the TLS ${what} ${file}: ${(err as Error).message}`);
  }
}

/** `--generate-hosts SEED:COUNT`: a generation refused stops the start. */
async function generateFromSetting(value: string, generate: (g: HostGeneration) => unknown): Promise<void> {
  const m = value.match(/^(\d{1,10}):(\d{1,7})$/);
  try {
    if (!m) throw new Error('give SEED:COUNT, e.g. 42:10000');
    await generate({ seed: Number(m[1]), count: Number(m[2]) });
  } catch (err) {
    throw new StartupError(`--generate-hosts ${value}: ${(err as Error).message}`);
  }
}

/** `--seed FILE`: a file that cannot be read, is not JSON or is refused stops the start. */
function seedFromFile(file: string, seed: (doc: unknown) => unknown): void {
  try {
    seed(readSeedFile(file));
  } catch (err) {
    throw new StartupError(`--seed ${file}: ${(err as Error).message}`);
  }
}

/** The database, or a StartupError that names the file and says what is wrong with it. */
function openPreparedDatabase(file: string, durability: Durability): Database {
  try {
    return openDatabase(file, durability);
  } catch (err) {
    throw new StartupError(`cannot open the database ${file}: ${(err as Error).message}`);
  }
}

/** HTTPS when a certificate and key are configured, else HTTP; at most `--max-connections` open at once. */
function createListener(config: ListenerSettings, handler: RequestListener): Server {
  const server = createPlainOrTlsServer(config, handler);
  server.maxConnections = config.maxConnections;
  return server;
}

function createPlainOrTlsServer(config: ListenerSettings, handler: RequestListener): Server {
  const options = serverOptions(config);
  if (config.tlsCert === undefined || config.tlsKey === undefined) return createServer(options, handler);
  const tls = { cert: readPem('certificate', config.tlsCert), key: readPem('key', config.tlsKey) };
  try {
    return createTlsServer({ ...options, ...tls }, handler);
  } catch (err) {
    throw new StartupError(`cannot use the TLS certificate and key: ${(err as Error).message}`);
  }
}

/** The configuration of `options`, or a StartupError saying what is wrong with them. */
function startupConfig(options: EmulatorOptions): Config {
  try {
    return configFromOptions(options);
  } catch (err) {
    throw err instanceof ConfigError ? new StartupError(err.message) : err;
  }
}

/** Opens the database, builds the app and listens; resolves once connections are accepted. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const config = startupConfig(options);
  if (!isLoopback(config.host) && usesDefaultUser(config)) {
    throw new StartupError(`refusing to listen on ${config.host} with the default credential; give --user LOGIN:PASSWORD`);
  }
  const db = openPreparedDatabase(config.db, config.durability);
  const validateXml = config.validateXml ? await loadValidator() : undefined;
  let app: ReturnType<typeof createApp>;
  try {
    app = createApp({ config, database: db, validateXml });
  } catch (err) {
    db.close();
    throw err instanceof RecordingError ? new StartupError(err.message) : err;
  }
  const { controls } = app;
  // Records seeded from code or a file are owned by the first configured user.
  const owner = config.users[0].login;
  const seed = (doc: unknown) => controls.seed(doc, owner);
  let server: Server;
  let answering: OneAtATime;
  try {
    // [E] a seed is a starting point: a database that already holds data (a restart on the same
    // --db file) keeps it, and is not seeded again.
    const empty = isEmptyDatabase(db.connection);
    if (config.seedFile && empty) {
      seedFromFile(config.seedFile, seed);
      // in the file before the server says it is listening
      db.commits.flush();
    }
    if (config.generateHosts && empty) {
      await generateFromSetting(config.generateHosts, (g) => controls.run('hosts/generate', g));
      db.commits.flush();
    }
    answering = new OneAtATime(app.callback(), config);
    server = createListener(config, answering.listener);
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
  const url = `${config.tlsCert ? 'https' : 'http'}://${host}:${port}`;
  // a JSON round trip, as the admin API's body and answer are: undefined fields dropped, copies returned
  const scanControl = async (path: string, body: Record<string, unknown>) => {
    const answer = structuredClone(controls.run(path, JSON.parse(JSON.stringify(body)))) as { scan: ScanJson };
    await db.commits.settled();
    return answer;
  };
  return {
    url,
    port,
    config,
    async reset() {
      controls.reset();
    },
    async seed(doc) {
      // the sections of the registry's families, which SeedAnswer names
      const created = seed(doc) as unknown as SeedAnswer;
      // answered, like a request, once committed
      await db.commits.settled();
      return created;
    },
    async generateHosts(generation) {
      const made = (await controls.run('hosts/generate', generation)) as Generated;
      await db.commits.settled();
      return made;
    },
    faults: {
      get: async () => controls.faults.json(),
      // read as the admin API reads its JSON, so a refusal is the same JsonError
      set: async (doc) => controls.faults.replace(parseFaultSet(doc)),
      add: async (rules) => controls.faults.add(parseAddedRules({ rules }, controls.faults.inForce)),
      remove: async (id) => removeFaultRule(controls.faults, String(id)),
      clear: async () => controls.faults.clear(),
    },
    accounts: {
      get: async () => controls.accounts.json(),
      set: async (login, state) => controls.accounts.set(login, { state }),
    },
    scans: {
      step: async (ref) => scanControl('scans/step', { ref }),
      force: async (ref, state, options = {}) => scanControl('scans/force', { ref, state, processed: options.processed, sub_state: options.subState }),
      failAuth: async (ref, technology, ips) => scanControl('scans/auth', { ref, technology, ips, status: 'Failed' }),
    },
    async requests(filter = {}) {
      // the admin API's checks, on the filter as its query would give it (a Date as ISO time)
      const asQuery = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
      const query = Object.fromEntries(
        Object.entries(filter)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, asQuery(v)]),
      );
      // copies, as the admin API's JSON is: a caller changing an entry must not change the journal
      return structuredClone(controls.journal.query(parseJournalFilter(query)));
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        // New connections are refused and idle ones closed; the others close once their answer
        // is taken, the requests queued on them dropped undone.
        answering.stop();
        const drained = new Promise<void>((done) => server.close(() => done()));
        // Tools run detached in groups of their own, so nothing else would end them; their
        // requests are answered once they have ended.
        const toolsEnded = app.stopTools();
        const cut = setTimeout(() => {
          // Past the drain the remaining connections are cut, so the writes waiting for their
          // COMMIT could never be answered: they are rolled back, and nothing more is written.
          server.closeAllConnections();
          db.commits.abandon();
        }, config.drainTimeout);
        void Promise.all([drained, toolsEnded]).then(() => {
          clearTimeout(cut);
          answering.close();
          app.conformance.close();
          db.close();
          resolve();
        });
      });
      return closing;
    },
  };
}
