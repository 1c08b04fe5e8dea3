import { beforeEach, describe, expect, it } from 'vitest';
import { AUTH, call, DOCKER, USER } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';
import { postTool, startToolTestBed } from '../tools/helpers.js';

const UNIX = '/api/2.0/fo/auth/unix/';
const { emulator } = await startToolTestBed();

beforeEach(() => emulator.reset());

describe('the dashboard files', () => {
  it('are led to from the host root, and served under /_emulator/ui/ with the API credentials', async () => {
    const root = await fetch(`${emulator.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('Location')).toBe('/_emulator/ui/');
    expect(root.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const refused = await fetch(`${emulator.url}/_emulator/ui/`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('WWW-Authenticate')).toMatch(/^Basic realm=/);
    const page = await fetch(`${emulator.url}/_emulator/ui/`, { headers: { Authorization: AUTH } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="app.js">');
    const script = await fetch(`${emulator.url}/_emulator/ui/app.js`, { headers: { Authorization: AUTH } });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const bare = await fetch(`${emulator.url}/_emulator/ui`, { headers: { Authorization: AUTH }, redirect: 'manual' });
    expect(bare.headers.get('Location')).toBe('/_emulator/ui/');
  });

  it('answer no other file, however the path is spelt', async () => {
    for (const path of ['ui/nothing.js', 'ui/..%2Fpackage.json', 'ui/%2e%2e/package.json', 'ui/.%2F..%2F..%2Fpackage.json']) {
      const res = await admin(emulator, 'GET', path);
      expect(res.status, path).toBe(404);
    }
  });
});

describe('GET /_emulator/records', () => {
  it('lists every declared type with its count, page size and fields', async () => {
    await call(emulator, UNIX, { form: { action: 'create', title: 'u1', ips: '10.0.0.1', username: 'root', password: 'p' } });
    await call(emulator, DOCKER, { form: { action: 'create', title: 'd1', ips: '10.0.0.1' } });
    await call(emulator, DOCKER, { form: { action: 'create', title: 'd2', ips: '10.0.0.2' } });
    const res = await admin(emulator, 'GET', 'records');
    expect(res.status).toBe(200);
    expect(res.json.page_size).toBe(1000);
    const byName = Object.fromEntries(res.json.types.map((t) => [t.name, t]));
    expect(byName.unix).toMatchObject({ path: UNIX, count: 1 });
    expect(byName.docker).toMatchObject({ path: DOCKER, count: 2 });
    expect(byName.unix.fields).toContainEqual({ param: 'password', element: null, kind: 'secret' });
  });

  it("lists the types in the generic list's order, so the tabs read as that list does", async () => {
    await call(emulator, DOCKER, { form: { action: 'create', title: 'd1', ips: '10.0.0.1' } });
    await call(emulator, UNIX, { form: { action: 'create', title: 'u1', ips: '10.0.0.1', username: 'root', password: 'p' } });
    await call(emulator, '/api/2.0/fo/auth/windows/', { form: { action: 'create', title: 'w1', ips: '10.0.0.1', username: 'a', password: 'p' } });
    const generic = await call(emulator, '/api/2.0/fo/auth/', { query: { action: 'list' } });
    const listed = generic.root.children
      .find((c) => c.name === 'RESPONSE')!
      .children.find((c) => c.name === 'AUTH_RECORDS')!
      .children.map((c) => c.name);
    expect(listed).toEqual(['AUTH_UNIX_IDS', 'AUTH_WINDOWS_IDS', 'AUTH_DOCKER_IDS']);
    const types = (await admin(emulator, 'GET', 'records')).json.types as { name: string; count: number }[];
    expect(types.filter((t) => t.count > 0).map((t) => t.name)).toEqual(['unix', 'windows', 'docker']);
    expect(types[0].name).toBe('unix');
  });

  it('answers the vaults with their settings, secrets masked, and the records that name them', async () => {
    const vault = await call(emulator, '/api/2.0/fo/vault/', {
      form: { action: 'create', title: 'pam', type: 'CyberArk AIM', url: 'https://pam.example', appid: 'app', password: 'vault-secret' },
    });
    expect(vault.status).toBe(200);
    await call(emulator, UNIX, {
      form: { action: 'create', title: 'u1', ips: '10.0.0.1', username: 'root', login_type: 'vault', vault_type: 'CyberArk AIM', vault_id: '1' },
    });
    const res = await admin(emulator, 'GET', 'vaults');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      vaults: [
        {
          id: 1,
          title: 'pam',
          type: 'CyberArk AIM',
          comments: null,
          created: { datetime: expect.stringMatching(/Z$/), by: USER.login },
          last_modified: { datetime: expect.stringMatching(/Z$/), by: null },
          settings: { url: 'https://pam.example', appid: 'app', password: '********' },
          used_by: [{ id: 1, type: 'unix' }],
        },
      ],
    });
    expect(JSON.stringify(res.json)).not.toContain('vault-secret');
  });

  it("answers a type's records with IP ranges, owners, fields and masked secrets", async () => {
    await call(emulator, UNIX, {
      form: { action: 'create', title: 'web', ips: '10.0.0.1-10.0.0.3,10.0.0.7', username: 'root', password: 'hunter2', comments: 'c' },
    });
    const res = await admin(emulator, 'GET', 'records/unix');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      type: 'unix',
      page_size: 1000,
      next_id: null,
      records: [
        {
          id: 1,
          title: 'web',
          ips: ['10.0.0.1-10.0.0.3', '10.0.0.7'],
          network_id: 0,
          comments: 'c',
          created: { datetime: expect.stringMatching(/Z$/), by: USER.login },
          last_modified: { datetime: expect.stringMatching(/Z$/), by: null },
          fields: { username: 'root', password: '********' },
        },
      ],
    });
    expect(JSON.stringify(res.json)).not.toContain('hunter2');
  });

  it('filters by title and ID range and pages at the runtime page size', async () => {
    await admin(emulator, 'PATCH', 'config', { page_size: 2 });
    try {
      for (const [i, title] of ['alpha', 'beta', 'alpine', 'alps'].entries()) {
        await call(emulator, DOCKER, { form: { action: 'create', title, ips: `10.0.1.${i + 1}` } });
      }
      const titles = async (q: string) => {
        const res = await admin(emulator, 'GET', `records/docker?${q}`);
        expect(res.status, q).toBe(200);
        return { titles: res.json.records.map((r: { title: string }) => r.title), next: res.json.next_id };
      };
      expect(await titles('')).toEqual({ titles: ['alpha', 'beta'], next: 3 });
      expect(await titles('id_min=3')).toEqual({ titles: ['alpine', 'alps'], next: null });
      expect(await titles('title=ALP')).toEqual({ titles: ['alpha', 'alpine'], next: 4 });
      expect(await titles('title=alp&id_min=2&id_max=3')).toEqual({ titles: ['alpine'], next: null });
    } finally {
      await admin(emulator, 'PATCH', 'config', { page_size: 1000 });
    }
  });

  it('answers the exact list XML of one record', async () => {
    await call(emulator, UNIX, { form: { action: 'create', title: 'x', ips: '10.0.0.1', username: 'root', password: 'p' } });
    const res = await admin(emulator, 'GET', 'records/unix/1/xml');
    expect(res.status).toBe(200);
    expect(res.json.request).toBe(`${UNIX}?action=list&ids=1`);
    const listed = await call(emulator, UNIX, { query: { action: 'list', ids: '1' } });
    const withoutTime = (s: string) => s.replace(/<DATETIME>[^<]*<\/DATETIME>/, '');
    expect(withoutTime(res.json.xml)).toBe(withoutTime(listed.body));
  });

  it('refuses unknown types, filters and IDs with JSON errors', async () => {
    expect(await admin(emulator, 'GET', 'records/nosuch')).toMatchObject({ status: 404, json: { error: expect.stringContaining('unix') } });
    expect(await admin(emulator, 'GET', 'records/unix?colour=red')).toMatchObject({ status: 400, json: { error: expect.stringContaining('colour') } });
    expect(await admin(emulator, 'GET', 'records/unix?id_min=abc')).toMatchObject({ status: 400, json: { error: expect.stringContaining('id_min') } });
    expect(await admin(emulator, 'GET', 'records/unix/0/xml')).toMatchObject({ status: 400 });
    expect(await admin(emulator, 'GET', 'records/unix', undefined, null)).toMatchObject({ status: 401 });
  });
});

describe('GET /_emulator/rate-limits', () => {
  it("answers each user's count per endpoint without counting a call", async () => {
    await call(emulator, UNIX, { query: { action: 'list' } });
    await call(emulator, UNIX, { query: { action: 'list' } });
    await call(emulator, DOCKER, { query: { action: 'list' } });
    const first = await admin(emulator, 'GET', 'rate-limits');
    expect(first.json.rate_limit).toEqual({ enforce: false, limit: 300, window_sec: 3600, concurrency: 2 });
    expect(first.json.counts).toEqual([
      { user: USER.login, endpoint: DOCKER, calls_in_window: 1, running: 0, remaining: 299, oldest_leaves_in_sec: 3600 },
      { user: USER.login, endpoint: UNIX, calls_in_window: 2, running: 0, remaining: 298, oldest_leaves_in_sec: 3600 },
    ]);
    expect((await admin(emulator, 'GET', 'rate-limits')).json.counts).toEqual(first.json.counts);
    await emulator.reset();
    expect((await admin(emulator, 'GET', 'rate-limits')).json.counts).toEqual([]);
  });
});

describe('GET /_emulator/tool-runs', () => {
  it('lists the last runs of each tool, newest first, without their output; a reset empties it', async () => {
    expect((await admin(emulator, 'GET', 'tool-runs')).json).toEqual({ runs: [] });
    const kube = await postTool(emulator, 'kube-bench', { targets: 'master' });
    const docker = await postTool(emulator, 'docker-bench-security', {});
    expect([kube.status, docker.status]).toEqual([200, 200]);
    const { runs } = (await admin(emulator, 'GET', 'tool-runs')).json;
    expect(runs.map((r: { tool: string }) => r.tool)).toEqual(['docker-bench-security', 'kube-bench']);
    expect(runs[1]).toEqual({
      tool: 'kube-bench',
      user: USER.login,
      timestamp: kube.json.timestamp,
      return_code: 0,
      success: true,
      timed_out: false,
      execution_time: kube.json.execution_time,
      command: kube.json.command,
      output_file: kube.json.output_file,
      summary: kube.json.summary,
      report_error: null,
    });
    await postTool(emulator, 'kube-bench', { targets: 'bogus target' });
    expect((await admin(emulator, 'GET', 'tool-runs')).json.runs).toHaveLength(2);
    await emulator.reset();
    expect((await admin(emulator, 'GET', 'tool-runs')).json).toEqual({ runs: [] });
  });
});
