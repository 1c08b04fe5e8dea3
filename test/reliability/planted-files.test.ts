import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { runProgram } from '../helpers/program.js';

const dir = mkdtempSync(join(tmpdir(), 'qe-planted-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A named pipe: opening it to read waits for a writer, forever if none comes. */
function mkfifo(path: string): void {
  const made = spawnSync('mkfifo', [path]);
  if (made.status !== 0) throw new Error(`mkfifo ${path}: ${made.stderr}`);
}

/** The program's exit code and stderr, or null when it is still running after `ms` (then killed). */
async function startOn(db: string, ms = 5000): Promise<{ code: number | null; stderr: string } | null> {
  const p = runProgram(['--port', '0', '--db', db, '--user', 'planted:test']);
  const code = await Promise.race([p.exited, sleep(ms).then(() => 'hung' as const)]);
  if (code === 'hung') {
    p.child.kill('SIGKILL');
    await p.exited;
    return null;
  }
  return { code, stderr: p.err() };
}

describe('files planted where the database goes', () => {
  it.each(['-wal', '-shm', ''])('a FIFO as the database%s fails the start with one line and exit 1, at once', async (suffix) => {
    const db = join(dir, `fifo${suffix || '-db'}`, 'emulator.sqlite');
    mkdirSync(join(db, '..'));
    // an old database, as a restart finds it; the FIFO stands for one of its files
    if (suffix !== '') writeFileSync(db, '');
    mkfifo(`${db}${suffix}`);
    const outcome = await startOn(db);
    expect(outcome, 'the start hung on the FIFO').not.toBeNull();
    expect(outcome!.code).toBe(1);
    expect(outcome!.stderr).toMatch(
      new RegExp(`^qualys-emulator: cannot open the database ${db}: ${db}${suffix} is a FIFO, not a regular file: remove it or choose another --db\\n$`),
    );
  });

  it('a directory as the -wal fails the start too', async () => {
    const db = join(dir, 'dir-wal.sqlite');
    mkdirSync(`${db}-wal`);
    const outcome = await startOn(db);
    expect(outcome?.code).toBe(1);
    expect(outcome?.stderr).toMatch(/is a directory, not a regular file/);
  });
});
