import { describe, expect, it } from 'vitest';
import type { ConformanceReportJson } from '../../src/conformance/report.js';
import { admin } from '../helpers/admin.js';
import { AUTH, call, expectError, startTestEmulator, text } from '../helpers/emulator.js';
import { standInUpstream, xmlAnswer } from '../helpers/stand-in-upstream.js';

const UNIX = '/api/2.0/fo/auth/unix/';
const LOCAL = { login: 'local', password: 'l0cal-only' };
const LOCAL_AUTH = `Basic ${Buffer.from(`${LOCAL.login}:${LOCAL.password}`).toString('base64')}`;

const report = async (emulator: { url: string }) =>
  (await admin(emulator, 'GET', 'conformance', undefined, LOCAL_AUTH)).json as unknown as ConformanceReportJson;

describe('compare mode against another emulator', async () => {
  const upstream = await startTestEmulator();
  const emulator = await startTestEmulator({ users: [LOCAL], upstream: upstream.url, mode: 'compare' });

  it('sends writes to both, so the state follows, and finds no difference where there is none', async () => {
    const created = await call(emulator, UNIX, { form: { action: 'create', title: 'both', username: 'u', password: 'pw-compare-1', ips: '10.2.0.1' } });
    expect(created.status, created.body).toBe(200);
    const list = await call(emulator, UNIX, { query: { action: 'list' } });
    expect(list.body).toContain('both');
    // each side holds the record: the upstream, and the emulator (its dashboard shows it)
    expect((await call(upstream, UNIX, { query: { action: 'list' } })).body).toContain('both');
    const own = await admin(emulator, 'GET', 'records/unix', undefined, LOCAL_AUTH);
    expect(JSON.stringify(own.json)).toContain('both');
    const found = await report(emulator);
    expect(found.calls).toBe(2);
    expect(found.differences).toEqual([]);
  });

  it('sends a multipart body to both, as the Postman collection sends it', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ action: 'create', title: 'multipart', username: 'u', password: 'pw-compare-2', ips: '10.2.0.2' })) form.append(k, v);
    const res = await fetch(`${emulator.url}${UNIX}`, { method: 'POST', headers: { Authorization: AUTH, 'X-Requested-With': 'vitest' }, body: form });
    expect(res.status, await res.text()).toBe(200);
    expect((await call(upstream, UNIX, { query: { action: 'list' } })).body).toContain('multipart');
    expect(JSON.stringify((await admin(emulator, 'GET', 'records/unix', undefined, LOCAL_AUTH)).json)).toContain('multipart');
    expect((await report(emulator)).differences).toEqual([]);
  });

  it('refuses a caller the upstream refuses, and finds that both do', async () => {
    const res = await call(emulator, UNIX, { query: { action: 'list' }, auth: `Basic ${Buffer.from('who:wrong').toString('base64')}` });
    expectError(res, 401, '2000', 'Bad Login/Password');
    expect((await report(emulator)).differences).toEqual([]);
  });

  it("keeps /_emulator/ behind the emulator's own users, and a reset keeps the report", async () => {
    expect((await admin(emulator, 'GET', 'conformance', undefined, AUTH)).status).toBe(401);
    expect((await admin(emulator, 'POST', 'reset', undefined, LOCAL_AUTH)).status).toBe(200);
    expect((await report(emulator)).calls).toBe(4);
    expect((await admin(emulator, 'DELETE', 'conformance', undefined, LOCAL_AUTH)).json).toEqual({ deleted: 0 });
    expect(await report(emulator)).toEqual({ calls: 0, differences: [] });
  });
});

/** What a real platform might answer to a Unix list where the emulator differs: another order, an element more, one less. */
const UPSTREAM_LIST = `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE AUTH_UNIX_LIST_OUTPUT SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/auth/unix/auth_unix_list_output.dtd">
<AUTH_UNIX_LIST_OUTPUT>
  <RESPONSE>
    <DATETIME>2020-01-01T00:00:00Z</DATETIME>
    <AUTH_UNIX_LIST>
      <AUTH_UNIX>
        <ID>77</ID>
        <USERNAME><![CDATA[u]]></USERNAME>
        <TITLE><![CDATA[t]]></TITLE>
        <LOGIN_TYPE>basic</LOGIN_TYPE>
        <IP_SET><IP>10.3.0.1</IP></IP_SET>
        <CREATED><DATETIME>2020-01-01T00:00:00Z</DATETIME><BY>x</BY></CREATED>
        <LAST_MODIFIED><DATETIME>2020-01-01T00:00:00Z</DATETIME></LAST_MODIFIED>
      </AUTH_UNIX>
    </AUTH_UNIX_LIST>
  </RESPONSE>
</AUTH_UNIX_LIST_OUTPUT>
`;

const UPSTREAM_ERROR = `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE SIMPLE_RETURN SYSTEM "https://qualysapi.qualys.com/api/2.0/simple_return.dtd">
<SIMPLE_RETURN>
  <RESPONSE>
    <DATETIME>2020-01-01T00:00:00Z</DATETIME>
    <CODE>1905</CODE>
    <TEXT>parameter ids has invalid value: 55 (another wording)</TEXT>
  </RESPONSE>
</SIMPLE_RETURN>
`;

