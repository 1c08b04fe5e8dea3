import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiFamily, BuiltFamily } from '../../src/api-family.js';
import { FAMILIES, servedDtds } from '../../src/families.js';
import { openDatabase } from '../../src/db/open.js';
import { DTD_DIR } from '../../src/http/dtd-routes.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { MASK, SecretParams } from '../../src/qualys/secrets.js';
import { SessionStore } from '../../src/session/session-store.js';
import { AUTH, call, expectError } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';
import { serveApp } from '../helpers/app-server.js';

// Every family of the registry must be in every registry derived from it: its routes, the DTDs
// served, the documentation, the seed, the reset and the dashboard. A family is taken from
// FAMILIES, so a new one is checked here as soon as it has its line there.
const emulator = await serveApp();
const reset = async () => expect((await admin(emulator, 'POST', 'reset')).status).toBe(200);

const built: BuiltFamily[] = FAMILIES.build(
  { database: openDatabase(':memory:'), settings: { pageSize: 10, requireHostRecord: false, networks: [], scanStepSeconds: 0 }, secrets: new SecretParams([]) },
  { sessions: new SessionStore(1000), credentials: () => undefined },
);
const families = built.map((b) => [b.family.name, b] as const);

/**
 * A seed section of each family that has one, its entries valid as they stand; the records
 * section, which every document needs, goes with each. A family with a seed section and no
 * example here fails the seed test.
 */
const SEED_EXAMPLES: Record<string, unknown[]> = {
  networks: [{ name: 'Lab' }],
  vaults: [{ title: 'aim', type: 'CyberArk AIM', appid: 'qualys', password: 'hunter2' }],
  ips: [{ ips: '10.0.0.0/8', enable_vm: 1 }],
  excluded_ips: [{ ips: '10.9.0.0/16', comment: 'lab', expiry_days: 30 }],
  records: [{ type: 'unix', title: 'linux', username: 'svc', password: 'hunter2', ips: '10.0.0.1-10.0.0.9' }],
  appliances: [
    { name: 'scanner1', type: 'physical', status: 'Online' },
    { name: 'vscan1', polling_interval: 300 },
  ],
  option_profiles: [
    { title: 'Weekly', scan_tcp_ports: 'full', authentication: 'Windows,Unix/Cisco', default: 1 },
    { title: 'PCI baseline', type: 'compliance' },
  ],
  // IPs of the ips example, the first appliance of the appliances example
  asset_groups: [{ title: 'Web servers', ips: '10.0.0.3-10.0.0.6,10.0.0.14', appliance_ids: 1, default_appliance_id: 1, business_impact: 'high' }],
  knowledge_base: [
    {
      qid: 38170,
      severity_level: 2,
      title: 'SSH weak MAC',
      patchable: 1,
      patch_published_date: '2009-01-02T00:00:00Z',
      cve_list: [{ id: 'CVE-2008-5161', url: '' }],
    },
  ],
  // an IP of the ips example
  hosts: [{ ip: '10.0.0.20', os: 'Ubuntu Linux 22.04', detections: [{ qid: 38173, severity: 3 }] }],
  // a VM scan of the group, and a compliance scan of the hosts the Unix record covers
  scans: [
    { asset_groups: 'Web servers', option_title: 'Initial Options', scan_title: 'Nightly' },
    { kind: 'compliance', ip: '10.0.0.1-10.0.0.2', option_title: 'PCI baseline' },
  ],
  scan_schedules: [
    {
      scan_title: 'Daily',
      active: 1,
      ip: '10.0.0.3',
      option_title: 'Initial Options',
      frequency_days: 1,
      start_hour: 2,
      start_minute: 30,
      time_zone_code: 'US-CA',
    },
  ],
};

