import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { load, type Scenario } from './load.js';
import { mb } from './report.js';
import { againstFile, PAGE_SECONDS, pull, pulledCells, runAlone, withLoad, type PageBenchOptions } from './pages.js';

/**
 * The host detections' pages: a page of 1,000 hosts (about 20 detections each) against Koa
 * streaming the same bytes from a file; the time of a page with 1,000 and 100,000 hosts stored;
 * a full pull of 100,000 hosts in one answer, timed with the server's memory growth; and the
 * start-up that writes their stored forms again, as after an upgrade that changed their writer.
 */
const DETECTIONS = '/api/2.0/fo/asset/host/vm/detection/';
const ALL = 'status=New,Active,Fixed,Re-Opened&show_igs=1';

/**
 * The start-up on `file` as it is, then with each kind of the hosts' stored forms recorded as
 * written by another version (src/db/stored-forms.ts), timed until the server listens.
 */
async function rewriteStarts(file: string, emulatorOn: PageBenchOptions['emulatorOn']): Promise<string[]> {
  const lines: string[] = [];
  for (const kind of [undefined, 'joined detections of each host', 'DETECTION elements']) {
    const db = new Database(file);
    db.prepare('UPDATE stored_forms SET version = -1 WHERE kind = ?').run(kind ?? null);
    db.close();
    const started = Date.now();
    const emulator = await emulatorOn(file, []);
    lines.push(`| ${kind === undefined ? 'none (versions recorded as the code)' : kind} | ${((Date.now() - started) / 1000).toFixed(1)} s |`);
    await emulator.stop();
  }
  return lines;
}

/** Runs the host measurements; answers the report's lines. */
export async function hostBench({ dir, emulatorOn, headers }: PageBenchOptions): Promise<string[]> {
  const page: Scenario = {
    name: 'detections, 1000 hosts',
    method: 'GET',
    path: `${DETECTIONS}?action=list&truncation_limit=1000&${ALL}`,
    headers,
    expectStatus: 200,
  };
  const middle: Scenario = { ...page, path: `${page.path}&id_min=50001` };
  const out: string[] = [];
  const perPage: string[] = [];
  const rewrites: string[] = [];
  for (const count of [1_000, 100_000]) {
    const started = Date.now();
    const file = join(dir, `hosts-${count}.sqlite`);
    const emulator = await emulatorOn(file, ['--generate-hosts', `1:${count}`]);
    console.error(`  generated ${count.toLocaleString('en-US')} hosts in ${Date.now() - started} ms (start-up included)`);
    try {
      if (count === 1_000) out.push(...(await againstFile(emulator, page, 'page of 1,000 hosts', join(dir, 'detections-page.xml'), [1, 10])));
      await withLoad({ seconds: PAGE_SECONDS, connections: 1 }, async () => {
        const p1 = await load(emulator, page);
        perPage.push(`| ${count.toLocaleString('en-US')} | first page: ${p1.p50.toFixed(0)} ms (p50), ${p1.rps.toFixed(1)} pages/s |`);
        if (count === 100_000) {
          const p2 = await load(emulator, middle);
          perPage.push(`| ${count.toLocaleString('en-US')} | page at id_min=50001: ${p2.p50.toFixed(0)} ms (p50), ${p2.rps.toFixed(1)} pages/s |`);
        }
      });
      if (count === 100_000) {
        for (const [label, path] of [
          ['host list, details=All, truncation_limit=0', '/api/2.0/fo/asset/host/?action=list&details=All&truncation_limit=0'],
          ['detections, truncation_limit=0', `${DETECTIONS}?action=list&truncation_limit=0&${ALL}`],
        ]) {
          const r = await pull(emulator, path, headers);
          out.push(`| full pull of 100,000 hosts: ${label} | ${pulledCells(r)} | server memory growth ${mb(r.memory)} | status ${r.status} |`);
        }
      }
    } finally {
      await emulator.stop();
    }
    if (count === 100_000) rewrites.push(...(await rewriteStarts(file, emulatorOn)));
  }
  return [
    'Host detections (bench/hosts.ts):',
    '',
    '| what | baseline (Koa streaming the file) | emulator | ratio |',
    '|---|---|---|---|',
    ...out.slice(0, 2),
    '',
    '| hosts stored | 1,000-host detection page, one connection |',
    '|---|---|',
    ...perPage,
    '',
    '| full pull | bytes and time | memory | |',
    '|---|---|---|---|',
    ...out.slice(2),
    '',
    '| 100,000 hosts: stored forms written again | start-up until listening |',
    '|---|---|',
    ...rewrites,
  ];
}

// `node dist/bench/hosts.js`: these measurements alone.
if (process.argv[1] === fileURLToPath(import.meta.url)) await runAlone('hosts', hostBench);
