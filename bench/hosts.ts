import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, LOAD, type LoadResult, type Scenario } from './load.js';
import { rssOf, startServer, type ServerProcess } from './processes.js';
import { mb } from './report.js';

/**
 * The host detections' pages: a page of 1,000 hosts (about 20 detections each) against Koa
 * streaming the same bytes from a file; the time of a page with 1,000 and 100,000 hosts stored;
 * and a full pull of 100,000 hosts in one answer, timed with the server's memory growth.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const BASELINE = join(HERE, 'file-baseline.js');
const DETECTIONS = '/api/2.0/fo/asset/host/vm/detection/';
const ALL = 'status=New,Active,Fixed,Re-Opened&show_igs=1';
/** Seconds of each page run: a page takes a tenth of a second or more. */
const PAGE_SECONDS = 10;

/** Reads a whole answer without keeping it: its status, bytes, time, and the server's peak memory growth. */
function pull(server: ServerProcess, path: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; ms: number; memory: number }> {
  const before = rssOf(server.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.pid))), 5);
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(server.url + path, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => {
        clearInterval(sampler);
        resolve({ status: res.statusCode ?? 0, bytes, ms: Number(process.hrtime.bigint() - started) / 1e6, memory: peak - before });
      });
    });
    req.on('error', (err) => {
      clearInterval(sampler);
      reject(err);
    });
    req.end();
  });
}

const mbps = (r: LoadResult, bytes: number) => ((r.rps * bytes) / 2 ** 20).toFixed(1);

export interface HostBenchOptions {
  dir: string;
  /** Starts the emulator on a database file with these flags. */
  emulatorOn(db: string, flags: readonly string[]): Promise<ServerProcess>;
  headers: Record<string, string>;
}

/** Runs the host measurements; answers the report's lines. */
export async function hostBench({ dir, emulatorOn, headers }: HostBenchOptions): Promise<string[]> {
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
      const first = await pull(emulator, page.path, headers);
      if (count === 1_000) {
        const file = join(dir, 'detections-page.xml');
        const res = await fetch(emulator.url + page.path, { headers });
        writeFileSync(file, Buffer.from(await res.arrayBuffer()));
        const baseline = await startServer(BASELINE, [file]);
        const saved = { ...LOAD };
        try {
          // pages of 18 MiB: runs long enough to finish a few dozen, by one client (a connector's
          // paging) and by ten at once
          LOAD.seconds = PAGE_SECONDS;
          for (const connections of [1, saved.connections]) {
            LOAD.connections = connections;
            console.error(`  a page of 1000 hosts (${mb(first.bytes)}), ${connections} connection(s): baseline, then emulator (${LOAD.seconds} s each)`);
            const b = await load(baseline, page);
            const e = await load(emulator, page);
            out.push(
              `| page of 1,000 hosts, ${mb(first.bytes)}, ${connections} connection(s) | ${b.rps.toFixed(1)} pages/s, ${mbps(b, first.bytes)} MiB/s, ${(b.cpu.server / 1000).toFixed(0)} ms CPU a page | ${e.rps.toFixed(1)} pages/s, ${mbps(e, first.bytes)} MiB/s, ${(e.cpu.server / 1000).toFixed(0)} ms CPU a page | ${(e.rps / b.rps).toFixed(2)}x |`,
            );
          }
        } finally {
          Object.assign(LOAD, saved);
          await baseline.stop();
        }
      }
      const saved = { ...LOAD };
      LOAD.seconds = PAGE_SECONDS;
      LOAD.connections = 1;
      const p1 = await load(emulator, page);
      perPage.push(`| ${count.toLocaleString('en-US')} | first page: ${p1.p50.toFixed(0)} ms (p50), ${p1.rps.toFixed(1)} pages/s |`);
      if (count === 100_000) {
        const p2 = await load(emulator, middle);
        perPage.push(`| ${count.toLocaleString('en-US')} | page at id_min=50001: ${p2.p50.toFixed(0)} ms (p50), ${p2.rps.toFixed(1)} pages/s |`);
      }
      Object.assign(LOAD, saved);
      if (count === 100_000) {
        for (const [label, path] of [
          ['host list, details=All, truncation_limit=0', '/api/2.0/fo/asset/host/?action=list&details=All&truncation_limit=0'],
          ['detections, truncation_limit=0', `${DETECTIONS}?action=list&truncation_limit=0&${ALL}`],
        ]) {
          const r = await pull(emulator, path, headers);
          out.push(
            `| full pull of 100,000 hosts: ${label} | ${mb(r.bytes)} in ${(r.ms / 1000).toFixed(1)} s (${(r.bytes / 2 ** 20 / (r.ms / 1000)).toFixed(1)} MiB/s) | server memory growth ${mb(r.memory)} | status ${r.status} |`,
          );
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
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { PACKAGE_ROOT } = await import('../src/package-root.js');
  const dir = mkdtempSync(join(tmpdir(), 'qe-hosts-bench-'));
  const bin = join(PACKAGE_ROOT, 'bin', 'qualys-emulator.js');
  try {
    const lines = await hostBench({
      dir,
      emulatorOn: (db, flags) => startServer(bin, ['--port', '0', '--db', db, '--user', 'bench:bench', ...flags]),
      headers: { Authorization: `Basic ${Buffer.from('bench:bench').toString('base64')}`, 'X-Requested-With': 'npm run bench' },
    });
    console.log(lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
