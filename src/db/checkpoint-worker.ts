import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/**
 * The checkpoint thread's own module, started by `startCheckpointer` (checkpointer.ts) as a
 * worker thread. It opens a connection of its own to the database file and runs a PASSIVE
 * checkpoint on a timer, which copies committed pages from the write-ahead log into the file
 * without ever blocking a reader or a writer; a message from the server stops it.
 */

/** What the thread is started with. */
export interface CheckpointWorkerData {
  path: string;
  /** The server's `synchronous` setting, which the checkpoint's fsyncs follow. */
  synchronous: string;
  intervalMs: number;
  /** A 32-bit flag the thread sets to 1, and notifies, once its connection is closed. */
  closed: SharedArrayBuffer;
}

function checkpointUntilStopped(port: MessagePort, data: CheckpointWorkerData): void {
  const closed = new Int32Array(data.closed);
  // never creates the file: one deleted before this thread started must stay deleted, as the
  // server refuses writes to it (file-identity.ts)
  const db = new SQLite(data.path, { fileMustExist: true });
  db.pragma(`synchronous = ${data.synchronous}`);
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  const timer = setInterval(() => {
    try {
      checkpoint.get();
    } catch {
      // Busy or gone: the next tick tries again, and the committing connection still
      // checkpoints past its own (raised) threshold.
    }
  }, data.intervalMs);
  port.once('message', () => {
    clearInterval(timer);
    db.close();
    Atomics.store(closed, 0, 1);
    Atomics.notify(closed, 0);
    port.close();
  });
}

if (parentPort === null) throw new Error('checkpoint-worker.js runs only as a worker thread (startCheckpointer)');
checkpointUntilStopped(parentPort, workerData as CheckpointWorkerData);
