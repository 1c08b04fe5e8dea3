import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FAKES, postTool, startToolTestBed } from './helpers.js';

const bed = await startToolTestBed();
const run = (body: unknown) => postTool(bed.emulator, 'docker-bench-security', body);

describe('POST /api/tools/docker-bench-security', () => {
  it('runs from its own directory with -l FILE and parses FILE.json', async () => {
    const res = await run({ checks: 'container_runtime,check_2_2' });
    expect(res.status).toBe(200);
    const r = res.json;
    expect(r.success).toBe(true);
    expect(r.argv).toEqual(['-c', 'container_runtime,check_2_2', '-l', r.output_file]);
    expect(r.command).toBe(`${FAKES}/docker-bench-security -c container_runtime,check_2_2 -l ${r.output_file}`);
    expect(dirname(dirname(r.output_file))).toBe(bed.outputDir);
    // without -b the log holds the script's colours
    expect(readFileSync(r.output_file, 'utf8')).toContain('\x1b[1;31m[WARN]\x1b[0m 2.2 - ');
    expect(r.report).toEqual(JSON.parse(readFileSync(`${r.output_file}.json`, 'utf8')));
    // check_2_2 on its own is written flat, container_runtime as a section
    expect(r.report?.tests.map((t) => t.id)).toEqual(['5', '2.2']);
    expect(r.summary).toEqual({ pass: 1, fail: 0, warn: 1, info: 0, note: 1, total: 3 });
    expect(r.stdout).toMatch(/Docker Bench for Security/);
    expect(bed.runs()).toEqual([expect.objectContaining({ argv: r.argv, cwd: FAKES })]);
  });

  it.each<[object, string[]]>([
    [{}, []],
    [{ exclude: ['check_5_31'] }, ['-e', 'check_5_31']],
    [{ checks: ['cis_level1'], exclude: 'host_configuration' }, ['-c', 'cis_level1', '-e', 'host_configuration']],
    [{ checks: 'check_c_1,check_c_5_3_1,docker_swarm_configuration_level1' }, ['-c', 'check_c_1,check_c_5_3_1,docker_swarm_configuration_level1']],
    [
      { additional_args: '-b -p -n 5 -u root,docker -i web -x db -t env=prod' },
      ['+', '-b', '-p', '-n', '5', '-u', 'root,docker', '-i', 'web', '-x', 'db', '-t', 'env=prod'],
    ],
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

  it('takes an output_file name as long as NAME_MAX allows with .json added, and refuses one longer with 400', async () => {
    const longest = 'a'.repeat(250);
    const r = (await run({ output_file: longest })).json;
    expect(r.output_file).toBe(join(bed.outputDir, longest));
    expect(r.report).not.toBeNull();
    const res = await run({ output_file: `${longest}b` });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: 'output_file: a name in it is 251 characters long; at most 250 are allowed' });
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

  it('answers report null with report_error when the script pastes broken JSON (a single check before a group)', async () => {
    const r = (await run({ checks: 'check_2_2,container_images' })).json;
    expect(r.success).toBe(true);
    expect(r.report).toBeNull();
    expect(r.report_error).toMatch(/not valid JSON/);
    expect(r.summary).toBeNull();
    // the flat check and the section meet without a comma
    expect(readFileSync(`${r.output_file}.json`, 'utf8')).toMatch(/\n {8}\}\n {4}\{\n/);
  });
});
