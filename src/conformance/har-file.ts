import { closeSync, constants, fchmodSync, fstatSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeDirectories } from '../make-directories.js';
import type { HarEntry } from './har.js';

/** Owner-only, as the database: a recording holds a subscription's data, if not its secrets. */
const FILE_MODE = 0o600;

const HEAD = '{"log":{"version":"1.2","creator":{"name":"qualys-emulator","version":"1"},"entries":[\n';
const TAIL = '\n]}}\n';

/** A recording that cannot be opened, appended to or read; the start fails with its message. */
export class RecordingError extends Error {}

/**
 * A HAR file the recording modes append to. The file is a whole HAR document after every entry:
 * each entry is written over the document's closing brackets together with new ones, in one
 * positioned write, so a reader (or a crash) between two entries finds a complete document. A file
 * this writer began is continued by the next start; any other file is refused.
 */
export class HarWriter {
  private readonly fd: number;
  /** Where the closing brackets begin, in bytes. */
  private end: number;
  private empty: boolean;

  constructor(path: string) {
    makeDirectories(dirname(path), 0o700);
    try {
      // O_NOFOLLOW and O_NONBLOCK: never a link planted in its place, never a FIFO that stalls the start
      this.fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, FILE_MODE);
    } catch (err) {
      throw new RecordingError(`cannot open the recording ${path}: ${(err as Error).message}`);
    }
    try {
      const stats = fstatSync(this.fd);
      if (!stats.isFile()) throw new RecordingError(`the recording ${path} is not a regular file`);
      if (process.getuid !== undefined && stats.uid !== process.getuid()) throw new RecordingError(`the recording ${path} belongs to another user`);
      if (stats.size === 0) {
        writeSync(this.fd, HEAD + TAIL, 0);
        this.end = Buffer.byteLength(HEAD);
        this.empty = true;
      } else {
        this.end = stats.size - TAIL.length;
        this.empty = stats.size === HEAD.length + TAIL.length;
        if (this.read(0, HEAD.length) !== HEAD || this.read(this.end, TAIL.length) !== TAIL)
          throw new RecordingError(`the recording ${path} is not a HAR file this emulator wrote: choose another --record`);
      }
      // the umask only removes bits; an older recording of ours is narrowed too (and nothing else is touched)
      fchmodSync(this.fd, FILE_MODE);
    } catch (err) {
      closeSync(this.fd);
      throw err instanceof RecordingError ? err : new RecordingError(`cannot use the recording ${path}: ${(err as Error).message}`);
    }
  }

  private read(position: number, length: number): string {
    const bytes = Buffer.alloc(length);
    const n = position < 0 ? 0 : readSync(this.fd, bytes, 0, length, position);
    return bytes.toString('utf8', 0, n);
  }

  /** Appends an entry; synchronous, so entries never interleave. */
  append(entry: HarEntry): void {
    const text = `${this.empty ? '' : ',\n'}${JSON.stringify(entry)}`;
    writeSync(this.fd, text + TAIL, this.end);
    this.end += Buffer.byteLength(text);
    this.empty = false;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** The entries of a HAR file, this emulator's or any other's; a RecordingError when it is not HAR. */
export function readHar(path: string): HarEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new RecordingError(`cannot read the recording ${path}: ${(err as Error).message}`);
  }
  const entries = (doc as { log?: { entries?: unknown } } | null)?.log?.entries;
  if (!Array.isArray(entries)) throw new RecordingError(`the recording ${path} is not a HAR file (no log.entries)`);
  entries.forEach((e: Partial<HarEntry> | null, i) => {
    if (typeof e?.request?.method !== 'string' || typeof e.request.url !== 'string' || typeof e.response?.status !== 'number')
      throw new RecordingError(`the recording ${path}: entry ${i} has no request method and URL or no response status`);
  });
  return entries as HarEntry[];
}
