// Shared by the fakes: appends what a fake was given to the file named by FAKE_TOOL_LOG.
import { appendFileSync } from 'node:fs';

export function record(tool) {
  const log = process.env.FAKE_TOOL_LOG;
  if (log) appendFileSync(log, JSON.stringify({ tool, argv: process.argv.slice(2), cwd: process.cwd(), pid: process.pid }) + '\n');
}
