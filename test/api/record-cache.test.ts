import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { all, call, DOCKER, startTestEmulator, text } from '../helpers/emulator.js';

/**
 * Lists answer from records kept in memory once read; they must still answer exactly what the
 * database holds, whoever changed it: this emulator, another process on the same file, a reset
 * or a seed.
 */
const dir = mkdtempSync(join(tmpdir(), 'qe-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'shared.sqlite');
const emulator = await startTestEmulator({ db: file });

const listed = async () =>
  all((await call(emulator, DOCKER, { query: { action: 'list' } })).root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER').map((r) => ({
    id: Number(text(r, 'ID')),
    title: text(r, 'TITLE'),
    ip: text(r, 'IP_SET/IP'),
  }));
const create = async (title: string, ips: string) => {
  const res = await call(emulator, DOCKER, { form: { action: 'create', title, ips } });
  expect(res.status, res.body).toBe(200);
  return Number(text(res.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID'));
};

describe('records cached for lists', () => {
  it('follow writes another process commits to the same file', async () => {
    const id = await create('mine', '10.70.0.1');
    expect(await listed()).toEqual([{ id, title: 'mine', ip: '10.70.0.1' }]);
    const other = new Database(file);
    try {
      other.prepare("UPDATE auth_records SET title = 'theirs' WHERE id = ?").run(id);
      other.prepare('UPDATE auth_record_ips SET lo = lo + 1, hi = hi + 1 WHERE record_id = ?').run(id);
      expect(await listed()).toEqual([{ id, title: 'theirs', ip: '10.70.0.2' }]);
      other.prepare('DELETE FROM auth_records WHERE id = ?').run(id);
      expect(await listed()).toEqual([]);
    } finally {
      other.close();
    }
  });

  it('follow a reset and a seed, which reuse IDs from 1', async () => {
    await emulator.reset();
    const first = await create('before', '10.71.0.1');
    expect(await listed()).toEqual([{ id: first, title: 'before', ip: '10.71.0.1' }]);
    await emulator.reset();
    const { ids } = await emulator.seed({ records: [{ type: 'docker', title: 'seeded', ips: '10.71.0.9' }] });
    expect(ids).toEqual([first]);
    expect(await listed()).toEqual([{ id: first, title: 'seeded', ip: '10.71.0.9' }]);
  });

  it('follow updates and deletes, and keep a refused update out', async () => {
    await emulator.reset();
    const a = await create('a', '10.72.0.1');
    const b = await create('b', '10.72.0.2');
    await listed();
    expect((await call(emulator, DOCKER, { form: { action: 'update', ids: `${a}`, comments: 'x', add_ips: '10.72.0.3' } })).status).toBe(200);
    // b cannot take a's new address: the whole update is refused
    expect((await call(emulator, DOCKER, { form: { action: 'update', ids: `${a},${b}`, ips: '10.72.0.9' } })).status).toBe(409);
    expect(await listed()).toEqual([
      { id: a, title: 'a', ip: '10.72.0.1' },
      { id: b, title: 'b', ip: '10.72.0.2' },
    ]);
    const [record] = all((await call(emulator, DOCKER, { query: { action: 'list', ids: `${a}` } })).root, 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER');
    expect(all(record, 'IP_SET', 'IP').map((n) => n.text)).toEqual(['10.72.0.1', '10.72.0.3']);
    expect(text(record, 'COMMENTS')).toBe('x');
    expect((await call(emulator, DOCKER, { form: { action: 'delete', ids: `${a}` } })).status).toBe(200);
    expect((await listed()).map((r) => r.id)).toEqual([b]);
  });

  it('answer a list asked again with nothing written as before, at the current DATETIME', async () => {
    await emulator.reset();
    await create('again', '10.73.0.1');
    const ask = () => call(emulator, DOCKER, { query: { action: 'list', ids: '1-10' } });
    const first = await ask();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await ask();
    const datetime = (res: typeof first): string => {
      const value = text(res.root, 'RESPONSE/DATETIME');
      expect(value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      return value!;
    };
    expect(datetime(second)).not.toBe(datetime(first));
    expect(Date.parse(datetime(second))).toBeGreaterThan(Date.parse(datetime(first)));
    expect(second.body.replace(datetime(second), datetime(first))).toBe(first.body);
  });
});
