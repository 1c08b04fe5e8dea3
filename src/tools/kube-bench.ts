import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ToolSettings } from '../settings/config.js';
import { allowedArgs, commaList, matchingString, optionalString, refuseUnknownFields, type AllowedOption, type Body } from './fields.js';
import { toolErrors } from './errors.js';
import type { Summary, ToolDefinition } from './tool.js';

const FIELDS = ['targets', 'version', 'benchmark', 'config_dir', 'output_format', 'additional_args'];

/**
 * [from kube-bench] its targets. `validTargets` (cmd/common.go) compares each name as given with
 * the benchmark's `target_mapping`, so `worker` exits 1 although `translate` in cmd/run.go would
 * map it to node.yaml: it is refused here, saying so, rather than run to fail.
 */
const KUBE_BENCH_TARGETS = ['master', 'controlplane', 'node', 'etcd', 'policies', 'managedservices'];

const isTarget = (t: string) => KUBE_BENCH_TARGETS.includes(t);

/**
 * [from kube-bench] `--version` is looked up in `version_mapping`, whose keys are MAJOR.MINOR:
 * `1.27.3` matches none and exits 1 ("unable to find a matching Benchmark Version").
 */
const KUBE_VERSION = /^\d{1,3}\.\d{1,3}$/;

/**
 * [from kube-bench] where a run without `--config-dir` looks for `config.yaml`: `./cfg` for a
 * source build (run in its own directory, that is the `cfg/` beside the binary) and
 * `/etc/kube-bench/cfg` for the release packages (their `cmd.cfgDir`, set in .goreleaser.yml).
 */
const RELEASE_CONFIG_DIR = '/etc/kube-bench/cfg';
const defaultConfigDirs = (binary: string) => [join(dirname(binary), 'cfg'), RELEASE_CONFIG_DIR];
const hasConfig = (dir: string) => existsSync(join(dir, 'config.yaml'));

/** [from kube-bench] its words when no config.yaml was read (cmd/common.go, loadVersionMapping and loadTargetMapping). */
const NO_CONFIG = /config file is missing '(version|target)_mapping' section/;

/**
 * [E] kube-bench's own message names no directory. A release build reads only
 * /etc/kube-bench/cfg, so the release tarball's cfg/ beside the binary is not read: that case is
 * known by the tool's words.
 */
function missingConfigNote(binary: string, stderr: string): string {
  const hint = 'give config_dir (one of --kube-bench-config-dirs)';
  if (!defaultConfigDirs(binary).some(hasConfig)) {
    return `qualys-emulator: kube-bench found no configuration: neither a cfg/ directory beside ${binary} nor ${RELEASE_CONFIG_DIR} holds config.yaml; install one there or ${hint}\n`;
  }
  if (!hasConfig(RELEASE_CONFIG_DIR) && NO_CONFIG.test(stderr)) {
    return `qualys-emulator: kube-bench found no configuration in ${RELEASE_CONFIG_DIR}, where a release build looks; the cfg/ beside ${binary} is read only by a source build: copy it there or ${hint}\n`;
  }
  return '';
}

const CHECK_IDS = /^\d+(\.\d+)*(,\d+(\.\d+)*)*$/;

/** The allow-list for `additional_args` (docs/tools.md); pflag accepts `--name=value` for long options. */
const ALLOWED: AllowedOption[] = [
  { names: ['--check', '-c'], value: CHECK_IDS, joined: true },
  { names: ['--group', '-g'], value: CHECK_IDS, joined: true },
  { names: ['--skip'], value: CHECK_IDS, joined: true },
  // [from kube-bench] booleans that default to true: only `=false` filters.
  { names: ['--scored'], boolean: true },
  { names: ['--unscored'], boolean: true },
  { names: ['--exit-code'], value: /^\d{1,3}$/, joined: true },
  { names: ['--nototals'] },
  { names: ['--noremediations'] },
  { names: ['--include-test-output'] },
  { names: ['-v'], value: /^\d{1,2}$/ },
];

