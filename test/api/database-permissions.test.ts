import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DOCKER, parseXml, text } from '../helpers/emulator.js';
import { listening, runProgram } from '../helpers/program.js';

const dir = mkdtempSync(join(tmpdir(), 'qe-perms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CREDENTIAL = 'perms:test';
const HEADERS = { Authorization: 'Basic ' + Buffer.from(CREDENTIAL).toString('base64'), 'X-Requested-With': 'permissions test' };

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);
const filesOf = (db: string) => [db, `${db}-wal`, `${db}-shm`];

async function createRecord(url: string, title: string): Promise<void> {
  const res = await fetch(`${url}${DOCKER}`, { method: 'POST', headers: HEADERS, body: new URLSearchParams({ action: 'create', title, ips: '10.0.0.1' }) });
  expect(res.status, await res.text()).toBe(200);
}

describe('the database at rest', () => {
  it('is created owner-only, with its -wal, -shm and directories, even under umask 000', async () => {
    const db = join(dir, 'new', 'deeper', 'emulator.sqlite');
    const p = runProgram(['--port', '0', '--db', db, '--user', CREDENTIAL], {}, '000');
    try {
      await createRecord(await listening(p), 'secret');
      for (const file of filesOf(db)) expect([file, modeOf(file)]).toEqual([file, '600']);
      expect(modeOf(join(dir, 'new'))).toBe('700');
      expect(modeOf(join(dir, 'new', 'deeper'))).toBe('700');
    } finally {
      p.child.kill('SIGTERM');
      await p.exited;
    }
  });

  it('narrows a readable database and the -wal and -shm a crash left behind to owner-only', async () => {
    const db = join(dir, 'old.sqlite');
    const first = runProgram(['--port', '0', '--db', db, '--user', CREDENTIAL]);
    await createRecord(await listening(first), 'kept');
    first.child.kill('SIGKILL');
    await first.exited;
    // as a version that created them world-readable would have left them
    for (const file of filesOf(db)) {
      expect(existsSync(file), file).toBe(true);
      chmodSync(file, 0o644);
    }
    const second = runProgram(['--port', '0', '--db', db, '--user', CREDENTIAL]);
    try {
      const url = await listening(second);
      for (const file of filesOf(db)) expect([file, modeOf(file)]).toEqual([file, '600']);
      const listed = await fetch(`${url}${DOCKER}?action=list`, { headers: HEADERS });
      expect(text(parseXml(await listed.text()), 'RESPONSE/AUTH_DOCKER_LIST/AUTH_DOCKER/TITLE')).toBe('kept');
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
