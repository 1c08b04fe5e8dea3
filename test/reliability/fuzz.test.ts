import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTH, call, DOCKER, parseXml, startTestEmulator } from '../helpers/emulator.js';
import { sendWire, type WireRequest, type WireResponse } from '../helpers/http-request.js';
import { openRaw, rawStatus } from '../helpers/raw-http.js';

/**
 * Random and malformed requests: parameters, encodings, headers, bodies, methods, paths. Fixed
 * seeds keep CI reproducible; a failure prints the seed and the shrunk request.
 */
const SEED = 7_2026;
const RUNS = 2500;
const emulator = await startTestEmulator({ maxBody: 64 * 1024 });

const PATHS = [
  DOCKER,
  DOCKER.slice(0, -1),
  `${DOCKER}x`,
  '/api/2.0/fo/auth/unix/',
  '/api/2.0/fo/auth/',
  '/api/2.0/fo/session/',
  '/',
  '/api/2.0/batch_return.dtd',
  '/api/2.0/simple_return.dtd',
  `${DOCKER}auth_docker_list_output.dtd`,
  '/api/2.0/fo/auth/docker/%',
  '/api/2.0/fo/auth/docker/%zz',
  '//api/2.0/fo/auth/docker/',
  '/api/2.0/fo/auth/docker/../docker/',
  '/api/2.0/%00/',
  '*',
  '/health',
  '/api/tools/kube-bench',
  '/api/tools/docker-bench-security',
  '/api/2.0/fo/vault/',
  '/api/2.0/fo/auth/oracle/',
  '/api/2.0/fo/auth/windows/',
  '/api/2.0/fo/auth/mongodb/',
  '/api/2.0/fo/auth/snmp/',
  '/api/2.0/fo/auth/vmware/',
  '/api/2.0/fo/auth/kubernetes/',
  '/api/2.0/fo/auth/ms_sql/',
  '/api/2.0/fo/auth/network_ssh/',
  '/api/3.0/fo/auth/docker/',
  '/api/2.0/fo/asset/ip/',
  '/api/2.0/fo/asset/excluded_ip/',
  '/api/2.0/fo/asset/excluded_ip/history/',
  '/api/2.0/fo/network/',
  '/api/2.0/fo/appliance/',
  '/api/2.0/fo/appliance/physical/',
  '/api/2.0/fo/subscription/option_profile/',
  '/api/2.0/fo/subscription/option_profile/vm/',
  '/api/2.0/fo/asset/group/',
  '/api/3.0/fo/asset/group/',
  '/api/2.0/fo/scan/',
  '/api/3.0/fo/scan/',
  '/api/2.0/fo/scan/compliance/',
  '/api/2.0/fo/schedule/scan/',
];
// The /_emulator/ controls are left out: they can switch on deliberate faults.
const NAMES = [
  'action',
  'title',
  'ips',
  'comments',
  'docker_deamon_conf_file',
  'docker_command',
  'network_id',
  'echo_request',
  'ids',
  'id_min',
  'id_max',
  'details',
  'Action',
  'ACTION',
  '',
  'ids[]',
  '__proto__',
  'constructor',
  'toString',
  'password',
  'username',
  'skip_password',
  'port',
  'add_ips',
  'remove_ips',
  'sid',
  'servicename',
  'is_cdb',
  'pc_only',
  'windows_ad_domain',
  'windows_domain',
  'ntlm',
  'login_type',
  'vault_type',
  'vault_id',
  'credential_type',
  'cleartext',
  'version',
  'community_strings',
  'auth_alg',
  'priv_alg',
  'encrypt_password',
  'hosts',
  'ssl_verify',
  'database_name',
  'unix_conf_file',
  'domain',
  'safe',
  'folder',
  'file',
  'server_address',
  'secret',
  'role_id',
  'auth_type',
  'private_key',
  'cert',
  'id',
  'vault_service_type',
  'is_template',
  'status',
  'instance',
  'db_name',
  'minimum_smb_version',
  'kerberos',
  'ntlmv2',
  'require_smb_signing',
  'enable_vm',
  'enable_pc',
  'enable_sca',
  'enable_certview',
  'tracking_method',
  'owner',
  'ud1',
  'comment',
  'compliance_enabled',
  'certview_enabled',
  'expiry_days',
  'name',
  'appliance_ids',
  'default_appliance_id',
  'domains',
  'dns_names',
  'set_ips',
  'add_appliance_ids',
  'remove_domains',
  'set_title',
  'business_impact',
  'show_attributes',
  'truncation_limit',
  'output_mode',
  'polling_interval',
  'set_vlans',
  'set_routes',
  'set_tags',
  'add_tags',
  'include_license_info',
  'appliance_id',
  'option_profile_type',
  'include_system_option_profiles',
  'output_format',
  'scan_ref',
  'scan_title',
  'ip',
  'option_title',
  'option_id',
  'asset_groups',
  'exclude_ip_per_scan',
  'state',
  'mode',
  'show_last',
  'frequency_days',
  'weekdays',
  'start_hour',
  'start_minute',
  'time_zone_code',
];
const VALUES = [
  'launch',
  'fetch',
  'pause',
  'json_extended',
  'Initial Options',
  'scan/1796000000.00001',
  'create',
  'list',
  'update',
  'delete',
  'login',
  'logout',
  'view',
  'add',
  'remove',
  'remove_all',
  'IP',
  'DNS',
  'NETBIOS',
  'basic',
  'vault',
  'CyberArk AIM',
  'Thycotic Secret Server',
  'HashiCorp',
  'v1',
  'v2',
  'v3',
  'MD5',
  'SHA1',
  'AES',
  'DES',
  'SMBv2',
  'MSSQL',
  'ORACLE',
  'yes',
  'no',
  'true',
  'false',
  '2',
  '65535',
  '65536',
  'LIST',
  'toString',
  '__proto__',
  '',
  ' ',
  '0',
  '1',
  '-1',
  '1-4294967295',
  '4294967296',
  '99999999999999999999',
  '1-',
  '-',
  '5-3',
  '1,2,,3',
  'All',
  'None',
  'basic',
  '0.0.0.0/0',
  '10.0.0.1-10.0.0.0',
  '::1',
  '1.2.3.4/33',
  '256.1.1.1',
  '10.0.0.1,10.0.0.1',
  'a'.repeat(300),
  ']]>',
  '<![CDATA[',
  '&amp;',
  '\u0000',
  '\uD800',
  '\uFFFF',
  'é',
  '%',
  '%zz',
  'edit',
  'export',
  'full',
  'brief',
  'ALL',
  'ID',
  'TITLE,IP_SET',
  'high',
  '1|10.0.0.1|255.0.0.0|lan',
  'a.example:[10.0.0.1-10.0.0.5,10.0.0.9]',
  'user',
];

