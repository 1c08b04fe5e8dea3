import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Copies the write-ahead log back into the database file from a thread of its own. Left to the
 * connection that commits, a checkpoint (its page copies and fsyncs) lands on every thousandth
 * page written: 1% of creates then took 60% of the time of all of them (npm run bench). A
 * PASSIVE checkpoint never blocks readers or writers, so the server's thread only commits.
 * The worker is plain CommonJS text, so it runs the same from the sources and from the build.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const closed = new Int32Array(workerData.closed);
const db = new Database(workerData.path);
db.pragma('synchronous = ' + workerData.synchronous);
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or gone: the next tick tries again, and the committing connection still checkpoints
    // past its own (raised) threshold.
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  Atomics.store(closed, 0, 1);
  Atomics.notify(closed, 0);
  parentPort.close();
});
`;

const INTERVAL_MS = 200;
/** How long closing waits for the thread's connection to close; a checkpoint in progress finishes first. */
const CLOSE_WAIT_MS = 5_000;

/**
 * Starts checkpointing `path` in a worker thread. The returned function stops it and waits until
 * its connection is closed, so the caller's connection closes last: SQLite then checkpoints the
 * whole log and removes it, and a copy of the database file alone holds every commit.
 */
export function startCheckpointer(path: string, synchronous: string): () => void {
  const closed = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { path, synchronous, closed, intervalMs: INTERVAL_MS, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
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
