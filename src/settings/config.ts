/**
 * The emulator's configuration: what it holds, its defaults, the bounds of its numbers and the
 * checks a whole configuration must pass. How flags and variables become one is
 * src/settings/options.ts, where each option is declared once for `--help` and docs/configuration.md.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHostName } from '../host-names.js';

/** What an answered write survives (docs/architecture.md, Durability). */
export const DURABILITIES = ['process', 'full'] as const;
export type Durability = (typeof DURABILITIES)[number];

export interface User {
  login: string;
  password: string;
}

export interface Config {
  host: string;
  /** 0 means any free port. */
  port: number;
  /** A SQLite file path, or `:memory:`. */
  db: string;
  /**
   * What an acknowledged write survives: `process`, the emulator's own death (crash, SIGKILL);
   * `full`, also a power cut or OS crash, at an fsync per write (docs/architecture.md, Durability).
   */
  durability: Durability;
  users: User[];
  /** Base URL for self-references (DOCTYPE, RESOURCE, next-page URL); else the request's own. */
  publicUrl?: string;
  /** Host names answered besides loopback ones and the --public-url host (docs/security.md). */
  allowedHosts: string[];
  /** Validate every XML response against its DTD at run time (a failure becomes a logged 999). */
  validateXml: boolean;
  /** Largest accepted request body, in bytes. */
  maxBody: number;
  /** Records per list response before the 1980 warning [Q: 1000]. */
  pageSize: number;
  /** Network IDs a record's network_id may name besides 0; empty: the networks feature is off. */
  networks: number[];
  /** [Q] every v2 call needs X-Requested-With; a switch may turn the check off. */
  requireXRequestedWith: boolean;
  /**
   * [Q] records of the types that need host records (Docker: Unix; databases and applications:
   * Unix or Windows) must have their IPs covered by them (1905 otherwise).
   */
  requireHostRecord: boolean;
  /** Idle seconds after which a session cookie stops working. */
  sessionTimeout: number;
  /** PEM files; both given means HTTPS instead of HTTP. */
  tlsCert?: string;
  tlsKey?: string;
  /** kube-bench executable; undefined: looked up on PATH at each request. */
  kubeBenchBin?: string;
  /** docker-bench-security script; undefined: looked up on PATH at each request. */
  dockerBenchBin?: string;
  /** Seconds a tool may run before its process group is ended. */
  toolTimeout: number;
  /** Seconds between SIGTERM and SIGKILL when a tool is ended. */
  toolKillGrace: number;
  /** Bytes kept of a tool's stdout, and of its stderr. */
  toolOutputCap: number;
  /** Where each tool run gets its private directory, and where `output_file` must lie. */
  toolOutputDir: string;
  /** Directories a kube-bench request may name as `config_dir`; none by default. */
  kubeBenchConfigDirs: string[];
  /** [Q] docs/fidelity.md §8: refuse calls over the limits (409, 1960/1965); off, the headers are still sent. */
  enforceRateLimits: boolean;
  /** [Q] calls per user per endpoint in a rolling window (300 / 3600 s). */
  rateLimit: { calls: number; windowSec: number };
  /** [Q] calls of one user to one endpoint running at once (2). */
  concurrencyLimit: number;
  /** A JSON seed document (`{"records": [...]}`) loaded at start-up. */
  seedFile?: string;
  /** Milliseconds a client has to send its request headers; a slower one gets 408 and is cut off. */
  headersTimeout: number;
  /** Milliseconds a client has to send its whole request, headers and body. */
  requestTimeout: number;
  /** Connections open at once; one more is closed as it arrives, so bodies in flight stay bounded. */
  maxConnections: number;
}

export const DEFAULT_USER: User = { login: 'qualys', password: 'qualys' };

export const DEFAULTS: Config = {
  host: '127.0.0.1',
  port: 8780,
  db: 'data/qualys-emulator.sqlite',
  durability: 'process',
  users: [DEFAULT_USER],
  allowedHosts: [],
  validateXml: false,
  maxBody: 1024 * 1024,
  pageSize: 1000,
  networks: [],
  requireXRequestedWith: true,
  requireHostRecord: false,
  // [E] Qualys does not publish its idle timeout; one hour.
  sessionTimeout: 3600,
  toolTimeout: 300,
  toolKillGrace: 5,
  toolOutputCap: 1024 * 1024,
  toolOutputDir: join(tmpdir(), 'qualys-emulator-tools'),
  kubeBenchConfigDirs: [],
  enforceRateLimits: false,
  rateLimit: { calls: 300, windowSec: 3600 },
  concurrencyLimit: 2,
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  // [E] far more than any test harness opens, and with --max-body at most 256 MiB of bodies in flight
  maxConnections: 256,
};

