import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DOCKER, parseXml, text } from '../helpers/emulator.js';
import { listening, runProgram, type Program } from '../helpers/program.js';

const dir = mkdtempSync(join(tmpdir(), 'qe-stop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CREDENTIAL = 'stop:test';
const HEADERS = { Authorization: 'Basic ' + Buffer.from(CREDENTIAL).toString('base64'), 'X-Requested-With': 'graceful stop test' };

const start = (db: string, drainMs: number): Program => runProgram(['--port', '0', '--db', db, '--user', CREDENTIAL, '--drain-timeout', String(drainMs)]);

async function slowCreates(url: string, delayMs: number): Promise<void> {
  const res = await fetch(`${url}/_emulator/faults`, {
    method: 'PUT',
    headers: { ...HEADERS, 'Content-Type': 'application/json' },
    body: JSON.stringify({ rules: [{ action: 'create', delay_ms: delayMs }] }),
  });
  expect(res.status, await res.text()).toBe(200);
}

const create = (url: string, title: string, ip: string) =>
  fetch(`${url}${DOCKER}`, { method: 'POST', headers: HEADERS, body: new URLSearchParams({ action: 'create', title, ips: ip }) });

/** The titles kept in the file `db` once the program has exited, read as the next start would. */
function titlesIn(db: string): string[] {
  const file = new Database(db, { readonly: true });
  try {
    return file.prepare('SELECT title FROM auth_records ORDER BY id').pluck().all() as string[];
  } finally {
    file.close();
  }
}

describe.each(['SIGTERM', 'SIGINT'] as const)('%s', (signal) => {
  it('refuses new connections, lets a request in flight finish and answer, then exits 0', async () => {
    const db = join(dir, `finish-${signal}.sqlite`);
    const p = start(db, 5000);
    const url = await listening(p);
    await slowCreates(url, 600);
    const inFlight = create(url, 'in-flight', '10.0.0.1');
    await sleep(150);
    p.child.kill(signal);
    await sleep(100);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(text(parseXml(await res.text()), 'RESPONSE/BATCH_LIST/BATCH/TEXT')).toBe('Successfully Created');
    expect(await p.exited).toBe(0);
    expect(titlesIn(db)).toEqual(['in-flight']);
  });
});

describe('a request longer than --drain-timeout', () => {
  it('is cut off when the drain ends, before it could finish, and its write is not made', async () => {
    const db = join(dir, 'cut.sqlite');
    const p = start(db, 300);
    const url = await listening(p);
    await slowCreates(url, 3000);
    const tooSlow = create(url, 'too-slow', '10.0.0.2').then(
      (res) => res.status,
      () => 'cut',
    );
    await sleep(150);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    // left to finish, it would have been answered 200 after its 3 s
    expect(await tooSlow).toBe('cut');
    expect(titlesIn(db)).toEqual([]);
  });
});

describe('SIGTERM under parallel create loops', () => {
  it('answers every create it commits, and commits every create it answers', async () => {
    const db = join(dir, 'loops.sqlite');
    const answered = new Set<string>();
    const sent = new Set<string>();
    let n = 0;
    for (let round = 0; round < 4; round++) {
      const p = start(db, 5000);
      const url = await listening(p);
      let stopped = false;
      const loop = async () => {
        while (!stopped) {
          const title = `loop-${++n}`;
          sent.add(title);
          try {
            const res = await create(url, title, `10.1.${n >> 8}.${n & 255}`);
            const body = await res.text();
            expect(res.status, body).toBe(200);
            answered.add(title);
          } catch {
            stopped = true; // the program has stopped accepting: this create was never taken up
          }
        }
      };
      const loops = Array.from({ length: 12 }, loop);
      await sleep(300);
      p.child.kill('SIGTERM');
      await Promise.all(loops);
      expect(await p.exited).toBe(0);
    }
    const kept = new Set(titlesIn(db));
    expect([...sent].filter((t) => kept.has(t) !== answered.has(t))).toEqual([]);
    expect(answered.size).toBeGreaterThan(0);
  });
});