const value = fc.oneof(
  fc.constantFrom(...VALUES),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.ipV4(),
  fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 40 })).map(([ip, n]) => `${ip}/${n}`),
  fc.tuple(fc.ipV4(), fc.ipV4()).map(([a, b]) => `${a}-${b}`),
  fc
    .array(
      fc.oneof(
        fc.nat(),
        fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `${a}-${b}`),
      ),
      { maxLength: 5 },
    )
    .map((a) => a.join(',')),
);
const action = fc.tuple(
  fc.constant('action'),
  fc.constantFrom('create', 'create', 'list', 'list', 'update', 'delete', 'add', 'edit', 'export', 'assign_network_id', ''),
);
const param = fc.tuple(fc.oneof({ arbitrary: fc.constantFrom(...NAMES), weight: 5 }, { arbitrary: fc.string({ maxLength: 10 }), weight: 1 }), value);
/** Mostly a real action first, so most requests get past dispatch into the values. */
const mixed = fc.tuple(fc.option(action, { nil: undefined, freq: 6 }), fc.array(param, { maxLength: 7 })).map(([a, rest]) => (a ? [a, ...rest] : rest));
/** Creates likely to land, with free text of any kind, and lists that show it back. */
const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 30 });
const plausible = fc.oneof(
  fc
    .tuple(text, fc.ipV4(), fc.option(text, { nil: undefined }), fc.option(text, { nil: undefined }))
    .map(([title, ip, comments, command]): [string, string][] => [
      ['action', 'create'],
      ['title', title],
      ['ips', ip],
      ...(comments === undefined ? [] : [['comments', comments] as [string, string]]),
      ...(command === undefined ? [] : [['docker_command', command] as [string, string]]),
    ]),
  // a Unix create or update that reads its UNIX_AUTH_PARAMS body
  fc
    .tuple(text, fc.ipV4(), fc.constantFrom('create', 'update'))
    .map(([title, ip, action]): [string, string][] => [
      ['action', action],
      ...(action === 'update' ? [['ids', '1-50'] as [string, string]] : []),
      ['title', title],
      ['ips', ip],
      ['username', 'root'],
      ['skip_password', '1'],
    ]),
  fc
    .tuple(fc.constantFrom('None', 'Basic', 'All', 'all'), fc.constantFrom('0', '1'), fc.option(text, { nil: undefined }))
    .map(([details, echo, title]): [string, string][] => [
      ['action', 'list'],
      ['details', details],
      ['echo_request', echo],
      ...(title === undefined ? [] : [['title', title] as [string, string]]),
    ]),
);
const params = fc.oneof({ arbitrary: mixed, weight: 3 }, { arbitrary: plausible, weight: 1 });
/** Header values Node will send: no CR, LF or other control characters. */
const headerText = fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).map((s) => s.replace(/[^\t\x20-\x7e]/g, '?'));

