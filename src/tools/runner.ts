import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { PACKAGE_ROOT } from '../package-root.js';
import type { ProcessGroups } from './process-groups.js';

/** Leads each run's process group and ends it when the emulator's pipe to it closes (docs/security.md). */
const SUPERVISOR = join(PACKAGE_ROOT, 'bin', 'tool-supervisor.js');

export interface RunLimits {
  /** Seconds before the process group is ended. */
  timeoutSeconds: number;
  /** Seconds between SIGTERM and SIGKILL. */
  graceSeconds: number;
  /** Bytes kept of stdout and of stderr, each. */
  outputCap: number;
}

export interface RunOutcome {
  stdout: string;
  stderr: string;
  /** The exit code; for a signal death, 128 + the signal number as a shell reports it. */
  returnCode: number;
  timedOut: boolean;
  /** Whether stdout or stderr was cut at the cap. */
  truncated: boolean;
  /** Seconds from spawn to the end of output. */
  executionTime: number;
}

/** Keeps the first `cap` bytes of a stream and drains the rest so the child never blocks. */
function capture(stream: Readable, cap: number) {
  const chunks: Buffer[] = [];
  let kept = 0;
  const state = { truncated: false, text: () => Buffer.concat(chunks).toString('utf8') };
  stream.on('data', (chunk: Buffer) => {
    const room = cap - kept;
    if (chunk.length > room) state.truncated = true;
    if (room > 0) {
      chunks.push(room >= chunk.length ? chunk : chunk.subarray(0, room));
      kept += Math.min(room, chunk.length);
    }
  });
  return state;
}

/**
 * Runs `file` with `args`, never through a shell, in a process group of its own so the group can
 * be ended as one: on timeout SIGTERM, then SIGKILL after the grace period; and whatever the tool
 * left behind in its group when it exits is killed too, so no orphan survives. The group is in
 * `groups` while it runs, so stopping the emulator can end it. Its leader is the supervisor,
 * which passes the tool's exit on and ends the group by itself if the emulator dies, SIGKILL
 * included: it holds the read end of a pipe (its stdin) that only the emulator's death closes.
 */
export function runTool(file: string, args: readonly string[], cwd: string | undefined, limits: RunLimits, groups: ProcessGroups): Promise<RunOutcome> {
  const started = process.hrtime.bigint();
  // Orphaned, the group gets its grace, but never more than the tool's own time limit.
  const orphanGrace = Math.min(limits.graceSeconds, limits.timeoutSeconds);
  const child = spawn(process.execPath, [SUPERVISOR, String(orphanGrace), file, ...args], {
    cwd,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  // Never written: the pipe only tells the supervisor the emulator is alive.
  child.stdin.on('error', () => {});
  const run = new Promise<RunOutcome>((resolve, reject) => {
    const out = capture(child.stdout, limits.outputCap);
    const err = capture(child.stderr, limits.outputCap);
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    const timeout = setTimeout(() => {
      timedOut = true;
      groups.signal(child.pid!, 'SIGTERM');
      killTimer = setTimeout(() => groups.signal(child.pid!, 'SIGKILL'), limits.graceSeconds * 1000);
    }, limits.timeoutSeconds * 1000);
    child.once('error', (e) => {
      clearTimeout(timeout);
      reject(e);
    });
    child.once('exit', () => {
      clearTimeout(timeout);
      clearTimeout(killTimer);
      groups.signal(child.pid!, 'SIGKILL');
      // A descendant that left the group could still hold the pipes open; stop waiting for it.
      drainTimer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, limits.graceSeconds * 1000);
    });
    child.once('close', (code, signal) => {
      clearTimeout(drainTimer);
      resolve({
        stdout: out.text(),
        stderr: err.text(),
        returnCode: code ?? 128 + (signal ? constants.signals[signal] : 0),
        timedOut,
        truncated: out.truncated || err.truncated,
        executionTime: Number(process.hrtime.bigint() - started) / 1e9,
      });
    });
  });
  if (child.pid !== undefined) groups.add(child.pid, run);
  return run;
}
