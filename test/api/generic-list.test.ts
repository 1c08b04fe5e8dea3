import { beforeAll, describe, expect, it } from 'vitest';
import { all, call, DOCKER, expectError, find, startTestEmulator, text, type Node } from '../helpers/emulator.js';

const UNIX = '/api/2.0/fo/auth/unix/';
const AUTH = '/api/2.0/fo/auth/';
const emulator = await startTestEmulator({ pageSize: 4 });
const empty = await startTestEmulator();

const list = (query: Record<string, string> = {}, on = emulator) => call(on, AUTH, { query: { action: 'list', ...query } });
/** Each AUTH_<TYPE>_RECORDS with its ID_SET entries, in document order. */
const groups = (root: Node) =>
  (find(root, 'RESPONSE/AUTH_RECORDS')?.children ?? []).map((g) => [g.name, find(g, 'ID_SET')!.children.map((c) => `${c.name}:${c.text}`)]);

beforeAll(async () => {
  // IDs 1..6: docker, unix, unix, docker, unix, docker
  const rows: [string, Record<string, string>][] = [
    [DOCKER, { title: 'd-one', ips: '10.0.0.1' }],
    [UNIX, { title: 'u-one', username: 'a', password: 'p', ips: '10.0.0.1', comments: 'prod' }],
    [UNIX, { title: 'u-two', username: 'a', skip_password: '1', ips: '10.0.0.2' }],
    [DOCKER, { title: 'd-two', ips: '10.0.0.2', comments: 'prod' }],
    [UNIX, { title: 'u-three', username: 'a', password: 'p', ips: '10.0.0.3' }],
    [DOCKER, { title: 'd-three', ips: '10.0.0.3' }],
  ];
  for (const [path, form] of rows) {
    const res = await call(emulator, path, { form: { action: 'create', ...form } });
    expect(res.status, res.body).toBe(200);
  }
});

