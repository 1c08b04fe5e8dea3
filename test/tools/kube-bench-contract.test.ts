import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEmulator } from '../helpers/emulator.js';
import { FAKES, postTool, startToolTestBed } from './helpers.js';

const bed = await startToolTestBed();
const run = (body: unknown) => postTool(bed.emulator, 'kube-bench', body);

// The fake copied where no cfg/ lies beside it: a source build with nothing to read.
const bare = mkdtempSync(join(tmpdir(), 'qe-kube-bare-'));
for (const file of ['kube-bench', 'record.mjs']) copyFileSync(join(FAKES, file), join(bare, file));
const bareEmulator = await startTestEmulator({ kubeBenchBin: join(bare, 'kube-bench'), toolOutputDir: join(bare, 'out') });
afterAll(() => rmSync(bare, { recursive: true, force: true }));

describe('kube-bench requests the real tool would fail are refused first', () => {
  it.each([
    [
      { targets: 'master,worker' },
      'targets: "worker" is not a kube-bench target: one of master, controlplane, node, etcd, policies, managedservices (kube-bench has no worker target; use node)',
    ],
    [{ version: '1.27.3' }, 'version: "1.27.3" is not a Kubernetes version as kube-bench takes it: MAJOR.MINOR like 1.27, without a patch number'],
    [
      { additional_args: '--scored false' },
      'additional_args: "false" is not an allowed kube-bench argument (allowed: --check, -c, --group, -g, --skip, --scored, --unscored, --exit-code, --nototals, --noremediations, --include-test-output, -v)',
    ],
    [{ additional_args: '--unscored=no' }, 'additional_args: --unscored is a boolean: give it bare or as --unscored=true or --unscored=false'],
  ])('%j answers 400 saying what is accepted, running nothing', async (body, error) => {
    const res = await run(body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error });
    expect(bed.runs()).toEqual([]);
  });
});

describe('kube-bench reports as the real tool writes them', () => {
  it('--scored=false keeps only the unscored checks, --unscored=false only the scored ones', async () => {
    const unscored = (await run({ targets: 'node', additional_args: '--scored=false' })).json;
    expect(unscored.summary).toEqual({ pass: 0, fail: 0, warn: 1, info: 1, total: 2 });
    const scored = (await run({ targets: 'node', additional_args: '--unscored=false' })).json;
    expect(scored.summary).toEqual({ pass: 2, fail: 0, warn: 0, info: 0, total: 2 });
    expect(scored.report!.Controls[0].tests[0].results.every((r) => r.scored)).toBe(true);
  });

  it('--nototals: the report is the array of controls and the summary adds up their totals', async () => {
    const r = (await run({ targets: 'master,etcd,node', additional_args: '--nototals' })).json;
    expect(Array.isArray(r.report)).toBe(true);
    expect((r.report as unknown as { node_type: string }[]).map((c) => c.node_type)).toEqual(['master', 'etcd', 'node']);
    expect(r.summary).toEqual({ pass: 6, fail: 0, warn: 3, info: 3, total: 12 });
  });

  it('the summary counts a FAIL the report holds', async () => {
    process.env.FAKE_KUBE_BENCH_FAIL = '1';
    try {
      const r = (await run({ targets: 'master,node', additional_args: '--nototals' })).json;
      expect(r.summary).toEqual({ pass: 3, fail: 1, warn: 2, info: 2, total: 8 });
    } finally {
      delete process.env.FAKE_KUBE_BENCH_FAIL;
    }
  });
});

describe.skipIf(existsSync('/etc/kube-bench/cfg/config.yaml'))('kube-bench without a configuration where it looks', () => {
  it('GET /health says config: false; with cfg/ beside the binary, true', async () => {
    const bareHealth = await (await fetch(`${bareEmulator.url}/health`)).json();
    expect(bareHealth.tools['kube-bench']).toEqual({ found: true, config: false });
    const health = await (await fetch(`${bed.emulator.url}/health`)).json();
    expect(health.tools['kube-bench']).toEqual({ found: true, config: true });
  });

  it('a run without config_dir fails as the tool does, and stderr says where a configuration must be', async () => {
    const r = (await postTool(bareEmulator, 'kube-bench', { targets: 'node' })).json;
    expect(r.return_code).toBe(1);
    expect(r.stderr).toBe(
      "\nunable to get benchmark version. error: config file is missing 'version_mapping' section\n" +
        `qualys-emulator: kube-bench found no configuration: neither a cfg/ directory beside ${join(bare, 'kube-bench')} nor /etc/kube-bench/cfg holds config.yaml; install one there or give config_dir (one of --kube-bench-config-dirs)\n`,
    );
  });

  it('a release build, which reads only /etc/kube-bench/cfg, fails beside a cfg/ it never reads, and stderr says so', async () => {
    // The release tarball: binary and cfg/ side by side, but the binary's config directory is
    // compiled in (.goreleaser.yml: -X cmd.cfgDir=/etc/kube-bench/cfg).
    process.env.FAKE_KUBE_BENCH_CFG_DIR = '/etc/kube-bench/cfg';
    try {
      const r = (await run({ targets: 'node' })).json;
      expect(r.return_code).toBe(1);
      expect(r.stderr).toBe(
        "\nunable to get benchmark version. error: config file is missing 'version_mapping' section\n" +
          `qualys-emulator: kube-bench found no configuration in /etc/kube-bench/cfg, where a release build looks; the cfg/ beside ${join(FAKES, 'kube-bench')} is read only by a source build: copy it there or give config_dir (one of --kube-bench-config-dirs)\n`,
      );
    } finally {
      delete process.env.FAKE_KUBE_BENCH_CFG_DIR;
    }
  });
});
