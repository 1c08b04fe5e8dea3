import { openSync, readSync, closeSync, fstatSync, constants } from 'node:fs';

/** [E] Reports larger than this are not parsed (the file stays in output_file). */
const REPORT_MAX_BYTES = 32 * 1024 * 1024;

export type ReportReading = { report: unknown } | { report: null; report_error: string };

/** Reads and parses a JSON report, never following a symlink at the last step. */
export function readReport(path: string): ReportReading {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { report: null, report_error: code === 'ENOENT' ? `no report was written to ${path}` : `the report could not be opened (${code})` };
  }
  try {
    const { size } = fstatSync(fd);
    if (size > REPORT_MAX_BYTES) return { report: null, report_error: `the report is larger than ${REPORT_MAX_BYTES} bytes; read it from ${path}` };
    const buffer = Buffer.alloc(size);
    const read = readSync(fd, buffer, 0, size, 0);
    try {
      return { report: JSON.parse(buffer.subarray(0, read).toString('utf8')) };
    } catch (err) {
      // [from docker-bench-security] its JSON is pasted together from strings and can be invalid.
      return { report: null, report_error: `the report is not valid JSON: ${(err as Error).message}` };
    }
  } finally {
    closeSync(fd);
  }
}