/** UNIX_AUTH_PARAMS documents from the samples' pieces, in any order and nesting: mostly near-valid, often not. */
const XML_PIECES = [
  '<ROOT_TOOLS>',
  '</ROOT_TOOLS>',
  '<ROOT_TOOL>',
  '</ROOT_TOOL>',
  '<STANDARD_TYPE type="sudo"/>',
  '<STANDARD_TYPE type="nope"/>',
  '<ID>1</ID>',
  '<ID>x</ID>',
  '<PASSWORD_INFO type="basic"><PASSWORD>p</PASSWORD></PASSWORD_INFO>',
  '<PASSWORD_INFO type="vault"><DIGITAL_VAULT><VAULT_TYPE>CyberArk AIM</VAULT_TYPE><VAULT_ID>1</VAULT_ID></DIGITAL_VAULT></PASSWORD_INFO>',
  '<PRIVATE_KEY_CERTIFICATES>',
  '</PRIVATE_KEY_CERTIFICATES>',
  '<PRIVATE_KEY_CERTIFICATE>',
  '</PRIVATE_KEY_CERTIFICATE>',
  '<PRIVATE_KEY_INFO type="basic"><PRIVATE_KEY type="rsa"><![CDATA[-----BEGIN]]></PRIVATE_KEY></PRIVATE_KEY_INFO>',
  '<PASSPHRASE_INFO type="basic"/>',
  '<CERTIFICATE type="openssh">c</CERTIFICATE>',
  '<!-- c -->',
  '&amp;',
  '&x;',
  '<![CDATA[',
  ']]>',
  '<!DOCTYPE x>',
  ' ',
  '<',
  '"',
];
const unixDocument = fc.tuple(fc.array(fc.constantFrom(...XML_PIECES), { maxLength: 24 }), fc.boolean()).map(([pieces, wrapped]) => ({
  type: 'text/xml',
  bytes: Buffer.from(wrapped ? `<?xml version="1.0"?><UNIX_AUTH_PARAMS>${pieces.join('')}</UNIX_AUTH_PARAMS>` : pieces.join('')),
}));

const body = fc.oneof(
  unixDocument,
  params.map((p) => ({ type: 'application/x-www-form-urlencoded', bytes: Buffer.from(new URLSearchParams(p).toString()) })),
  // Malformed percent-escapes and raw bytes in an urlencoded body.
  fc
    .uint8Array({ maxLength: 200 })
    .map((b) => ({ type: 'application/x-www-form-urlencoded', bytes: Buffer.concat([Buffer.from('action=list&x=%E0%A4%'), Buffer.from(b)]) })),
  fc.tuple(params, fc.nat(), fc.boolean()).map(([p, cut, file]) => {
    const parts = p.map(
      ([k, v], i) => `--B0undary\r\nContent-Disposition: form-data; name="${k}"${file && i === 0 ? '; filename="f.txt"' : ''}\r\n\r\n${v}\r\n`,
    );
    const whole = Buffer.from(`${parts.join('')}--B0undary--\r\n`);
    // Sometimes cut short: a multipart body that never ends.
    return { type: 'multipart/form-data; boundary=B0undary', bytes: cut % 3 === 0 ? whole.subarray(0, cut % (whole.length + 1)) : whole };
  }),
  fc
    .tuple(
      fc.constantFrom('application/json', 'text/xml', 'text/plain', 'application/octet-stream', 'multipart/form-data', ''),
      fc.uint8Array({ maxLength: 300 }),
    )
    .map(([type, b]) => ({ type, bytes: Buffer.from(b) })),
);

const CONTENT_TYPES = [
  'application/x-www-form-urlencoded; charset=utf-16',
  'application/x-www-form-urlencoded; charset=bogus',
  'application/x-www-form-urlencoded; charset=iso-8859-1',
  'multipart/form-data; boundary=',
  'multipart/form-data; boundary=other',
  'application/x-www-form-urlencoded;;;',
  ';',
  'text/html',
];
const ENCODINGS = ['gzip', 'deflate', 'br', 'identity', 'bogus', 'gzip, gzip'];

