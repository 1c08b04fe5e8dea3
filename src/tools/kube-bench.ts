import { resolve } from 'node:path';
import type { Config } from '../config.js';
import { allowedArgs, commaList, matchingString, optionalString, refuseUnknownFields, type AllowedOption, type Body } from './fields.js';
import { toolErrors } from './errors.js';
import type { Summary, ToolDefinition } from './tool.js';

const FIELDS = ['targets', 'version', 'benchmark', 'config_dir', 'output_format', 'additional_args'];

/** kube-bench's targets; `worker` is its alias of `node`. */
const KUBE_BENCH_TARGETS = ['master', 'controlplane', 'node', 'etcd', 'policies', 'managedservices', 'worker'];

const CHECK_IDS = /^\d+(\.\d+)*(,\d+(\.\d+)*)*$/;

/** The allow-list for `additional_args` (docs/tools.md); pflag accepts `--name=value` for long options. */
const ALLOWED: AllowedOption[] = [
  { names: ['--check', '-c'], value: CHECK_IDS, joined: true },
  { names: ['--group', '-g'], value: CHECK_IDS, joined: true },
  { names: ['--skip'], value: CHECK_IDS, joined: true },
  { names: ['--scored'] },
  { names: ['--unscored'] },
  { names: ['--exit-code'], value: /^\d{1,3}$/, joined: true },
  { names: ['--nototals'] },
  { names: ['--noremediations'] },
  { names: ['--include-test-output'] },
  { names: ['-v'], value: /^\d{1,2}$/ },
];

function configDir(body: Body, config: Config): string | undefined {
  const requested = optionalString(body, 'config_dir');
  if (requested === undefined) return undefined;
  // [E] its YAML `audit:` lines run as shell commands, so only the operator's directories are accepted.
  const allowed = config.kubeBenchConfigDirs.find((dir) => resolve(dir) === resolve(requested));
  if (allowed === undefined) {
    const hint = config.kubeBenchConfigDirs.length ? `one of: ${config.kubeBenchConfigDirs.join(', ')}` : 'none are allowed (see --kube-bench-config-dirs)';
    throw toolErrors.badField('config_dir', `${JSON.stringify(requested)} is not an allowed configuration directory; ${hint}`);
  }
  return allowed;
}

interface KubeBenchReport {
  Totals?: { total_pass?: number; total_fail?: number; total_warn?: number; total_info?: number };
  Controls?: { total_pass?: number; total_fail?: number; total_warn?: number; total_info?: number }[];
}

const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : 0);

export const kubeBench: ToolDefinition = {
  name: 'kube-bench',
  commands: ['kube-bench'],
  configuredBin: (config) => config.kubeBenchBin,
  runsInOwnDirectory: false,
  prepare(body, config) {
    refuseUnknownFields(body, FIELDS);
    const targets = commaList(body, 'targets', (t) => KUBE_BENCH_TARGETS.includes(t), `a kube-bench target (${KUBE_BENCH_TARGETS.join(', ')})`);
    const version = matchingString(body, 'version', /^\d+\.\d+(\.\d+)?$/, 'a Kubernetes version like 1.27');
    const benchmark = matchingString(body, 'benchmark', /^[a-z0-9]{1,32}([.-][a-z0-9]{1,32}){0,8}$/, 'a benchmark name like cis-1.9');
    // [from kube-bench] giving both is an error of the tool; refuse it before anything runs.
    if (version !== undefined && benchmark !== undefined) throw toolErrors.badField('benchmark', 'cannot be given together with version');
    const dir = configDir(body, config);
    const format = optionalString(body, 'output_format') ?? 'json';
    if (format !== 'json' && format !== 'junit') throw toolErrors.badField('output_format', `${JSON.stringify(format)} is not json or junit`);
    const extra = allowedArgs(body, 'additional_args', 'kube-bench', ALLOWED);
    return {
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
  summarize(report): Summary | null {
    const r = report as KubeBenchReport;
    if (typeof r !== 'object' || r === null) return null;
    const totals = r.Totals ?? (Array.isArray(r.Controls) ? sumControls(r.Controls) : undefined);
    if (!totals) return null;
    return { pass: count(totals.total_pass), fail: count(totals.total_fail), warn: count(totals.total_warn), info: count(totals.total_info) };
  },
};

function sumControls(controls: NonNullable<KubeBenchReport['Controls']>): NonNullable<KubeBenchReport['Totals']> {
  const sum = { total_pass: 0, total_fail: 0, total_warn: 0, total_info: 0 };
  for (const c of controls) {
    sum.total_pass += count(c?.total_pass);
    sum.total_fail += count(c?.total_fail);
    sum.total_warn += count(c?.total_warn);
    sum.total_info += count(c?.total_info);
  }
  return sum;
}
