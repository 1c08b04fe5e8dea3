import type { Db } from './connection.js';

/**
 * Work done once per turn of the event loop instead of once per request. Under load one poll of
 * the loop finds several requests ready; Node runs their callbacks one after another, then the
 * `setImmediate` callbacks: that is the turn's end (docs/architecture.md, "Once per turn").
 */

let ending: Promise<void> | undefined;

/**
 * Resolves when the current turn's `setImmediate` callbacks run. Answers held until then leave
 * together: their socket writes reach a client already awake for the first, which made each
 * about half as costly as a write alone (npm run bench).
 */
export function turnEnd(): Promise<void> {
  ending ??= new Promise((resolve) =>
    setImmediate(() => {
      ending = undefined;
      resolve();
    }),
  );
  return ending;
}

/**
 * Connections a server may have open and still be sure one poll finds every request of a turn:
 * libuv polls a second time within a turn when 1,024 descriptors were ready at once, which
 * leaves room for the listening sockets and the process's other descriptors.
 */
export const ONE_POLL_CONNECTIONS = 512;

/**
 * Other connections' commits, as `PRAGMA data_version` counts them, read once per batch of
 * requests rather than once per request: the read takes and drops a file lock, which was a sixth
 * of a kept list answer's time.
 *
 * Causality is what matters: a commit another process made before a client sent its request
 * must be seen by that request. Every request a poll finds was in the kernel before the poll
 * returned, so a version read after the first of them arrived sees every such commit; the turn's
 * end makes the next arrival read afresh. A version read between turns (a request delayed by a
 * timer) is read after its own request arrived and is dropped by the next arrival. A request
 * that may have come after its turn's poll arrives alone (`arrivedAlone`): one pipelined behind
 * an unanswered one, and any on a server with more than `ONE_POLL_CONNECTIONS` connections
 * (docs/architecture.md, "Once per turn").
 */
export class OthersCommits {
  private readonly statement;
  private kept: number | undefined;
  private batchOpen = false;

  constructor(db: Db) {
    this.statement = db.prepare('PRAGMA data_version').pluck();
  }

  /** A request has arrived: the first of a turn reads the version afresh. */
  arrived(): void {
    if (this.batchOpen) return;
    this.batchOpen = true;
    this.kept = undefined;
    setImmediate(() => (this.batchOpen = false));
  }

  /** A request has arrived whose bytes may have come after the turn's poll: it reads afresh. */
  arrivedAlone(): void {
    this.kept = undefined;
  }

  /** The version, changed whenever another connection has committed since it was last read. */
  version(): number {
    this.kept ??= this.readNow();
    return this.kept;
  }

  /** The version as it is now, whatever is kept: inside a read transaction, that of its snapshot. */
  readNow(): number {
    return this.statement.get() as number;
  }
}
