import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/index.js';
import { all, call, DOCKER, startTestEmulator, text, USER } from '../helpers/emulator.js';
import { olderDatabase } from '../helpers/older-database.js';

// [E] The title and comments filters are case-insensitive in every script, not only in ASCII.
const emulator = await startTestEmulator();
const VAULT = '/api/2.0/fo/vault/';

const create = async (path: string, form: Record<string, string>) => {
  const res = await call(emulator, path, { form: { action: 'create', ...form } });
  expect(res.status, res.body).toBe(200);
};
const titles = async (query: Record<string, string>) => {
  const res = await call(emulator, DOCKER, { query: { action: 'list', ...query } });
  return all(res.root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER').map((r) => text(r, 'TITLE'));
};

describe('case-insensitive list filters', () => {
  it('fold the case of every script, on create and on update', async () => {
    await create(DOCKER, { title: 'Café', ips: '10.7.0.1', comments: 'Ünïcödé Straße' });
    await create(DOCKER, { title: 'ΟΔΟΣ alpha', ips: '10.7.0.2' });
    await create(DOCKER, { title: 'plain', ips: '10.7.0.3' });
    expect(await titles({ title: 'CAFÉ' })).toEqual(['Café']);
    expect(await titles({ title: 'café' })).toEqual(['Café']);
    expect(await titles({ comments: 'ünïcödé' })).toEqual(['Café']);
    expect(await titles({ comments: 'STRASSE' })).toEqual(['Café']);
    // a word-final sigma matches wherever the substring stands
    expect(await titles({ title: 'οδοσ' })).toEqual(['ΟΔΟΣ alpha']);
    expect(await titles({ title: 'ΟΔΟΣ ALPHA' })).toEqual(['ΟΔΟΣ alpha']);
    // ASCII as before, and an accent is not a case
    expect(await titles({ title: 'ALPHA' })).toEqual(['ΟΔΟΣ alpha']);
    expect(await titles({ title: 'cafe' })).toEqual([]);

    const res = await call(emulator, DOCKER, { form: { action: 'update', ids: '3', title: 'Ærø', comments: 'ÉTÉ' } });
    expect(res.status, res.body).toBe(200);
    expect(await titles({ title: 'æRØ', comments: 'été' })).toEqual(['Ærø']);
    expect(await titles({ title: 'plain' })).toEqual([]);
  });

  it('fold vault titles too', async () => {
    await create(VAULT, { title: 'Coffre CAFÉ', type: 'CyberArk AIM', url: 'https://aim.example/', appid: 'q' });
    const res = await call(emulator, VAULT, { query: { action: 'list', title: 'coffre café' } });
    expect(all(res.root, 'RESPONSE/AUTH_VAULTS', 'AUTH_VAULT').map((v) => text(v, 'TITLE'))).toEqual(['Coffre CAFÉ']);
  });
});

describe('a database written before folded copies were kept', () => {
  const older = olderDatabase('0003');

  it('has its rows folded by the migration', async () => {
    const old = older.open();
    old
      .prepare(`INSERT INTO auth_records (type, title, comments, created_at, created_by, modified_at) VALUES ('docker', 'Café', 'Ünïcödé', 'x', 'u', 'x')`)
      .run();
    old.prepare(`INSERT INTO auth_record_ips (type, lo, hi, record_id) VALUES ('docker', 1, 1, 1)`).run();
    old.close();

    const restarted = await startEmulator({ db: older.file, users: [USER] });
    try {
      const res = await call(restarted, DOCKER, { query: { action: 'list', title: 'CAFÉ', comments: 'üNÏCÖDÉ' } });
      expect(all(res.root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER').map((r) => text(r, 'TITLE'))).toEqual(['Café']);
    } finally {
      await restarted.close();
    }
  });
});
