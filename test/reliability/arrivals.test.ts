import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openRaw, type RawConnection } from '../helpers/raw-http.js';
import { all, AUTH, call, DOCKER, parseXml, startTestEmulator, text } from '../helpers/emulator.js';

/**
 * Requests pipelined on one connection, and what they see of another process's commits: a
 * commit made before a client sent its request is seen by that request, however the server's
 * event loop found it (docs/architecture.md, "Once per turn").
 */
const dir = mkdtempSync(join(tmpdir(), 'qe-arrivals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'arrivals.sqlite');
const emulator = await startTestEmulator({ db: file });
const { host } = new URL(emulator.url);
const LIST = `GET ${DOCKER}?action=list HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${AUTH}\r\nX-Requested-With: vitest\r\n\r\n`;

/**
 * The first `count` answers on `raw`, as XML documents, each checked to be a 200. A client must
 * not end its side first: the server then drops the requests it has not answered.
 */
async function answers(raw: RawConnection, count: number): Promise<string[]> {
  for (let waited = 0; ; waited += 20) {
    const bytes = Buffer.from(raw.received(), 'latin1');
    const found: string[] = [];
    let at = 0;
    while (found.length < count) {
      const head = bytes.indexOf('\r\n\r\n', at);
      if (head < 0) break;
      const headers = bytes.subarray(at, head).toString('latin1');
      expect(headers).toMatch(/^HTTP\/1\.1 200 /);
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(headers)![1]);
      if (bytes.length < head + 4 + length) break;
      found.push(bytes.subarray(head + 4, head + 4 + length).toString('utf8'));
      at = head + 4 + length;
    }
    if (found.length === count) return found;
    // the bound only ends a failing test
    if (waited > 10_000) throw new Error(`${found.length} of ${count} answers came: ${raw.received()}`);
    await sleep(20);
  }
}

const titles = (xml: string) => all(parseXml(xml), 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER').map((r) => text(r, 'TITLE'));

describe('requests pipelined on one connection', () => {
  it('are each answered, in order, with a whole valid document', async () => {
    const raw = await openRaw(emulator.url);
    try {
      await raw.write(LIST.repeat(3));
      for (const xml of await answers(raw, 3)) parseXml(xml);
    } finally {
      raw.socket.destroy();
    }
  });

  it('see what another process committed before they were sent, even behind an unanswered one', async () => {
    const created = await call(emulator, DOCKER, { form: { action: 'create', title: 'mine', ips: '10.90.0.1' } });
    expect(created.status).toBe(200);
    const id = text(created.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID');
    // The list is answered once, and its answer kept for the same call asked again.
    expect(titles((await call(emulator, DOCKER, { query: { action: 'list' } })).body)).toEqual(['mine']);
    // The first list on the connection is held unanswered for a while.
    await emulator.faults.add([{ action: 'list', delay_ms: 500, times: 1 }]);
    const raw = await openRaw(emulator.url);
    try {
      await raw.write(LIST);
      await sleep(100);
      const other = new Database(file);
      try {
        other.prepare("UPDATE auth_records SET title = 'theirs' WHERE id = ?").run(Number(id));
      } finally {
        other.close();
      }
      await raw.write(LIST);
      const [, second] = await answers(raw, 2);
      expect(titles(second)).toEqual(['theirs']);
    } finally {
      raw.socket.destroy();
    }
  });
});
