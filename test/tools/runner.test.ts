import { afterAll, describe, expect, it } from 'vitest';
import { rmSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { alive, FAKES, postTool, startToolTestBed, until } from './helpers.js';
import { USER } from '../helpers/emulator.js';
import { listening, runProgram } from '../helpers/program.js';

const scratch = mkdtempSync(join(tmpdir(), 'qe-runner-'));
const pidFile = join(scratch, 'child.pid');
process.env.FAKE_CHILD_PID_FILE = pidFile;

// kube-bench is the never-ending fake here; docker-bench-security is the ordinary one.
const bed = await startToolTestBed({ kubeBenchBin: join(FAKES, 'slow-tool'), toolTimeout: 1, toolKillGrace: 0.3, toolOutputCap: 100 });
const empty = mkdtempSync(join(tmpdir(), 'qe-empty-path-'));

afterAll(() => {
  for (const dir of [scratch, empty]) rmSync(dir, { recursive: true, force: true });
});

/**
 * The real program with a PATH of its own, where it looks its tools up: the worker's PATH is
 * never changed. Stopped after the file.
 */
async function programWithPath(path: string, args: string[], env: Record<string, string> = {}): Promise<{ url: string }> {
  const p = runProgram(['--port', '0', '--db', ':memory:', '--user', `${USER.login}:${USER.password}`, ...args], { ...env, PATH: path });
  afterAll(async () => {
    p.child.kill('SIGTERM');
    await p.exited;
  });
  return { url: await listening(p) };
}

// The fakes found on PATH, with node for their `#!/usr/bin/env node`; kube-bench very noisy.
const noisy = await programWithPath(
  `${FAKES}${delimiter}${dirname(process.execPath)}`,
  ['--tool-output-dir', join(scratch, 'noisy-out'), '--tool-output-cap', '100'],
  {
    FAKE_KUBE_BENCH_NOISE: '5000',
  },
);
// Nothing found on PATH.
const bare = await programWithPath(empty, ['--tool-output-dir', join(scratch, 'bare-out')]);
const untouchedOut = join(scratch, 'untouched-out');
const fresh = await programWithPath(empty, ['--tool-output-dir', untouchedOut]);

describe('the tool runner', () => {
  it('ends the whole process group on timeout, SIGKILL after SIGTERM is ignored; a second request meanwhile gets 409', async () => {
    const first = postTool(bed.emulator, 'kube-bench', { targets: 'master' });
    await until(() => existsSync(pidFile), 'the slow tool to start');
    const busy = await postTool(bed.emulator, 'kube-bench', {});
    expect(busy.status).toBe(409);
    expect(busy.json).toEqual({ error: 'kube-bench is already running' });
    // one run per tool: the other tool is free
    expect((await postTool(bed.emulator, 'docker-bench-security', {})).status).toBe(200);

    const r = (await first).json;
    expect(r.timed_out).toBe(true);
    expect(r.success).toBe(false);
    expect(r.return_code).toBe(128 + 9);
    expect(r.partial_results).toBe(true);
    expect(r.stdout).toBe('started the benchmark\n');
    const [leader] = bed.runs().filter((x) => x.tool === 'slow-tool');
    const child = Number(readFileSync(pidFile, 'utf8'));
    await until(() => !alive(child) && !alive(leader.pid), 'the timed-out tool and its child to end');
    expect(alive(child)).toBe(false);
    expect(alive(leader.pid)).toBe(false);

    // the tool is free again
    expect((await postTool(bed.emulator, 'kube-bench', {})).status).toBe(200);
  });

  it('finds a tool on PATH, caps its stdout and flags the cut as partial results', async () => {
    const r = (await postTool(noisy, 'kube-bench', {})).json;
    expect(r.command.startsWith(`${FAKES}/kube-bench `)).toBe(true);
    expect(r.stdout).toBe('x'.repeat(100));
    expect(r.partial_results).toBe(true);
    expect(r.success).toBe(true);
    expect(r.summary).not.toBeNull();
  });

  it('answers 200, return_code 127 and "command not found" when the binary is missing', async () => {
    for (const tool of ['kube-bench', 'docker-bench-security']) {
      const res = await postTool(bare, tool, {});
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        success: false,
        return_code: 127,
        stderr: `${tool}: command not found\n`,
        stdout: '',
        timed_out: false,
        report: null,
        summary: null,
      });
      expect(res.json.command.startsWith(`${tool} `)).toBe(true);
    }
    expect(bed.runs()).toEqual([]);
  });

  it('creates nothing for a missing binary or a refused request, not even the output directory', async () => {
    const kube = (await postTool(fresh, 'kube-bench', {})).json;
    expect(kube).toMatchObject({ return_code: 127, output_file: join(untouchedOut, 'kube-bench-XXXXXX', 'kube-bench-results.json') });
    const docker = (await postTool(fresh, 'docker-bench-security', {})).json;
    expect(docker).toMatchObject({ return_code: 127, output_file: join(untouchedOut, 'docker-bench-security-XXXXXX', 'docker-bench-results.log') });
    const chosen = (await postTool(fresh, 'docker-bench-security', { output_file: 'mine.log' })).json;
    expect(chosen).toMatchObject({ return_code: 127, output_file: join(untouchedOut, 'mine.log') });
    expect(chosen.argv).toContain(join(untouchedOut, 'mine.log'));
    // refused after output_file was checked
    expect((await postTool(fresh, 'docker-bench-security', { output_file: 'mine.log', additional_args: '--evil' })).status).toBe(400);
    expect(existsSync(untouchedOut)).toBe(false);
  });

  it.each([
    ['no credentials', null],
    ['wrong password', 'Basic ' + Buffer.from('tester:wrong').toString('base64')],
    ['not Basic', 'Bearer abc'],
  ])('answers 401 without a challenge for %s, before reading the body (no /api/ path sends one)', async (_, auth) => {
    for (const tool of ['kube-bench', 'docker-bench-security']) {
      const res = await postTool(bed.emulator, tool, { targets: '$(id)' }, { auth });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBeNull();
      expect(res.json).toEqual({ error: 'Bad Login/Password' });
    }
    expect(bed.runs()).toEqual([]);
  });

  it('accepts a QualysSession cookie from session login instead of Basic', async () => {
    const login = await fetch(`${bed.emulator.url}/api/2.0/fo/session/`, {
      method: 'POST',
      headers: { 'X-Requested-With': 'vitest', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'login', username: USER.login, password: USER.password }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const res = await fetch(`${bed.emulator.url}/api/tools/docker-bench-security`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect((await res.json()).success).toBe(true);
  });

  it('answers 405 in JSON to other methods', async () => {
    const res = await postTool(bed.emulator, 'kube-bench', undefined, { method: 'GET' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(res.json.error).toMatch(/GET/);
  });

  it('checks credentials before the method: 401 for any method without them', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await postTool(bed.emulator, 'kube-bench', {}, { method, auth: null });
      expect(res.status, method).toBe(401);
      expect(res.headers.get('www-authenticate')).toBeNull();
      expect(res.headers.get('allow')).toBeNull();
    }
    expect(bed.runs()).toEqual([]);
  });
});
