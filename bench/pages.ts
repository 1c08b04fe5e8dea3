import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, LOAD, type LoadResult, type Scenario } from './load.js';
import { rssOf, startServer, type ServerProcess } from './processes.js';
import { mb } from './report.js';

/**
 * What the large-answer scenarios share (host detections, the KnowledgeBase): an answer pulled
 * whole with the server's memory growth, and a page against Koa streaming the same bytes from a
 * file (`file-baseline.ts`).
 */
const BASELINE = join(dirname(fileURLToPath(import.meta.url)), 'file-baseline.js');
/** Seconds of each page run: a page takes a tenth of a second or more. */
export const PAGE_SECONDS = 10;

export interface Pulled {
  status: number;
  bytes: number;
  ms: number;
  /** Peak growth of the server's resident memory while it answered. */
  memory: number;
}

/** Reads a whole answer without keeping it: its status, bytes, time, and the server's peak memory growth. */
export function pull(server: ServerProcess, path: string, headers: Record<string, string>): Promise<Pulled> {
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

/** A full pull's figures, as a table's cells: bytes in seconds (MiB/s). */
export const pulledCells = (r: Pulled) => `${mb(r.bytes)} in ${(r.ms / 1000).toFixed(1)} s (${(r.bytes / 2 ** 20 / (r.ms / 1000)).toFixed(1)} MiB/s)`;

/** Runs `fn` with LOAD set to `settings`, restoring it after. */
export async function withLoad<T>(settings: Partial<typeof LOAD>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...LOAD };
  Object.assign(LOAD, settings);
  try {
    return await fn();
  } finally {
    Object.assign(LOAD, saved);
  }
}

const figures = (r: LoadResult, bytes: number) =>
  `${r.rps.toFixed(1)} pages/s, ${((r.rps * bytes) / 2 ** 20).toFixed(1)} MiB/s, ${(r.cpu.server / 1000).toFixed(0)} ms CPU a page`;

/**
 * The emulator's answer at `page.path`, then Koa streaming the same bytes from a file, driven in
 * turn for PAGE_SECONDS by each number of `connections`: one table row each (what, baseline,
 * emulator, ratio).
 */
export async function againstFile(emulator: ServerProcess, page: Scenario, what: string, file: string, connections: readonly number[]): Promise<string[]> {
  const res = await fetch(emulator.url + page.path, { headers: page.headers });
  const body = Buffer.from(await res.arrayBuffer());
  writeFileSync(file, body);
  const baseline = await startServer(BASELINE, [file]);
  const rows: string[] = [];
  try {
    for (const n of connections) {
      console.error(`  ${what} (${mb(body.length)}), ${n} connection(s): baseline, then emulator (${PAGE_SECONDS} s each)`);
      const [b, e] = await withLoad({ seconds: PAGE_SECONDS, connections: n }, async () => [await load(baseline, page), await load(emulator, page)]);
      rows.push(
        `| ${what}, ${mb(body.length)}, ${n} connection(s) | ${figures(b, body.length)} | ${figures(e, body.length)} | ${(e.rps / b.rps).toFixed(2)}x |`,
      );
    }
  } finally {
    await baseline.stop();
  }
  return rows;
}

export interface PageBenchOptions {
  dir: string;
  /** Starts the emulator on a database file with these flags. */
  emulatorOn(db: string, flags: readonly string[]): Promise<ServerProcess>;
  headers: Record<string, string>;
}

/** `node dist/bench/<file>.js`: one scenario's measurements alone, printed. */
export async function runAlone(name: string, bench: (options: PageBenchOptions) => Promise<string[]>): Promise<void> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { PACKAGE_ROOT } = await import('../src/package-root.js');
  const dir = mkdtempSync(join(tmpdir(), `qe-${name}-bench-`));
  const bin = join(PACKAGE_ROOT, 'bin', 'qualys-emulator.js');
  try {
    const lines = await bench({
      dir,
      emulatorOn: (db, flags) => startServer(bin, ['--port', '0', '--db', db, '--user', 'bench:bench', ...flags]),
      headers: { Authorization: `Basic ${Buffer.from('bench:bench').toString('base64')}`, 'X-Requested-With': 'npm run bench' },
    });
    console.log(lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
