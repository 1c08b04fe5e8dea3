import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SeedError, startEmulator, StartupError } from '../../src/index.js';
import { all, call, DOCKER, startTestEmulator, text, USER } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';

const emulator = await startTestEmulator();
const dir = mkdtempSync(join(tmpdir(), 'qe-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => emulator.reset());

const listed = async (target = emulator) => {
  const res = await call(target, DOCKER, { query: { action: 'list', details: 'All' } });
  return all(res.root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER').map((r) => ({
    id: text(r, 'ID'),
    title: text(r, 'TITLE'),
    command: text(r, 'DOCKER_COMMAND'),
    by: text(r, 'CREATED/BY'),
  }));
};

const records = [
  { type: 'docker', title: 'engine-a', ips: '10.0.0.1-10.0.0.5', docker_command: '/usr/bin/docker' },
  { type: 'docker', title: 'engine-b', ips: '10.0.1.0/30', network_id: 0, comments: 'seeded' },
];

describe('POST /_emulator/seed', () => {
  it('creates every record through the API rules and answers their IDs', async () => {
    const res = await admin(emulator, 'POST', 'seed', { records });
    expect(res).toMatchObject({ status: 200, json: { ids: [1, 2] } });
    expect(await listed()).toEqual([
      { id: '1', title: 'engine-a', command: '/usr/bin/docker', by: USER.login },
      { id: '2', title: 'engine-b', command: undefined, by: USER.login },
    ]);
    expect((await admin(emulator, 'POST', 'seed', { records: [] })).json).toEqual({ ids: [] });
  });

  it('is all or nothing: the first refusal names the record, with its Qualys CODE and TEXT', async () => {
    const res = await admin(emulator, 'POST', 'seed', { records: [...records, { type: 'docker', title: 'clash', ips: '10.0.0.3' }] });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ index: 2, code: '1920' });
    expect(res.json.text).toMatch(/^IPs are used by other records of this type\nIPs: 10\.0\.0\.3 is used by engine-a$/);
    expect(res.json.error).toContain('records[2]');
    expect(await listed()).toEqual([]);
    // Nothing was used up either: the next IDs still start at 1.
    expect((await admin(emulator, 'POST', 'seed', { records })).json).toEqual({ ids: [1, 2] });
  });

  it('validates like the API: unknown and missing parameters, bad values, bad types', async () => {
    const cases: [unknown, number | undefined, string | undefined][] = [
      [{ records: [{ type: 'docker', title: 'x', ips: '10.0.0.1', colour: 'red' }] }, 0, '1901'],
      [{ records: [records[0], { type: 'docker', title: 'x' }] }, 1, '1903'],
      [{ records: [{ type: 'docker', title: 'x', ips: '300.0.0.1' }] }, 0, '1905'],
      [{ records: [{ type: 'mainframe', title: 'x', ips: '10.0.0.1' }] }, 0, undefined],
      [{ records: [{ title: 'x', ips: '10.0.0.1' }] }, 0, undefined],
      [{ records: [{ type: 'docker', title: ['x'], ips: '10.0.0.1' }] }, 0, undefined],
      [{ records: [{ type: 'docker', action: 'list' }] }, 0, undefined],
      [{ records: ['docker'] }, 0, undefined],
      [{ records: 'none' }, undefined, undefined],
      [{ rows: [] }, undefined, undefined],
    ];
    for (const [body, index, code] of cases) {
      const res = await admin(emulator, 'POST', 'seed', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.index, JSON.stringify(body)).toBe(index);
      expect(res.json.code, JSON.stringify(body)).toBe(code);
    }
    expect(await listed()).toEqual([]);
  });
});

