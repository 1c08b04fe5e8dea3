import { describe, expect, it } from 'vitest';
import { RECORD_TYPES } from '../../src/auth-records/types/index.js';
import { all, call, expectError, startTestEmulator, text } from '../helpers/emulator.js';

const emulator = await startTestEmulator({ pageSize: 1 });
const V2 = '/api/2.0/fo/auth/unix/';
const V3 = '/api/3.0/fo/auth/unix/';
const unixIds = async (path: string) =>
  all((await call(emulator, path, { query: { action: 'list', details: 'None' } })).root, 'RESPONSE/ID_SET', 'ID').map((n) => n.text);

describe('/api/3.0/fo/auth/', () => {
  it('serves the same records as v2: created on one, listed, updated and deleted on the other', async () => {
    const created = await call(emulator, V3, { form: { action: 'create', title: 'v3', username: 'root', password: 'p', ips: '10.50.0.1', echo_request: '1' } });
    expect(created.status, created.body).toBe(200);
    expect(text(created.root, 'REQUEST/RESOURCE')).toBe(`${emulator.url}${V3}`);
    const id = text(created.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')!;
    expect(await unixIds(V2)).toContain(id);
    const updated = await call(emulator, V2, { form: { action: 'update', ids: id, comments: 'from v2' } });
    expect(text(updated.root, 'RESPONSE/BATCH_LIST/BATCH/TEXT')).toBe('Successfully Updated');
    const [record] = all((await call(emulator, V3, { query: { action: 'list', ids: id } })).root, 'RESPONSE/AUTH_UNIX_LIST', 'AUTH_UNIX');
    expect(text(record, 'COMMENTS')).toBe('from v2');
    await call(emulator, V3, { form: { action: 'delete', ids: id } });
    expect(await unixIds(V2)).not.toContain(id);
  });

  it('has every type and the generic list, whose next-page URL stays on v3', async () => {
    for (const type of RECORD_TYPES) {
      const res = await call(emulator, type.path.replace('/api/2.0/', '/api/3.0/'), { query: { action: 'list' } });
      expect(res.status, type.name).toBe(200);
    }
    for (const ips of ['10.51.0.1', '10.51.0.2']) await call(emulator, V3, { form: { action: 'create', title: ips, username: 'u', password: 'p', ips } });
    const generic = await call(emulator, '/api/3.0/fo/auth/', { query: { action: 'list' } });
    expect(generic.root.name).toBe('AUTH_RECORDS_OUTPUT');
    expect(text(generic.root, 'RESPONSE/WARNING/URL')).toMatch(new RegExp(`^${emulator.url}/api/3\\.0/fo/auth/\\?`));
  });

  it('applies the same rules: an unknown parameter is 1901, a write by GET 1908', async () => {
    expectError(await call(emulator, V3, { form: { action: 'update', id: '1', ips: '10.52.0.1' } }), 400, '1901', /^Unrecognized parameter\(s\): id /);
    expectError(await call(emulator, V3, { query: { action: 'delete', ids: '1' } }), 400, '1908', /^Request method/);
  });
});
