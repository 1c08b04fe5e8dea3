import { openSync, readSync, closeSync, fstatSync, constants } from 'node:fs';

/** [E] Reports larger than this are not parsed (the file stays in output_file). */
const REPORT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * [E] Arrays and objects a report may nest. The tools' reports nest five or six deep; JSON.parse
 * takes any depth, but writing the answer back out (JSON.stringify, the journal) recurses, and a
 * report 100,000 deep overflowed the stack after the run, outside any handler.
 */
export const REPORT_MAX_DEPTH = 64;

export type ReportReading = { report: unknown } | { report: null; report_error: string };

const [QUOTE, BACKSLASH, OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT] = ['"', '\\', '[', ']', '{', '}'].map((c) => c.charCodeAt(0));

/**
 * Whether JSON `bytes` nest arrays and objects deeper than `max`, read byte by byte: a UTF-8
 * character of several bytes never holds one of the ASCII bytes counted, and brackets inside
 * strings do not count. Invalid JSON is left for JSON.parse to refuse.
 */
export function nestsDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/**
 * Reads and parses a JSON report: never following a symlink at the last step, never blocking on
 * the open (a FIFO left there by the tool waited for a writer, and froze the server), and only a
 * regular file, at most REPORT_MAX_BYTES, nested at most REPORT_MAX_DEPTH deep.
 */
export function readReport(path: string): ReportReading {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { report: null, report_error: code === 'ENOENT' ? `no report was written to ${path}` : `the report could not be opened (${code})` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { report: null, report_error: `the report at ${path} is not a regular file` };
    if (stats.size > REPORT_MAX_BYTES) return { report: null, report_error: `the report is larger than ${REPORT_MAX_BYTES} bytes; read it from ${path}` };
    const buffer = Buffer.alloc(stats.size);
    const bytes = buffer.subarray(0, readSync(fd, buffer, 0, stats.size, 0));
    if (nestsDeeperThan(bytes, REPORT_MAX_DEPTH)) {
      return { report: null, report_error: `the report nests arrays and objects more than ${REPORT_MAX_DEPTH} deep; read it from ${path}` };
    }
    try {
      return { report: JSON.parse(bytes.toString('utf8')) };
    } catch (err) {
      // [from docker-bench-security] its JSON is pasted together from strings and can be invalid.
      return { report: null, report_error: `the report is not valid JSON: ${(err as Error).message}` };
    }
  } finally {
    closeSync(fd);
  }
}
