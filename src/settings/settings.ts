/**
 * Every setting of the emulator, each declared once: its flag, environment variable, kind of value,
 * default, description and, for those a test harness may change while the emulator runs, its name
 * in the runtime config API. From these come the `Config` type and its defaults (config.ts), the
 * flag and variable parser and `--help` (options.ts), the table of docs/configuration.md
 * (`npm run docs`), the checks of `startEmulator` options, and `/_emulator/config` (runtime.ts).
 *
 * Settings are grouped in slices, one per part of the emulator that reads them, so that a part
 * can be handed its own slice and nothing else. `--help` lists them in this order.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  baseUrl,
  callsPerWindow,
  credentials,
  hostNames,
  networkIds,
  onOff,
  oneOf,
  paths,
  seconds,
  text,
  trueFalse,
  type User,
  upstreamUrl,
  wholeNumber,
} from './kinds.js';
import { slice } from './setting.js';

/** What an answered write survives (docs/architecture.md, Durability). */
export const DURABILITIES = ['process', 'full'] as const;
export type Durability = (typeof DURABILITIES)[number];

/** The conformance modes: record and compare need --upstream. */
export const CONFORMANCE_MODES = ['record', 'compare'] as const;
export type ConformanceMode = (typeof CONFORMANCE_MODES)[number];

/** Whose answer a client gets in compare mode. */
export const ANSWER_SIDES = ['upstream', 'emulator'] as const;
export type AnswerSide = (typeof ANSWER_SIDES)[number];

export const DEFAULT_USER: User = { login: 'qualys', password: 'qualys' };

