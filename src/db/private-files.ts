import { closeSync, constants, fchmodSync, fstatSync, openSync } from 'node:fs';
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
 */
export function prepareDatabaseFile(path: string): void {
  makeDirectories(dirname(path), DIR_MODE);
  narrowToOwner(openSync(path, constants.O_RDWR | constants.O_CREAT, FILE_MODE));
  for (const leftover of [`${path}-wal`, `${path}-shm`]) {
    let fd: number;
    try {
      // O_NOFOLLOW: a link planted next to the database never turns the chmod onto another file
      fd = openSync(leftover, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    narrowToOwner(fd);
  }
}

/** The umask only removes bits (the owner's own too); fchmod sets exactly these. Closes `fd`. */
function narrowToOwner(fd: number): void {
  try {
    const { uid } = fstatSync(fd);
    if (process.getuid === undefined || uid === process.getuid()) fchmodSync(fd, FILE_MODE);
  } finally {
    closeSync(fd);
  }
}
