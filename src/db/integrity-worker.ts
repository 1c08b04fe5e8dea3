import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/**
 * The integrity check's own module, started by `IntegrityChecks` (integrity.ts) as a worker
 * thread: SQLite's quick_check on the database file with a read-only connection of its own. It
 * posts what it found (`["ok"]` when nothing), one problem a line, each b-tree named by the
 * table or index it holds.
 */

/** What the thread is started with. */
export interface IntegrityWorkerData {
  path: string;
  /** Problems quick_check lists at most. */
  max: number;
  /** A 32-bit flag the thread sets to 1, and notifies, once its connection is closed. */
  closed: SharedArrayBuffer;
}

function quickCheck(data: IntegrityWorkerData): string[] {
  const db = new SQLite(data.path, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(`PRAGMA quick_check(${Math.trunc(data.max)})`)
      .pluck()
      .all() as string[];
    const trees = new Map(db.prepare('SELECT rootpage, name FROM sqlite_master WHERE rootpage > 0').raw().all() as [number, string][]);
    return rows
      .join('\n')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('*** in database'))
      .map((line) => line.replace(/^Tree (\d+) /, (whole, root: string) => (trees.has(Number(root)) ? `Tree ${root} (${trees.get(Number(root))}) ` : whole)));
  } finally {
    db.close();
  }
}

function checkOnce(data: IntegrityWorkerData): string[] {
  try {
    return quickCheck(data);
  } catch (err) {
    return [String((err as Error)?.message)];
  }
}

if (parentPort === null) throw new Error('integrity-worker.js runs only as a worker thread (IntegrityChecks)');
const data = workerData as IntegrityWorkerData;
const found = checkOnce(data);
const closed = new Int32Array(data.closed);
Atomics.store(closed, 0, 1);
Atomics.notify(closed, 0);
parentPort.postMessage(found);