export class ConfigError extends Error {}

/**
 * A numeric setting's range, whichever way it arrives (flag, variable, `startEmulator` option, or
 * `/_emulator/config` for the runtime settings).
 */
export interface Bounds {
  min: number;
  max: number;
  /** Seconds may have fractions; everything else is a whole number. */
  fractions?: boolean;
  /** The minimum itself is excluded (a timeout of 0 s means nothing). */
  above?: boolean;
}

const whole = (min: number, max: number): Bounds => ({ min, max });
const secondsUpTo = (max: number): Bounds => ({ min: 0, max, fractions: true, above: true });

export const BOUNDS = {
  port: whole(0, 65535),
  maxBody: whole(1, 2 ** 31),
  pageSize: whole(1, 1_000_000),
  sessionTimeout: whole(1, 31_536_000),
  toolTimeout: secondsUpTo(86400),
  toolKillGrace: secondsUpTo(600),
  toolOutputCap: whole(1, 256 * 1024 * 1024),
  concurrencyLimit: whole(1, 10_000),
  headersTimeout: whole(1, 3_600_000),
  requestTimeout: whole(1, 3_600_000),
  maxConnections: whole(1, 1_000_000),
} satisfies Partial<Record<keyof Config, Bounds>>;
export const RATE_BOUNDS = { calls: whole(1, 1_000_000), windowSec: whole(1, 31_536_000) };
export const NETWORK_ID = whole(1, 2 ** 31 - 1);

export function inBounds(n: number, b: Bounds): boolean {
  return Number.isFinite(n) && (b.fractions || Number.isInteger(n)) && (b.above ? n > b.min : n >= b.min) && n <= b.max;
}

export function describeBounds(b: Bounds): string {
  return b.fractions ? `a number of seconds above ${b.min} and at most ${b.max}` : `a whole number from ${b.min} to ${b.max}`;
}

export const HOST_NAMES_RULE = 'host names or addresses without a port, e.g. ci.example,10.0.0.5';

/**
 * The first problem with a whole configuration, or undefined. Flags and variables are checked as
 * they are read; this also holds `startEmulator` options, which arrive already typed, to the
 * same rules, and sees what no single option can.
 */
export function configProblem(config: Config): string | undefined {
  if (!Array.isArray(config.users) || config.users.length === 0) return 'users must name at least one login:password';
  for (const u of config.users) {
    if (typeof u?.login !== 'string' || u.login === '' || u.login.includes(':') || typeof u.password !== 'string' || u.password === '') {
      return `users must be non-empty logins (without ':') with non-empty passwords, got ${JSON.stringify(u)}`;
    }
  }
  for (const [key, bounds] of Object.entries(BOUNDS) as [keyof typeof BOUNDS, Bounds][]) {
    if (!inBounds(config[key], bounds)) return `${key} must be ${describeBounds(bounds)}, got ${JSON.stringify(config[key])}`;
  }
  for (const [key, bounds] of Object.entries(RATE_BOUNDS) as [keyof typeof RATE_BOUNDS, Bounds][]) {
    if (!inBounds(config.rateLimit?.[key], bounds)) return `rateLimit.${key} must be ${describeBounds(bounds)}, got ${JSON.stringify(config.rateLimit?.[key])}`;
  }
  if (!Array.isArray(config.networks) || !config.networks.every((id) => inBounds(id, NETWORK_ID))) {
    return `networks must be network IDs, ${describeBounds(NETWORK_ID)}, got ${JSON.stringify(config.networks)}`;
  }
  if (!Array.isArray(config.allowedHosts) || !config.allowedHosts.every((h) => typeof h === 'string' && isHostName(h))) {
    return `allowedHosts must be ${HOST_NAMES_RULE}, got ${JSON.stringify(config.allowedHosts)}`;
  }
  if (!DURABILITIES.includes(config.durability)) return `durability must be one of ${DURABILITIES.join(', ')}, got ${JSON.stringify(config.durability)}`;
  if ((config.tlsCert === undefined) !== (config.tlsKey === undefined)) return '--tls-cert and --tls-key must be given together';
  return undefined;
}

export function usesDefaultUser(config: Pick<Config, 'users'>): boolean {
  return config.users.some((u) => u.login === DEFAULT_USER.login && u.password === DEFAULT_USER.password);
}
