import type { Config } from '../config.js';
import { allowedArgs, commaList, optionalString, refuseUnknownFields, type AllowedOption } from './fields.js';
import { confineOutputFile } from './output-location.js';
import type { Summary, ToolDefinition } from './tool.js';

const FIELDS = ['checks', 'exclude', 'output_file', 'additional_args'];

const SECTIONS = [
  'host_configuration',
  'docker_daemon_configuration',
  'docker_daemon_files',
  'container_images',
  'container_runtime',
  'docker_security_operations',
  'docker_swarm_configuration',
  'docker_enterprise_configuration',
  'community_checks',
];

/** [from docker-bench-security] the groups `-c`/`-e` accept, besides single check functions. */
const DOCKER_BENCH_GROUPS = [...SECTIONS, ...SECTIONS.map((s) => `${s}_level1`), 'cis', 'cis_level1', 'all', 'all_level1'];

/** Check functions: `check_2_2`, `check_5_31`, community `check_c_1_1`. The script runs any name it gets. */
const CHECK_FUNCTION = /^check_(c_)?\d{1,2}(_\d{1,2}){0,3}$/;

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

interface DockerBenchReport {
  tests?: { results?: { result?: unknown }[] }[];
}

const checkList = (field: string, body: Parameters<ToolDefinition['prepare']>[0]) =>
  commaList(body, field, isCheck, `a docker-bench-security check (check_N_N) or group (${DOCKER_BENCH_GROUPS.join(', ')})`);

export const dockerBench: ToolDefinition = {
  name: 'docker-bench-security',
  commands: ['docker-bench-security', 'docker-bench-security.sh'],
  configuredBin: (config: Config) => config.dockerBenchBin,
  runsInOwnDirectory: true,
  prepare(body, config) {
    refuseUnknownFields(body, FIELDS);
    const checks = checkList('checks', body);
    const exclude = checkList('exclude', body);
    const requested = optionalString(body, 'output_file');
    const chosenOutputFile = requested === undefined ? undefined : confineOutputFile(config.toolOutputDir, requested, 'output_file');
    const extra = allowedArgs(body, 'additional_args', 'docker-bench-security', ALLOWED);
    return {
      chosenOutputFile,
      defaultFileName: 'docker-bench-results.log',
      args: (outputFile) => [
        ...(checks ? ['-c', checks.join(',')] : []),
        ...(exclude ? ['-e', exclude.join(',')] : []),
        '-l',
        outputFile,
        ...extra,
      ],
      // [from docker-bench-security] `-l FILE` writes the text log to FILE and the JSON to FILE.json.
      report: (outputFile) => ({ path: `${outputFile}.json` }),
    };
  },
  summarize(report): Summary | null {
    const tests = (report as DockerBenchReport | null)?.tests;
    if (!Array.isArray(tests)) return null;
    const summary = { pass: 0, fail: 0, warn: 0, info: 0, note: 0 };
    for (const test of tests) {
      for (const r of Array.isArray(test?.results) ? test.results : []) {
        const key = typeof r?.result === 'string' ? r.result.toLowerCase() : '';
        if (key in summary) summary[key as keyof Summary]! += 1;
      }
    }
    return summary;
  },
};
