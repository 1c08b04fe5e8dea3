import type { ToolSettings } from '../settings/config.js';
import { allowedArgs, commaList, optionalString, refuseUnknownFields, type AllowedOption } from './fields.js';
import { confineOutputFile } from './output-location.js';
import type { Summary, ToolDefinition } from './tool.js';

const FIELDS = ['checks', 'exclude', 'output_file', 'additional_args'];

/**
 * [from docker-bench-security] the group functions of v1.6.0's functions/functions_lib.sh, exactly:
 * a name that is no function makes the script print `Check "NAME" doesn't seem to exist.` and go
 * on, so an unknown group would answer success with an empty report.
 */
const DOCKER_BENCH_GROUPS = [
  'host_configuration',
  'host_configuration_level1',
  'linux_hosts_specific_configuration',
  'host_general_configuration',
  'docker_daemon_configuration',
  'docker_daemon_configuration_level1',
  'docker_daemon_files',
  'docker_daemon_files_level1',
  'container_images',
  'container_images_level1',
  'container_runtime',
  'container_runtime_level1',
  'docker_security_operations',
  'docker_security_operations_level1',
  'docker_swarm_configuration',
  'docker_swarm_configuration_level1',
  'docker_enterprise_configuration',
  'docker_enterprise_configuration_level1',
  'universal_control_plane_configuration',
  'docker_trusted_registry_configuration',
  'community_checks',
  'cis',
  'cis_level1',
  'cis_controls_v8_ig1',
  'cis_controls_v8_ig2',
  'cis_controls_v8_ig3',
  'community',
  'all',
];

/**
 * [from docker-bench-security] single check functions: `check_<section>` and `check_<section>_<n>`
 * (tests/*.sh: `check_2`, `check_2_2`, `check_1_1_1`), community ones `check_c`, `check_c_1`,
 * `check_c_5_3_1` (tests/99_community_checks.sh). The script runs any command name it is given,
 * so only names of this shape pass.
 */
const CHECK_FUNCTION = /^check_(c|\d{1,2})(_\d{1,2}){0,3}$/;

const isCheck = (name: string) => CHECK_FUNCTION.test(name) || DOCKER_BENCH_GROUPS.includes(name);

const OPTION_VALUE = /^[A-Za-z0-9_.,:=-]+$/;

/** The allow-list for `additional_args` (docs/tools.md): getopts takes values as separate words. */
const ALLOWED: AllowedOption[] = [
  { names: ['-b'] },
  { names: ['-p'] },
  { names: ['-n'], value: /^\d{1,6}$/ },
  { names: ['-u'], value: OPTION_VALUE },
  { names: ['-i'], value: OPTION_VALUE },
  { names: ['-x'], value: OPTION_VALUE },
  { names: ['-t'], value: OPTION_VALUE },
];

/** A `tests` entry: a section with `results`, or a check run on its own, written flat. */
interface DockerBenchTest {
  result?: unknown;
  results?: unknown;
}

const RESULTS = ['pass', 'fail', 'warn', 'info', 'note'] as const;

/**
 * [from docker-bench-security] counts every result of `FILE.json`: `tests` holds sections
 * (`{id, desc, results: [...]}`, from check_N ... check_N_end) and, for a check run on its own,
 * the check itself (`{id, desc, result}`: starttestjson in functions/output_lib.sh writes it
 * wherever it is called). Its results are PASS, WARN, INFO and NOTE; `fail` stays for one shape
 * across the tools.
 */
function summarizeReport(report: unknown): Summary | null {
  const tests = (report as { tests?: unknown } | null)?.tests;
  if (!Array.isArray(tests)) return null;
  const summary = { pass: 0, fail: 0, warn: 0, info: 0, note: 0, total: 0 };
  const add = (entry: DockerBenchTest | null) => {
    const key = typeof entry?.result === 'string' ? entry.result.toLowerCase() : '';
    if (!(RESULTS as readonly string[]).includes(key)) return;
    summary[key as (typeof RESULTS)[number]] += 1;
    summary.total += 1;
  };
  for (const test of tests as (DockerBenchTest | null)[]) {
    if (Array.isArray(test?.results)) (test.results as (DockerBenchTest | null)[]).forEach(add);
    else add(test);
  }
  return summary;
}

const checkList = (field: string, body: Parameters<ToolDefinition['prepare']>[0]) =>
  commaList(body, field, isCheck, `a docker-bench-security check (check_N, check_N_N, check_c_N) or group (${DOCKER_BENCH_GROUPS.join(', ')})`);

export const dockerBench: ToolDefinition = {
  name: 'docker-bench-security',
  commands: ['docker-bench-security', 'docker-bench-security.sh'],
  configuredBin: (settings: ToolSettings) => settings.dockerBenchBin,
  runsInOwnDirectory: true,
  prepare(body, settings) {
    refuseUnknownFields(body, FIELDS);
    const checks = checkList('checks', body);
    const exclude = checkList('exclude', body);
    const requested = optionalString(body, 'output_file');
    const chosenOutputFile = requested === undefined ? undefined : confineOutputFile(settings.toolOutputDir, requested, 'output_file');
    const extra = allowedArgs(body, 'additional_args', 'docker-bench-security', ALLOWED);
    return {
      chosenOutputFile,
      defaultFileName: 'docker-bench-results.log',
      args: (outputFile) => [...(checks ? ['-c', checks.join(',')] : []), ...(exclude ? ['-e', exclude.join(',')] : []), '-l', outputFile, ...extra],
      // [from docker-bench-security] `-l FILE` writes the text log to FILE and the JSON to FILE.json.
      report: (outputFile) => ({ path: `${outputFile}.json` }),
    };
  },
  summarize: summarizeReport,
};
