import { beforeAll, describe, expect, it } from 'vitest';
import { all, AUTH, call, DOCKER, expectError, find, parseXml, startTestEmulator, text, USER, type Node } from '../helpers/emulator.js';

// emulator.internal: a name the Host check lets through, as a user's --allowed-hosts would
const emulator = await startTestEmulator({ pageSize: 3, allowedHosts: ['emulator.internal'] });
const fresh = await startTestEmulator();
const behindProxy = await startTestEmulator({ publicUrl: 'https://qualys.example.test:8443', pageSize: 1 });

const records = (root: Node) => all(root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER');
const ids = (root: Node) => records(root).map((r) => text(r, 'ID'));
const list = (query: Record<string, string> = {}) => call(emulator, DOCKER, { query: { action: 'list', ...query } });

beforeAll(async () => {
  const rows: Record<string, string>[] = [
    { title: 'alpha', ips: '10.0.0.1,10.0.0.2', comments: 'First One' },
    { title: 'beta', ips: '10.0.1.0/24', docker_command: '/usr/bin/docker' },
    { title: 'gamma', ips: ' 10.0.2.5 - 10.0.2.9 , 10.0.2.20', network_id: '0' },
    { title: 'delta', ips: '10.0.3.1' },
    { title: 'Alphabet', ips: '10.0.4.1', comments: 'second' },
  ];
  for (const row of rows) {
    const res = await call(emulator, DOCKER, { form: { action: 'create', ...row } });
    expect(res.status, res.body).toBe(200);
  }
});

describe('Docker record list', () => {
  it('lists records in ascending ID order, a page at a time, with 1980 and the next URL', async () => {
    const page1 = await list();
    expect(ids(page1.root)).toEqual(['1', '2', '3']);
    expect(text(page1.root, 'RESPONSE/WARNING/CODE')).toBe('1980');
    expect(text(page1.root, 'RESPONSE/WARNING/TEXT')).toBe('3 record limit exceeded. Use URL to get next batch of results.');
    const url = text(page1.root, 'RESPONSE/WARNING/URL')!;
    expect(url).toBe(`${emulator.url}${DOCKER}?action=list&id_min=4`);
    const page2 = await call(emulator, url.slice(emulator.url.length));
    expect(ids(page2.root)).toEqual(['4', '5']);
    expect(find(page2.root, 'RESPONSE/WARNING')).toBeUndefined();
  });

  it('writes every field in the DTD order, IPs as merged ranges, unset fields left out', async () => {
    const res = await list({ ids: '1-3' });
    const [alpha, beta, gamma] = records(res.root);
    expect(alpha.children.map((c) => c.name)).toEqual(['ID', 'TITLE', 'IP_SET', 'NETWORK_ID', 'CREATED', 'LAST_MODIFIED', 'COMMENTS']);
    expect(find(alpha, 'IP_SET')!.children.map((c) => [c.name, c.text])).toEqual([['IP_RANGE', '10.0.0.1-10.0.0.2']]);
    expect(text(alpha, 'CREATED/BY')).toBe(USER.login);
    expect(text(alpha, 'CREATED/DATETIME')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(text(alpha, 'COMMENTS')).toBe('First One');
    expect(text(beta, 'DOCKER_COMMAND')).toBe('/usr/bin/docker');
    expect(find(beta, 'IP_SET')!.children.map((c) => c.text)).toEqual(['10.0.1.0-10.0.1.255']);
    expect(find(gamma, 'IP_SET')!.children.map((c) => [c.name, c.text])).toEqual([
      ['IP_RANGE', '10.0.2.5-10.0.2.9'],
      ['IP', '10.0.2.20'],
    ]);
    expect(text(gamma, 'NETWORK_ID')).toBe('0');
  });

  it('filters by ids, id_min, id_max, title and comments', async () => {
    expect(ids((await list({ ids: '2,4-5' })).root)).toEqual(['2', '4', '5']);
    expect(ids((await list({ id_min: '2', id_max: '3' })).root)).toEqual(['2', '3']);
    expect(ids((await list({ ids: '1-4294967295', id_min: '4' })).root)).toEqual(['4', '5']);
    expect(ids((await list({ title: 'alpha' })).root)).toEqual(['1', '5']);
    expect(ids((await list({ comments: 'SECOND' })).root)).toEqual(['5']);
  });

  it('answers a RESPONSE with only DATETIME when nothing matches', async () => {
    const queries: Record<string, string>[] = [{ ids: '100-200' }, { id_min: '4', id_max: '2' }, { title: 'nope' }];
    for (const query of queries) {
      const res = await list(query);
      expect(find(res.root, 'RESPONSE')!.children.map((c) => c.name)).toEqual(['DATETIME']);
    }
  });

  it('lists IDs only with details=None and adds the owners with details=All', async () => {
    const none = await list({ details: 'None', ids: '1-2,4' });
    expect(find(none.root, 'RESPONSE/ID_SET')!.children.map((c) => [c.name, c.text])).toEqual([
      ['ID_RANGE', '1-2'],
      ['ID', '4'],
    ]);
    const full = await list({ details: 'All', ids: '1' });
    expect(all(full.root, 'RESPONSE/GLOSSARY/USER_LIST', 'USER').map((u) => text(u, 'USER_LOGIN'))).toEqual([USER.login]);
    expectError(await list({ details: 'Everything' }), 400, '1905', 'parameter details has invalid value: Everything (must be one of: None, Basic, All)');
  });

  it('echoes the request when asked, by GET or POST', async () => {
    const res = await call(emulator, DOCKER, { form: { action: 'list', ids: '1', echo_request: '1' } });
    expect(text(res.root, 'REQUEST/RESOURCE')).toBe(`${emulator.url}${DOCKER}`);
    expect(all(res.root, 'REQUEST/PARAM_LIST', 'PARAM').map((p) => text(p, 'KEY'))).toEqual(['action', 'ids', 'echo_request']);
  });

  it('refuses malformed IDs with the recorded 1905 TEXT', async () => {
    expectError(await list({ ids: 'abc123' }), 400, '1905', 'parameter ids has invalid value: abc123 (neither a positive integer nor a range: abc123)');
    expectError(await list({ ids: '5-2' }), 400, '1905', 'parameter ids has invalid value: 5-2 (range start is greater than its end: 5-2)');
    expectError(await list({ id_min: '0' }), 400, '1905', 'parameter id_min has invalid value: 0 (not a positive integer)');
  });
});

describe('Docker record create rules', () => {
  it('refuses a title already used, naming its holder', async () => {
    const res = await call(emulator, DOCKER, { form: { action: 'create', title: 'beta', ips: '10.9.0.1' } });
    expectError(res, 400, '1905', 'parameter title has invalid value: beta (already used by record 2)');
  });

  it('refuses IPs held by another record with 409 and 1920, one line per conflict', async () => {
    const res = await call(emulator, DOCKER, { form: { action: 'create', title: 'clash', ips: '10.0.0.2-10.0.0.3,10.0.1.250-10.0.2.6' } });
    expectError(
      res,
      409,
      '1920',
      [
        'IPs are used by other records of this type',
        'IPs: 10.0.0.2 is used by alpha',
        'IPs: 10.0.1.250-10.0.1.255 is used by beta',
        'IPs: 10.0.2.5-10.0.2.6 is used by gamma',
      ].join('\n'),
    );
    expect(ids((await list({ title: 'clash' })).root)).toEqual([]);
  });

  it('keeps 0.0.0.0/0 as one range', async () => {
    const res = await call(fresh, DOCKER, { form: { action: 'create', title: 'everything', ips: '0.0.0.0/0' } });
    expect(res.status).toBe(200);
    const listed = await call(fresh, DOCKER, { query: { action: 'list' } });
    expect(find(records(listed.root)[0], 'IP_SET')!.children.map((c) => c.text)).toEqual(['0.0.0.0-255.255.255.255']);
  });
});

describe('--public-url', () => {
  it('is the base of the DOCTYPE, RESOURCE and the next-page URL', async () => {
    for (const [title, ips] of [
      ['p1', '10.0.0.1'],
      ['p2', '10.0.0.2'],
    ]) {
      expect((await call(behindProxy, DOCKER, { form: { action: 'create', title, ips } })).status).toBe(200);
    }
    const res = await call(behindProxy, DOCKER, { query: { action: 'list', echo_request: '1' } });
    expect(res.body).toContain(
      '<!DOCTYPE AUTH_DOCKER_LIST_OUTPUT SYSTEM "https://qualys.example.test:8443/api/2.0/fo/auth/docker/auth_docker_list_output.dtd">',
    );
    expect(text(res.root, 'REQUEST/RESOURCE')).toBe(`https://qualys.example.test:8443${DOCKER}`);
    expect(text(res.root, 'RESPONSE/WARNING/URL')).toBe(`https://qualys.example.test:8443${DOCKER}?action=list&echo_request=1&id_min=2`);
  });

  it("is otherwise the request's own scheme and Host, unless the Host is not a plain host", async () => {
    const { request } = await import('node:http');
    const withHost = (host: string) =>
      new Promise<string>((resolve, reject) => {
        const req = request(
          `${emulator.url}${DOCKER}?action=list&ids=1`,
          { headers: { Host: host, Authorization: AUTH, 'X-Requested-With': 'vitest' } },
          (res) => {
            let body = '';
            res
              .setEncoding('utf8')
              .on('data', (d) => (body += d))
              .on('end', () => resolve(body));
          },
        );
        req.on('error', reject).end();
      });
    const named = await withHost('emulator.internal:1234');
    expect(named).toContain('SYSTEM "http://emulator.internal:1234/api/2.0/fo/auth/docker/auth_docker_list_output.dtd"');
    parseXml(named);
    // A Host that would break out of the DOCTYPE's quotes falls back to the socket's address.
    const hostile = await withHost('evil"><x');
    expect(hostile).toContain(`SYSTEM "${emulator.url}/api/2.0/`);
    parseXml(hostile);
  });
});
