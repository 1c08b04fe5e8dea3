import { describe, expect, it } from 'vitest';
import { all, call, expectError, startTestEmulator, text, type XmlResponse } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';

const VAULT = '/api/2.0/fo/vault/';
const UNIX = '/api/2.0/fo/auth/unix/';
const emulator = await startTestEmulator();

const post = (path: string, form: Record<string, string>) => call(emulator, path, { form });
const item = (res: XmlResponse, key: string) =>
  all(res.root, 'RESPONSE/ITEM_LIST', 'ITEM')
    .find((i) => text(i, 'KEY') === key)
    ?.children.find((c) => c.name === 'VALUE')?.text;
const createVault = async (form: Record<string, string>) => {
  const res = await post(VAULT, { action: 'create', ...form });
  expect(res.status, res.body).toBe(200);
  return item(res, 'ID')!;
};
const vaults = async (query: Record<string, string> = {}) => {
  const res = await call(emulator, VAULT, { query: { action: 'list', ...query } });
  expect(res.root.name).toBe('AUTH_VAULT_LIST_OUTPUT');
  return all(res.root, 'RESPONSE/AUTH_VAULTS', 'AUTH_VAULT');
};
const vaultLogin = (vaultId: string, vaultType = 'CyberArk AIM') => ({ login_type: 'vault', vault_id: vaultId, vault_type: vaultType });

