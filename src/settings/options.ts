/**
 * The options: each declared once below, read from the environment then argv by a pure function;
 * `--help` and the table of docs/configuration.md (`npm run docs`) are written from the same
 * declarations. What the resulting configuration holds is src/settings/config.ts.
 */
import { isHostName } from '../host-names.js';
import {
  BOUNDS,
  ConfigError,
  configProblem,
  DEFAULT_USER,
  DEFAULTS,
  describeBounds,
  DURABILITIES,
  type Durability,
  HOST_NAMES_RULE,
  inBounds,
  NETWORK_ID,
  RATE_BOUNDS,
  type Bounds,
  type Config,
  type User,
} from './config.js';

interface OptionSpec {
  flag: string;
  env: string;
  arg?: string;
  description: string;
  /** Applies one value; `undefined` for a switch given without a value. */
  apply(config: Config, value: string | undefined, name: string): void;
  repeatable?: boolean;
}

function number(name: string, value: string | undefined, b: Bounds): number {
  const shape = b.fractions ? /^\d+(\.\d+)?$/ : /^\d+$/;
  if (value === undefined || !shape.test(value) || !inBounds(+value, b)) {
    throw new ConfigError(`${name} must be ${describeBounds(b)}, got ${JSON.stringify(value)}`);
  }
  return +value;
}

