import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/index.js';
import type { HarEntry } from '../../src/conformance/har.js';
import { admin } from '../helpers/admin.js';
import { AUTH, call, expectError, startTestEmulator, text, USER } from '../helpers/emulator.js';

const UNIX = '/api/2.0/fo/auth/unix/';
const SESSION = '/api/2.0/fo/session/';
/** The emulator's own user, which guards /_emulator/ whatever the mode; the client's credentials are the upstream's. */
const LOCAL = { login: 'local', password: 'l0cal-only' };
const LOCAL_AUTH = `Basic ${Buffer.from(`${LOCAL.login}:${LOCAL.password}`).toString('base64')}`;
const RECORD_PASSWORD = 'hunter2-very-secret';
/** A root tool's password, a private key and its passphrase, in a UNIX_AUTH_PARAMS body. */
const XML_SECRETS = ['root-pw-in-xml', '-----BEGIN RSA PRIVATE KEY-----\nTOPSECRET-KEY\n-----END RSA PRIVATE KEY-----', 'pass-phrase-in-xml'];

const dir = mkdtempSync(join(tmpdir(), 'qe-conformance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'recordings', 'qualys.har');
// the stand-in for the real platform: another emulator, which knows the client's credentials
const upstream = await startTestEmulator();
const recorder = await startTestEmulator({ users: [LOCAL], upstream: upstream.url, mode: 'record', recordFile: file });

const har = () => JSON.parse(readFileSync(file, 'utf8')) as { log: { version: string; creator: { name: string }; entries: HarEntry[] } };

describe('record mode', () => {
  it("forwards a call with the client's credentials, answers the upstream's answer and records it redacted", async () => {
    const res = await call(recorder, UNIX, {
      form: { action: 'create', title: 'web hosts', username: 'scanner', password: RECORD_PASSWORD, ips: '10.1.0.1', echo_request: '1' },
    });
    expect(res.status, res.body).toBe(200);
    expect(text(res.root, 'RESPONSE/BATCH_LIST/BATCH/TEXT')).toBe('Successfully Created');
    // the write happened upstream, with the client's credentials
    const listed = await call(upstream, UNIX, { query: { action: 'list' } });
    expect(listed.body).toContain('web hosts');

    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { log } = har();
    expect(log.version).toBe('1.2');
    const [entry] = log.entries;
    expect(entry.request.method).toBe('POST');
    expect(entry.request.url).toBe(`${upstream.url}${UNIX}`);
    expect(entry.request.headers).toContainEqual({ name: 'authorization', value: 'Basic ********' });
    expect(entry.request.headers).toContainEqual({ name: 'x-requested-with', value: 'vitest' });
    expect(entry.request.postData?.params).toContainEqual({ name: 'password', value: '********' });
    expect(entry.request.postData?.text).toContain('password=********');
    expect(entry.response.status).toBe(200);
    // bodies as plain text, readable by a person and grep
    expect(entry.response.content.encoding).toBeUndefined();
    expect(entry.response.content.text).toContain('<TEXT>Successfully Created</TEXT>');
  });

  it('records a session login without its password or the session cookie', async () => {
    const res = await fetch(`${recorder.url}${SESSION}`, {
      method: 'POST',
      headers: { 'X-Requested-With': 'vitest', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'login', username: USER.login, password: USER.password }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    const token = /QualysSession=([^;]+)/.exec(cookie)?.[1];
    expect(token).toBeTruthy();
    const [, login] = har().log.entries;
    expect(login.response.headers.find((h) => h.name === 'set-cookie')?.value).toMatch(/^QualysSession=\*{8};/);
    // a session cookie sent back is forwarded, and recorded masked
    const list = await call(recorder, UNIX, { query: { action: 'list' }, auth: null, headers: { Cookie: `QualysSession=${token}` } });
    expect(list.status, list.body).toBe(200);
    const [, , listing] = har().log.entries;
    expect(listing.request.headers).toContainEqual({ name: 'cookie', value: 'QualysSession=********' });
    const written = readFileSync(file, 'utf8');
    expect(written).not.toContain(token!);
  });

  it('records a UNIX_AUTH_PARAMS body with its password, key and passphrase masked', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8" ?>
<UNIX_AUTH_PARAMS>
  <ROOT_TOOLS><ROOT_TOOL><STANDARD_TYPE type="sudo"/><PASSWORD_INFO type="basic"><PASSWORD><![CDATA[${XML_SECRETS[0]}]]></PASSWORD></PASSWORD_INFO></ROOT_TOOL></ROOT_TOOLS>
  <PRIVATE_KEY_CERTIFICATES><PRIVATE_KEY_CERTIFICATE>
    <PRIVATE_KEY_INFO type="basic"><PRIVATE_KEY type="rsa"><![CDATA[${XML_SECRETS[1]}]]></PRIVATE_KEY></PRIVATE_KEY_INFO>
    <PASSPHRASE_INFO type="basic"><PASSPHRASE>${XML_SECRETS[2]}</PASSPHRASE></PASSPHRASE_INFO>
  </PRIVATE_KEY_CERTIFICATE></PRIVATE_KEY_CERTIFICATES>
</UNIX_AUTH_PARAMS>
`;
    const res = await call(recorder, UNIX, {
      method: 'POST',
      query: { action: 'create', title: 'keys', username: 'root', ips: '10.1.0.2' },
      body: xml,
      headers: { 'Content-Type': 'text/xml' },
    });
    expect(res.status, res.body).toBe(200);
    const entry = har().log.entries.at(-1)!;
    expect(entry.request.postData?.mimeType).toBe('text/xml');
    expect(entry.request.postData?.text).toContain('<PASSWORD>********</PASSWORD>');
    expect(entry.request.postData?.text).toContain('<PRIVATE_KEY type="rsa">********</PRIVATE_KEY>');
    expect(entry.request.postData?.text).toContain('<STANDARD_TYPE type="sudo"/>');
    // replayed, the same document with other secrets matches: secrets are compared masked
    const replayer = await startTestEmulator({ replayFile: file });
    const again = await call(replayer, UNIX, {
      method: 'POST',
      query: { action: 'create', title: 'keys', username: 'root', ips: '10.1.0.2' },
      body: xml.replace(XML_SECRETS[0], 'other-root-password'),
      headers: { 'Content-Type': 'text/xml' },
    });
    expect(again.status, again.body).toBe(200);
  });

  it('never writes a secret: grep the recording for each', () => {
    const written = readFileSync(file, 'utf8');
    for (const secret of [RECORD_PASSWORD, USER.password, AUTH.split(' ')[1], encodeURIComponent(RECORD_PASSWORD), ...XML_SECRETS, 'TOPSECRET'])
      expect(written).not.toContain(secret);
    expect(written).toContain('********');
  });

  it("keeps /_emulator/ behind the emulator's own users", async () => {
    expect((await admin(recorder, 'GET', 'requests', undefined, AUTH)).status).toBe(401);
    const journal = await admin(recorder, 'GET', 'requests', undefined, LOCAL_AUTH);
    expect(journal.status).toBe(200);
    const create = journal.json.requests.find((r) => r.action === 'create')!;
    expect(create.params.password).toBe('********');
    expect(create.status).toBe(200);
  });

  it('appends to a recording it began, keeping a whole HAR document, and refuses any other file', async () => {
    const before = har().log.entries.length;
    const again = await startEmulator({ users: [LOCAL], upstream: upstream.url, mode: 'record', recordFile: file });
    try {
      expect((await call(again, UNIX, { query: { action: 'list', ids: '1' } })).status).toBe(200);
    } finally {
      await again.close();
    }
    expect(har().log.entries.length).toBe(before + 1);

    const other = join(dir, 'other.json');
    writeFileSync(other, '{"log":{"entries":[]}}');
    await expect(startEmulator({ users: [LOCAL], upstream: upstream.url, mode: 'record', recordFile: other })).rejects.toThrow(
      /not a HAR file this emulator wrote/,
    );
    // one of ours left readable by others is narrowed to owner-only
    chmodSync(file, 0o644);
    const narrowed = await startEmulator({ users: [LOCAL], upstream: upstream.url, mode: 'record', recordFile: file });
    await narrowed.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('replay mode', () => {
  it('answers a recorded call with the time and its own URLs substituted', async () => {
    // a recording from long ago: what is replayed carries the time of the replay, its records their own
    const old = join(dir, 'old.har');
    writeFileSync(old, readFileSync(file, 'utf8').replace(/<DATETIME>[^<]*</g, '<DATETIME>2001-01-01T00:00:00Z<'));
    const recorded = (JSON.parse(readFileSync(old, 'utf8')) as ReturnType<typeof har>).log.entries.find(
      (e) => e.request.method === 'GET' && e.request.url.endsWith(`${UNIX}?action=list`),
    )!;
    const replayer = await startTestEmulator({ replayFile: old });
    const res = await call(replayer, UNIX, { query: { action: 'list' } });
    expect(res.status, res.body).toBe(200);
    expect(res.body).toContain('web hosts');
    expect(res.body).toContain(`${replayer.url}/api/2.0/fo/auth/unix/auth_unix_list_output.dtd`);
    expect(res.body).not.toContain(upstream.url);
    const datetime = (body: string) => /<DATETIME>([^<]*)<\/DATETIME>/.exec(body)?.[1];
    expect(datetime(res.body)).toMatch(/^20[2-9]\d-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(res.body).toMatch(/<CREATED>\s*<DATETIME>2001-01-01T00:00:00Z<\/DATETIME>/);
    expect(
      res.body
        .replace(/<DATETIME>[^<]*/, '')
        .split(replayer.url)
        .join(''),
    ).toBe(
      recorded.response.content.text
        .replace(/<DATETIME>[^<]*/, '')
        .split(upstream.url)
        .join(''),
    );
  });

  it('matches secrets by their redacted form, and says clearly when a call has no recording', async () => {
    const replayer = await startTestEmulator({ replayFile: file });
    // another password: a recording never holds the one sent, only its mask
    const create = await call(replayer, UNIX, {
      form: { echo_request: '1', title: 'web hosts', action: 'create', username: 'scanner', password: 'another', ips: '10.1.0.1' },
    });
    expect(create.status, create.body).toBe(200);
    expect(text(create.root, 'RESPONSE/BATCH_LIST/BATCH/TEXT')).toBe('Successfully Created');

    const missing = await call(replayer, UNIX, { query: { action: 'list', ids: '424242' } });
    expectError(missing, 404, undefined, `Replay: no recorded answer matches GET ${UNIX} with these parameters`);
    const journal = await replayer.requests({ action: 'list' });
    expect(journal.at(-1)).toMatchObject({ status: 404, text: `Replay: no recorded answer matches GET ${UNIX} with these parameters` });
    // the emulator's own users answer for the recording
    expectError(await call(replayer, UNIX, { query: { action: 'list' }, auth: 'Basic eDp5' }), 401, '2000', 'Bad Login/Password');
  });

  it('refuses to start on a file that is not HAR', async () => {
    const bad = join(dir, 'bad.har');
    writeFileSync(bad, 'not json');
    await expect(startEmulator({ replayFile: bad, users: [LOCAL] })).rejects.toThrow(/cannot read the recording/);
  });
});
