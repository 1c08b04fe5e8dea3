import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, DEFAULT_USER } from '../../src/settings/config.js';
import { OPTIONS, helpText, loadConfig } from '../../src/settings/options.js';

const configOf = (argv: string[], env: Record<string, string> = {}) => {
  const r = loadConfig(argv, env);
  if (r.kind !== 'config') throw new Error('expected a config');
  return r.config;
};

describe('loadConfig', () => {
  it('has documented defaults, with the default credential', () => {
    expect(configOf([])).toEqual({ ...DEFAULTS, users: [DEFAULT_USER] });
  });

  it('reads every option from a flag and from its environment variable, the flag winning', () => {
    const fromFlags = configOf([
      '--host',
      '0.0.0.0',
      '--port=0',
      '--db',
      ':memory:',
      '--durability',
      'full',
      '--user',
      'a:b',
      '--user',
      'c:d:e',
      '--public-url',
      'http://qualys.test:9/',
      '--allowed-hosts',
      'ci.example, [::1],10.0.0.5',
      '--validate-xml',
      '--max-body',
      '10',
      '--page-size',
      '7',
      '--scan-step-seconds',
      '0',
      '--networks',
      '7,5,7',
      '--require-x-requested-with',
      'false',
      '--require-host-record',
      '--session-timeout',
      '60',
      '--tls-cert',
      'c.pem',
      '--tls-key',
      'k.pem',
      '--kube-bench-bin',
      '/opt/kb',
      '--docker-bench-bin',
      '/opt/dbs/docker-bench-security.sh',
      '--tool-timeout',
      '2.5',
      '--tool-kill-grace',
      '1',
      '--tool-output-cap',
      '64',
      '--tool-output-dir',
      '/var/tmp/qe',
      '--kube-bench-config-dirs',
      '/etc/kb/cfg, /opt/kb/cfg',
      '--enforce-rate-limits',
      '--rate-limit',
      '3/2',
      '--concurrency-limit',
      '5',
      '--seed',
      'seed.json',
      '--headers-timeout',
      '200',
      '--request-timeout',
      '900',
      '--max-connections',
      '12',
      '--send-timeout',
      '400',
      '--drain-timeout',
      '0',
      '--upstream',
      'https://qualysapi.qualys.com/',
      '--mode',
      'compare',
      '--record',
      'rec.har',
      '--upstream-timeout',
      '0.5',
      '--compare-answer',
      'emulator',
    ]);
    expect(fromFlags).toEqual({
      host: '0.0.0.0',
      port: 0,
      db: ':memory:',
      durability: 'full',
      users: [
        { login: 'a', password: 'b' },
        { login: 'c', password: 'd:e' },
      ],
      publicUrl: 'http://qualys.test:9',
      allowedHosts: ['ci.example', '[::1]', '10.0.0.5'],
      validateXml: true,
      maxBody: 10,
      pageSize: 7,
      scanStepSeconds: 0,
      networks: [5, 7],
      requireXRequestedWith: false,
      requireHostRecord: true,
      sessionTimeout: 60,
      tlsCert: 'c.pem',
      tlsKey: 'k.pem',
      kubeBenchBin: '/opt/kb',
      dockerBenchBin: '/opt/dbs/docker-bench-security.sh',
      toolTimeout: 2.5,
      toolKillGrace: 1,
      toolOutputCap: 64,
      toolOutputDir: '/var/tmp/qe',
      kubeBenchConfigDirs: ['/etc/kb/cfg', '/opt/kb/cfg'],
      enforceRateLimits: true,
      rateLimit: { calls: 3, windowSec: 2 },
      concurrencyLimit: 5,
      seedFile: 'seed.json',
      headersTimeout: 200,
      requestTimeout: 900,
      maxConnections: 12,
      sendTimeout: 400,
      drainTimeout: 0,
      upstream: 'https://qualysapi.qualys.com',
      mode: 'compare',
      recordFile: 'rec.har',
      upstreamTimeout: 0.5,
      compareAnswer: 'emulator',
    });
    const env = {
      QUALYS_EMULATOR_HOST: '0.0.0.0',
      QUALYS_EMULATOR_PORT: '0',
      QUALYS_EMULATOR_DB: ':memory:',
      QUALYS_EMULATOR_DURABILITY: 'full',
      QUALYS_EMULATOR_USERS: 'a:b, c:d:e',
      QUALYS_EMULATOR_PUBLIC_URL: 'http://qualys.test:9',
      QUALYS_EMULATOR_ALLOWED_HOSTS: 'ci.example,[::1], 10.0.0.5',
      QUALYS_EMULATOR_VALIDATE_XML: 'true',
      QUALYS_EMULATOR_MAX_BODY: '10',
      QUALYS_EMULATOR_PAGE_SIZE: '7',
      QUALYS_EMULATOR_SCAN_STEP_SECONDS: '0',
      QUALYS_EMULATOR_NETWORKS: ' 5, 7',
      QUALYS_EMULATOR_REQUIRE_X_REQUESTED_WITH: 'off',
      QUALYS_EMULATOR_REQUIRE_UNIX_FOR_DOCKER: '1',
      QUALYS_EMULATOR_SESSION_TIMEOUT: '60',
      QUALYS_EMULATOR_TLS_CERT: 'c.pem',
      QUALYS_EMULATOR_TLS_KEY: 'k.pem',
      QUALYS_EMULATOR_KUBE_BENCH_BIN: '/opt/kb',
      QUALYS_EMULATOR_DOCKER_BENCH_BIN: '/opt/dbs/docker-bench-security.sh',
      QUALYS_EMULATOR_TOOL_TIMEOUT: '2.5',
      QUALYS_EMULATOR_TOOL_KILL_GRACE: '1',
      QUALYS_EMULATOR_TOOL_OUTPUT_CAP: '64',
      QUALYS_EMULATOR_TOOL_OUTPUT_DIR: '/var/tmp/qe',
      QUALYS_EMULATOR_KUBE_BENCH_CONFIG_DIRS: '/etc/kb/cfg,/opt/kb/cfg',
      QUALYS_EMULATOR_ENFORCE_RATE_LIMITS: 'true',
      QUALYS_EMULATOR_RATE_LIMIT: '3/2',
      QUALYS_EMULATOR_CONCURRENCY_LIMIT: '5',
      QUALYS_EMULATOR_SEED: 'seed.json',
      QUALYS_EMULATOR_HEADERS_TIMEOUT: '200',
      QUALYS_EMULATOR_REQUEST_TIMEOUT: '900',
      QUALYS_EMULATOR_MAX_CONNECTIONS: '12',
      QUALYS_EMULATOR_SEND_TIMEOUT: '400',
      QUALYS_EMULATOR_DRAIN_TIMEOUT: '0',
      QUALYS_EMULATOR_UPSTREAM: 'https://qualysapi.qualys.com',
      QUALYS_EMULATOR_MODE: 'compare',
      QUALYS_EMULATOR_RECORD: 'rec.har',
      QUALYS_EMULATOR_UPSTREAM_TIMEOUT: '0.5',
      QUALYS_EMULATOR_COMPARE_ANSWER: 'emulator',
    };
    expect(configOf([], env)).toEqual(fromFlags);
    expect(configOf(['--port', '81', '--user', 'x:y'], env)).toMatchObject({ port: 81, users: [{ login: 'x', password: 'y' }] });
    // Every option is reachable both ways: each has a flag and an environment variable.
    for (const o of OPTIONS) expect(o.env).toMatch(/^QUALYS_EMULATOR_[A-Z_]+$/);
  });

  it('takes a loopback upstream over plain http, and --replay alone', () => {
    expect(configOf(['--upstream', 'http://127.0.0.1:9443', '--mode', 'record', '--record', 'r.har'])).toMatchObject({
      upstream: 'http://127.0.0.1:9443',
      mode: 'record',
      upstreamTimeout: 30,
      compareAnswer: 'upstream',
    });
    expect(configOf(['--upstream', 'http://[::1]:9443', '--mode', 'compare']).upstream).toBe('http://[::1]:9443');
    expect(configOf(['--upstream', 'http://localhost:9443', '--mode', 'compare']).upstream).toBe('http://localhost:9443');
    expect(configOf(['--replay', 'r.har']).replayFile).toBe('r.har');
  });

  it('keeps --require-unix-for-docker and its variable as names of --require-host-record', () => {
    expect(configOf(['--require-unix-for-docker']).requireHostRecord).toBe(true);
    expect(configOf([], { QUALYS_EMULATOR_REQUIRE_UNIX_FOR_DOCKER: 'true' }).requireHostRecord).toBe(true);
  });

  it('refuses bad values and unknown flags', () => {
    for (const argv of [
      ['--port', '70000'],
      ['--port', 'x'],
      ['--user', 'nopassword'],
      ['--user', ':p'],
      ['--nope'],
      ['--public-url', 'ftp://x'],
      ['--allowed-hosts', 'ci.example:8780'],
      ['--allowed-hosts', 'http://ci.example'],
      ['--allowed-hosts', ' , '],
      ['--allowed-hosts', 'a@b'],
      ['--page-size', '0'],
      ['--validate-xml=maybe'],
      ['--networks', '5,x'],
      ['--networks', '0'],
      ['--networks', ''],
      ['--session-timeout', '0'],
      ['--tls-cert', 'c.pem'],
      ['--tool-timeout', '0'],
      ['--tool-timeout', '-1'],
      ['--tool-timeout', '1e3'],
      ['--tool-kill-grace', 'x'],
      ['--tool-output-cap', '0'],
      ['--tool-output-dir', ''],
      ['--kube-bench-bin'],
      ['--rate-limit', '3'],
      ['--durability', 'none'],
      ['--durability', 'FULL'],
      ['--rate-limit', '0/10'],
      ['--rate-limit', '3/0'],
      ['--concurrency-limit', '0'],
      // the conformance modes: an upstream that would carry credentials in clear text, or is no URL
      ['--upstream', 'http://qualysapi.qualys.com', '--mode', 'compare'],
      ['--upstream', 'http://10.0.0.5:8443', '--mode', 'compare'],
      ['--upstream', 'https://', '--mode', 'compare'],
      ['--upstream', 'qualysapi.qualys.com', '--mode', 'compare'],
      ['--upstream', 'https://user:pw@qualysapi.qualys.com', '--mode', 'compare'],
      ['--upstream', 'https://qualysapi.qualys.com/api/2.0/', '--mode', 'compare'],
      ['--upstream', 'ftp://qualysapi.qualys.com', '--mode', 'compare'],
      // and the modes' partners
      ['--upstream', 'https://qualysapi.qualys.com'],
      ['--mode', 'compare'],
      ['--upstream', 'https://qualysapi.qualys.com', '--mode', 'record'],
      ['--upstream', 'https://qualysapi.qualys.com', '--mode', 'replay'],
      ['--record', 'r.har'],
      ['--replay', 'r.har', '--upstream', 'https://qualysapi.qualys.com', '--mode', 'compare'],
      ['--upstream-timeout', '0'],
      ['--compare-answer', 'both'],
    ]) {
      expect(() => loadConfig(argv, {}), argv.join(' ')).toThrow(ConfigError);
    }
  });

  it('prints help naming every flag and variable', () => {
    const r = loadConfig(['--help'], {});
    expect(r.kind).toBe('help');
    for (const o of OPTIONS) {
      expect(helpText()).toContain(o.flag);
      expect(helpText()).toContain(o.env);
    }
  });
});

describe('--durability', () => {
  it('fsyncs every commit (synchronous FULL) only when full, the WAL either way', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { openDatabase } = await import('../../src/db/open.js');
    const dir = mkdtempSync(join(tmpdir(), 'qe-durability-'));
    try {
      for (const [durability, synchronous] of [
        ['process', 1],
        ['full', 2],
      ] as const) {
        const db = openDatabase(join(dir, `${durability}.sqlite`), durability);
        expect(db.connection.pragma('synchronous', { simple: true })).toBe(synchronous);
        expect(db.connection.pragma('journal_mode', { simple: true })).toBe('wal');
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