function bool(name: string, value: string | undefined): boolean {
  if (value === undefined || /^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(value)}`);
}

function required(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new ConfigError(`${name} needs a value`);
  return value;
}

function durability(name: string, value: string | undefined): Durability {
  const found = DURABILITIES.find((d) => d === value);
  if (found === undefined) throw new ConfigError(`${name} must be one of ${DURABILITIES.join(', ')}, got ${JSON.stringify(value)}`);
  return found;
}

function networkIds(name: string, value: string | undefined): number[] {
  const ids = required(name, value).split(',').map((v) => number(name, v.trim(), NETWORK_ID));
  return [...new Set(ids)].sort((a, b) => a - b);
}

function parseUser(name: string, value: string | undefined): User {
  const text = required(name, value);
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) throw new ConfigError(`${name} must be login:password, got ${JSON.stringify(text)}`);
  return { login: text.slice(0, colon), password: text.slice(colon + 1) };
}


function hostNames(name: string, value: string | undefined): string[] {
  const hosts = required(name, value).split(',').map((h) => h.trim()).filter((h) => h !== '');
  const bad = hosts.find((h) => !isHostName(h));
  if (hosts.length === 0 || bad !== undefined) throw new ConfigError(`${name} must be ${HOST_NAMES_RULE}, got ${JSON.stringify(bad ?? value)}`);
  return hosts;
}

function parseRate(name: string, value: string | undefined): Config['rateLimit'] {
  const match = /^(\d+)\/(\d+)$/.exec(required(name, value));
  if (!match) throw new ConfigError(`${name} must be CALLS/SECONDS, e.g. 300/3600, got ${JSON.stringify(value)}`);
  return { calls: number(name, match[1], RATE_BOUNDS.calls), windowSec: number(name, match[2], RATE_BOUNDS.windowSec) };
}

export const OPTIONS: OptionSpec[] = [
  {
    flag: '--host', env: 'QUALYS_EMULATOR_HOST', arg: 'HOST',
    description: `Address to listen on (default ${DEFAULTS.host}). A non-loopback address needs --user.`,
    apply: (c, v, n) => { c.host = required(n, v); },
  },
  {
    flag: '--port', env: 'QUALYS_EMULATOR_PORT', arg: 'PORT',
    description: `Port to listen on; 0 picks any free port (default ${DEFAULTS.port}).`,
    apply: (c, v, n) => { c.port = number(n, v, BOUNDS.port); },
  },
  {
    flag: '--db', env: 'QUALYS_EMULATOR_DB', arg: 'FILE',
    description: `SQLite database file, created on demand, or :memory: (default ${DEFAULTS.db}).`,
    apply: (c, v, n) => { c.db = required(n, v); },
  },
  {
    flag: '--durability', env: 'QUALYS_EMULATOR_DURABILITY', arg: 'MODE',
    description: `What an answered write survives: process (a crash or SIGKILL of the emulator) or full (also a power cut, at an fsync per write, which makes creates several times slower) (default ${DEFAULTS.durability}).`,
    apply: (c, v, n) => { c.durability = durability(n, v); },
  },
  {
    flag: '--user', env: 'QUALYS_EMULATOR_USERS', arg: 'LOGIN:PASSWORD', repeatable: true,
    description: `API credential; repeat for more users (the variable takes a comma-separated list). Default ${DEFAULT_USER.login}:${DEFAULT_USER.password}, loopback only.`,
    apply: (c, v, n) => { c.users.push(parseUser(n, v)); },
  },
  {
    flag: '--public-url', env: 'QUALYS_EMULATOR_PUBLIC_URL', arg: 'URL',
    description: 'Base URL used in DOCTYPEs, RESOURCE and next-page URLs (default: the scheme and Host of each request).',
    apply: (c, v, n) => {
      const url = required(n, v);
      if (!/^https?:\/\/[^/\s]+$/.test(url.replace(/\/$/, ''))) throw new ConfigError(`${n} must be like http://host:port, got ${JSON.stringify(url)}`);
      c.publicUrl = url.replace(/\/$/, '');
    },
  },
  {
    flag: '--allowed-hosts', env: 'QUALYS_EMULATOR_ALLOWED_HOSTS', arg: 'HOST[,HOST]',
    description: 'Host names (any port) answered besides localhost, loopback addresses and the --public-url host; others get 403. Checked always on a loopback address, and on any address once given.',
    apply: (c, v, n) => { c.allowedHosts = hostNames(n, v); },
  },
  {
    flag: '--validate-xml', env: 'QUALYS_EMULATOR_VALIDATE_XML',
    description: 'Validate every XML response against its DTD (a list answer reused unchanged but for its DATETIME, when first written); a failure is logged and answered as CODE 999.',
    apply: (c, v, n) => { c.validateXml = bool(n, v); },
  },
  {
    flag: '--max-body', env: 'QUALYS_EMULATOR_MAX_BODY', arg: 'BYTES',
    description: `Largest request body accepted; larger ones get 413 (default ${DEFAULTS.maxBody}).`,
    apply: (c, v, n) => { c.maxBody = number(n, v, BOUNDS.maxBody); },
  },
  {
    flag: '--page-size', env: 'QUALYS_EMULATOR_PAGE_SIZE', arg: 'N',
    description: `Records per list response before the 1980 next-page warning (default ${DEFAULTS.pageSize}).`,
    apply: (c, v, n) => { c.pageSize = number(n, v, BOUNDS.pageSize); },
  },
  {
    flag: '--networks', env: 'QUALYS_EMULATOR_NETWORKS', arg: 'ID,ID...',
    description: 'Enable the networks feature with these network IDs: network_id may then name them, besides 0 (default: off, only 0).',
    apply: (c, v, n) => { c.networks = networkIds(n, v); },
  },
  {
    flag: '--require-x-requested-with', env: 'QUALYS_EMULATOR_REQUIRE_X_REQUESTED_WITH', arg: 'BOOL',
    description: 'Refuse (400, 1903) calls without an X-Requested-With header, as Qualys does (default true; false turns the check off).',
    apply: (c, v, n) => { c.requireXRequestedWith = bool(n, required(n, v)); },
  },
  {
    flag: '--require-host-record', env: 'QUALYS_EMULATOR_REQUIRE_HOST_RECORD',
    description: 'Refuse (1905) records of the types that need a host record (Docker: Unix; databases and applications: Unix or Windows) whose IPs are not all covered by one, as Qualys does.',
    apply: (c, v, n) => { c.requireHostRecord = bool(n, v); },
  },
  {
    // The first form of the switch, when only Docker had the rule; kept so existing scripts run.
    flag: '--require-unix-for-docker', env: 'QUALYS_EMULATOR_REQUIRE_UNIX_FOR_DOCKER',
    description: 'Alias of --require-host-record.',
    apply: (c, v, n) => { c.requireHostRecord = bool(n, v); },
  },
  {
    flag: '--session-timeout', env: 'QUALYS_EMULATOR_SESSION_TIMEOUT', arg: 'SECONDS',
    description: `Idle seconds before a QualysSession cookie expires (default ${DEFAULTS.sessionTimeout}).`,
    apply: (c, v, n) => { c.sessionTimeout = number(n, v, BOUNDS.sessionTimeout); },
  },
  {
    flag: '--tls-cert', env: 'QUALYS_EMULATOR_TLS_CERT', arg: 'FILE',
    description: 'PEM certificate (chain); with --tls-key, serve HTTPS instead of HTTP.',
    apply: (c, v, n) => { c.tlsCert = required(n, v); },
  },
  {
    flag: '--tls-key', env: 'QUALYS_EMULATOR_TLS_KEY', arg: 'FILE',
    description: 'PEM private key for --tls-cert.',
    apply: (c, v, n) => { c.tlsKey = required(n, v); },
  },
  {
    flag: '--kube-bench-bin', env: 'QUALYS_EMULATOR_KUBE_BENCH_BIN', arg: 'PATH',
    description: 'kube-bench executable (default: kube-bench found on PATH at each request).',
    apply: (c, v, n) => { c.kubeBenchBin = required(n, v); },
  },
  {
    flag: '--docker-bench-bin', env: 'QUALYS_EMULATOR_DOCKER_BENCH_BIN', arg: 'PATH',
    description: 'docker-bench-security script; it runs in its own directory (default: docker-bench-security or docker-bench-security.sh found on PATH).',
    apply: (c, v, n) => { c.dockerBenchBin = required(n, v); },
  },
  {
    flag: '--tool-timeout', env: 'QUALYS_EMULATOR_TOOL_TIMEOUT', arg: 'SECONDS',
    description: `Seconds a tool may run before its whole process group is ended (default ${DEFAULTS.toolTimeout}).`,
    apply: (c, v, n) => { c.toolTimeout = number(n, v, BOUNDS.toolTimeout); },
  },
  {
    flag: '--tool-kill-grace', env: 'QUALYS_EMULATOR_TOOL_KILL_GRACE', arg: 'SECONDS',
    description: `Seconds between SIGTERM and SIGKILL when a tool is ended (default ${DEFAULTS.toolKillGrace}).`,
    apply: (c, v, n) => { c.toolKillGrace = number(n, v, BOUNDS.toolKillGrace); },
  },
  {
    flag: '--tool-output-cap', env: 'QUALYS_EMULATOR_TOOL_OUTPUT_CAP', arg: 'BYTES',
    description: `Bytes kept of a tool's stdout, and of its stderr; a cut is flagged (default ${DEFAULTS.toolOutputCap}).`,
    apply: (c, v, n) => { c.toolOutputCap = number(n, v, BOUNDS.toolOutputCap); },
  },
  {
    flag: '--tool-output-dir', env: 'QUALYS_EMULATOR_TOOL_OUTPUT_DIR', arg: 'DIR',
    description: `Each tool run gets a private directory here; output_file must lie inside it. Created 0700 if missing; refused if another user owns it or others can write to it (default ${DEFAULTS.toolOutputDir}).`,
    apply: (c, v, n) => { c.toolOutputDir = required(n, v); },
  },
  {
    flag: '--kube-bench-config-dirs', env: 'QUALYS_EMULATOR_KUBE_BENCH_CONFIG_DIRS', arg: 'DIR[,DIR]',
    description: 'Directories a kube-bench request may name as config_dir; their YAML runs shell commands, so none are allowed by default.',
    apply: (c, v, n) => { c.kubeBenchConfigDirs = required(n, v).split(',').map((d) => d.trim()).filter((d) => d !== ''); },
  },
  {
    flag: '--enforce-rate-limits', env: 'QUALYS_EMULATOR_ENFORCE_RATE_LIMITS',
    description: 'Refuse calls over the rate or concurrency limit (409, CODE 1965 or 1960); off, only the headers are sent.',
    apply: (c, v, n) => { c.enforceRateLimits = bool(n, v); },
  },
  {
    flag: '--rate-limit', env: 'QUALYS_EMULATOR_RATE_LIMIT', arg: 'CALLS/SECONDS',
    description: `Calls per user per endpoint in a rolling window (default ${DEFAULTS.rateLimit.calls}/${DEFAULTS.rateLimit.windowSec}).`,
    apply: (c, v, n) => { c.rateLimit = parseRate(n, v); },
  },
  {
    flag: '--concurrency-limit', env: 'QUALYS_EMULATOR_CONCURRENCY_LIMIT', arg: 'N',
    description: `Calls of one user to one endpoint running at once (default ${DEFAULTS.concurrencyLimit}).`,
    apply: (c, v, n) => { c.concurrencyLimit = number(n, v, BOUNDS.concurrencyLimit); },
  },
  {
    flag: '--seed', env: 'QUALYS_EMULATOR_SEED', arg: 'FILE',
    description: 'Create the records of a JSON seed document ({"records": [...]}) at start-up; all or nothing.',
    apply: (c, v, n) => { c.seedFile = required(n, v); },
  },
  {
    flag: '--headers-timeout', env: 'QUALYS_EMULATOR_HEADERS_TIMEOUT', arg: 'MS',
    description: `Milliseconds a client has to send its request headers before it gets 408 and is disconnected (default ${DEFAULTS.headersTimeout}).`,
    apply: (c, v, n) => { c.headersTimeout = number(n, v, BOUNDS.headersTimeout); },
  },
  {
    flag: '--request-timeout', env: 'QUALYS_EMULATOR_REQUEST_TIMEOUT', arg: 'MS',
    description: `Milliseconds a client has to send its whole request, body included, before it gets 408 and is disconnected (default ${DEFAULTS.requestTimeout}).`,
    apply: (c, v, n) => { c.requestTimeout = number(n, v, BOUNDS.requestTimeout); },
  },
  {
    flag: '--max-connections', env: 'QUALYS_EMULATOR_MAX_CONNECTIONS', arg: 'N',
    description: `Connections open at once; one more is closed as it arrives, so that the bodies being read (each up to --max-body) stay bounded (default ${DEFAULTS.maxConnections}).`,
    apply: (c, v, n) => { c.maxConnections = number(n, v, BOUNDS.maxConnections); },
  },
];

