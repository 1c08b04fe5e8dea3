import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, type Scenario } from './load.js';
import { againstFile, PAGE_SECONDS, pull, pulledCells, runAlone, withLoad, type PageBenchOptions } from './pages.js';
import { mb } from './report.js';
import { KB_API_VERSIONS, type KbApiVersion } from '../src/knowledge-base/kb-versions.js';
import { FIRST_QID, seedKnowledgeBase } from './seed.js';

/**
 * The KnowledgeBase (`/api/2.0/fo/knowledge_base/vuln/`, or another version's, unpaged; 3.0 and
 * 4.0 put each patchable entry's PATCH_PUBLISHED_DATE into its stored VULN): a slice of 1,000 entries
 * (`ids`) and the whole list of 10,000, `details=All`, against Koa streaming the same bytes from
 * a file; the slice's time with 10,000 and 100,000 entries stored; and the whole list pulled,
 * timed with the server's memory growth. The entries are generated (seed 1) and filled through
 * the store before the emulator starts.
 */
const SLICE = 1_000;

/** Runs the KnowledgeBase measurements on `version`'s path; answers the report's lines. */
export async function knowledgeBaseBench({ dir, emulatorOn, headers }: PageBenchOptions, version: KbApiVersion = '2.0'): Promise<string[]> {
  const KB = `/api/${version}/fo/knowledge_base/vuln/?action=list&details=All`;
  const slice = (from: number) => `${KB}&ids=${from}-${from + SLICE - 1}`;
  const page = (path: string): Scenario => ({ name: 'knowledge base', method: 'GET', path, headers, expectStatus: 200 });
  const sides: string[] = [];
  const perSlice: string[] = [];
  const pulls: string[] = [];
  for (const count of [10_000, 100_000]) {
    const db = join(dir, `kb-${count}.sqlite`);
    const started = Date.now();
    seedKnowledgeBase(db, count);
    console.error(`  filled ${count.toLocaleString('en-US')} KnowledgeBase entries in ${Date.now() - started} ms`);
    const emulator = await emulatorOn(db, []);
    try {
      const stored = count.toLocaleString('en-US');
      if (count === 10_000) {
        sides.push(
          ...(await againstFile(emulator, page(slice(FIRST_QID)), `${SLICE.toLocaleString('en-US')} entries (ids)`, join(dir, 'kb-slice.xml'), [1, 10])),
        );
        sides.push(...(await againstFile(emulator, page(KB), `the whole list of ${stored}`, join(dir, 'kb-all.xml'), [1])));
      }
      await withLoad({ seconds: PAGE_SECONDS, connections: 1 }, async () => {
        for (const from of count === 10_000 ? [FIRST_QID] : [FIRST_QID, FIRST_QID + count / 2]) {
          const r = await load(emulator, page(slice(from)));
          perSlice.push(`| ${stored} | ids=${from}-${from + SLICE - 1}: ${r.p50.toFixed(0)} ms (p50), ${r.rps.toFixed(1)} answers/s |`);
        }
      });
      const r = await pull(emulator, KB, headers);
      pulls.push(`| ${stored} entries, details=All | ${pulledCells(r)} | ${mb(r.memory)} | status ${r.status} |`);
    } finally {
      await emulator.stop();
    }
  }
  return [
    `KnowledgeBase ${version} (bench/knowledge-base.ts), details=All:`,
    '',
    '| what | baseline (Koa streaming the file) | emulator | ratio |',
    '|---|---|---|---|',
    ...sides,
    '',
    `| entries stored | the ${SLICE.toLocaleString('en-US')}-entry slice, one connection |`,
    '|---|---|',
    ...perSlice,
    '',
    '| whole list pulled | bytes and time | growth of the server memory | |',
    '|---|---|---|---|',
    ...pulls,
  ];
}

// `node dist/bench/knowledge-base.js [version]`: these measurements alone, on 2.0's path or the version's.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const version = (process.argv[2] ?? '2.0') as KbApiVersion;
  if (!KB_API_VERSIONS.includes(version)) throw new Error(`the KnowledgeBase has no version ${version}: ${KB_API_VERSIONS.join(', ')}`);
  await runAlone('kb', (options) => knowledgeBaseBench(options, version));
}
