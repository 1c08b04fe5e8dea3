import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startCheckpointer } from '../../src/db/checkpointer.js';
import { startEmulator } from '../../src/index.js';
import { call, DOCKER, USER } from '../helpers/emulator.js';
import { listening, runProgram } from '../helpers/program.js';

/**
 * The write-ahead log is copied into the database file by a thread of its own (the compiled
 * src/db/checkpoint-worker.ts), not by the commits, which would only do it past 10,000 pages:
 * while the server answers, the file grows and the log starts over; once it has closed, the file
 * alone holds every commit. Both as the tests run the sources and as the built program runs.
 */
const dir = mkdtempSync(join(tmpdir(), 'qe-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The log's checkpoint sequence number (bytes 12 to 15 of its header, SQLite's file format): it
 * grows each time a writer starts the log over, which SQLite does only once every frame in it
 * has been copied into the database file.
 */
function logRestarts(file: string): number {
  const fd = openSync(`${file}-wal`, 'r');
  try {
    const header = Buffer.alloc(32);
    readSync(fd, header, 0, 32, 0);
    return header.readUInt32BE(12);
  } finally {
    closeSync(fd);
  }
}

/** Records in a copy of the database file alone, as a backup of it would hold. */
function recordsInCopyOf(file: string): number {
  const copy = `${file}.copy`;
  copyFileSync(file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM auth_records').pluck().get() as number;
  } finally {
    db.close();
  }
}

type Create = (n: number) => Promise<number>;

/**
 * Creates records (each its own commit) until the database file has grown and the log has
 * started over; the bounds only end a failing test.
 */
async function createUntilCheckpointed(file: string, create: Create): Promise<number> {
  let n = 0;
  const grows = async () => {
    const before = statSync(file).size;
    for (; n < 300; n++) expect(await create(n)).toBe(200);
    for (let waited = 0; statSync(file).size === before && waited < 10_000; waited += 100) await sleep(100);
    expect(statSync(file).size).toBeGreaterThan(before);
  };
  await grows();
  const restarts = logRestarts(file);
  for (let waited = 0; logRestarts(file) === restarts && waited < 10_000; waited += 100) {
    await sleep(100);
    expect(await create(n++)).toBe(200);
  }
  expect(logRestarts(file)).toBeGreaterThan(restarts);
  return n;
}

const form = (n: number) => ({ action: 'create', title: `c${n}`, ips: `10.80.${n >> 8}.${n & 255}`, comments: 'x'.repeat(500) });

describe('the checkpoint thread', () => {
  it('copies the log into the database file while the server answers, and the file alone holds every commit once it has closed', async () => {
    const file = join(dir, 'in-process.sqlite');
    const emulator = await startEmulator({ db: file, users: [USER] });
    let created: number;
    try {
      created = await createUntilCheckpointed(file, async (n) => (await call(emulator, DOCKER, { form: form(n) })).status);
    } finally {
      await emulator.close();
    }
    // The last connection to close checkpoints and removes the log: that must be the server's.
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(recordsInCopyOf(file)).toBe(created);
  });

  it('runs as well in the built program', async () => {
    const file = join(dir, 'program.sqlite');
    const credential = 'checkpoint:test';
    const program = runProgram(['--port', '0', '--db', file, '--user', credential]);
    let created: number;
    try {
      const url = await listening(program);
      const headers = { Authorization: 'Basic ' + Buffer.from(credential).toString('base64'), 'X-Requested-With': 'vitest' };
      created = await createUntilCheckpointed(file, async (n) => {
        const res = await fetch(`${url}${DOCKER}`, { method: 'POST', headers, body: new URLSearchParams(form(n)) });
        await res.text();
        return res.status;
      });
    } finally {
      program.child.kill('SIGTERM');
    }
    expect(await program.exited).toBe(0);
    expect(program.err()).toBe('');
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(recordsInCopyOf(file)).toBe(created);
  });
});

describe('the checkpoint thread on a missing file', () => {
  it('never creates the database file: one deleted before the thread opened it stays deleted', async () => {
    const file = join(dir, 'never-created.sqlite');
    const stop = startCheckpointer(file, 'NORMAL');
    // the thread loads and would have opened (and so created) the file by now
    await sleep(1_500);
    stop();
    expect(existsSync(file)).toBe(false);
  });
});
