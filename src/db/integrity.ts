import { Worker } from 'node:worker_threads';
import { compiledWorker } from './compiled-worker.js';
import type { IntegrityWorkerData } from './integrity-worker.js';

/** How long closing waits for a check in progress, whose connection must close before the server's does. */
const CLOSE_WAIT_MS = 5_000;

/** [E] Problems quick_check lists at most; the first says what is wrong. */
const MAX_PROBLEMS = 3;
/** [E] A check older than this is run again when asked for (`/health`), at most this often. */
const INTEGRITY_RECHECK_MS = 30_000;

/**
 * Damage SQLite does not see when it opens a file (a page overwritten, a sector lost) makes
 * reads fail later, each one a 500, while the connection still answers `SELECT 1`. So the whole
 * file is checked once at start, and again when asked if the last check is older than
 * INTEGRITY_RECHECK_MS; what is asked for is the last check's finding.
 */
export class IntegrityChecks {
  private found: string[] = [];
  private checkedAt: number | undefined;
  private running = false;
  /** Set to 1 by the running check's thread once its connection is closed. */
  private closed = new Int32Array(new SharedArrayBuffer(4));

  constructor(private readonly path: string) {
    this.check();
  }

  /** What the last finished check found wrong (nothing before the first has finished); checks again if due. */
  problems(): string[] {
    if (!this.running && this.checkedAt !== undefined && Date.now() - this.checkedAt >= INTEGRITY_RECHECK_MS) this.check();
    return this.found;
  }

  /**
   * Waits for a check in progress to close its connection, so that the server's connection
   * closes last: SQLite then checkpoints the whole log into the file and removes it.
   */
  stop(): void {
    if (this.running) Atomics.wait(this.closed, 0, 0, CLOSE_WAIT_MS);
  }

  private check(): void {
    const file = compiledWorker('integrity-worker', 'no integrity check');
    if (file === undefined) return;
    this.running = true;
    this.closed = new Int32Array(new SharedArrayBuffer(4));
    const workerData: IntegrityWorkerData = { path: this.path, max: MAX_PROBLEMS, closed: this.closed.buffer as SharedArrayBuffer };
    const worker = new Worker(file, { workerData });
    // never keeps the process alive
    worker.unref();
    const done = (found: string[]) => {
      this.running = false;
      this.checkedAt = Date.now();
      this.found = found.length === 1 && found[0] === 'ok' ? [] : found.map((f) => `quick_check: ${f}`);
    };
    worker.once('message', done);
    worker.once('error', (err) => {
      Atomics.store(this.closed, 0, 1);
      done([`the check could not run: ${err.message}`]);
    });
  }
}
