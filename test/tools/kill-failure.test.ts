import { afterEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { ProcessGroups, type Kill } from '../../src/tools/process-groups.js';
import { runTool } from '../../src/tools/runner.js';
import { alive, FAKES, until } from './helpers.js';

// Not root, a setuid survivor in a tool's group makes kill() answer EPERM. The tests run as root
// here, so the refusal is injected: the signal is really sent, then the call fails as it would.
const eperm = (): Error => Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
const sendThenRefuse: Kill = (pid, signal) => {
  try {
    process.kill(pid, signal);
  } catch {
    // gone already: still refused, as a survivor would be
  }
  throw eperm();
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a process group that refuses a signal', () => {
  it('after the tool exits is logged, and the run is still answered', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const outcome = await runTool(
      join(FAKES, 'kube-bench'),
      ['version'],
      undefined,
      { timeoutSeconds: 30, graceSeconds: 0.2, outputCap: 1000 },
      new ProcessGroups(sendThenRefuse),
    );
    expect(outcome.returnCode).toBe(0);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/cannot send SIGKILL to tool process group \d+: EPERM/));
  });

  it('on timeout is logged, and SIGKILL still follows the refused SIGTERM', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    // The timeout leaves node time to start the fake and install its SIGTERM handler even on a
    // loaded machine; a SIGTERM before that would end it and prove nothing about the SIGKILL.
    const outcome = await runTool(
      join(FAKES, 'slow-tool'),
      [],
      undefined,
      { timeoutSeconds: 2, graceSeconds: 0.2, outputCap: 1000 },
      new ProcessGroups(sendThenRefuse),
    );
    expect(outcome).toMatchObject({ timedOut: true, returnCode: 128 + 9 });
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/cannot send SIGTERM to tool process group (\d+): EPERM/));
    const pgid = Number(/group (\d+)/.exec(log.mock.calls[0][0] as string)![1]);
    await until(() => !alive(pgid), `the end of process group ${pgid}`);
  });
});
