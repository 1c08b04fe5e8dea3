import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AUTH, call, DOCKER, expectError, parseXml, startTestEmulator, text, all, type Node } from '../helpers/emulator.js';

const emulator = await startTestEmulator();
const lenient = await startTestEmulator({ requireXRequestedWith: false });

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

  it('refuses missing and wrong credentials with 401, 2000 and no challenge, as recorded', async () => {
    // Recorded 401s (2017 without credentials, 2020 with a wrong password) carry neither
    // WWW-Authenticate nor rate-limit headers: a client waiting for a challenge never sends its
    // credentials to Qualys, and must not get them through here either.
    const paths = [DOCKER, '/api/3.0/fo/auth/unix/', '/api/2.0/fo/auth/', '/api/2.0/fo/vault/'];
    for (const auth of [null, 'Basic ' + Buffer.from('tester:wrong').toString('base64'), 'Bearer abc', 'Basic !!!']) {
      for (const path of paths) {
        const res = await call(emulator, path, path === DOCKER ? { form: create(), auth } : { query: { action: 'list' }, auth });
        expectError(res, 401, '2000', 'Bad Login/Password');
        expect(res.headers.get('www-authenticate'), path).toBeNull();
        expect(res.headers.get('x-ratelimit-limit'), path).toBeNull();
      }
    }
    const login = await call(emulator, '/api/2.0/fo/session/', { form: { action: 'login', username: 'tester', password: 'wrong' }, auth: null });
    expectError(login, 401, '2000', 'Bad Login/Password');
    expect(login.headers.get('www-authenticate')).toBeNull();
    expect(await dockerIds()).toEqual([]);
  });

  it('requires X-Requested-With', async () => {
    for (const xrw of [null, '  ']) {
      const res = await call(emulator, DOCKER, { form: create(), xrw });
      expectError(res, 400, '1903', 'Missing required header(s): X-Requested-With');
    }
    expect(await dockerIds()).toEqual([]);
  });

  it("requires action, and only the endpoint's actions", async () => {
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
      'Unrecognized parameter(s): ids, Title (action=create allows: echo_request, title, comments, docker_deamon_conf_file, docker_command, ips, network_id)',
    );
  });

  it('lists in a 1901 every allowed name but action itself, on every endpoint and action, as recorded', async () => {
    // Recorded (2024, a live 2.0 host detection call, kept by PowerQualys): `Unrecognized parameter(s): show_asset_ids (action=list
    // allows: echo_request, ips, ...)`: the allowed names start after `action`, which the call gave.
    const paths = [
      '/api/2.0/fo/auth/unix/',
      '/api/2.0/fo/auth/windows/',
      '/api/3.0/fo/auth/oracle/',
      '/api/2.0/fo/auth/',
      '/api/2.0/fo/vault/',
      '/api/2.0/fo/session/',
    ];
    const actions: Record<string, string[]> = {
      '/api/2.0/fo/auth/': ['list'],
      '/api/2.0/fo/vault/': ['list', 'view', 'create', 'update', 'delete'],
      '/api/2.0/fo/session/': ['login', 'logout'],
    };
    for (const path of paths) {
      for (const action of actions[path] ?? ['create', 'update', 'delete', 'list']) {
        const res = await call(emulator, path, { form: { action, no_such_name: '1' } });
        expectError(res, 400, '1901', new RegExp(`^Unrecognized parameter\\(s\\): no_such_name \\(action=${action} allows: ([a-z_]+(, [a-z_0-9]+)*)?\\)$`));
        // [E] logout takes nothing else: the list is empty
        const allowed = /allows: (.*)\)$/.exec(text(res.root, 'RESPONSE/TEXT')!)![1].split(', ');
        expect(allowed, `${path} ${action}`).not.toContain('action');
      }
    }
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
    expectError(await call(emulator, '/nothing'), 404, undefined, 'Not Found');
    // GET / leads a browser to the dashboard (test/controls/dashboard-api.test.ts); other methods are unknown
    expectError(await call(emulator, '/', { method: 'POST' }), 404, undefined, 'Not Found');
  });

  it('answers other methods with 405 and Allow', async () => {
    const res = await call(emulator, DOCKER, { method: 'PUT', query: { action: 'list' } });
    expectError(res, 405, undefined, 'Method Not Allowed: PUT');
    expect(res.headers.get('allow')).toBe('GET, POST');
  });

  it('merges query and body parameters, the last occurrence winning', async () => {
    const res = await call(emulator, DOCKER, {
      query: [
        ['title', 'from-query'],
        ['echo_request', '1'],
      ],
      form: [
        ['action', 'create'],
        ['ips', '10.9.9.9'],
        ['title', 'from-body'],
      ],
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

  it('names its DTDs at the Host each request came to, request after request', async () => {
    const port = new URL(emulator.url).port;
    const doctypeFor = (host: string) =>
      new Promise<string>((resolve, reject) => {
        const req = request(`${emulator.url}${DOCKER}?action=list`, { headers: { Host: host, Authorization: AUTH, 'X-Requested-With': 'vitest' } }, (res) => {
          let body = '';
          res
            .setEncoding('utf8')
            .on('data', (d) => (body += d))
            .on('end', () => {
              parseXml(body);
              resolve(/SYSTEM "([^"]+)"/.exec(body)![1]);
            });
        });
        req.on('error', reject).end();
      });
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `127.0.0.1:${port}`, 'localhost']) {
      expect(await doctypeFor(host)).toBe(`http://${host}/api/2.0/fo/auth/docker/auth_docker_list_output.dtd`);
    }
  });

  it('serves the DTDs its DOCTYPEs name, without credentials', async () => {
    for (const path of ['/api/2.0/batch_return.dtd', '/api/2.0/simple_return.dtd', '/api/2.0/fo/auth/docker/auth_docker_list_output.dtd']) {
      const res = await fetch(emulator.url + path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<!ELEMENT');
    }
  });
});

