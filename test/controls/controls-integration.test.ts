import { beforeEach, describe, expect, it } from 'vitest';
import { all, call, DOCKER, expectError, find, startTestEmulator, text, USER } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';

const SESSION = '/api/2.0/fo/session/';
const GENERIC = '/api/2.0/fo/auth/';
const emulator = await startTestEmulator();

beforeEach(() => emulator.reset());

const login = () => call(emulator, SESSION, { auth: null, form: { action: 'login', username: USER.login, password: USER.password } });

describe('emulator controls with sessions, Unix records and the generic list', () => {
  it('sends no rate-limit headers on the session endpoint, and masks the login password in the journal', async () => {
    const res = await login();
    expect(res.status).toBe(200);
    expect(res.headers.get('X-RateLimit-Limit')).toBeNull();
    const [entry] = (await admin(emulator, 'GET', `requests?path=${encodeURIComponent(SESSION)}`)).json.requests;
    expect(entry).toMatchObject({ action: 'login', status: 200, params: { username: USER.login, password: '********' } });
    // The generic list is rate limited like the others.
    expect((await call(emulator, GENERIC, { query: { action: 'list' } })).headers.get('X-RateLimit-Limit')).toBe('300');
  });

  it('ends every session on reset', async () => {
    const cookie = (await login()).headers.get('set-cookie')!.split(';')[0];
    const withCookie = () => call(emulator, DOCKER, { query: { action: 'list' }, auth: null, headers: { Cookie: cookie } });
    expect((await withCookie()).status).toBe(200);
    await emulator.reset();
    expectError(await withCookie(), 401, '2000', 'Bad Login/Password');
  });

  it('seeds Unix and Docker records in one document, and the generic list sees them', async () => {
    const { json } = await admin(emulator, 'POST', 'seed', {
      records: [
        { type: 'unix', title: 'hosts', username: 'root', password: 'pw', ips: '10.0.0.0/24' },
        { type: 'docker', title: 'engines', ips: '10.0.0.1-10.0.0.9' },
      ],
    });
    expect(json).toEqual({ ids: [1, 2] });
    const res = await call(emulator, GENERIC, { query: { action: 'list' } });
    expect(text(res.root, 'RESPONSE/AUTH_RECORDS/AUTH_UNIX_IDS/ID_SET/ID')).toBe('1');
    expect(text(res.root, 'RESPONSE/AUTH_RECORDS/AUTH_DOCKER_IDS/ID_SET/ID')).toBe('2');
  });

  it('switches the Unix prerequisite of Docker records at run time', async () => {
    await admin(emulator, 'PATCH', 'config', { require_unix_for_docker: true });
    expectError(
      await call(emulator, DOCKER, { form: { action: 'create', title: 'd', ips: '10.0.0.1' } }),
      400,
      '1905',
      'parameter ips has invalid value: 10.0.0.1 (not covered by Unix records)',
    );
    const refused = await admin(emulator, 'POST', 'seed', { records: [{ type: 'docker', title: 'd', ips: '10.0.0.1' }] });
    expect(refused.json).toMatchObject({ index: 0, code: '1905' });
    await admin(emulator, 'PATCH', 'config', { require_unix_for_docker: false });
    expect((await call(emulator, DOCKER, { form: { action: 'create', title: 'd', ips: '10.0.0.1' } })).status).toBe(200);
  });

  it('pages the per-type and generic lists by the runtime page size', async () => {
    await emulator.seed({
      records: [
        { type: 'docker', title: 'a', ips: '10.0.0.1' },
        { type: 'docker', title: 'b', ips: '10.0.0.2' },
      ],
    });
    const lists = async () => {
      const perType = await call(emulator, DOCKER, { query: { action: 'list' } });
      const generic = await call(emulator, GENERIC, { query: { action: 'list' } });
      return {
        shown: [
          all(perType.root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER').length,
          find(generic.root, 'RESPONSE/AUTH_RECORDS/AUTH_DOCKER_IDS/ID_SET')!
            .children.map((c) => c.text)
            .join(),
        ],
        warnings: [text(perType.root, 'RESPONSE/WARNING/CODE'), text(generic.root, 'RESPONSE/WARNING/CODE')],
      };
    };
    await admin(emulator, 'PATCH', 'config', { page_size: 1 });
    expect(await lists()).toEqual({ shown: [1, '1'], warnings: ['1980', '1980'] });
    await admin(emulator, 'PATCH', 'config', { page_size: 1000 });
    expect(await lists()).toEqual({ shown: [2, '1-2'], warnings: [undefined, undefined] });
  });

  it('applies faults to session login too', async () => {
    await admin(emulator, 'PUT', 'faults', { rules: [{ path: SESSION, action: 'login', status: 503, text: 'Maintenance', times: 1 }] });
    expectError(await login(), 503, '999', 'Maintenance');
    expect((await login()).status).toBe(200);
  });
});