describe('POST /_emulator/reset', () => {
  it('empties records and the journal, and IDs restart at 1', async () => {
    await admin(emulator, 'POST', 'seed', { records });
    await call(emulator, DOCKER, { query: { action: 'list' } });
    expect((await admin(emulator, 'POST', 'reset')).json).toEqual({ reset: true });
    expect(await listed()).toEqual([]);
    expect((await admin(emulator, 'GET', 'requests')).json.requests).toHaveLength(1);
    const created = await call(emulator, DOCKER, { form: { action: 'create', title: 'again', ips: '10.0.0.1' } });
    expect(text(created.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')).toBe('1');
  });

  it('takes no fields: an empty object passes, anything else is a 400 that resets nothing', async () => {
    await admin(emulator, 'POST', 'seed', { records });
    for (const body of [{ records: [] }, { nonsense: 1 }, [], 1]) {
      const res = await admin(emulator, 'POST', 'reset', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error).toBeTypeOf('string');
    }
    expect(await listed()).toHaveLength(records.length);
    expect((await admin(emulator, 'POST', 'reset', {})).json).toEqual({ reset: true });
    expect(await listed()).toEqual([]);
  });

  it('keeps the runtime settings', async () => {
    await admin(emulator, 'PATCH', 'config', { page_size: 5 });
    await admin(emulator, 'POST', 'reset');
    expect((await admin(emulator, 'GET', 'config')).json.page_size).toBe(5);
    await admin(emulator, 'PATCH', 'config', { page_size: 1000 });
  });
});

describe('the programmatic handle', () => {
  it('seeds and resets', async () => {
    expect(await emulator.seed({ records })).toEqual({ ids: [1, 2] });
    expect((await listed()).map((r) => r.by)).toEqual([USER.login, USER.login]);
    await expect(emulator.seed({ records: [{ type: 'docker', title: 'engine-a', ips: '10.9.9.9' }] })).rejects.toMatchObject({
      constructor: SeedError,
      index: 0,
      code: '1905',
    });
    await emulator.reset();
    expect(await listed()).toEqual([]);
  });
});

describe('--seed FILE', () => {
  it('loads the records at start-up', async () => {
    const file = join(dir, 'seed.json');
    writeFileSync(file, JSON.stringify({ records }));
    const seeded = await startTestEmulator({ seedFile: file });
    expect((await listed(seeded)).map((r) => r.title)).toEqual(['engine-a', 'engine-b']);
  });

  it('seeds a file database once: a restart keeps its data and does not seed again', async () => {
    const file = join(dir, 'seed-once.json');
    writeFileSync(file, JSON.stringify({ records }));
    const db = join(dir, 'seeded.sqlite');
    const first = await startEmulator({ users: [USER], seedFile: file, db });
    await first.close();
    const again = await startEmulator({ users: [USER], seedFile: file, db });
    try {
      expect((await listed(again)).map((r) => r.title)).toEqual(['engine-a', 'engine-b']);
    } finally {
      await again.close();
    }
  });

  it('refuses to start on a file that is missing, not JSON, or refused, naming the problem', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ records: [records[0], records[0]] }));
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, 'records: []');
    for (const [file, message] of [
      [join(dir, 'missing.json'), /cannot read/],
      [notJson, /not JSON/],
      [bad, /records\[1\]: parameter title/],
    ] as const) {
      const started = startEmulator({ users: [USER], seedFile: file });
      await expect(started).rejects.toThrow(StartupError);
      await expect(started).rejects.toThrow(message);
    }
  });
});

describe('seeding vaults', () => {
  it('creates the vaults first, so records name them by title; answers both kinds of ID', async () => {
    const res = await admin(emulator, 'POST', 'seed', {
      vaults: [{ title: 'aim', type: 'CyberArk AIM', appid: 'qualys', private_key: 'KEY-hunter2' }],
      records: [{ type: 'unix', title: 'by vault', username: 'svc', ips: '10.0.0.1', login_type: 'vault', vault_type: 'CyberArk AIM', vault: 'aim' }],
    });
    expect(res).toMatchObject({ status: 200, json: { ids: [1], vault_ids: [1] } });
    const [record] = all((await call(emulator, '/api/2.0/fo/auth/unix/', { query: { action: 'list' } })).root, 'RESPONSE/AUTH_UNIX_LIST', 'AUTH_UNIX');
    expect(text(record, 'VAULT_ID')).toBe('1');
  });

  it('refuses the lot when a vault or a vault reference is refused, naming it', async () => {
    const badVault = await admin(emulator, 'POST', 'seed', { vaults: [{ title: 'x', type: 'Shoebox' }], records: [] });
    expect(badVault.json).toMatchObject({ index: 0, code: '1905' });
    expect(badVault.json.error).toMatch(/^vaults\[0\]: parameter type has invalid value: Shoebox/);
    const badRef = await admin(emulator, 'POST', 'seed', {
      vaults: [{ title: 'aim', type: 'CyberArk AIM' }],
      records: [{ type: 'unix', title: 'r', username: 'u', ips: '10.0.0.1', login_type: 'vault', vault_type: 'CyberArk AIM', vault: 'nope' }],
    });
    expect(badRef.json).toMatchObject({ index: 0 });
    expect(badRef.json.error).toBe('records[0].vault must be the title of a vault, got "nope"');
    const vaults = await call(emulator, '/api/2.0/fo/vault/', { query: { action: 'list' } });
    expect(text(vaults.root, 'RESPONSE/COUNT')).toBe('0');
  });
});
