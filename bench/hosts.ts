import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, type Scenario } from './load.js';
import { mb } from './report.js';
import { againstFile, PAGE_SECONDS, pull, pulledCells, runAlone, withLoad, type PageBenchOptions } from './pages.js';

/**
 * The host detections' pages: a page of 1,000 hosts (about 20 detections each) against Koa
 * streaming the same bytes from a file; the time of a page with 1,000 and 100,000 hosts stored;
 * and a full pull of 100,000 hosts in one answer, timed with the server's memory growth.
 */
const DETECTIONS = '/api/2.0/fo/asset/host/vm/detection/';
const ALL = 'status=New,Active,Fixed,Re-Opened&show_igs=1';

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
  for (const count of [1_000, 100_000]) {
    const started = Date.now();
    const emulator = await emulatorOn(join(dir, `hosts-${count}.sqlite`), ['--generate-hosts', `1:${count}`]);
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
  ];
}

// `node dist/bench/hosts.js`: these measurements alone.
if (process.argv[1] === fileURLToPath(import.meta.url)) await runAlone('hosts', hostBench);