export type LoadResult = { kind: 'config'; config: Config } | { kind: 'help'; text: string };

/** Reads the environment first, then argv, so a flag overrides its variable. */
export function loadConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): LoadResult {
  const config: Config = { ...DEFAULTS, users: [] };
  for (const option of OPTIONS) {
    const value = env[option.env];
    if (value === undefined || value === '') continue;
    const values = option.repeatable ? value.split(',') : [value];
    for (const v of values) option.apply(config, v.trim(), option.env);
  }
  const fromArgv = new Set<OptionSpec>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--help' || word === '-h') return { kind: 'help', text: helpText() };
    const eq = word.indexOf('=');
    const flag = eq >= 0 ? word.slice(0, eq) : word;
    const option = OPTIONS.find((o) => o.flag === flag);
    if (!option) throw new ConfigError(`unknown option ${JSON.stringify(word)}; see --help`);
    // A repeatable flag given on the command line replaces the variable's list rather than adding to it.
    if (option.repeatable && !fromArgv.has(option)) config.users = [];
    fromArgv.add(option);
    let value: string | undefined = eq >= 0 ? word.slice(eq + 1) : undefined;
    if (value === undefined && option.arg) value = argv[++i];
    option.apply(config, value, flag);
  }
  if (config.users.length === 0) config.users = [DEFAULT_USER];
  const problem = configProblem(config);
  if (problem) throw new ConfigError(problem);
  return { kind: 'config', config };
}

export function helpText(): string {
  const rows = OPTIONS.map((o) => {
    const left = `  ${o.flag}${o.arg ? ` ${o.arg}` : ''}`;
    return `${left.padEnd(33)} ${o.description}\n${''.padEnd(34)}env: ${o.env}`;
  });
  return ['Usage: qualys-emulator [options]', '', 'A Qualys API v2 emulator for testing Qualys clients locally.', '', 'Options:', ...rows, `  ${'--help'.padEnd(32)}Show this help.`, ''].join('\n');
}
