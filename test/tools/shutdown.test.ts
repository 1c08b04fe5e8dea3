import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../src/index.js';
import { AUTH, USER } from '../helpers/emulator.js';
import { listening, runProgram } from '../helpers/program.js';
import { alive, FAKES, until } from './helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'qe-shutdown-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// The never-ending fake with a timeout far beyond the test: only the stop can end it.
const SLOW = { kubeBenchBin: join(FAKES, 'slow-tool'), toolTimeout: 60, toolKillGrace: 0.3 };

/** Where a run's fake writes its own PID (through the log) and its child's. */
function runFiles(name: string) {
  const log = join(scratch, `${name}.jsonl`);
  const childPid = join(scratch, `${name}.pid`);
  writeFileSync(log, '');
  return {
    env: { FAKE_TOOL_LOG: log, FAKE_CHILD_PID_FILE: childPid },
    /** The leader's and its child's PIDs, once the fake has started its child. */
    async pids(): Promise<number[]> {
      await until(() => existsSync(childPid) && readFileSync(childPid, 'utf8') !== '', `the fake's child PID in ${childPid}`);
      const leader = (JSON.parse(readFileSync(log, 'utf8').split('\n')[0]) as { pid: number }).pid;
      return [leader, Number(readFileSync(childPid, 'utf8'))];
    },
  };
}

/** Starts a kube-bench run; its answer may never come, as the server stops under it. */
function startRun(url: string): void {
  fetch(`${url}/api/tools/kube-bench`, { method: 'POST', headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: '{}' }).then(
    (res) => res.text(),
    () => undefined,
  );
}

/** The real program, running the never-ending fake: its PIDs and its child's, both alive. */
async function programRunning(name: string) {
  const files = runFiles(name);
  const args = ['--port', '0', '--db', ':memory:', '--user', `${USER.login}:${USER.password}`, '--tool-output-dir', join(scratch, `${name}-out`)];
  const p = runProgram([...args, '--kube-bench-bin', SLOW.kubeBenchBin, '--tool-timeout', '60', '--tool-kill-grace', '0.3'], files.env);
  startRun(await listening(p));
  const pids = await files.pids();
  expect(pids.map(alive)).toEqual([true, true]);
  return { p, pids };
}

describe('stopping the emulator while a tool runs', () => {
  it('close() of a startEmulator handle ends the running tool and its child before it resolves', async () => {
    const files = runFiles('handle');
    Object.assign(process.env, files.env);
    const emulator = await startEmulator({ ...SLOW, users: [USER], toolOutputDir: join(scratch, 'out') });
    startRun(emulator.url);
    const pids = await files.pids();
    expect(pids.map(alive)).toEqual([true, true]);
    await emulator.close();
    expect(pids.map(alive)).toEqual([false, false]);
  });

  it('the program on SIGTERM ends the running tool and its child, then exits 0', async () => {
    const { p, pids } = await programRunning('program');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(pids.map(alive)).toEqual([false, false]);
  });

  it('a SIGKILL of the program, which can clean nothing up, still ends the running tool and its child soon after', async () => {
    const { p, pids } = await programRunning('sigkill');
    p.child.kill('SIGKILL');
    await p.exited;
    // Far within --tool-timeout (60 s): the supervisor sees its pipe close, SIGTERMs, SIGKILLs after the grace.
    await until(() => !pids.some(alive), 'the orphaned tool and its child to be ended', 5000);
    expect(pids.map(alive)).toEqual([false, false]);
  });
});
