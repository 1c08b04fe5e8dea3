import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { all, DOCKER, parseXml, text } from '../helpers/emulator.js';
import { listening, runProgram, type Program } from '../helpers/program.js';

const dir = mkdtempSync(join(tmpdir(), 'qe-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CREDENTIAL = 'crash:test';
const HEADERS = { Authorization: 'Basic ' + Buffer.from(CREDENTIAL).toString('base64'), 'X-Requested-With': 'crash test' };
const WORKERS = 12;
/** Acknowledged creates after which the program is killed, with others still in flight. */
const KILL_AFTER = 150;

const start = (db: string, durability: string): Program => runProgram(['--port', '0', '--db', db, '--user', CREDENTIAL, '--durability', durability]);
const ipOf = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

interface Acked {
  id: string;
  title: string;
  ip: string;
}

/** Creates records from WORKERS concurrent loops until the program dies; returns the ones answered 200. */
async function createUntilKilled(url: string, program: Program): Promise<Acked[]> {
  const acked: Acked[] = [];
  let next = 1;
  let killed = false;
  const worker = async () => {
    while (!killed) {
      const n = next++;
      const title = `crash-${n}`;
      const ip = ipOf(n);
      let res: Response;
      let body: string;
      try {
        res = await fetch(`${url}${DOCKER}`, { method: 'POST', headers: HEADERS, body: new URLSearchParams({ action: 'create', title, ips: ip }) });
        body = await res.text();
      } catch {
        return; // the connection died with the program: no answer, no promise made
      }
      expect(res.status, body).toBe(200);
      acked.push({ id: text(parseXml(body), 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')!, title, ip });
      if (acked.length === KILL_AFTER && !killed) {
        killed = true;
        program.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return acked;
}

describe('a crash under load', () => {
  // `process`, the default, leaves commits to the OS unsynced: they outlive the process, not a power cut.
  it.each(['process', 'full'])(
    'keeps every create it answered 200 after SIGKILL and restart, and nothing half-written (--durability %s)',
    async (durability) => {
      const db = join(dir, `crash-${durability}.sqlite`);
      const first = start(db, durability);
      const acked = await createUntilKilled(await listening(first), first);
      expect(await first.exited).toBeNull(); // killed by the signal, not exited
      // Answers already on their way when the signal landed are acknowledgements too.
      expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);

      const second = start(db, durability);
      try {
        const url = await listening(second);
        const res = await fetch(`${url}${DOCKER}?action=list`, { headers: HEADERS });
        expect(res.status).toBe(200);
        const records = all(parseXml(await res.text()), 'RESPONSE/AUTH_DOCKER_LIST', 'AUTH_DOCKER').map((r) => ({
          id: text(r, 'ID')!,
          title: text(r, 'TITLE')!,
          ip: text(r, 'IP_SET/IP'),
        }));
        const byId = new Map(records.map((r) => [r.id, r]));
        for (const a of acked) expect(byId.get(a.id), `acknowledged ${a.title} lost`).toEqual(a);
        // Records the program committed but could not answer before it died are whole too.
        for (const r of records) expect(r.ip).toBe(ipOf(Number(r.title.replace('crash-', ''))));
        // A create in flight may have landed, but none beyond those the workers sent.
        expect(records.length).toBeLessThanOrEqual(acked.length + WORKERS);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }

      const check = new Database(db, { readonly: true });
      try {
        expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(check.pragma('foreign_key_check')).toEqual([]);
        const orphans = check
          .prepare(
            `SELECT (SELECT count(*) FROM auth_records r WHERE NOT EXISTS (SELECT 1 FROM auth_record_ips i WHERE i.record_id = r.id))
              + (SELECT count(*) FROM auth_record_ips i WHERE NOT EXISTS (SELECT 1 FROM auth_records r WHERE r.id = i.record_id))`,
          )
          .pluck()
          .get();
        expect(orphans).toBe(0);
      } finally {
        check.close();
      }
    },
  );
});
