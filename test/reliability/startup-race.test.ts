import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { DOCKER, parseXml, text } from '../helpers/emulator.js';
import { listening, runProgram, type Program } from '../helpers/program.js';

const dir = mkdtempSync(join(tmpdir(), 'qe-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CREDENTIAL = 'race:test';
const HEADERS = { Authorization: 'Basic ' + Buffer.from(CREDENTIAL).toString('base64'), 'X-Requested-With': 'startup race' };
const PROCESSES = 4;

const start = (db: string): Program => runProgram(['--port', '0', '--db', db, '--user', CREDENTIAL]);

async function stopAll(programs: Program[]): Promise<void> {
  for (const p of programs) p.child.kill('SIGTERM');
  await Promise.all(programs.map((p) => p.exited));
}

/** Every program listens; one's create is listed by all (they share one migrated file). */
async function expectAllServeOneDatabase(programs: Program[]): Promise<void> {
  const urls = await Promise.all(
    programs.map(async (p) => {
      try {
        return await listening(p);
      } catch {
        throw new Error(`a process did not start: exit ${p.child.exitCode}, stderr: ${p.err()}`);
      }
    }),
  );
  const created = await fetch(`${urls[0]}${DOCKER}`, {
    method: 'POST',
    headers: HEADERS,
    body: new URLSearchParams({ action: 'create', title: 'shared', ips: '10.0.0.1' }),
  });
  expect(created.status, await created.text()).toBe(200);
  for (const url of urls) {
    const res = await fetch(`${url}${DOCKER}?action=list`, { headers: HEADERS });
    expect(text(parseXml(await res.text()), 'RESPONSE/AUTH_DOCKER_LIST/AUTH_DOCKER/TITLE')).toBe('shared');
  }
}

describe('processes starting together on one new database file', () => {
  it(`all ${PROCESSES} start and share the file`, async () => {
    const programs = Array.from({ length: PROCESSES }, () => start(join(dir, 'together.sqlite')));
    try {
      await expectAllServeOneDatabase(programs);
    } finally {
      await stopAll(programs);
    }
  });

  it('all start while another process is in the middle of migrating the file', async () => {
    // The moment two processes race for: one has created the migration log and holds the write
    // lock to apply the migrations, while the others start. They must wait for it, then find
    // every migration applied, not apply them again.
    const file = join(dir, 'peer.sqlite');
    const peer = new Database(file);
    peer.pragma('journal_mode = WAL');
    peer.prepare('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)').run();
    peer.prepare('BEGIN IMMEDIATE').run();
    const programs = Array.from({ length: PROCESSES }, () => start(file));
    try {
      await new Promise((r) => setTimeout(r, 1500));
      migrate(peer);
      peer.prepare('COMMIT').run();
      await expectAllServeOneDatabase(programs);
    } finally {
      peer.close();
      await stopAll(programs);
    }
  });

  it('a database it cannot use stops the start with one line and exit 1', async () => {
    const p = start(dir); // a directory, not a database file
    expect(await p.exited).toBe(1);
    expect(p.out()).toBe('');
    expect(p.err()).toMatch(new RegExp(`^qualys-emulator: cannot open the database ${dir}: .+\\n$`));
  });

  it('a database directory that cannot be made (under /proc) stops the start, never stalls it', async () => {
    // Node's recursive mkdir loops for good where a parent answers ENOENT though the level above exists.
    const file = '/proc/self/qe-missing/db.sqlite';
    const p = start(file);
    const stalled = new Promise<'stalled'>((r) => setTimeout(() => r('stalled'), 10_000).unref());
    try {
      expect(await Promise.race([p.exited, stalled])).toBe(1);
    } finally {
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
    }
    expect(p.err()).toMatch(new RegExp(`^qualys-emulator: cannot open the database ${file}: .+\\n$`));
  });
});
