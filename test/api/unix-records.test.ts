import { describe, expect, it } from 'vitest';
import { all, call, DOCKER, expectError, find, startTestEmulator, text, type Node } from '../helpers/emulator.js';

const UNIX = '/api/2.0/fo/auth/unix/';
const emulator = await startTestEmulator();

const create = (form: Record<string, string>, path = UNIX) => call(emulator, path, { form: { action: 'create', ...form } });
const createdId = (root: Node) => text(root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')!;
const unixRecords = async (query: Record<string, string> = {}) =>
  all((await call(emulator, UNIX, { query: { action: 'list', ...query } })).root, 'RESPONSE/AUTH_UNIX_LIST', 'AUTH_UNIX');

describe('Unix records', () => {
  it('creates a record, echoing the password masked, and lists it without the password', async () => {
    const res = await create({
      title: 'web hosts',
      username: 'scanner',
      password: 'hunter2',
      port: '2222',
      ips: '10.1.0.1-10.1.0.9',
      comments: 'Linux',
      echo_request: '1',
    });
    expect(res.status, res.body).toBe(200);
    expect(text(res.root, 'RESPONSE/BATCH_LIST/BATCH/TEXT')).toBe('Successfully Created');
    const echoed = all(res.root, 'REQUEST/PARAM_LIST', 'PARAM').map((p) => [text(p, 'KEY'), text(p, 'VALUE')]);
    expect(echoed).toContainEqual(['password', '********']);
    expect(res.body).not.toContain('hunter2');

    const [record] = await unixRecords({ ids: createdId(res.root) });
    expect(record.children.map((c) => c.name)).toEqual(['ID', 'TITLE', 'USERNAME', 'PORT', 'IP_SET', 'NETWORK_ID', 'CREATED', 'LAST_MODIFIED', 'COMMENTS']);
    expect(text(record, 'USERNAME')).toBe('scanner');
    expect(text(record, 'PORT')).toBe('2222');
    expect(text(record, 'IP_SET/IP_RANGE')).toBe('10.1.0.1-10.1.0.9');
    const list = await call(emulator, UNIX, { query: { action: 'list', details: 'All' } });
    expect(list.body).not.toContain('hunter2');
  });

  it('takes agentless tracking and lists it after COMMENTS, as the list sample ends a record', async () => {
    // S1's Unix list sample: ... COMMENTS, USE_AGENTLESS_TRACKING, AGENTLESS_TRACKING_PATH (CDATA)
    const res = await create({
      title: 'tracked',
      username: 'root',
      skip_password: '1',
      ips: '10.1.1.1',
      comments: 'c',
      use_agentless_tracking: '1',
      agentless_tracking_path: '/usr/local',
    });
    expect(res.status, res.body).toBe(200);
    const [record] = await unixRecords({ ids: createdId(res.root) });
    expect(record.children.map((c) => c.name).slice(-4)).toEqual(['LAST_MODIFIED', 'COMMENTS', 'USE_AGENTLESS_TRACKING', 'AGENTLESS_TRACKING_PATH']);
    expect([text(record, 'USE_AGENTLESS_TRACKING'), text(record, 'AGENTLESS_TRACKING_PATH')]).toEqual(['1', '/usr/local']);
    const listed = await call(emulator, UNIX, { query: { action: 'list', ids: createdId(res.root) } });
    expect(listed.body).toContain('<AGENTLESS_TRACKING_PATH><![CDATA[/usr/local]]></AGENTLESS_TRACKING_PATH>');
    expectError(
      await create({ title: 'bad flag', username: 'root', skip_password: '1', ips: '10.1.1.2', use_agentless_tracking: 'yes' }),
      400,
      '1905',
      'parameter use_agentless_tracking has invalid value: yes (must be one of: 0, 1)',
    );
  });

  it('needs a username, and a password unless skip_password=1', async () => {
    expectError(await create({ title: 'u1', password: 'p', ips: '10.2.0.1' }), 400, '1903', 'Missing required parameter(s): username');
    expectError(await create({ title: 'u1', username: 'root', ips: '10.2.0.1' }), 400, '1903', 'Missing required parameter(s): password');
    expectError(
      await create({ title: 'u1', username: 'root', password: '', skip_password: '0', ips: '10.2.0.1' }),
      400,
      '1903',
      'Missing required parameter(s): password',
    );
    const ok = await create({ title: 'u1', username: 'root', skip_password: '1', ips: '10.2.0.1' });
    expect(ok.status, ok.body).toBe(200);
    const [record] = await unixRecords({ ids: createdId(ok.root) });
    expect(text(record, 'SKIP_PASSWORD')).toBe('1');
    expect(find(record, 'PORT')).toBeUndefined();
  });

  it('refuses bad ports and flags with 1905, creating nothing', async () => {
    expectError(
      await create({ title: 'u2', username: 'a', password: 'p', ips: '10.3.0.1', port: '70000' }),
      400,
      '1905',
      'parameter port has invalid value: 70000 (not a port from 1 to 65535)',
    );
    expectError(
      await create({ title: 'u2', username: 'a', password: 'p', ips: '10.3.0.1', port: 'ssh' }),
      400,
      '1905',
      /^parameter port has invalid value: ssh/,
    );
    expectError(
      await create({ title: 'u2', username: 'a', password: 'p', skip_password: 'yes', ips: '10.3.0.1' }),
      400,
      '1905',
      'parameter skip_password has invalid value: yes (must be one of: 0, 1)',
    );
    expect(await unixRecords({ title: 'u2' })).toEqual([]);
  });

  it('refuses Docker parameters on a Unix record and Unix parameters on a Docker record', async () => {
    expectError(
      await create({ title: 'u3', username: 'a', password: 'p', ips: '10.4.0.1', docker_command: '/x' }),
      400,
      '1901',
      /^Unrecognized parameter\(s\): docker_command \(action=create allows: .*username, password, login_type, vault_type, vault_id, vault_service_type, ak_secret_name, system_name, account_name, end_point_name, sub_type, skip_password, cleartext_password, enable_password, expert_password, port/,
    );
    expectError(await create({ title: 'd3', username: 'a', ips: '10.4.0.1' }, DOCKER), 400, '1901', /^Unrecognized parameter\(s\): username/);
  });

  it('keeps titles and IPs unique per type only: a Docker and a Unix record may share both', async () => {
    const unix = await create({ title: 'shared', username: 'a', password: 'p', ips: '10.5.0.0/24' });
    expect(unix.status, unix.body).toBe(200);
    const docker = await create({ title: 'shared', ips: '10.5.0.10-10.5.0.20' }, DOCKER);
    expect(docker.status, docker.body).toBe(200);
    expectError(
      await create({ title: 'other', username: 'b', password: 'p', ips: '10.5.0.7' }),
      409,
      '1920',
      'IPs are used by other records of this type\nIPs: 10.5.0.7 is used by shared',
    );
    expectError(
      await create({ title: 'shared', username: 'b', password: 'p', ips: '10.6.0.1' }),
      400,
      '1905',
      /^parameter title has invalid value: shared \(already used by record \d+\)$/,
    );
  });
});

describe('Unix update and delete (the generic actions)', () => {
  it('takes a Postman-style multipart add_ips from a session-cookie client, then deletes', async () => {
    const id = createdId((await create({ title: 'postman', username: 'a', password: 'old', ips: '10.7.0.1' })).root);
    const login = await call(emulator, '/api/2.0/fo/session/', { auth: null, form: { action: 'login', username: 'tester', password: 's3cret' } });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const form = new FormData();
    for (const [k, v] of [
      ['action', 'update'],
      ['ids', id],
      ['add_ips', '10.7.0.2-10.7.0.3'],
      ['password', 'new'],
      ['port', '22'],
      ['echo_request', '1'],
    ])
      form.append(k, v);
    const updated = await call(emulator, UNIX, { method: 'POST', body: form, auth: null, headers: { Cookie: cookie } });
    expect(updated.status, updated.body).toBe(200);
    expect(text(updated.root, 'RESPONSE/BATCH_LIST/BATCH/TEXT')).toBe('Successfully Updated');
    expect(updated.body).not.toContain('>new<');
    const [record] = await unixRecords({ ids: id });
    expect(text(record, 'IP_SET/IP_RANGE')).toBe('10.7.0.1-10.7.0.3');
    expect(text(record, 'PORT')).toBe('22');
    expect(text(record, 'LAST_MODIFIED/BY')).toBe('tester');

    const deleted = await call(emulator, UNIX, { form: { action: 'delete', ids: id } });
    expect(text(deleted.root, 'RESPONSE/BATCH_LIST/BATCH/TEXT')).toBe('Successfully Deleted');
    expect(await unixRecords({ ids: id })).toEqual([]);
  });

  it('checks Unix values on update too', async () => {
    const id = createdId((await create({ title: 'upd', username: 'a', password: 'p', ips: '10.8.0.1' })).root);
    expectError(
      await call(emulator, UNIX, { form: { action: 'update', ids: id, port: '0' } }),
      400,
      '1905',
      'parameter port has invalid value: 0 (not a port from 1 to 65535)',
    );
  });
});

describe('a refused password', () => {
  it('is masked in the 1905 TEXT like in echoes', async () => {
    const base = { action: 'create', title: 'masked', ips: '10.99.0.5', username: 'a' };
    const bad = await call(emulator, UNIX, { form: { ...base, password: 'hunter2\u0000x' } });
    expectError(bad, 400, '1905', 'parameter password has invalid value: ******** (contains characters that XML cannot carry)');
    const long = await call(emulator, UNIX, { form: { ...base, password: 'hunter2'.repeat(40) } });
    expectError(long, 400, '1905', 'parameter password has invalid value: ******** (longer than 100 characters)');
    expect(bad.body + long.body).not.toContain('hunter2');
  });
});