describe('generic list /api/2.0/fo/auth/', () => {
  it('groups IDs by type, Unix first, a page at a time with 1980 and the next URL', async () => {
    const page1 = await list();
    expect(page1.root.name).toBe('AUTH_RECORDS_OUTPUT');
    expect(page1.body).toContain(`SYSTEM "${emulator.url}/api/2.0/fo/auth/auth_records.dtd"`);
    expect(groups(page1.root)).toEqual([
      ['AUTH_UNIX_IDS', ['ID_RANGE:2-3']],
      ['AUTH_DOCKER_IDS', ['ID:1', 'ID:4']],
    ]);
    expect(text(page1.root, 'RESPONSE/WARNING/CODE')).toBe('1980');
    const url = text(page1.root, 'RESPONSE/WARNING/URL')!;
    expect(url).toBe(`${emulator.url}${AUTH}?action=list&id_min=5`);
    const page2 = await call(emulator, url.slice(emulator.url.length));
    expect(groups(page2.root)).toEqual([
      ['AUTH_UNIX_IDS', ['ID:5']],
      ['AUTH_DOCKER_IDS', ['ID:6']],
    ]);
    expect(find(page2.root, 'RESPONSE/WARNING')).toBeUndefined();
  });

  it("answers the layout a client written against the live service walks: AUTH_<TYPE>_IDS to each type's list", async () => {
    // As siggib007/qualys QualysAuthList.py (2017-2018) reads the answer: AUTH_RECORDS_OUTPUT/RESPONSE/
    // AUTH_RECORDS, each child's name less `AUTH_` and `_IDS` is the type, lower-cased into its
    // endpoint, whose AUTH_<TYPE>_LIST_OUTPUT/RESPONSE/AUTH_<TYPE>_LIST/AUTH_<TYPE> it then lists.
    const other = await startTestEmulator();
    const made: Record<string, string[]> = {};
    for (const [type, form] of [
      ['ms_sql', { title: 'sql', username: 'sa', password: 'p', ips: '10.9.0.1', port: '1433' }],
      ['unix', { title: 'u', username: 'root', password: 'p', ips: '10.9.0.1' }],
      ['ibm_db2', { title: 'db2', username: 'db2inst', password: 'p', ips: '10.9.0.1', database: 'SAMPLE', port: '50000' }],
      ['unix', { title: 'u2', username: 'root', password: 'p', ips: '10.9.0.2' }],
    ] as const) {
      const res = await call(other, `/api/2.0/fo/auth/${type}/`, { form: { action: 'create', ...form } });
      expect(res.status, res.body).toBe(200);
      made[type] = [...(made[type] ?? []), text(res.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')!];
    }
    const answer = await list({}, other);
    expect(answer.body).toContain(`<!DOCTYPE AUTH_RECORDS_OUTPUT SYSTEM "${other.url}/api/2.0/fo/auth/auth_records.dtd">`);
    const dtd = await fetch(`${other.url}/api/2.0/fo/auth/auth_records.dtd`);
    expect(dtd.status).toBe(200);
    expect(await dtd.text()).toContain('<!ELEMENT AUTH_RECORDS_OUTPUT (REQUEST?, RESPONSE)>');
    expect(answer.root.name).toBe('AUTH_RECORDS_OUTPUT');
    const walked: Record<string, string[]> = {};
    for (const group of find(answer.root, 'RESPONSE/AUTH_RECORDS')!.children) {
      const key = group.name.slice(0, -'_IDS'.length);
      const type = key.slice('AUTH_'.length).toLowerCase();
      const listed = await call(other, `/api/2.0/fo/auth/${type}/`, { query: { action: 'list' } });
      expect(listed.root.name).toBe(`${key}_LIST_OUTPUT`);
      walked[type] = all(listed.root, `RESPONSE/${key}_LIST`, key).map((r) => text(r, 'ID')!);
      // the group's ID_SET: the unix IDs 2 and 4 are not consecutive, so two IDs
      expect(find(group, 'ID_SET')!.children.map((c) => c.text)).toEqual(walked[type]);
    }
    expect(walked).toEqual({ unix: made.unix, ms_sql: made.ms_sql, ibm_db2: made.ibm_db2 });
  });

  it('filters by title, comments, ids, id_min and id_max, leaving out types with no match', async () => {
    expect(groups((await list({ title: 'U-' })).root)).toEqual([['AUTH_UNIX_IDS', ['ID_RANGE:2-3', 'ID:5']]]);
    expect(groups((await list({ comments: 'prod' })).root)).toEqual([
      ['AUTH_UNIX_IDS', ['ID:2']],
      ['AUTH_DOCKER_IDS', ['ID:4']],
    ]);
    expect(groups((await list({ ids: '1,5-9', id_max: '5' })).root)).toEqual([
      ['AUTH_UNIX_IDS', ['ID:5']],
      ['AUTH_DOCKER_IDS', ['ID:1']],
    ]);
    expect(groups((await list({ id_min: '6' }, emulator)).root)).toEqual([['AUTH_DOCKER_IDS', ['ID:6']]]);
  });

  it('answers only DATETIME when nothing matches, and echoes when asked', async () => {
    const none = await list({}, empty);
    expect(none.status).toBe(200);
    expect(find(none.root, 'RESPONSE')!.children.map((c) => c.name)).toEqual(['DATETIME']);
    const echoed = await list({ title: 'zzz', echo_request: '1' });
    expect(text(echoed.root, 'REQUEST/RESOURCE')).toBe(`${emulator.url}${AUTH}`);
    expect(find(echoed.root, 'RESPONSE/AUTH_RECORDS')).toBeUndefined();
  });

  it('speaks the same protocol: POST works, other actions and parameters are refused', async () => {
    const post = await call(emulator, AUTH, { form: { action: 'list', ids: '2' } });
    expect(groups(post.root)).toEqual([['AUTH_UNIX_IDS', ['ID:2']]]);
    expectError(await call(emulator, AUTH, { form: { action: 'create', title: 'x' } }), 400, '1905', 'parameter action has invalid value: create');
    expectError(
      await list({ details: 'All' }),
      400,
      '1901',
      'Unrecognized parameter(s): details (action=list allows: echo_request, ids, id_min, id_max, title, comments)',
    );
    expectError(await list({ ids: 'abc' }), 400, '1905', 'parameter ids has invalid value: abc (neither a positive integer nor a range: abc)');
    const redirect = await fetch(`${emulator.url}/api/2.0/fo/auth?action=list`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe(`${AUTH}?action=list`);
  });
});