describe('parameters in a body follow the query-string rules', () => {
  const raw = (body: string) => call(emulator, DOCKER, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  const parts = (fields: [string, string][]) => {
    const form = new FormData();
    for (const [k, v] of fields) form.append(k, v);
    return call(emulator, DOCKER, { method: 'POST', body: form });
  };
  const echoed = (res: { root: Node }) => all(res.root, 'REQUEST/PARAM_LIST', 'PARAM').map((p) => [text(p, 'KEY'), text(p, 'VALUE')]);

  it('refuses names a form parser would read as nesting, as unknown parameters (1901)', async () => {
    for (const name of ['foo[bar]', 'foo.bar', '__proto__', 'constructor', 'title[]']) {
      const res = await raw(`action=list&${encodeURIComponent(name)}=1`);
      expectError(res, 400, '1901', `Unrecognized parameter(s): ${name} (action=list allows: echo_request, ids, id_min, id_max, title, comments, details)`);
    }
    expectError(await raw('action=create&title[]=arr&ips[]=6.6.6.6'), 400, '1901', /^Unrecognized parameter\(s\): title\[\], ips\[\] /);
    expect(await dockerIdOf('arr')).toBeUndefined();
  });

  it('leaves out pairs without a name (`=&`, as Microsoft Sentinel sends), in the query, the body and multipart', async () => {
    const listed = await raw('action=list&=&title=nobody&=x');
    expect(listed.status, listed.body).toBe(200);
    expect(
      (
        await call(emulator, DOCKER, {
          query: [
            ['action', 'list'],
            ['', ''],
          ],
        })
      ).status,
    ).toBe(200);
    const multi = await parts([
      ['action', 'list'],
      ['', ''],
      ['echo_request', '1'],
    ]);
    expect(echoed(multi)).toEqual([
      ['action', 'list'],
      ['echo_request', '1'],
    ]);
    expectError(await raw('action=list&=&bogus=1'), 400, '1901', /^Unrecognized parameter\(s\): bogus \(/);
  });

  it('keeps every occurrence in received order, the last one winning, urlencoded and multipart alike', async () => {
    const fields: [string, string][] = [
      ['title', 'ord1'],
      ['action', 'create'],
      ['ips', '10.7.0.1'],
      ['title', 'ord2'],
      ['echo_request', '1'],
    ];
    const urlencoded = await raw(new URLSearchParams(fields).toString());
    expect(echoed(urlencoded)).toEqual(fields);
    const multi = await parts(fields.map(([k, v]) => [k, k === 'title' ? `m-${v}` : k === 'ips' ? '10.7.0.2' : v]));
    expect(echoed(multi).map(([k]) => k)).toEqual(['title', 'action', 'ips', 'title', 'echo_request']);
    const listed = await call(emulator, DOCKER, { query: { action: 'list', title: 'ord' } });
    expect(all(listed.root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER').map((r) => text(r, 'TITLE'))).toEqual(['ord2', 'm-ord2']);
  });

  it('reads every parameter of a long body: the last ips wins and a trailing unknown one is refused', async () => {
    const comments = Array.from({ length: 1100 }, (_, i) => `comments=c${i}`).join('&');
    expectError(await raw(`action=create&title=many&ips=10.7.1.1&${comments}&ips=10.7.1.9&bogus=1`), 400, '1901', /^Unrecognized parameter\(s\): bogus /);
    expect((await raw(`action=create&title=many&ips=10.7.1.1&${comments}&ips=10.7.1.9`)).status).toBe(200);
    const listed = await call(emulator, DOCKER, { query: { action: 'list', title: 'many' } });
    expect(text(all(listed.root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER')[0], 'IP_SET/IP')).toBe('10.7.1.9');
  });

  it('decodes a body exactly as the query string, bad escapes included', async () => {
    expect((await raw('action=create&title=z%FFz&ips=10.7.2.1')).status).toBe(200);
    const id = await dockerIdOf('z\uFFFDz');
    expect(id).toBeDefined();
    // The same title in a raw query string decodes to the same value, so it clashes.
    const res = await call(emulator, `${DOCKER}?action=create&title=z%FFz&ips=10.7.2.2`, { method: 'POST' });
    expectError(res, 400, '1905', `parameter title has invalid value: z\uFFFDz (already used by record ${id})`);
  });
});

async function dockerIdOf(title: string): Promise<string | undefined> {
  const res = await call(emulator, DOCKER, { query: { action: 'list', title } });
  return text(all(res.root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER')[0], 'ID');
}

describe('paths', () => {
  it('match exactly: another case is a 404, so limits, faults and the journal see one path', async () => {
    for (const path of ['/api/2.0/fo/auth/DOCKER/', '/api/2.0/fo/auth/Docker/', '/API/2.0/fo/auth/docker/']) {
      expectError(await call(emulator, path, { query: { action: 'list' } }), 404, undefined, 'Not Found');
    }
    expect((await fetch(`${emulator.url}/api/2.0/Batch_return.dtd`)).status).toBe(404);
  });
});

describe('bodies that cannot be read', () => {
  const send = (encoding: string, body: BodyInit) =>
    call(emulator, DOCKER, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Encoding': encoding } });

  it('answer 400 for bytes that do not match their encoding and 415 for an unknown encoding, changing nothing', async () => {
    const before = await dockerIds();
    expectError(await send('gzip', 'action=create&title=zz&ips=10.8.0.1'), 400, '1905', /^Request body could not be read: /);
    expectError(await send('x-unknown', 'action=create&title=zz&ips=10.8.0.1'), 415, '1905', /^Request body could not be read: /);
    expect(await dockerIds()).toEqual(before);
  });

  it('are decoded when the encoding is real', async () => {
    const { gzipSync } = await import('node:zlib');
    const res = await send('gzip', new Blob([gzipSync('action=create&title=gzipped&ips=10.8.0.2')]));
    expect(res.status, res.body).toBe(200);
  });
});

describe('--require-x-requested-with false', () => {
  it('turns the header check off, and only that', async () => {
    const res = await call(lenient, DOCKER, { query: { action: 'list' }, xrw: null });
    expect(res.status, res.body).toBe(200);
    expectError(await call(lenient, DOCKER, { query: { action: 'list' }, xrw: null, auth: null }), 401, '2000', 'Bad Login/Password');
  });
});
