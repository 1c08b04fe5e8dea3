import { closeSync, constants, fchmodSync, fstatSync, openSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { makeDirectories } from '../make-directories.js';

/** Owner-only: the database holds every record's passwords. */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/**
 * Creates the database file (and any directory missing above it) owner-only before SQLite opens
 * it, whatever the umask; SQLite gives the `-wal` and `-shm` files it creates the database file's
 * mode. A file of ours that already exists is narrowed to owner-only too, and so are `-wal` and
 * `-shm` files left over from a crash, as an older version may have made them world-readable.
 * Directories that already exist, and files of other users, are left as they are.
 *
 * Each is opened without blocking and must be a regular file: a FIFO planted as `-wal` (anyone
 * can, next to a database in /tmp) made the open, and so the start, wait forever for a writer.
 */
export function prepareDatabaseFile(path: string): void {
  makeDirectories(dirname(path), DIR_MODE);
  narrowToOwner(path, openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_NONBLOCK, FILE_MODE));
  for (const leftover of [`${path}-wal`, `${path}-shm`]) {
    let fd: number;
    try {
      // O_NOFOLLOW: a link planted next to the database never turns the chmod onto another file
      fd = openSync(leftover, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    narrowToOwner(leftover, fd);
  }
}

/** What a file that is not a regular one is, for the start-up error. */
function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Refuses anything but a regular file; else narrows it, if ours, to owner-only (the umask only
 * removes bits, the owner's own too; fchmod sets exactly these). Closes `fd`.
 */
function narrowToOwner(path: string, fd: number): void {
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new Error(`${path} is ${kindOf(stats)}, not a regular file: remove it or choose another --db`);
    if (process.getuid === undefined || stats.uid === process.getuid()) fchmodSync(fd, FILE_MODE);
  } finally {
    closeSync(fd);
  }
}