describe('/api/2.0/fo/vault/', () => {
  it('creates a vault, lists it with STATUS and COUNT, views it without its secrets', async () => {
    const res = await post(VAULT, {
      action: 'create',
      title: 'aim',
      type: 'cyberark aim',
      url: 'https://aim.example/',
      appid: 'qualys',
      private_key: 'KEY-hunter2',
      echo_request: '1',
    });
    expect(res.status, res.body).toBe(200);
    expect(text(res.root, 'RESPONSE/TEXT')).toBe('Success');
    expect(item(res, 'Status')).toBe('Created');
    expect(res.body).not.toContain('hunter2');
    const id = item(res, 'ID')!;

    const list = await call(emulator, VAULT, { query: { action: 'list', title: 'aim' } });
    expect(text(list.root, 'RESPONSE/STATUS')).toBe('Success');
    expect(text(list.root, 'RESPONSE/COUNT')).toBe('1');
    const [listed] = all(list.root, 'RESPONSE/AUTH_VAULTS', 'AUTH_VAULT');
    expect(listed.children.map((c) => c.name)).toEqual(['TITLE', 'VAULT_TYPE', 'LAST_MODIFIED', 'ID']);
    expect(text(listed, 'VAULT_TYPE')).toBe('CyberArk AIM');

    const view = await call(emulator, VAULT, { query: { action: 'view', id } });
    expect(text(view.root, 'RESPONSE/AUTH_VAULT_VIEW/APPID')).toBe('qualys');
    expect(view.body).not.toContain('hunter2');
    const journal = JSON.stringify((await admin(emulator, 'GET', 'requests')).json);
    expect(journal).toContain('"private_key":"********"');
    expect(journal).not.toContain('hunter2');
  });

  it('filters the list by type, and refuses an unknown type (1905)', async () => {
    await createVault({ title: 'hc', type: 'HashiCorp', url: 'https://hc.example/', auth_type: 'approle', role_id: 'r', secret_id: 's' });
    expect((await vaults({ type: 'HashiCorp' })).map((v) => text(v, 'TITLE'))).toEqual(['hc']);
    expectError(
      await post(VAULT, { action: 'create', title: 'x', type: 'Safe Deposit' }),
      400,
      '1905',
      /^parameter type has invalid value: Safe Deposit \(must be one of: ARCON PAM/,
    );
  });

  it('asks each vault type for the settings its page requires (1903), changing nothing', async () => {
    const before = (await vaults()).length;
    const hc = { type: 'HashiCorp', url: 'https://hc.example/' };
    expectError(
      await post(VAULT, { action: 'create', title: 'hc-x', type: 'HashiCorp', auth_type: 'cert' }),
      400,
      '1903',
      'Missing required parameter(s): url',
    );
    expectError(await post(VAULT, { action: 'create', title: 'hc-x', ...hc }), 400, '1903', 'Missing required parameter(s): auth_type');
    expectError(
      await post(VAULT, { action: 'create', title: 'hc-x', ...hc, auth_type: 'userpass', username: 'u' }),
      400,
      '1903',
      'Missing required parameter(s): password',
    );
    expectError(
      await post(VAULT, { action: 'create', title: 'hc-x', ...hc, auth_type: 'approle' }),
      400,
      '1903',
      'Missing required parameter(s): role_id, secret_id',
    );
    expectError(
      await post(VAULT, { action: 'create', title: 'bt-x', type: 'BeyondTrust PBPS', url: 'https://bt.example/' }),
      400,
      '1903',
      'Missing required parameter(s): appkey',
    );
    expectError(
      await post(VAULT, { action: 'create', title: 'bt-x', type: 'BeyondTrust PBPS', url: 'https://bt.example/', appkey: 'k', cert: 'C' }),
      400,
      '1903',
      'Missing required parameter(s): private_key',
    );
    // An update cannot leave a vault without what its type needs.
    const id = await createVault({ title: 'hc-ok', ...hc, auth_type: 'approle', role_id: 'r', secret_id: 's' });
    expectError(await post(VAULT, { action: 'update', id, auth_type: 'userpass' }), 400, '1903', 'Missing required parameter(s): username, password');
    expect((await post(VAULT, { action: 'update', id, auth_type: 'userpass', username: 'u', password: 'p' })).status).toBe(200);
    expect((await vaults()).length).toBe(before + 1);
  });

  it('orders the list by title, type, modification or ID, either way, and filters it by modification date', async () => {
    for (const title of ['ord-b', 'ord-a', 'ord-c']) await createVault({ title, type: 'CyberArk AIM' });
    const titles = async (query: Record<string, string>) => (await vaults({ title: 'ord-', ...query })).map((v) => text(v, 'TITLE'));
    expect(await titles({})).toEqual(['ord-b', 'ord-a', 'ord-c']);
    expect(await titles({ orderby: 'title' })).toEqual(['ord-a', 'ord-b', 'ord-c']);
    expect(await titles({ orderby: 'TITLE', sortorder: 'desc' })).toEqual(['ord-c', 'ord-b', 'ord-a']);
    expect(await titles({ orderby: 'id', sortorder: 'desc' })).toEqual(['ord-c', 'ord-a', 'ord-b']);
    expect(await titles({ modified: '2000-01-01' })).toEqual(['ord-b', 'ord-a', 'ord-c']);
    expect(await titles({ modified: '2999-01-01T00:00:00Z' })).toEqual([]);
    expectError(
      await call(emulator, VAULT, { query: { action: 'list', modified: '2024-02-30' } }),
      400,
      '1905',
      /^parameter modified has invalid value: 2024-02-30 \(not a date/,
    );
    expectError(await call(emulator, VAULT, { query: { action: 'list', orderby: 'size' } }), 400, '1905', /^parameter orderby has invalid value: size/);
    expectError(await call(emulator, VAULT, { query: { action: 'list', sortorder: 'up' } }), 400, '1905', /^parameter sortorder has invalid value: up/);
  });

  it('pages the list with limit and offset, which come together', async () => {
    const all = (await vaults()).map((v) => text(v, 'ID'));
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect((await vaults({ limit: '1', offset: '1' })).map((v) => text(v, 'ID'))).toEqual([all[1]]);
    expectError(await call(emulator, VAULT, { query: { action: 'list', limit: '1' } }), 400, '1903', 'Missing required parameter(s): offset');
    expectError(await call(emulator, VAULT, { query: { action: 'list', limit: '0', offset: '0' } }), 400, '1905', /^parameter limit has invalid value: 0/);
  });

  it('updates settings and title but never the type (1901); titles stay unique', async () => {
    const id = await createVault({ title: 'tss', type: 'Thycotic Secret Server', username: 'svc', password: 'p' });
    const res = await post(VAULT, { action: 'update', id, domain: 'corp.example', title: 'tss2' });
    expect(item(res, 'Status')).toBe('Updated');
    const view = await call(emulator, VAULT, { query: { action: 'view', id } });
    expect(text(view.root, 'RESPONSE/AUTH_VAULT_VIEW/DOMAIN')).toBe('corp.example');
    expect(text(view.root, 'RESPONSE/AUTH_VAULT_VIEW/TITLE')).toBe('tss2');
    expectError(await post(VAULT, { action: 'update', id, type: 'HashiCorp' }), 400, '1901', /^Unrecognized parameter\(s\): type /);
    expectError(
      await post(VAULT, { action: 'create', title: 'tss2', type: 'HashiCorp' }),
      400,
      '1905',
      /^parameter title has invalid value: tss2 \(already used by vault \d+\)$/,
    );
    expectError(await post(VAULT, { action: 'update', id: '99999', title: 'z' }), 400, '1905', 'parameter id has invalid value: 99999 (no such vault)');
  });

  it('lets a record name an existing vault of its type only (1905), changing nothing', async () => {
    const id = await createVault({ title: 'for records', type: 'CyberArk AIM' });
    const count = async () => all((await call(emulator, UNIX, { query: { action: 'list' } })).root, 'RESPONSE/AUTH_UNIX_LIST', 'AUTH_UNIX').length;
    const before = await count();
    expectError(
      await post(UNIX, { action: 'create', title: 'r1', username: 'u', ips: '10.40.0.1', ...vaultLogin('99999') }),
      400,
      '1905',
      'parameter vault_id has invalid value: 99999 (no such vault)',
    );
    expectError(
      await post(UNIX, { action: 'create', title: 'r1', username: 'u', ips: '10.40.0.1', ...vaultLogin(id, 'HashiCorp') }),
      400,
      '1905',
      `parameter vault_type has invalid value: HashiCorp (vault ${id} is not of this type)`,
    );
    expect(await count()).toBe(before);
    const ok = await post(UNIX, { action: 'create', title: 'r1', username: 'u', ips: '10.40.0.1', ...vaultLogin(id, 'cyberark_aim') });
    expect(ok.status, ok.body).toBe(200);
  });

  it('takes the vault settings a record gives for its vault type, and requires those the type needs (1903)', async () => {
    const azure = await createVault({ title: 'akv', type: 'Azure Key' });
    const login = { title: 'akv-rec', username: 'svc', ips: '10.42.0.1', login_type: 'vault', vault_type: 'Azure Key', vault_id: azure };
    expectError(await post(UNIX, { action: 'create', ...login }), 400, '1903', 'Missing required parameter(s): ak_secret_name');
    const res = await post(UNIX, { action: 'create', ...login, ak_secret_name: 'linux-root' });
    expect(res.status, res.body).toBe(200);
    const id = text(res.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')!;
    const [record] = all((await call(emulator, UNIX, { query: { action: 'list', ids: id } })).root, 'RESPONSE/AUTH_UNIX_LIST', 'AUTH_UNIX');
    expect(text(record, 'AK_SECRET_NAME')).toBe('linux-root');
    const bt = await createVault({ title: 'pbps', type: 'BeyondTrust PBPS', url: 'https://bt.example/', appkey: 'k' });
    const win = await post('/api/2.0/fo/auth/windows/', {
      action: 'create',
      title: 'bt-rec',
      username: 'svc',
      ips: '10.42.0.2',
      login_type: 'vault',
      vault_type: 'BeyondTrust PBPS',
      vault_id: bt,
      system_name: 'web01',
      account_name: 'admin',
    });
    expect(win.status, win.body).toBe(200);
    // Only with a vault login.
    expectError(
      await post(UNIX, { action: 'create', title: 'basic-rec', username: 'svc', password: 'p', ips: '10.42.0.3', system_name: 'web01' }),
      400,
      '1905',
      /^parameter system_name has invalid value: web01 \(only valid with login_type=vault\)$/,
    );
  });

  it('refuses deleting a vault in use, naming the records, then deletes it once they are gone', async () => {
    const id = await createVault({ title: 'in use', type: 'CyberArk AIM' });
    const r1 = await post(UNIX, { action: 'create', title: 'uses-1', username: 'u', ips: '10.41.0.1', ...vaultLogin(id) });
    const r2 = await post(UNIX, { action: 'create', title: 'uses-2', username: 'u', ips: '10.41.0.2', ...vaultLogin(id) });
    const [id1, id2] = [r1, r2].map((r) => text(r.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')!);
    expectError(
      await post(VAULT, { action: 'delete', id }),
      400,
      '1905',
      `parameter id has invalid value: ${id} (the vault is used by authentication records: unix ${id1}, unix ${id2})`,
    );
    expect((await vaults({ title: 'in use' })).length).toBe(1);
    // Switching one record to a password frees it from the vault.
    expect((await post(UNIX, { action: 'update', ids: id1, login_type: 'basic', password: 'p' })).status).toBe(200);
    await post(UNIX, { action: 'delete', ids: id2 });
    const res = await post(VAULT, { action: 'delete', id });
    // [Q] delete_vault.htm's sample: SIMPLE_RETURN, TEXT Success, one ITEM, Status = Deleted
    expect(text(res.root, 'RESPONSE/TEXT')).toBe('Success');
    expect(all(res.root, 'RESPONSE/ITEM_LIST', 'ITEM').map((i) => i.children.map((c) => `${c.name}=${c.text}`))).toEqual([['KEY=Status', 'VALUE=Deleted']]);
    expect(await vaults({ title: 'in use' })).toEqual([]);
  });
});
