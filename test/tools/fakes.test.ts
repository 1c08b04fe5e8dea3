import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { FAKES } from './helpers.js';

/** The fake run directly, from its own directory as the emulator starts it; what the emulator refuses first is checked here. */
const fake = (tool: string, args: string[]) => {
  const r = spawnSync(join(FAKES, tool), args, { cwd: FAKES, encoding: 'utf8', env: { ...process.env, FAKE_TOOL_LOG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('the fake kube-bench fails as the real one does', () => {
  it('exits 1 for the worker target, naming the benchmark and its valid targets', () => {
    expect(fake('kube-bench', ['run', '--targets', 'master,worker', '--json'])).toEqual({
      status: 1,
      stdout: '',
      stderr:
        '\nThe specified --targets "master,worker" are not configured for the CIS Benchmark cis-1.9\n Valid targets [master node controlplane etcd policies]\n',
    });
  });

  it('exits 1 for an X.Y.Z version, which no version_mapping key matches', () => {
    expect(fake('kube-bench', ['run', '--version', '1.27.3', '--json'])).toEqual({
      status: 1,
      stdout: '',
      stderr: '\nunable to get benchmark version. error: unable to find a matching Benchmark Version match for kubernetes version: 1.27.3\n',
    });
  });

  it('exits 255 for --targets without the run sub-command', () => {
    expect(fake('kube-bench', ['--targets', 'master'])).toMatchObject({ status: 255, stderr: 'Error: unknown flag: --targets\n' });
  });
});