function configDir(body: Body, settings: ToolSettings): string | undefined {
  const requested = optionalString(body, 'config_dir');
  if (requested === undefined) return undefined;
  // [E] its YAML `audit:` lines run as shell commands, so only the operator's directories are accepted.
  const allowed = settings.kubeBenchConfigDirs.find((dir) => resolve(dir) === resolve(requested));
  if (allowed === undefined) {
    const hint = settings.kubeBenchConfigDirs.length ? `one of: ${settings.kubeBenchConfigDirs.join(', ')}` : 'none are allowed (see --kube-bench-config-dirs)';
    throw toolErrors.badField('config_dir', `${JSON.stringify(requested)} is not an allowed configuration directory; ${hint}`);
  }
  return allowed;
}

/** A control's or the report's counts, as kube-bench's `check.Summary` writes them. */
interface Totals {
  total_pass?: unknown;
  total_fail?: unknown;
  total_warn?: unknown;
  total_info?: unknown;
}

const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : 0);

function summaryOf(totals: readonly Totals[]): Summary {
  const sum = (key: keyof Totals) => totals.reduce((n, t) => n + count(t?.[key]), 0);
  const summary = { pass: sum('total_pass'), fail: sum('total_fail'), warn: sum('total_warn'), info: sum('total_info') };
  return { ...summary, total: summary.pass + summary.fail + summary.warn + summary.info };
}

/**
 * [from kube-bench] `writeJSONOutput` (cmd/common.go) writes `{Controls, Totals}`, or with
 * `--nototals` the bare array of controls; then the controls' own totals are added up.
 */
function summarizeReport(report: unknown): Summary | null {
  if (Array.isArray(report)) return summaryOf(report as Totals[]);
  if (typeof report !== 'object' || report === null) return null;
  const { Totals, Controls } = report as { Totals?: Totals; Controls?: unknown };
  if (typeof Totals === 'object' && Totals !== null) return summaryOf([Totals]);
  return Array.isArray(Controls) ? summaryOf(Controls as Totals[]) : null;
}

export const kubeBench: ToolDefinition = {
  name: 'kube-bench',
  commands: ['kube-bench'],
  configuredBin: (settings) => settings.kubeBenchBin,
  // [E] so a source build finds its `./cfg` wherever the emulator was started (docs/tools.md).
  runsInOwnDirectory: true,
  prepare(body, settings) {
    refuseUnknownFields(body, FIELDS);
    const targets = commaList(
      body,
      'targets',
      isTarget,
      `a kube-bench target: one of ${KUBE_BENCH_TARGETS.join(', ')} (kube-bench has no worker target; use node)`,
    );
    const version = matchingString(body, 'version', KUBE_VERSION, 'a Kubernetes version as kube-bench takes it: MAJOR.MINOR like 1.27, without a patch number');
    const benchmark = matchingString(body, 'benchmark', /^[a-z0-9]{1,32}([.-][a-z0-9]{1,32}){0,8}$/, 'a benchmark name like cis-1.9');
    // [from kube-bench] giving both is an error of the tool; refuse it before anything runs.
    if (version !== undefined && benchmark !== undefined) throw toolErrors.badField('benchmark', 'cannot be given together with version');
    const dir = configDir(body, settings);
    const format = optionalString(body, 'output_format') ?? 'json';
    if (format !== 'json' && format !== 'junit') throw toolErrors.badField('output_format', `${JSON.stringify(format)} is not json or junit`);
    const extra = allowedArgs(body, 'additional_args', 'kube-bench', ALLOWED);
    return {
      usesDefaultConfig: dir === undefined,
      defaultFileName: `kube-bench-results.${format === 'json' ? 'json' : 'xml'}`,
      args: (outputFile) => [
        'run',
        ...(targets ? ['--targets', targets.join(',')] : []),
        ...(version ? ['--version', version] : []),
        ...(benchmark ? ['--benchmark', benchmark] : []),
        ...(dir ? ['--config-dir', dir] : []),
        `--${format}`,
        '--outputfile',
        outputFile,
        ...extra,
      ],
      report: (outputFile) => (format === 'json' ? { path: outputFile } : { error: 'output_format junit writes XML; it is in output_file, not parsed' }),
    };
  },
  summarize: summarizeReport,
  defaultConfigFound: (binary) => defaultConfigDirs(binary).some(hasConfig),
  missingConfigNote,
};
