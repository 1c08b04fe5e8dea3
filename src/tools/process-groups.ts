/** `process.kill`'s shape: a negative PID names a process group; signal 0 only asks whether it exists. */
export type Kill = (pid: number, signal: NodeJS.Signals | 0) => void;

const POLL_MS = 10;

/**
 * The process groups of the tools one app instance is running. Each tool is detached into a group
 * of its own so it can be ended as one; nothing else would end it when the emulator stops.
 */
export class ProcessGroups {
  private readonly running = new Map<number, Promise<void>>();
  private stopping = false;

  constructor(private readonly kill: Kill = (pid, signal) => process.kill(pid, signal)) {}

  /**
   * Signals a whole group. A group already gone is fine; any other failure (EPERM when a setuid
   * survivor is all that is left and we are not root) is logged and never thrown, as the callers
   * are timer and exit callbacks where a throw would end the server.
   */
  signal(pgid: number, signal: NodeJS.Signals): void {
    try {
      this.kill(-pgid, signal);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ESRCH') console.error(`qualys-emulator: cannot send ${signal} to tool process group ${pgid}: ${code ?? err}`);
    }
  }

  /** Tracks a run's group until the run settles; a run started while stopping is killed at once. */
  add(pgid: number, run: Promise<unknown>): void {
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.running.set(pgid, settled);
    void settled.then(() => this.running.delete(pgid));
    if (this.stopping) this.signal(pgid, 'SIGKILL');
  }

  /**
   * Ends every running group: SIGTERM, then SIGKILL after `graceSeconds`. Resolves once each run
   * has settled and its group is gone (or, for a member that will not go, one more grace period).
   */
  async stopAll(graceSeconds: number): Promise<void> {
    this.stopping = true;
    const runs = [...this.running];
    for (const [pgid] of runs) this.signal(pgid, 'SIGTERM');
    const kill = setTimeout(() => {
      for (const [pgid] of runs) this.signal(pgid, 'SIGKILL');
    }, graceSeconds * 1000);
    try {
      await Promise.all(
        runs.map(async ([pgid, settled]) => {
          await settled;
          await this.gone(pgid, Date.now() + graceSeconds * 1000);
        }),
      );
    } finally {
      clearTimeout(kill);
    }
  }

  /** Waits until no process is left in the group, or the deadline passes. */
  private async gone(pgid: number, deadline: number): Promise<void> {
    while (Date.now() < deadline) {
      try {
        this.kill(-pgid, 0);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
