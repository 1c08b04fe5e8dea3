import { Worker } from 'node:worker_threads';
import type { CheckpointWorkerData } from './checkpoint-worker.js';
import { compiledWorker } from './compiled-worker.js';

const INTERVAL_MS = 200;
/** How long closing waits for the thread's connection to close; a checkpoint in progress finishes first. */
const CLOSE_WAIT_MS = 5_000;

/**
 * Copies the write-ahead log back into the database file from a thread of its own. Left to the
 * connection that commits, a checkpoint (its page copies and fsyncs) lands on every thousandth
 * page written, which made a few creates very slow (bench/README.md). A
 * PASSIVE checkpoint never blocks readers or writers, so the server's thread only commits.
 * The thread runs `checkpoint-worker.ts` as compiled (`compiledWorker`).
 *
 * Starts checkpointing `path` in a worker thread. The returned function stops it and waits until
 * its connection is closed, so the caller's connection closes last: SQLite then checkpoints the
 * whole log and removes it, and a copy of the database file alone holds every commit.
 */
export function startCheckpointer(path: string, synchronous: string): () => void {
  const file = compiledWorker('checkpoint-worker', 'no WAL checkpoint thread');
  // the connection then checkpoints itself, as when the thread fails
  if (file === undefined) return () => {};
  const closed = new SharedArrayBuffer(4);
  const workerData: CheckpointWorkerData = { path, synchronous, closed, intervalMs: INTERVAL_MS };
  const worker = new Worker(file, { workerData });
  // It never keeps the process alive, and a failure of it is not the server's: commits checkpoint as a fallback.
  worker.unref();
  let failed = false;
  worker.on('error', (err) => {
    failed = true;
    console.error(`qualys-emulator: the WAL checkpoint thread stopped: ${err.message ?? JSON.stringify(err)}`);
  });
  return () => {
    if (failed) return;
    worker.postMessage('stop');
    Atomics.wait(new Int32Array(closed), 0, 0, CLOSE_WAIT_MS);
  };
}
