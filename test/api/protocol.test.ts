import { describe, expect, it } from 'vitest';
import { call, DOCKER, expectError, startTestEmulator, text, all } from '../helpers/emulator.js';

const emulator = await startTestEmulator();

/** IDs of every Docker record, to prove a refused request changed nothing. */
async function dockerIds(): Promise<string[]> {
  const res = await call(emulator, DOCKER, { query: { action: 'list', details: 'None' } });
  return all(res.root, 'RESPONSE/ID_SET', 'ID').map((n) => n.text);
}

let serial = 0;
/** Create parameters with a fresh title and IP, so only the parameter under test can be refused. */
const create = (extra: Record<string, string> = {}) => {
  serial++;
  return { action: 'create', title: `t-${serial}`, ips: `10.1.2.${serial}`, ...extra };
};

describe('the Qualys wire protocol', () => {
  it('redirects the path without its trailing slash, query kept', async () => {
    const res = await fetch(`${emulator.url}/api/2.0/fo/auth/docker?action=list&x=1`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/api/2.0/fo/auth/docker/?action=list&x=1');
    expect(res.headers.get('content-type')).toBeNull();
  });

  it('refuses missing and wrong credentials with 401, 2000 and a Basic challenge', async () => {
    for (const auth of [null, 'Basic ' + Buffer.from('tester:wrong').toString('base64'), 'Bearer abc', 'Basic !!!']) {
      const res = await call(emulator, DOCKER, { form: create(), auth });
      expectError(res, 401, '2000', 'Bad Login/Password');
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }
    expect(await dockerIds()).toEqual([]);
  });

  it('requires X-Requested-With', async () => {
    for (const xrw of [null, '  ']) {
      const res = await call(emulator, DOCKER, { form: create(), xrw });
      expectError(res, 400, '1903', 'Missing required header(s): X-Requested-With');
    }
    expect(await dockerIds()).toEqual([]);
  });

  it('requires action, and only the endpoint\'s actions', async () => {
    expectError(await call(emulator, DOCKER, { form: { title: 'x' } }), 400, '1903', 'Missing required parameter(s): action');
    expectError(await call(emulator, DOCKER, { form: { action: '' } }), 400, '1903', 'Missing required parameter(s): action');
    expectError(await call(emulator, DOCKER, { form: { action: 'explode' } }), 400, '1905', 'parameter action has invalid value: explode');
    expectError(await call(emulator, DOCKER, { form: { action: 'toString' } }), 400, '1905', 'parameter action has invalid value: toString');
  });

  it('refuses a write action sent by GET with 1908', async () => {
    const res = await call(emulator, DOCKER, { query: create() });
    expectError(res, 400, '1908', 'Request method (GET or POST) is incompatible with specified parameter(s): action');
    expect(await dockerIds()).toEqual([]);
  });

  it('refuses unknown parameters with 1901 naming every allowed one', async () => {
    const res = await call(emulator, DOCKER, { form: create({ ids: '1', Title: 'x' }) });
    expectError(
      res,
      400,
      '1901',
      'Unrecognized parameter(s): ids, Title (action=create allows: action, echo_request, title, comments, docker_deamon_conf_file, docker_command, ips, network_id)',
    );
  });

  it('refuses missing required parameters with 1903', async () => {
    expectError(await call(emulator, DOCKER, { form: { action: 'create' } }), 400, '1903', 'Missing required parameter(s): title, ips');
    expectError(await call(emulator, DOCKER, { form: { action: 'create', title: 'a', ips: '' } }), 400, '1903', 'Missing required parameter(s): ips');
    expect(await dockerIds()).toEqual([]);
  });

  it('refuses invalid values with 1905 naming the parameter, value and reason', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ ips: '10.0.0.256' }, 'parameter ips has invalid value: 10.0.0.256 (not a valid IPv4 address: 10.0.0.256)'],
      [{ ips: '10.0.0.9-10.0.0.1' }, 'parameter ips has invalid value: 10.0.0.9-10.0.0.1 (range start is greater than its end: 10.0.0.9-10.0.0.1)'],
      [{ ips: '10.0.0.0/33' }, 'parameter ips has invalid value: 10.0.0.0/33 (not a valid CIDR block: 10.0.0.0/33)'],
      [{ ips: '::1' }, 'parameter ips has invalid value: ::1 (IPv6 addresses are not supported by the emulator: ::1)'],
      [{ title: 'x'.repeat(256) }, `parameter title has invalid value: ${'x'.repeat(256)} (longer than 255 characters)`],
      [{ comments: 'c'.repeat(2000) }, `parameter comments has invalid value: ${'c'.repeat(2000)} (longer than 1999 characters)`],
      [{ echo_request: '2' }, 'parameter echo_request has invalid value: 2 (must be one of: 0, 1)'],
      [{ network_id: '5' }, 'parameter network_id has invalid value: 5 (the networks feature is not enabled)'],
      [{ network_id: '-1' }, 'parameter network_id has invalid value: -1 (not a non-negative integer)'],
    ];
    for (const [extra, message] of cases) expectError(await call(emulator, DOCKER, { form: create(extra) }), 400, '1905', message);
    expect(await dockerIds()).toEqual([]);
  });

  it('refuses characters XML cannot carry, and still answers well-formed XML', async () => {
    const res = await call(emulator, DOCKER, { form: create({ title: 'bad\u0001title' }) });
    expectError(res, 400, '1905', 'parameter title has invalid value: bad\uFFFDtitle (contains characters that XML cannot carry)');
  });

  it('answers unknown paths with a 404 SIMPLE_RETURN', async () => {
    expectError(await call(emulator, '/api/2.0/fo/nothing/'), 404, undefined, 'Not Found');
    expectError(await call(emulator, '/'), 404, undefined, 'Not Found');
  });

  it('answers other methods with 405 and Allow', async () => {
    const res = await call(emulator, DOCKER, { method: 'PUT', query: { action: 'list' } });
    expectError(res, 405, undefined, 'Method Not Allowed: PUT');
    expect(res.headers.get('allow')).toBe('GET, POST');
  });

  it('merges query and body parameters, the last occurrence winning', async () => {
    const res = await call(emulator, DOCKER, {
      query: [['title', 'from-query'], ['echo_request', '1']],
      form: [['action', 'create'], ['ips', '10.9.9.9'], ['title', 'from-body']],
    });
    expect(res.status).toBe(200);
    expect(all(res.root, 'REQUEST/PARAM_LIST', 'PARAM').map((p) => text(p, 'KEY'))).toEqual(['title', 'echo_request', 'action', 'ips', 'title']);
    const list = await call(emulator, DOCKER, { query: { action: 'list', title: 'from-' } });
    expect(all(list.root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER').map((r) => text(r, 'TITLE'))).toEqual(['from-body']);
  });

  it('accepts a POST with every parameter in the query string and an empty body', async () => {
    const res = await call(emulator, DOCKER, { method: 'POST', query: create({ title: 'query-only' }) });
    expect(res.status).toBe(200);
    expect(text(res.root, 'RESPONSE/BATCH_LIST/BATCH/TEXT')).toBe('Successfully Created');
  });

  it('keeps free text well-formed whatever it holds', async () => {
    const title = 'a]]>b <c> & "d"';
    const res = await call(emulator, DOCKER, { form: create({ title, comments: ']]>' }) });
    expect(res.status).toBe(200);
    const list = await call(emulator, DOCKER, { query: { action: 'list', title: 'a]]>b' } });
    const record = all(list.root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER')[0];
    expect(text(record, 'TITLE')).toBe(title);
    expect(text(record, 'COMMENTS')).toBe(']]>');
  });

  it('serves the DTDs its DOCTYPEs name, without credentials', async () => {
    for (const path of ['/api/2.0/batch_return.dtd', '/api/2.0/simple_return.dtd', '/api/2.0/fo/auth/docker/auth_docker_list_output.dtd']) {
      const res = await fetch(emulator.url + path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<!ELEMENT');
    }
  });
});
