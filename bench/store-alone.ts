import { RecordService } from '../src/auth-records/record-service.js';
import { RecordStore } from '../src/auth-records/record-store.js';
import { dockerType } from '../src/auth-records/types/docker.js';
import { openDatabase } from '../src/db/open.js';
import { qualysDateTime } from '../src/qualys/envelopes.js';
import { cpuTimeOf } from './processes.js';
import { addressOf } from './seed.js';

/**
 * Creates each turn of the server's event loop held under the side-by-side load (5 or 6, counted
 * in the server): a turn's creates share one BEGIN IMMEDIATE and one COMMIT.
 */
const PER_TURN = 5;

/**
 * The CPU microseconds (of this thread, user and system, as the server's event loop would spend
 * them) of a create's durable work alone, with no HTTP around it: the record service's checks and
 * rows in a savepoint each, and a share of the turn's COMMIT, on a database file with the
 * server's default durability, `creates` times in a tight loop. What no faster path in front of
 * the store can take away from a create.
 */
export function storeAlone(path: string, creates: number, firstIp: number): number {
  const database = openDatabase(path, 'process');
  try {
    const service = new RecordService(new RecordStore(database));
    const { commits } = database;
    const now = qualysDateTime();
    const started = cpuTimeOf(process.pid, 'main');
    for (let n = 0; n < creates; n++) {
      const address = addressOf(firstIp + n);
      service.create(dockerType, { title: `alone-${n}`, fields: { docker_command: '/usr/bin/docker' }, ips: [[address, address]] }, 'bench', now, (id) => id);
      if ((n + 1) % PER_TURN === 0) commits.flush();
    }
    commits.flush();
    return (cpuTimeOf(process.pid, 'main') - started) / creates;
  } finally {
    database.close();
  }
}
