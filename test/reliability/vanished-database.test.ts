import { copyFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/index.js';
import { admin } from '../helpers/admin.js';
import { call, DOCKER, expectError, startTestEmulator } from '../helpers/emulator.js';

const dir = mkdtempSync(join(tmpdir(), 'qe-vanished-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const create = (emulator: EmulatorHandle, title: string, ip: string) => call(emulator, DOCKER, { form: { action: 'create', title, ips: ip } });

async function health(emulator: EmulatorHandle): Promise<{ status: number; problems: string[] }> {
  const res = await fetch(`${emulator.url}/health`);
  const json = (await res.json()) as { database: { problems: string[] } };
  return { status: res.status, problems: json.database.problems };
}

describe('the database file gone from under a running server', () => {
  it('deleted with its -wal and -shm: creates answer 999 instead of success, reset too, and /health says why', async () => {
    const file = join(dir, 'deleted.sqlite');
    const emulator = await startTestEmulator({ db: file });
    expect((await create(emulator, 'before', '10.0.0.1')).status).toBe(200);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });

    expectError(await create(emulator, 'after', '10.0.0.2'), 500, '999', 'Internal error. Please try again later.');
    expect((await admin(emulator, 'POST', 'reset')).status).toBe(500);
    const { status, problems } = await health(emulator);
    expect(status).toBe(503);
    expect(problems[0]).toBe(
      'the database file was deleted while the emulator ran: what is written now would be lost, so writes are refused; restart the emulator',
    );
    // no path of the host in an answer anyone may read
    expect(problems.join()).not.toContain(dir);
  });

  it('replaced by a copy (a restore over it): refused alike', async () => {
    const file = join(dir, 'replaced.sqlite');
    const emulator = await startTestEmulator({ db: file });
    expect((await create(emulator, 'before', '10.0.0.1')).status).toBe(200);
    renameSync(file, `${file}.moved`);
    copyFileSync(`${file}.moved`, file);

    expectError(await create(emulator, 'after', '10.0.0.2'), 500, '999', 'Internal error. Please try again later.');
    expect((await health(emulator)).problems[0]).toMatch(/^the database file was replaced by another file while the emulator ran/);
  });
});
