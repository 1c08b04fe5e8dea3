import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FAKES, postTool, startToolTestBed } from './helpers.js';

const configDir = mkdtempSync(join(tmpdir(), 'qe-kube-cfg-'));
copyFileSync(join(FAKES, 'cfg', 'config.yaml'), join(configDir, 'config.yaml'));
const bed = await startToolTestBed({ kubeBenchConfigDirs: [configDir] });
const run = (body: unknown) => postTool(bed.emulator, 'kube-bench', body);

afterAll(() => {
  for (const dir of [configDir]) rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/tools/kube-bench', () => {
  it('runs `kube-bench run --targets` and returns the parsed report (the Done-when request)', async () => {
    const res = await run({ targets: 'master,node', version: '1.27' });
    expect(res.status).toBe(200);
    const r = res.json;
    expect(r.success).toBe(true);
    expect(r.return_code).toBe(0);
    expect(r.timed_out).toBe(false);
    expect(r.partial_results).toBe(false);
    expect(r.argv.slice(0, 3)).toEqual(['run', '--targets', 'master,node']);
    expect(r.argv).toEqual(['run', '--targets', 'master,node', '--version', '1.27', '--json', '--outputfile', r.output_file]);
    // the private run directory lies in the configured output directory
    expect(dirname(dirname(r.output_file))).toBe(bed.outputDir);
    expect(r.output_file).toMatch(/\/kube-bench-[^/]+\/kube-bench-results\.json$/);
    expect(r.report?.Controls.map((c) => c.node_type)).toEqual(['master', 'node']);
    expect(r.report).toEqual(JSON.parse(readFileSync(r.output_file, 'utf8')));
    expect(r.summary).toEqual({ pass: 4, fail: 0, warn: 2, info: 2, total: 8 });
    expect(r.stdout).toBe('');
    expect(r.command).toBe(`${FAKES}/kube-bench run --targets master,node --version 1.27 --json --outputfile ${r.output_file}`);
    expect(typeof r.execution_time).toBe('number');
    expect(new Date(r.timestamp).toISOString()).toBe(r.timestamp);
    expect(bed.runs().map((x) => x.argv)).toEqual([r.argv]);
  });

  it.each([
    [{}, ['run', '--json']],
    [{ targets: ['etcd', 'policies'] }, ['run', '--targets', 'etcd,policies', '--json']],
    [{ targets: ' master , node ' }, ['run', '--targets', 'master,node', '--json']],
    [{ benchmark: 'cis-1.9' }, ['run', '--benchmark', 'cis-1.9', '--json']],
    [{ version: '1.27', output_format: 'json' }, ['run', '--version', '1.27', '--json']],
    [{ output_format: 'junit' }, ['run', '--junit']],
    [{ config_dir: configDir }, ['run', '--config-dir', configDir, '--json']],
    [
      { targets: 'node', additional_args: '--check 4.1.1,4.1.2 --nototals -v 3' },
      ['run', '--targets', 'node', '--json', '+', '--check', '4.1.1,4.1.2', '--nototals', '-v', '3'],
    ],
    [
      { additional_args: `-g 1 --skip=1.1.1 --scored --unscored --noremediations --include-test-output --exit-code 3 -c '1.2'` },
      [
        'run',
        '--json',
        '+',
        '-g',
        '1',
        '--skip',
        '1.1.1',
        '--scored',
        '--unscored',
        '--noremediations',
        '--include-test-output',
        '--exit-code',
        '3',
        '-c',
        '1.2',
      ],
    ],
    [{ additional_args: '--scored=true --unscored=false' }, ['run', '--json', '+', '--scored=true', '--unscored=false']],
    [{ targets: null, version: null, additional_args: '' }, ['run', '--json']],
  ])('builds the argv for %j', async (body, expected) => {
    const res = await run(body);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const plus = expected.indexOf('+');
    const [head, extra] = plus < 0 ? [expected, []] : [expected.slice(0, plus), expected.slice(plus + 1)];
    expect(res.json.argv).toEqual([...head, '--outputfile', res.json.output_file, ...extra]);
    expect(bed.runs().map((x) => x.argv)).toEqual([res.json.argv]);
    expect(res.json.success).toBe(true);
  });

  it('gives each run its own private directory', async () => {
    const a = (await run({})).json.output_file;
    const b = (await run({})).json.output_file;
    expect(dirname(a)).not.toBe(dirname(b));
  });

  it('leaves a junit report (<testsuites>, one <testsuite> per control) in output_file and says why it is not parsed', async () => {
    const r = (await run({ output_format: 'junit', targets: 'master,node' })).json;
    expect(r.output_file).toMatch(/kube-bench-results\.xml$/);
    const xml = readFileSync(r.output_file, 'utf8');
    expect(xml).toMatch(/^<testsuites>\n/);
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    // WARN and INFO are <skipped>, as check/controls.go JUnit() writes them
    expect(xml.match(/<skipped>/g)).toHaveLength(4);
    expect(r.report).toBeNull();
    expect(r.report_error).toMatch(/junit/);
    expect(r.summary).toBeNull();
  });

  it('reports a FAIL with --exit-code as an unsuccessful run with its report', async () => {
    process.env.FAKE_KUBE_BENCH_FAIL = '1';
    try {
      const r = (await run({ targets: 'node', additional_args: '--exit-code 4' })).json;
      expect(r.return_code).toBe(4);
      expect(r.success).toBe(false);
      expect(r.summary?.fail).toBe(1);
    } finally {
      delete process.env.FAKE_KUBE_BENCH_FAIL;
    }
  });

  it('passes the tool’s own errors through: exit code, stderr, no report', async () => {
    rmSync(configDir, { recursive: true });
    const r = (await run({ config_dir: configDir })).json;
    expect(r.return_code).toBe(1);
    expect(r.success).toBe(false);
    expect(r.stderr).toBe("\nunable to get benchmark version. error: config file is missing 'version_mapping' section\n");
    expect(r.report).toBeNull();
    expect(r.report_error).toMatch(/no report was written/);
  });
});
