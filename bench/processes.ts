import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A server running in its own process, so the load generator does not share its event loop. */
export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts `node SCRIPT ARGS` and waits for its `listening on URL` line. */
export async function startServer(script: string, args: readonly string[]): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * CPU time a process has used, user and system, in microseconds (Linux): every thread's, or only
 * the main thread's (whose thread ID is the process ID: Node's event loop). The kernel counts it
 * in USER_HZ ticks, 100 a second on Linux whatever the kernel's own HZ.
 */
export function cpuTimeOf(pid: number, thread: 'all' | 'main' = 'all'): number {
  const stat = readFileSync(thread === 'all' ? `/proc/${pid}/stat` : `/proc/${pid}/task/${pid}/stat`, 'utf8');
  // Fields after the command name, which may itself hold spaces: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** Resident memory of a process, in bytes (Linux). */
export function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * Runs `fn` while sampling the process's resident memory; returns the time it took and the
 * peak growth of memory above where it started.
 */
export async function measure(pid: number, fn: () => Promise<unknown>): Promise<{ ms: number; memory: number }> {
  const before = rssOf(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 2);
  const start = process.hrtime.bigint();
  try {
    await fn();
  } finally {
    clearInterval(sampler);
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  peak = Math.max(peak, rssOf(pid));
  return { ms, memory: peak - before };
}