const wireRequest: fc.Arbitrary<WireRequest> = fc
  .record({
    method: fc.oneof(
      { arbitrary: fc.constantFrom('GET', 'POST'), weight: 12 },
      { arbitrary: fc.constantFrom('HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'get'), weight: 1 },
    ),
    path: fc.oneof({ arbitrary: fc.constant(DOCKER), weight: 12 }, { arbitrary: fc.constantFrom(...PATHS), weight: 2 }, { arbitrary: fc.webPath(), weight: 1 }),
    query: fc.option(
      fc.oneof(
        params.map((p) => new URLSearchParams(p).toString()),
        headerText.map((s) => s.replace(/[\s#]/g, '%')),
      ),
      { nil: undefined },
    ),
    body: fc.option(body, { nil: undefined }),
    auth: fc.oneof(
      { arbitrary: fc.constant(AUTH), weight: 12 },
      {
        arbitrary: fc.constantFrom(
          undefined,
          'Basic ' + Buffer.from('tester:wrong').toString('base64'),
          'Basic',
          'Basic !!',
          'Basic ' + Buffer.from('tester').toString('base64'),
        ),
        weight: 1,
      },
      { arbitrary: headerText, weight: 1 },
    ),
    xrw: fc.oneof(
      { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }), weight: 12 },
      { arbitrary: fc.constant(undefined), weight: 1 },
    ),
    contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined, freq: 8 }),
    encoding: fc.option(fc.constantFrom(...ENCODINGS), { nil: undefined, freq: 10 }),
    compress: fc.boolean(),
    host: fc.option(headerText, { nil: undefined, freq: 10 }),
    extra: fc.array(
      fc.tuple(
        fc.constantFrom('Accept', 'Accept-Encoding', 'Cookie', 'X-Forwarded-Proto', 'X-Forwarded-Host', 'Range', 'If-None-Match', 'Expect-Nothing'),
        headerText,
      ),
      { maxLength: 3 },
    ),
  })
  .map((r) => {
    const headers: Record<string, string> = Object.fromEntries(r.extra);
    if (r.auth !== undefined) headers.Authorization = r.auth;
    if (r.xrw !== undefined) headers['X-Requested-With'] = r.xrw;
    if (r.host !== undefined) headers.Host = r.host;
    let bytes = r.body?.bytes;
    if (r.body) headers['Content-Type'] = r.contentType ?? r.body.type;
    if (bytes && r.encoding) {
      headers['Content-Encoding'] = r.encoding;
      if (r.compress && r.encoding === 'gzip') bytes = gzipSync(bytes);
    }
    const path = r.query === undefined ? r.path : `${r.path}?${r.query}`;
    return { method: r.method, path, headers, body: bytes };
  });

/**
 * Answers are empty (redirects, HEAD), the host root's plain-text redirect to the dashboard, DTDs,
 * parseable JSON (the JSON endpoints) or DTD-valid XML.
 */
function expectSound(req: WireRequest, res: WireResponse): void {
  const where = `${req.method} ${req.path} -> ${res.status}\n${res.body.slice(0, 500)}`;
  expect(res.status, where).toBeLessThan(500);
  expect(res.status, where).toBeGreaterThanOrEqual(200);
  const type = String(res.headers['content-type'] ?? '');
  if (res.body === '') return;
  // an empty path goes on the wire as /
  if (res.status === 302 && (req.path.split('?')[0] || '/') === '/') {
    expect([type, res.headers.location, res.body], where).toEqual(['text/plain; charset=utf-8', '/_emulator/ui/', 'Redirecting to /_emulator/ui/']);
    return;
  }
  if (/\.dtd$/.test(req.path.split('?')[0]) && res.status === 200) return;
  if (type.startsWith('application/json')) {
    expect(() => JSON.parse(res.body), where).not.toThrow();
    return;
  }
  expect(type, where).toBe('text/xml;charset=UTF-8');
  parseXml(res.body);
}

describe('fuzz: random and malformed requests', () => {
  it(`answers ${RUNS} random requests without a 5xx, with well-formed, DTD-valid XML`, async () => {
    await fc.assert(
      fc.asyncProperty(wireRequest, async (req) => expectSound(req, await sendWire(emulator.url, req))),
      { seed: SEED, numRuns: RUNS },
    );
    expect((await call(emulator, DOCKER, { query: { action: 'list' } })).status).toBe(200);
  });

  it('survives garbage on the socket: never a 5xx, and still serves afterwards', async () => {
    const garbage = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)),
      fc
        .tuple(
          fc.constantFrom('GET', 'POST', 'G E T', ''),
          fc.string({ maxLength: 30 }),
          fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/9.9', 'HTTP/1.1 x', ''),
          fc.array(fc.string({ maxLength: 30 }), { maxLength: 4 }),
        )
        .map(([m, p, v, h]) => Buffer.from(`${m} ${DOCKER}${p} ${v}\r\n${h.join('\r\n')}\r\nContent-Length: 5\r\n\r\nabc`)),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (bytes) => {
        const conn = await openRaw(emulator.url);
        await conn.write(bytes);
        conn.socket.end();
        const status = rawStatus(await conn.closed);
        if (status !== undefined) expect(status).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: 200 },
    );
    expect((await call(emulator, DOCKER, { query: { action: 'list' } })).status).toBe(200);
  });
});
