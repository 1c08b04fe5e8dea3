import { statSync } from 'node:fs';

type Identity = { dev: bigint; ino: bigint } | undefined;

const identityOf = (path: string): Identity => {
  const stats = statSync(path, { bigint: true, throwIfNoEntry: false });
  return stats && { dev: stats.dev, ino: stats.ino };
};

const same = (a: Identity, b: Identity) => a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;

/**
 * Whether the database file and its write-ahead log at their paths are still the ones the
 * emulator opened. A connection keeps writing to a file deleted under it (an `rm` of the
 * database) or moved away, and every such write is lost at the next start; SQLite does not say.
 * better-sqlite3 gives no descriptor to fstat, so each file's device and inode, taken once the
 * database is open, are compared with what the path names now: two stats, some 4 µs, once per
 * group commit rather than per write.
 */
export class FileIdentity {
  private readonly opened: { name: string; path: string; identity: Identity }[];

  constructor(path: string) {
    const files = [
      { name: 'the database file', path },
      { name: "the database's -wal file", path: `${path}-wal` },
    ];
    // the log exists once the migrations have run in WAL mode; a path without one is not watched
    this.opened = files.map((f) => ({ ...f, identity: identityOf(f.path) })).filter((f) => f.identity !== undefined);
  }

  /** What is wrong, or undefined while every file is the one opened. Names no path: `/health` tells anyone. */
  problem(): string | undefined {
    for (const { name, path, identity } of this.opened) {
      const now = identityOf(path);
      if (same(now, identity)) continue;
      const what = now === undefined ? 'was deleted' : 'was replaced by another file';
      return `${name} ${what} while the emulator ran: what is written now would be lost, so writes are refused; restart the emulator`;
    }
    return undefined;
  }
}
