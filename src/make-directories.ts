import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Creates `dir` and its missing parents with `mode`, one level at a time: Node's recursive
 * mkdirSync never returns where a parent's mkdir answers ENOENT though the level above exists
 * (as under /proc), which would stall the process for good. A level made meanwhile by someone
 * else is left to the caller's own checks. Throws the first other failure, an errno error.
 */
export function makeDirectories(dir: string, mode: number): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) missing.unshift(at);
  for (const at of missing) {
    try {
      mkdirSync(at, { mode });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
