import { describe, expect, it } from 'vitest';
import { all, call, expectError, startTestEmulator, text } from '../helpers/emulator.js';

const UNIX = '/api/2.0/fo/auth/unix/';
const emulator = await startTestEmulator();
const vaultOf = async (title: string, type: string) => {
  const res = await call(emulator, '/api/2.0/fo/vault/', { form: { action: 'create', title, type } });
  return all(res.root, 'RESPONSE/ITEM_LIST', 'ITEM').find((i) => text(i, 'KEY') === 'ID')!.children[1].text;
};
const aim = await vaultOf('aim', 'CyberArk AIM');
const thycotic = await vaultOf('thycotic', 'Thycotic Secret Server');

const post = (form: Record<string, string>) => call(emulator, UNIX, { form });
const create = (form: Record<string, string>) => post({ action: 'create', username: 'root', ...form });
const idOf = (res: Awaited<ReturnType<typeof post>>) => text(res.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')!;
const record = async (id: string) => all((await call(emulator, UNIX, { query: { action: 'list', ids: id } })).root, 'RESPONSE/AUTH_UNIX_LIST', 'AUTH_UNIX')[0];
const count = async () => all((await call(emulator, UNIX, { query: { action: 'list' } })).root, 'RESPONSE/AUTH_UNIX_LIST', 'AUTH_UNIX').length;

describe('Unix login types', () => {
  it('accepts login_type=basic with a password, as Qualys documents it', async () => {
    const res = await create({ title: 'basic', password: 'p', login_type: 'basic', ips: '10.20.0.1' });
    expect(res.status, res.body).toBe(200);
    expect(text(await record(idOf(res)), 'LOGIN_TYPE')).toBe('basic');
  });

  it('takes a vault instead of a password, and needs both vault parameters then', async () => {
    const before = await count();
    expectError(
      await create({ title: 'v', login_type: 'vault', vault_type: 'CyberArk AIM', ips: '10.20.0.2' }),
      400,
      '1903',
      'Missing required parameter(s): vault_id',
    );
    expectError(await create({ title: 'v', ips: '10.20.0.2' }), 400, '1903', 'Missing required parameter(s): password');
    expect(await count()).toBe(before);
    const res = await create({ title: 'v', login_type: 'vault', vault_type: 'CyberArk AIM', vault_id: aim, ips: '10.20.0.2' });
    expect(res.status, res.body).toBe(200);
    const listed = await record(idOf(res));
    expect(listed.children.map((c) => c.name).slice(0, 6)).toEqual(['ID', 'TITLE', 'USERNAME', 'LOGIN_TYPE', 'VAULT_TYPE', 'VAULT_ID']);
  });

  it('refuses vault parameters without login_type=vault (1905), changing nothing', async () => {
    const before = await count();
    expectError(
      await create({ title: 'w', skip_password: '1', vault_id: '7', ips: '10.20.0.3' }),
      400,
      '1905',
      'parameter vault_id has invalid value: 7 (only valid with login_type=vault)',
    );
    // [Q] a vault's password is never given with it (vault_params_record.htm).
    expectError(
      await create({ title: 'w', password: 'p', vault_id: '7', ips: '10.20.0.3' }),
      400,
      '1904',
      'Please specify only one of these parameters: vault_id, password',
    );
    expect(await count()).toBe(before);
  });

  it('on update: switching to basic needs a password and drops the vault parameters', async () => {
    const id = idOf(await create({ title: 'switch', login_type: 'vault', vault_type: 'Thycotic Secret Server', vault_id: thycotic, ips: '10.20.0.4' }));
    expectError(await post({ action: 'update', ids: id, login_type: 'basic' }), 400, '1903', 'Missing required parameter(s): password');
    expectError(
      await post({ action: 'update', ids: id, login_type: 'basic', skip_password: '1', vault_id: '4' }),
      400,
      '1905',
      /^parameter vault_id has invalid value: 4/,
    );
    expect(text(await record(id), 'LOGIN_TYPE')).toBe('vault');
    const ok = await post({ action: 'update', ids: id, login_type: 'basic', password: 'p' });
    expect(ok.status, ok.body).toBe(200);
    const after = await record(id);
    expect(text(after, 'LOGIN_TYPE')).toBe('basic');
    expect(after.children.map((c) => c.name)).not.toContain('VAULT_ID');
  });

  it('takes the Cisco enable password only with sub_type=cisco, and sub_type at create only', async () => {
    expectError(
      await create({ title: 'c', password: 'p', enable_password: 'e', ips: '10.20.0.5' }),
      400,
      '1905',
      'parameter enable_password has invalid value: ******** (only valid with sub_type=cisco)',
    );
    const res = await create({ title: 'c', password: 'p', sub_type: 'cisco', enable_password: 'e', ips: '10.20.0.5' });
    expect(res.status, res.body).toBe(200);
    expectError(await post({ action: 'update', ids: idOf(res), sub_type: 'cisco' }), 400, '1901', /^Unrecognized parameter\(s\): sub_type/);
  });
});
