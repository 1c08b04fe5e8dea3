import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../package-root.js';
import type { CheckpointWorkerData } from './checkpoint-worker.js';

/**
 * Copies the write-ahead log back into the database file from a thread of its own. Left to the
 * connection that commits, a checkpoint (its page copies and fsyncs) lands on every thousandth
 * page written: 1% of creates then took 60% of the time of all of them (npm run bench). A
 * PASSIVE checkpoint never blocks readers or writers, so the server's thread only commits.
 *
 * The thread runs `checkpoint-worker.ts` as tsc compiled it, found under the package root:
 * Node 20 cannot run TypeScript itself, and vitest compiles the modules it imports but not a
 * worker thread's. So the sources (under vitest) and the built package (`npm start`, the
 * `qualys-emulator` bin) start the same file, which `npm test` builds before any test runs.
 */
const CHECKPOINT_WORKER = join(PACKAGE_ROOT, 'dist', 'src', 'db', 'checkpoint-worker.js');

let warned = false;

/** Once per process: the connection then checkpoints itself, as when the thread fails. */
function warnNotBuilt(): void {
  if (warned) return;
  warned = true;
  console.error(`qualys-emulator: no WAL checkpoint thread until ${CHECKPOINT_WORKER} is built (npm run build)`);
}

const INTERVAL_MS = 200;
/** How long closing waits for the thread's connection to close; a checkpoint in progress finishes first. */
const CLOSE_WAIT_MS = 5_000;

/**
 * Starts checkpointing `path` in a worker thread. The returned function stops it and waits until
 * its connection is closed, so the caller's connection closes last: SQLite then checkpoints the
 * whole log and removes it, and a copy of the database file alone holds every commit.
 */
export function startCheckpointer(path: string, synchronous: string): () => void {
  // Only the sources run before a build (unit tests do, and need no thread); the package always has it.
  if (!existsSync(CHECKPOINT_WORKER)) {
    warnNotBuilt();
    return () => {};
  }
  const closed = new SharedArrayBuffer(4);
  const workerData: CheckpointWorkerData = { path, synchronous, closed, intervalMs: INTERVAL_MS };
  const worker = new Worker(CHECKPOINT_WORKER, { workerData });
  // It never keeps the process alive, and a failure of it is not the server's: commits checkpoint as a fallback.
  worker.unref();
  let failed = false;
  worker.on('error', (err) => {
    failed = true;
    console.error(`qualys-emulator: the WAL checkpoint thread stopped: ${err.message}`);
  });
  return () => {
    if (failed) return;
    worker.postMessage('stop');
    Atomics.wait(new Int32Array(closed), 0, 0, CLOSE_WAIT_MS);
  };
}
