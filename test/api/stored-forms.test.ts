import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator } from '../../src/index.js';
import { JOINED_FORMS_VERSION } from '../../src/hosts/detection-classes.js';
import { DETECTION_FORMS_VERSION } from '../../src/hosts/host-xml.js';
import { call, USER } from '../helpers/emulator.js';

/**
 * A database file outlives the emulator that wrote its stored elements (the KnowledgeBase's
 * VULNs, the DETECTION elements, each host's joined detections). Opened by an emulator whose
 * writers have another version, or that recorded none, it must answer what its fields write now,
 * never the old bytes; opened by one of the same version, it must not write them again.
 */

const dir = mkdtempSync(join(tmpdir(), 'qe-forms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const original = join(dir, 'original.sqlite');

const DETECTIONS = '/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=0';
const KB = (version: string) => `/api/${version}/fo/knowledge_base/vuln/?action=list`;
/** The answers that copy stored elements: the KnowledgeBase's forms, joined detections of both views, each detection's element. */
const REQUESTS = {
  kbBasic: KB('2.0'),
  kbAll: `${KB('2.0')}&details=All`,
  kbDated: `${KB('3.0')}&details=All`,
  joined: DETECTIONS,
  joinedEvery: `${DETECTIONS}&status=New,Active,Fixed,Re-Opened&show_igs=1&include_ignored=1&include_disabled=1`,
  oneByOne: `${DETECTIONS}&severities=1-5`,
};
type Answers = Record<keyof typeof REQUESTS, string>;
const HOST_ANSWERS = ['joined', 'joinedEvery', 'oneByOne'] as const;

/** Every answer of REQUESTS from an emulator on `file`, DATETIMEs and its URL blanked. */
async function answers(file: string): Promise<Answers> {
  const emulator = await startEmulator({ db: file, users: [USER] });
  try {
    const got: Partial<Answers> = {};
    for (const [name, path] of Object.entries(REQUESTS)) {
      const res = await call(emulator, path);
      expect(res.status, res.body).toBe(200);
      got[name as keyof Answers] = res.body.replaceAll(emulator.url, 'URL').replace(/<DATETIME>[^<]*</g, '<DATETIME><');
    }
    return got as Answers;
  } finally {
    await emulator.close();
  }
}

/**
 * What an older emulator could have left: elements of the same length (so the joined rows' parts
 * and 3.0's splits still fit them) but other bytes, in `tables`; then `record` run on the file.
 */
function tamper(file: string, tables: readonly string[], record: string): void {
  const db = new Database(file);
  const swaps: Record<string, [string, string]> = {
    kb_vuln_basic: ['<QID>1', '<QID>9'],
    kb_vuln_all: ['<QID>1', '<QID>9'],
    host_detections: ['Made-up', 'Stale!!'],
    host_detections_joined: ['Made-up', 'Stale!!'],
  };
  for (const table of tables) {
    const [from, to] = swaps[table];
    db.prepare(`UPDATE ${table} SET xml = CAST(replace(CAST(xml AS TEXT), ?, ?) AS BLOB)`).run(from, to);
  }
  db.exec(record);
  db.close();
}

/** Host `id`'s HOST element in a detection list, from its ID on. */
function host(body: string, id: number): string {
  const start = body.indexOf(`<ID>${id}</ID>`);
  expect(start, `host ${id}`).toBeGreaterThan(0);
  return body.slice(start, body.indexOf('</HOST>', start));
}

/** A copy of the original database to tamper with. */
let copies = 0;
function copy(): string {
  const file = join(dir, `copy-${++copies}.sqlite`);
  copyFileSync(original, file);
  return file;
}

const EVERY_FORM = ['kb_vuln_basic', 'kb_vuln_all', 'host_detections', 'host_detections_joined'];
let expected: Answers;
let early: number;
let late: number;

beforeAll(async () => {
  const first = await startEmulator({ db: original, users: [USER] });
  // generated hosts, whose detections name generated KnowledgeBase entries
  await first.generateHosts({ seed: 7, count: 40 });
  await first.close();
  expected = await answers(original);
  expect(expected.kbBasic).toContain('<QID>1');
  // the KnowledgeBase's stored forms are what its entries' fields write (entries without forms are written from them)
  const fromFields = copy();
  tamper(fromFields, [], 'DELETE FROM kb_vuln_basic; DELETE FROM kb_vuln_all; DELETE FROM kb_vuln_patch_dates');
  const written = await answers(fromFields);
  expect([written.kbBasic, written.kbAll, written.kbDated]).toEqual([expected.kbBasic, expected.kbAll, expected.kbDated]);
  // hosts listed with detections, one each side of where the interrupted rewrite below stopped
  const listed = [...expected.oneByOne.matchAll(/<HOST>\s*<ID>(\d+)</g)].map((m) => Number(m[1]));
  [early, late] = [listed.find((id) => id <= 20)!, listed.find((id) => id > 20)!];
  for (const id of [early, late]) expect(host(expected.oneByOne, id)).toContain('Made-up');
});

describe('stored written forms', () => {
  it('are written again from their fields when the database records older versions of their writers', async () => {
    const file = copy();
    tamper(file, EVERY_FORM, 'UPDATE stored_forms SET version = version - 1');
    expect(await answers(file)).toEqual(expected);
  });

  it('are written again when the database records no version (made before versions were recorded)', async () => {
    const file = copy();
    tamper(file, EVERY_FORM, "DROP TABLE stored_forms; DELETE FROM schema_migrations WHERE name LIKE '%stored_forms.sql'");
    expect(await answers(file)).toEqual(expected);
  });

  it('join each host once when the database is from before hosts were joined (migrations/0015)', async () => {
    const file = copy();
    // as the migrations up to 0014 left it: no joined table, no recorded versions, no 0016 or 0017
    tamper(
      file,
      [],
      `DROP TABLE host_detections_joined; DROP TABLE stored_forms; DROP TABLE kb_vuln_patch_dates;
       ALTER TABLE hosts DROP COLUMN trurisk; DELETE FROM schema_migrations WHERE name >= '0015'`,
    );
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await answers(file)).toEqual(expected);
      // one rewrite joins every host: the DETECTION elements', which renews the joined kind with it
      const rewrites = log.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('the stored'));
      expect(rewrites.filter((line) => line.includes('detection'))).toEqual([
        'qualys-emulator: rewriting the stored DETECTION elements (their version unrecorded), and with them the joined detections of each host, before listening',
      ]);
    } finally {
      log.mockRestore();
    }
  });

  it("are kept as they are where the recorded version is the writer's, and rewritten where it is not", async () => {
    const file = copy();
    // the KnowledgeBase's forms recorded as this version's: their bytes are trusted, not written again
    tamper(file, EVERY_FORM, "UPDATE stored_forms SET version = 0 WHERE kind <> 'KnowledgeBase VULN elements'");
    const got = await answers(file);
    expect(got.kbBasic).not.toEqual(expected.kbBasic);
    expect(got.kbBasic).toEqual(expected.kbBasic.replaceAll('<QID>1', '<QID>9'));
    expect(got.kbAll).toEqual(expected.kbAll.replaceAll('<QID>1', '<QID>9'));
    for (const name of HOST_ANSWERS) expect(got[name], name).toEqual(expected[name]);
  });

  it('resume an interrupted rewrite after the last host it wrote, and finish it', async () => {
    const file = copy();
    // killed after rewriting hosts 1 to 20, and joining them again: those are the new version's, the rest the old one's
    tamper(file, ['host_detections', 'host_detections_joined'], "UPDATE stored_forms SET through = 20 WHERE kind LIKE '%detection%'");
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const got = await answers(file);
    // the joined detections resume with the elements, not from the first host
    expect(log.mock.calls.filter(([line]) => String(line).includes('stored joined'))).toEqual([]);
    log.mockRestore();
    // hosts up to 20 are not written again (their bytes, as tampered, stay); the others are
    expect(host(got.oneByOne, early)).toEqual(host(expected.oneByOne, early).replaceAll('Made-up', 'Stale!!'));
    for (const name of HOST_ANSWERS) expect(host(got[name], late), name).toEqual(host(expected[name], late));
    // and the rewrite is recorded as done: the next start trusts every element
    const db = new Database(file);
    expect(db.prepare("SELECT kind, version, through FROM stored_forms WHERE kind LIKE '%detection%' ORDER BY kind").all()).toEqual([
      { kind: 'DETECTION elements', version: DETECTION_FORMS_VERSION, through: null },
      { kind: 'joined detections of each host', version: JOINED_FORMS_VERSION, through: null },
    ]);
    db.close();
  });
});
