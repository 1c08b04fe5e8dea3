#!/usr/bin/env node
// Stands between the emulator and a tool, so that no tool outlives the emulator, even one killed
// with SIGKILL: run as `tool-supervisor.js GRACE_SECONDS FILE [ARGS...]`, it leads the process
// group the emulator made for the run, starts FILE in that same group (never through a shell),
// and ends the whole group when its stdin, a pipe from the emulator, closes: SIGTERM, then
// SIGKILL after the grace. Otherwise it waits for the tool and exits as the tool did, so the
// emulator reads the tool's own exit code or signal. The emulator's signals go to the whole group;
// the supervisor ignores SIGTERM, which is meant for the tool, and dies with the group's SIGKILL.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const [graceArg, file, ...args] = process.argv.slice(2);
const graceMs = Number(graceArg) * 1000;
let orphaned = false;

process.on('SIGTERM', () => {});

const tool = spawn(file, args, { stdio: ['ignore', 'inherit', 'inherit'] });

tool.once('error', (err) => {
  // What a shell answers when it cannot run a program: 127 when missing, 126 otherwise.
  process.stderr.write(`${file}: ${err.message}\n`);
  process.exit(err.code === 'ENOENT' ? 127 : 126);
});

tool.once('exit', (code, signal) => {
  // Orphaned, the group is still being ended: stay for the SIGKILL so no descendant is missed.
  if (orphaned) return;
  if (signal === null) process.exit(code ?? 0);
  process.removeAllListeners('SIGTERM');
  process.kill(process.pid, signal);
  // A signal the runtime catches itself: report it the way a shell would.
  setTimeout(() => process.exit(128 + (constants.signals[signal] ?? 0)), 100);
});

// The emulator never writes here: end-of-file means it is gone.
process.stdin.on('data', () => {});
process.stdin.once('close', endGroup);
process.stdin.once('end', endGroup);
process.stdin.once('error', endGroup);

function endGroup() {
  if (orphaned) return;
  orphaned = true;
  process.kill(-process.pid, 'SIGTERM');
  setTimeout(() => process.kill(-process.pid, 'SIGKILL'), graceMs);
}