export const SETTINGS = {
  /** How the server listens: address, TLS, and the limits on connections and slow clients. */
  listener: slice({
    host: {
      flag: '--host',
      env: 'QUALYS_EMULATOR_HOST',
      kind: text('HOST'),
      default: '127.0.0.1',
      description: 'Address to listen on (default {default}). A non-loopback address needs --user.',
    },
    port: {
      flag: '--port',
      env: 'QUALYS_EMULATOR_PORT',
      kind: wholeNumber('PORT', 0, 65535),
      default: 8780,
      description: 'Port to listen on; 0 picks any free port (default {default}).',
    },
    tlsCert: {
      flag: '--tls-cert',
      env: 'QUALYS_EMULATOR_TLS_CERT',
      kind: text('FILE'),
      description: 'PEM certificate (chain); with --tls-key, serve HTTPS instead of HTTP.',
    },
    tlsKey: {
      flag: '--tls-key',
      env: 'QUALYS_EMULATOR_TLS_KEY',
      kind: text('FILE'),
      description: 'PEM private key for --tls-cert.',
    },
    headersTimeout: {
      flag: '--headers-timeout',
      env: 'QUALYS_EMULATOR_HEADERS_TIMEOUT',
      kind: wholeNumber('MS', 1, 3_600_000),
      default: 10_000,
      description: 'Milliseconds a client has to send its request headers before it gets 408 and is disconnected (default {default}).',
    },
    requestTimeout: {
      flag: '--request-timeout',
      env: 'QUALYS_EMULATOR_REQUEST_TIMEOUT',
      kind: wholeNumber('MS', 1, 3_600_000),
      default: 30_000,
      description: 'Milliseconds a client has to send its whole request, body included, before it gets 408 and is disconnected (default {default}).',
    },
    maxConnections: {
      // [E] far more than any test harness opens, and with --max-body at most 256 MiB of bodies in flight
      flag: '--max-connections',
      env: 'QUALYS_EMULATOR_MAX_CONNECTIONS',
      kind: wholeNumber('N', 1, 1_000_000),
      default: 256,
      description:
        'Connections open at once; one more is closed as it arrives, so that the bodies being read (each up to --max-body) stay bounded (default {default}).',
    },
    sendTimeout: {
      // [E] an answer of the emulator leaves in far less on any link a test harness uses
      flag: '--send-timeout',
      env: 'QUALYS_EMULATOR_SEND_TIMEOUT',
      kind: wholeNumber('MS', 1, 3_600_000),
      default: 10_000,
      description:
        'Milliseconds a client has to take an answer once it is written; one that reads too slowly, or not at all, is disconnected, freeing its connection (default {default}).',
    },
    drainTimeout: {
      // [E] far more than any request of the emulator takes, and within the grace `docker stop` gives
      flag: '--drain-timeout',
      env: 'QUALYS_EMULATOR_DRAIN_TIMEOUT',
      kind: wholeNumber('MS', 0, 3_600_000),
      default: 5_000,
      description:
        'Milliseconds the requests in flight get to finish when the emulator stops (SIGTERM, SIGINT); new connections are refused meanwhile. Those still running then are cut off and their writes rolled back (default {default}).',
    },
  }),

  /** The database and what it starts with. */
  storage: slice({
    db: {
      flag: '--db',
      env: 'QUALYS_EMULATOR_DB',
      kind: text('FILE'),
      default: 'data/qualys-emulator.sqlite',
      description: 'SQLite database file, created on demand, or :memory: (default {default}).',
    },
    durability: {
      flag: '--durability',
      env: 'QUALYS_EMULATOR_DURABILITY',
      kind: oneOf('MODE', DURABILITIES),
      default: 'process',
      description:
        'What an answered write survives: process (a crash or SIGKILL of the emulator) or full (also a power cut, at an fsync per write, which makes creates several times slower) (default {default}).',
    },
    seedFile: {
      flag: '--seed',
      env: 'QUALYS_EMULATOR_SEED',
      kind: text('FILE'),
      description: 'Create the records of a JSON seed document ({"records": [...]}) at start-up; all or nothing.',
    },
    generateHosts: {
      flag: '--generate-hosts',
      env: 'QUALYS_EMULATOR_GENERATE_HOSTS',
      kind: text('SEED:COUNT'),
      description:
        'Make COUNT made-up hosts with their detections at start-up, the same for the same SEED byte for byte, their IPs (10.0.0.1 onwards) added to the subscription; after --seed, and only into a database that was empty, as --seed.',
    },
  }),

  /** The names this server answers to, and the one it writes in its own URLs. */
  site: slice({
    publicUrl: {
      flag: '--public-url',
      env: 'QUALYS_EMULATOR_PUBLIC_URL',
      kind: baseUrl('URL'),
      description: 'Base URL used in DOCTYPEs, RESOURCE and next-page URLs (default: the scheme and Host of each request).',
    },
    allowedHosts: {
      flag: '--allowed-hosts',
      env: 'QUALYS_EMULATOR_ALLOWED_HOSTS',
      kind: hostNames('HOST[,HOST]'),
      default: [],
      description:
        'Host names (any port) answered besides localhost, loopback addresses and the --public-url host; others get 403. Checked always on a loopback address, and on any address once given.',
    },
  }),

  /** Who may call the API, and what a call may carry. */
  api: slice({
    users: {
      flag: '--user',
      env: 'QUALYS_EMULATOR_USERS',
      kind: credentials('LOGIN:PASSWORD'),
      default: [DEFAULT_USER],
      repeatable: true,
      description: 'API credential; repeat for more users (the variable takes a comma-separated list). Default {default}, loopback only.',
    },
    sessionTimeout: {
      // [E] Qualys does not publish its idle timeout; one hour.
      flag: '--session-timeout',
      env: 'QUALYS_EMULATOR_SESSION_TIMEOUT',
      kind: wholeNumber('SECONDS', 1, 31_536_000),
      default: 3600,
      description: 'Idle seconds before a QualysSession cookie expires (default {default}).',
    },
    maxBody: {
      flag: '--max-body',
      env: 'QUALYS_EMULATOR_MAX_BODY',
      kind: wholeNumber('BYTES', 1, 2 ** 31),
      default: 1024 * 1024,
      description: 'Largest request body accepted; larger ones get 413 (default {default}).',
    },
    validateXml: {
      flag: '--validate-xml',
      env: 'QUALYS_EMULATOR_VALIDATE_XML',
      kind: onOff(),
      default: false,
      description:
        'Validate every XML response against its DTD (a list answer reused unchanged but for its DATETIME, when first written); a failure is logged and answered as CODE 999.',
    },
    networks: {
      flag: '--networks',
      env: 'QUALYS_EMULATOR_NETWORKS',
      kind: networkIds('ID,ID...'),
      default: [],
      description:
        'Networks that exist from the start, named "Network <id>" and kept by a reset; they turn the networks feature on, so network_id may name them and any network created, besides 0 (default: none: the feature comes on with the first network created).',
    },
  }),

  /** [Q] docs/fidelity.md §8: the rate limiter's settings, in the runtime config API's `rate_limit` object. */
  rateLimits: slice({
    enforceRateLimits: {
      flag: '--enforce-rate-limits',
      env: 'QUALYS_EMULATOR_ENFORCE_RATE_LIMITS',
      kind: onOff(),
      default: false,
      runtime: 'rate_limit.enforce',
      description: 'Refuse calls over the rate or concurrency limit (409, CODE 1965 or 1960); off, only the headers are sent.',
    },
    /** [Q] calls per user per endpoint in a rolling window (300 / 3600 s). */
    rateLimit: {
      flag: '--rate-limit',
      env: 'QUALYS_EMULATOR_RATE_LIMIT',
      kind: callsPerWindow('CALLS/SECONDS', { calls: { min: 1, max: 1_000_000 }, windowSec: { min: 1, max: 31_536_000 } }),
      default: { calls: 300, windowSec: 3600 },
      runtime: { calls: 'rate_limit.limit', windowSec: 'rate_limit.window_sec' },
      description: 'Calls per user per endpoint in a rolling window (default {default}).',
    },
    /** [Q] calls of one user to one endpoint running at once (2). */
    concurrencyLimit: {
      flag: '--concurrency-limit',
      env: 'QUALYS_EMULATOR_CONCURRENCY_LIMIT',
      kind: wholeNumber('N', 1, 10_000),
      default: 2,
      runtime: 'rate_limit.concurrency',
      description: 'Calls of one user to one endpoint running at once (default {default}).',
    },
  }),

  /** Rules of the Qualys API a harness may switch while the emulator runs. */
  apiRules: slice({
    /** [Q] every v2 call needs X-Requested-With; a switch may turn the check off. */
    requireXRequestedWith: {
      flag: '--require-x-requested-with',
      env: 'QUALYS_EMULATOR_REQUIRE_X_REQUESTED_WITH',
      kind: trueFalse('BOOL'),
      default: true,
      runtime: 'require_x_requested_with',
      description: 'Refuse (400, 1903) calls without an X-Requested-With header, as Qualys does (default {default}; false turns the check off).',
    },
    /**
     * [Q] records of the types that need host records (Docker: Unix; databases and applications:
     * Unix or Windows) must have their IPs covered by them (1905 otherwise).
     */
    requireHostRecord: {
      flag: '--require-host-record',
      env: 'QUALYS_EMULATOR_REQUIRE_HOST_RECORD',
      kind: onOff(),
      default: false,
      runtime: 'require_host_record',
      // The first name of the switch, from when only Docker had the rule; kept so existing scripts run.
      alias: {
        flag: '--require-unix-for-docker',
        env: 'QUALYS_EMULATOR_REQUIRE_UNIX_FOR_DOCKER',
        option: 'requireUnixForDocker',
        runtime: 'require_unix_for_docker',
      },
      description:
        'Refuse (1905) records of the types that need a host record (Docker: Unix; databases and applications: Unix or Windows) whose IPs are not all covered by one, as Qualys does.',
    },
    /** Records per list response before the 1980 warning [Q: 1000]. */
    pageSize: {
      flag: '--page-size',
      env: 'QUALYS_EMULATOR_PAGE_SIZE',
      kind: wholeNumber('N', 1, 1_000_000),
      default: 1000,
      runtime: 'page_size',
      description: 'Records per list response before the 1980 next-page warning (default {default}).',
    },
    /**
     * [E] how long each step of a scan's life lasts (Queued, Running, Finished unprocessed) before
     * it moves on by itself; 0 leaves every step to the harness (docs/controls.md, "Scans").
     */
    scanStepSeconds: {
      flag: '--scan-step-seconds',
      env: 'QUALYS_EMULATOR_SCAN_STEP_SECONDS',
      kind: wholeNumber('SECONDS', 0, 86_400),
      default: 2,
      runtime: 'scan_step_seconds',
      description:
        'Seconds each step of a scan (Queued, Running, Finished before processing) lasts before it moves on by itself; 0: only the harness moves scans (default {default}).',
    },
  }),

  /** The tool runners (src/tools/): where the tools are, how long they may run, where their output goes. */
  tools: slice({
    kubeBenchBin: {
      flag: '--kube-bench-bin',
      env: 'QUALYS_EMULATOR_KUBE_BENCH_BIN',
      kind: text('PATH'),
      description: 'kube-bench executable (default: kube-bench found on PATH at each request).',
    },
    dockerBenchBin: {
      flag: '--docker-bench-bin',
      env: 'QUALYS_EMULATOR_DOCKER_BENCH_BIN',
      kind: text('PATH'),
      description: 'docker-bench-security script; it runs in its own directory (default: docker-bench-security or docker-bench-security.sh found on PATH).',
    },
    toolTimeout: {
      flag: '--tool-timeout',
      env: 'QUALYS_EMULATOR_TOOL_TIMEOUT',
      kind: seconds('SECONDS', 86400),
      default: 300,
      description: 'Seconds a tool may run before its whole process group is ended (default {default}).',
    },
    toolKillGrace: {
      flag: '--tool-kill-grace',
      env: 'QUALYS_EMULATOR_TOOL_KILL_GRACE',
      kind: seconds('SECONDS', 600),
      default: 5,
      description: 'Seconds between SIGTERM and SIGKILL when a tool is ended (default {default}).',
    },
    toolOutputCap: {
      flag: '--tool-output-cap',
      env: 'QUALYS_EMULATOR_TOOL_OUTPUT_CAP',
      kind: wholeNumber('BYTES', 1, 256 * 1024 * 1024),
      default: 1024 * 1024,
      description: "Bytes kept of a tool's stdout, and of its stderr; a cut is flagged (default {default}).",
    },
    toolOutputDir: {
      flag: '--tool-output-dir',
      env: 'QUALYS_EMULATOR_TOOL_OUTPUT_DIR',
      kind: text('DIR'),
      default: join(tmpdir(), 'qualys-emulator-tools'),
      description:
        'Each tool run gets a private directory here; output_file must lie inside it. Created 0700 if missing; refused if another user owns it or others can write to it (default {default}).',
    },
    kubeBenchConfigDirs: {
      flag: '--kube-bench-config-dirs',
      env: 'QUALYS_EMULATOR_KUBE_BENCH_CONFIG_DIRS',
      kind: paths('DIR[,DIR]'),
      default: [],
      description: 'Directories a kube-bench request may name as config_dir; their YAML runs shell commands, so none are allowed by default.',
    },
  }),
  /** The conformance modes (src/conformance/, docs/conformance.md): all off unless given. */
  conformance: slice({
    upstream: {
      flag: '--upstream',
      env: 'QUALYS_EMULATOR_UPSTREAM',
      kind: upstreamUrl('URL'),
      description:
        "The real Qualys platform (e.g. https://qualysapi.qualys.com) that --mode record or compare forwards each API call to, with the client's credentials; https:// unless it is a loopback address.",
    },
    mode: {
      flag: '--mode',
      env: 'QUALYS_EMULATOR_MODE',
      kind: oneOf('MODE', CONFORMANCE_MODES),
      description:
        "With --upstream: record (answer with the upstream's answers and append each exchange to --record) or compare (send every call to both, report their structural differences at /_emulator/conformance).",
    },
    recordFile: {
      flag: '--record',
      env: 'QUALYS_EMULATOR_RECORD',
      kind: text('FILE'),
      description:
        "HAR 1.2 file the upstream's exchanges are appended to, secrets redacted, owner-only (0600); needed by --mode record, optional with compare.",
    },
    replayFile: {
      flag: '--replay',
      env: 'QUALYS_EMULATOR_REPLAY',
      kind: text('FILE'),
      description: 'Answer API calls from a HAR file --record wrote; a call with no recording gets a 404 error. Not with --upstream.',
    },
    upstreamTimeout: {
      flag: '--upstream-timeout',
      env: 'QUALYS_EMULATOR_UPSTREAM_TIMEOUT',
      kind: seconds('SECONDS', 3600),
      default: 30,
      description: 'Seconds the upstream has to answer a call in full before the client gets a 504 error (default {default}).',
    },
    compareAnswer: {
      flag: '--compare-answer',
      env: 'QUALYS_EMULATOR_COMPARE_ANSWER',
      kind: oneOf('SIDE', ANSWER_SIDES),
      default: 'upstream',
      description: 'In compare mode, whose answer the client gets: upstream or emulator (default {default}).',
    },
  }),
};
