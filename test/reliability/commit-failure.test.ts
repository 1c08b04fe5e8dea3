import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { DEFAULTS } from '../../src/settings/config.js';
import { openDatabase } from '../../src/db/open.js';
import { GroupCommit } from '../../src/db/group-commit.js';
import { ContentVersion } from '../../src/db/content-version.js';
import { admin } from '../helpers/admin.js';
import { AUTH, call, DOCKER, expectError, text, USER } from '../helpers/emulator.js';

/**
 * A COMMIT that fails (a full disk, an I/O error) undoes every write of its batch: each request
 * of that batch answers an error, in its own envelope, and nothing it wrote is listed after.
 */
const opened = openDatabase(':memory:');
const db = opened.connection;
let failCommits = false;
const prepare = db.prepare.bind(db);
db.prepare = ((sql: string) => {
  const statement = prepare(sql);
  if (sql !== 'COMMIT') return statement;
  const run = statement.run.bind(statement);
  return Object.assign(statement, {
    run: () => {
      if (failCommits) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return run();
    },
  });
}) as typeof db.prepare;
// a group commit of its own, made after the patch, so that its COMMIT is the one that fails
const commits = new GroupCommit(db);
const database = { ...opened, commits, version: new ContentVersion(db, commits) };
const app = createApp({ config: { ...DEFAULTS, users: [USER] }, database });
let server: Server;
const emulator = { url: '' };

beforeAll(async () => {
  server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  emulator.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  failCommits = false;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  database.close();
});

describe('a failed COMMIT', () => {
  it('answers a Qualys write a CODE 999 SIMPLE_RETURN and keeps nothing', async () => {
    failCommits = true;
    // concurrent, so that some share a batch: each answers the failure
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call(emulator, DOCKER, { form: { action: 'create', title: `lost-${i}`, ips: `10.0.0.${i + 1}` } })),
    );
    failCommits = false;
    for (const res of answers) expectError(res, 500, '999', /./);
    const list = await call(emulator, DOCKER, { query: { action: 'list' } });
    expect(text(list.root, 'RESPONSE/AUTH_DOCKER_LIST')).toBeUndefined();
  });

  it('answers a seed on /_emulator/ a JSON error and keeps nothing', async () => {
    failCommits = true;
    const res = await admin(emulator, 'POST', 'seed', { records: [{ type: 'docker', title: 'lost', ips: '10.0.0.2' }] });
    failCommits = false;
    expect(res.status).toBe(500);
    expect(res.json.error).toMatch(/./);
    expect((await admin(emulator, 'GET', 'records')).json.types.map((t) => t.count)).not.toContain(1);
  });

  it.each([
    ['GET', '/health'],
    ['POST', '/api/tools/kube-bench'],
  ])('answers %s %s, held by a batch that could not be committed, a JSON error', async (method, path) => {
    // Another request's write opened the batch this one waits for, and its COMMIT fails.
    const settled = commits.settled.bind(commits);
    commits.settled = () => Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    try {
      const res = await fetch(`${emulator.url}${path}`, {
        method,
        headers: { Authorization: AUTH, 'X-Requested-With': 'vitest', 'Content-Type': 'application/json' },
        body: method === 'POST' ? '{"bogus": 1}' : undefined,
      });
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.status).toBe(500);
      expect(((await res.json()) as { error: string }).error).toMatch(/./);
    } finally {
      commits.settled = settled;
    }
  });

  it('fails a write whose batch another request committed, and failed to, before its answer waited', async () => {
    // A reset commits the waiting writes before its own transaction; were it handled between a
    // create's write and its answer step, and that COMMIT failed, the create must still fail.
    const write = commits.write.bind(commits);
    commits.write = <T>(fn: () => T): T => {
      const result = write(fn);
      queueMicrotask(() => {
        failCommits = true;
        try {
          commits.flush();
        } catch {
          // the create's answer reports it
        } finally {
          failCommits = false;
        }
      });
      return result;
    };
    try {
      const res = await call(emulator, DOCKER, { form: { action: 'create', title: 'flushed-early', ips: '10.9.0.1' } });
      expectError(res, 500, '999', /./);
    } finally {
      commits.write = write;
    }
    const list = await call(emulator, DOCKER, { query: { action: 'list' } });
    expect(text(list.root, 'RESPONSE/AUTH_DOCKER_LIST')).toBeUndefined();
  });
});
