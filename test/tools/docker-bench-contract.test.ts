import { describe, expect, it } from 'vitest';
import { postTool, startToolTestBed } from './helpers.js';

const bed = await startToolTestBed();
const run = (body: unknown) => postTool(bed.emulator, 'docker-bench-security', body);

/** Every group function of v1.6.0's functions/functions_lib.sh. */
const GROUPS = [
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

describe('docker-bench-security check and group names', () => {
  it.each(GROUPS)('accepts the group %s, which the script runs', async (group) => {
    const r = (await run({ checks: group, additional_args: '-b' })).json;
    expect(r.argv.slice(0, 2)).toEqual(['-c', group]);
    expect(r.stdout).not.toMatch(/doesn't seem to exist/);
    expect(r.summary!.total).toBeGreaterThan(0);
  });

  it.each(['all_level1', 'community_checks_level1', 'check_', 'check_2_x', 'check_d_1', 'check_running_containers'])(
    'refuses %s with 400 naming the field',
    async (name) => {
      for (const field of ['checks', 'exclude']) {
        const res = await run({ [field]: name });
        expect(res.status).toBe(400);
        expect(res.json.error).toMatch(
          new RegExp(`^${field}: "${name}" is not a docker-bench-security check \\(check_N, check_N_N, check_c_N\\) or group \\(host_configuration, `),
        );
      }
      expect(bed.runs()).toEqual([]);
    },
  );

  it('runs a well-formed check the script lacks: it says so on stdout and exits 0 with an empty report', async () => {
    const r = (await run({ checks: 'check_9_9', additional_args: '-b' })).json;
    expect(r.success).toBe(true);
    expect(r.stdout).toContain('Check "check_9_9" doesn\'t seem to exist.\n');
    expect(r.report!.tests).toEqual([]);
    expect(r.summary).toEqual({ pass: 0, fail: 0, warn: 0, info: 0, note: 0, total: 0 });
  });
});

describe('docker-bench-security summary counts both shapes of tests', () => {
  it('counts a single check written flat', async () => {
    const r = (await run({ checks: 'check_2_2' })).json;
    expect(r.report!.tests).toEqual([{ id: '2.2', desc: expect.any(String), result: 'WARN' }]);
    expect(r.summary).toEqual({ pass: 0, fail: 0, warn: 1, info: 0, note: 0, total: 1 });
  });

  it('counts a section and a flat check in one report', async () => {
    const r = (await run({ checks: 'container_images,check_2_2,check_c_5_3_1' })).json;
    expect(r.report!.tests.map((t) => t.id)).toEqual(['4', '2.2', 'C.5.3.1']);
    expect(r.summary).toEqual({ pass: 1, fail: 0, warn: 5, info: 0, note: 0, total: 6 });
  });

  it('counts NOTE results, and everything of the default run', async () => {
    const r = (await run({})).json;
    expect(r.summary).toEqual({ pass: 5, fail: 0, warn: 5, info: 3, note: 1, total: 14 });
    expect(r.summary!.total).toBe(r.report!.checks);
  });
});

describe('docker-bench-security -p and -b', () => {
  it('has no remediation by default; -p prints it and puts it in the JSON', async () => {
    const plain = (await run({ checks: 'check_2_2' })).json;
    expect(plain.stdout).not.toMatch(/Remediation/);
    expect(plain.report!.tests[0].remediation).toBeUndefined();
    const withP = (await run({ checks: 'check_2_2', additional_args: '-p -b' })).json;
    expect(withP.stdout).toMatch(/Section B - Remediation measures\n\n\[INFO\] 2\.2 - Edit the Docker daemon configuration file/);
    expect(withP.report!.tests[0].remediation).toMatch(/^Edit the Docker daemon configuration file/);
  });

  it('-b leaves stdout without colour codes', async () => {
    expect((await run({ checks: 'check_2_2' })).json.stdout).toContain('\x1b[');
    expect((await run({ checks: 'check_2_2', additional_args: '-b' })).json.stdout).not.toContain('\x1b[');
  });
});