const read = (path: string) => readFileSync(join(PACKAGE_ROOT, path), 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

describe('the registry of API families', () => {
  it('holds every family folder: each src/*/family.ts exports a family listed in FAMILIES', async () => {
    const folders = readdirSync(join(PACKAGE_ROOT, 'src')).filter((d) => statSync(join(PACKAGE_ROOT, 'src', d)).isDirectory());
    const declared: unknown[] = [];
    for (const folder of folders.filter((d) => readdirSync(join(PACKAGE_ROOT, 'src', d)).includes('family.ts'))) {
      const module = (await import(`../../src/${folder}/family.ts`)) as Record<string, unknown>;
      const found = Object.values(module).filter((v): v is ApiFamily => typeof v === 'object' && v !== null && 'build' in v);
      expect(
        found.map((f) => f.name),
        `src/${folder}/family.ts`,
      ).toEqual([folder]);
      declared.push(...found);
    }
    expect(declared).toHaveLength(13);
    expect(new Set(FAMILIES.families)).toEqual(new Set(declared));
  });

  it('names each family once, and each endpoint path once', () => {
    expect(new Set(families.map(([name]) => name)).size).toBe(families.length);
    const paths = built.flatMap((b) => b.endpoints.map((e) => e.path));
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe.each(families)('the %s family', (name, family) => {
  const paths = family.endpoints.map((e) => e.path);

  it('answers at each of its endpoints, behind the steps its callers need', async () => {
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      // dispatch answers an action the endpoint does not have: the route reached it
      expectError(await call(emulator, path, { query: { action: 'no_such_action' } }), 400, '1905', 'parameter action has invalid value: no_such_action');
      const anonymous = await call(emulator, path, { query: { action: 'no_such_action' }, auth: null });
      if (family.family.callers === 'authenticated') expectError(anonymous, 401, '2000', 'Bad Login/Password');
      else expect(anonymous.status).toBe(400);
    }
  });

  it('has the DTDs its answers name bundled under dtd/ and served without credentials', async () => {
    for (const dtd of family.family.dtds) {
      const res = await fetch(`${emulator.url}${dtd.url}`);
      expect(res.status, dtd.url).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/xml-dtd;charset=UTF-8');
      expect(await res.text()).toBe(readFileSync(join(DTD_DIR, dtd.file), 'utf8'));
    }
  });

  it('is documented: each endpoint path in docs/api.md or in a page written from it', () => {
    const docs = [read('docs/api.md'), ...family.family.docs.map((page) => read(`docs/${page.file}`))].join('\n');
    const missing = paths.filter((path) => !docs.includes(`\`${path}\``) && !docs.includes(`\`${path}?`));
    expect(missing).toEqual([]);
  });

  it('masks each of its secret parameters in the journal', async () => {
    for (const secret of family.family.secrets) {
      const value = `hunter2-${name}-${secret}`;
      await call(emulator, paths[0], { query: { action: 'no_such_action', [secret]: value } });
      const journal = await admin(emulator, 'GET', `requests?path=${encodeURIComponent(paths[0])}`);
      const entry = journal.json.requests.at(-1)!;
      expect(entry.params[secret], secret).toBe(MASK);
      expect(JSON.stringify(journal.json)).not.toContain(value);
    }
  });

  it.runIf(family.seed !== undefined)('takes its section of a seed document, and a reset empties it', async () => {
    const { field, answer } = family.seed!;
    const example = SEED_EXAMPLES[field];
    expect(example, `give SEED_EXAMPLES an example of the seed section ${field}`).toBeDefined();
    // with the sections of the families before it, whose entries its own may name (a group's appliances)
    const earlier = built.slice(0, built.indexOf(family)).flatMap((b) => (b.seed ? [b.seed.field] : []));
    const doc = { records: [], ...Object.fromEntries(earlier.map((f) => [f, SEED_EXAMPLES[f]])), [field]: example };
    await reset();
    const first = await admin(emulator, 'POST', 'seed', doc);
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect((first.json as unknown as Record<string, number[]>)[answer]).toHaveLength(example.length);
    // the same entries again, after a reset: nothing of the first left to clash with, IDs from 1 again
    await reset();
    expect(await admin(emulator, 'POST', 'seed', doc)).toMatchObject({ status: 200, json: first.json });
    await reset();
  });

  it.runIf(family.seed !== undefined)('is shown by the dashboard, as it stores data', () => {
    expect(family.dashboard).toBeDefined();
  });

  it.runIf(family.dashboard !== undefined)('is shown by the dashboard: its reads answer, and a ui/ module shows them', async () => {
    const { ui, routes } = family.dashboard!;
    const sources = readdirSync(join(PACKAGE_ROOT, 'ui'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => read(`ui/${f}`))
      .join('\n');
    expect(sources).toMatch(new RegExp(`from '\\./${ui.replace('.', '\\.')}'`));
    for (const route of routes) {
      const prefix = route.path.split('/:')[0];
      expect(sources, route.path).toMatch(new RegExp(`api\\.get\\(['\`]${prefix}[/?'\`]`));
      if (!route.path.includes(':')) expect((await admin(emulator, 'GET', route.path)).status, route.path).toBe(200);
    }
  });
});

describe('the tables', () => {
  const rows = () => {
    const tables = emulator.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('schema_migrations', 'stored_forms')")
      .pluck()
      .all() as string[];
    return Object.fromEntries(tables.map((t) => [t, emulator.db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
  };

  it("are each filled by some family's seed section, and emptied by a reset", async () => {
    await reset();
    const res = await admin(emulator, 'POST', 'seed', SEED_EXAMPLES);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const filled = rows();
    expect(Object.keys(filled).length).toBeGreaterThan(2);
    expect(
      Object.entries(filled)
        .filter(([, n]) => n === 0)
        .map(([t]) => t),
      'tables no seed section fills',
    ).toEqual([]);
    await reset();
    expect(Object.values(rows()).every((n) => n === 0)).toBe(true);
  });
});

describe('the DTDs served', () => {
  it('are every file under dtd/, each served at URLs of its own (one file may serve several API versions)', () => {
    const urls = servedDtds(FAMILIES).map((d) => d.url);
    expect(new Set(urls).size).toBe(urls.length);
    expect(
      filesUnder(DTD_DIR)
        .map((f) => relative(DTD_DIR, f).split(sep).join('/'))
        .sort(),
    ).toEqual([...new Set(servedDtds(FAMILIES).map((d) => d.file))].sort());
  });

  it('include the envelopes, public too', async () => {
    for (const url of ['/api/2.0/simple_return.dtd', '/api/2.0/batch_return.dtd'])
      expect((await fetch(`${emulator.url}${url}`, { headers: { Authorization: AUTH } })).status).toBe(200);
  });
});
