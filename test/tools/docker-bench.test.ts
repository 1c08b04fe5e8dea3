import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FAKES, postTool, startToolTestBed } from './helpers.js';

const bed = await startToolTestBed();
const run = (body: unknown) => postTool(bed.emulator, 'docker-bench-security', body);

describe('POST /api/tools/docker-bench-security', () => {
  it('runs from its own directory with -l FILE and parses FILE.json', async () => {
    const res = await run({ checks: 'check_2_2,container_runtime' });
    expect(res.status).toBe(200);
    const r = res.json;
    expect(r.success).toBe(true);
    expect(r.argv).toEqual(['-c', 'check_2_2,container_runtime', '-l', r.output_file]);
    expect(r.command).toBe(`${FAKES}/docker-bench-security -c check_2_2,container_runtime -l ${r.output_file}`);
    expect(dirname(dirname(r.output_file))).toBe(bed.outputDir);
    expect(readFileSync(r.output_file, 'utf8')).toMatch(/\[WARN\] 2\.2 /);
    expect(r.report).toEqual(JSON.parse(readFileSync(`${r.output_file}.json`, 'utf8')));
    expect(r.report?.tests.map((t) => t.id)).toEqual(['2', '5']);
    expect(r.summary).toEqual({ pass: 1, fail: 0, warn: 1, info: 0, note: 1 });
    expect(r.stdout).toMatch(/Docker Bench for Security/);
    expect(bed.runs()).toEqual([expect.objectContaining({ argv: r.argv, cwd: FAKES })]);
  });

  it.each<[object, string[]]>([
    [{}, []],
    [{ exclude: ['check_5_31'] }, ['-e', 'check_5_31']],
    [{ checks: ['cis_level1'], exclude: 'host_configuration' }, ['-c', 'cis_level1', '-e', 'host_configuration']],
    [{ checks: 'check_c_1_1,docker_swarm_configuration_level1' }, ['-c', 'check_c_1_1,docker_swarm_configuration_level1']],
    [{ additional_args: '-b -p -n 5 -u root,docker -i web -x db -t env=prod' }, ['+', '-b', '-p', '-n', '5', '-u', 'root,docker', '-i', 'web', '-x', 'db', '-t', 'env=prod']],
  ])('builds the argv for %j', async (body, expected) => {
    const r = (await run(body)).json;
    const plus = expected.indexOf('+');
    const [head, extra] = plus < 0 ? [expected, []] : [expected.slice(0, plus), expected.slice(plus + 1)];
    expect(r.argv).toEqual([...head, '-l', r.output_file, ...extra]);
    expect(bed.runs().map((x) => x.argv)).toEqual([r.argv]);
  });

  it('writes a confined output_file, relative or absolute, and FILE.json beside it', async () => {
    mkdirSync(join(bed.outputDir, 'nightly'), { recursive: true });
    const r = (await run({ output_file: 'nightly/docker-bench.log' })).json;
    expect(r.output_file).toBe(join(bed.outputDir, 'nightly', 'docker-bench.log'));
    expect(r.argv).toEqual(['-l', r.output_file]);
    expect(existsSync(`${r.output_file}.json`)).toBe(true);
    const again = (await run({ output_file: join(bed.outputDir, 'nightly', 'docker-bench.log') })).json;
    expect(again.output_file).toBe(r.output_file);
    expect(again.report).not.toBeNull();
  });

  it('never takes a stale FILE.json for this run’s report', async () => {
    writeFileSync(join(bed.outputDir, 'stale.log.json'), '{"tests": []}');
    process.env.FAKE_DOCKER_DAEMON = 'down';
    try {
      const r = (await run({ output_file: 'stale.log' })).json;
      expect(r.return_code).toBe(1);
      expect(r.success).toBe(false);
      expect(r.stdout).toBe('Error connecting to docker daemon (does docker ps work?)\n');
      expect(r.report).toBeNull();
      expect(r.report_error).toMatch(/no report was written/);
      expect(r.summary).toBeNull();
    } finally {
      delete process.env.FAKE_DOCKER_DAEMON;
    }
  });

  it('answers report null with report_error when the tool writes broken JSON', async () => {
    process.env.FAKE_DOCKER_BENCH_BAD_JSON = '1';
    try {
      const r = (await run({})).json;
      expect(r.success).toBe(true);
      expect(r.report).toBeNull();
      expect(r.report_error).toMatch(/not valid JSON/);
      expect(readFileSync(`${r.output_file}.json`, 'utf8')).toMatch(/\],\}\]/);
    } finally {
      delete process.env.FAKE_DOCKER_BENCH_BAD_JSON;
    }
  });
});