describe('compare mode against recorded bytes', async () => {
  const upstream = await standInUpstream();
  const emulator = await startTestEmulator({ users: [LOCAL], upstream: upstream.url, mode: 'compare' });
  const answeringEmulator = await startTestEmulator({ users: [LOCAL], upstream: upstream.url, mode: 'compare', compareAnswer: 'emulator' });
  upstream.answer(xmlAnswer(UPSTREAM_LIST));
  for (const e of [emulator, answeringEmulator]) {
    // the emulator's side holds a record to list; what the client gets does not matter here
    const body = new URLSearchParams({ action: 'create', title: 't', username: 'u', password: 'p', ips: '10.3.0.1' });
    const headers = { Authorization: AUTH, 'X-Requested-With': 'vitest', 'Content-Type': 'application/x-www-form-urlencoded' };
    await (await fetch(`${e.url}${UNIX}`, { method: 'POST', headers, body })).text();
    await admin(e, 'DELETE', 'conformance', undefined, LOCAL_AUTH);
  }

  it("answers the upstream's answer, and reports the structural difference in the report and the journal", async () => {
    upstream.answer(xmlAnswer(UPSTREAM_LIST));
    const res = await fetch(`${emulator.url}${UNIX}?action=list`, { headers: { Authorization: AUTH, 'X-Requested-With': 'vitest' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(UPSTREAM_LIST);
    // the client's own credentials went to the upstream, and only the headers a call needs
    const sent = upstream.received.at(-1)!;
    expect(sent.headers.authorization).toBe(AUTH);
    expect(sent.url).toBe(`${UNIX}?action=list`);

    const { calls, differences } = await report(emulator);
    expect(calls).toBe(1);
    expect(differences).toHaveLength(1);
    const [d] = differences;
    expect(d).toMatchObject({
      method: 'GET',
      path: UNIX,
      action: 'list',
      upstream: { status: 200, root: 'AUTH_UNIX_LIST_OUTPUT', doctype: 'auth_unix_list_output.dtd', code: null },
      emulator: { status: 200, root: 'AUTH_UNIX_LIST_OUTPUT', doctype: 'auth_unix_list_output.dtd', code: null },
      paths_missing: ['/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/LOGIN_TYPE'],
      paths_extra: ['/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/NETWORK_ID'],
      order: ['/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/USERNAME'],
      text: null,
    });
    expect(Date.parse(d.time)).not.toBeNaN();
    // not values: IDs, titles and times differ on every platform
    const { time: _time, ...found } = d;
    expect(JSON.stringify(found)).not.toMatch(/77|2020-01-01/);
    // the call's journal entry carries its own difference
    const entry = (await emulator.requests({ action: 'list' })).at(-1)!;
    const { time, method, path, action, ...difference } = d;
    expect(entry).toMatchObject({ method, path, action, status: 200 });
    expect(entry.difference).toEqual(difference);
    void time;
  });

  it('compares the CODE and TEXT of fixed messages, not the values in them', async () => {
    upstream.answer(xmlAnswer(UPSTREAM_ERROR, 400));
    await call(emulator, UNIX, { query: { action: 'list', ids: 'x' } });
    const d = (await report(emulator)).differences.at(-1)!;
    expect(d.upstream).toEqual({ status: 400, root: 'SIMPLE_RETURN', doctype: 'simple_return.dtd', code: '1905' });
    expect(d.emulator.root).toBe('SIMPLE_RETURN');
    expect(d.text).toEqual({
      upstream: 'parameter ids has invalid value: 55 (another wording)',
      emulator: expect.stringContaining('parameter ids has invalid value'),
    });
    // the same TEXT with other numbers in it is no difference
    const count = (await report(emulator)).differences.length;
    upstream.answer(xmlAnswer(UPSTREAM_ERROR.replace('55 (another wording)', '55 (neither a positive integer nor a range: 55)'), 400));
    const same = await call(emulator, UNIX, { query: { action: 'list', ids: '0' } });
    expect(text(same.root, 'RESPONSE/TEXT')).toBe('parameter ids has invalid value: 55 (neither a positive integer nor a range: 55)');
    const emulatorAnswer = await call(answeringEmulator, UNIX, { query: { action: 'list', ids: '0' } });
    expect(text(emulatorAnswer.root, 'RESPONSE/TEXT')).toBe('parameter ids has invalid value: 0 (neither a positive integer nor a range: 0)');
    expect((await report(emulator)).differences.length).toBe(count);
    expect((await report(answeringEmulator)).differences).toEqual([]);
  });

  it("answers the emulator's answer when --compare-answer says so", async () => {
    upstream.answer(xmlAnswer(UPSTREAM_LIST));
    const res = await call(answeringEmulator, UNIX, { query: { action: 'list' } });
    expect(res.body).toContain('<NETWORK_ID>');
    expect(res.body).not.toContain('LOGIN_TYPE');
    expect((await report(answeringEmulator)).differences.at(-1)?.paths_missing).toEqual([
      '/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/LOGIN_TYPE',
    ]);
  });
});
