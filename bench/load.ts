import autocannon from 'autocannon';
import { cpuTimeOf, type ServerProcess } from './processes.js';

/** One load scenario: a request, or a generator of fresh ones, and the status it must get. */
export interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  /** Path and query. */
  path: string;
  headers: Record<string, string>;
  /** A body per request (fresh values each time), or none. */
  body?: () => string;
  /** A path per request, so that no two are the same call (the emulator keeps list answers), or always `path`. */
  freshPath?: () => string;
  expectStatus: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Answers with another status than expected, and socket errors. */
  wrong: number;
  /**
   * CPU microseconds per answer, user and system, the kernel's work for the sockets included: the
   * server's main thread (its event loop), all the server's threads, and the load generator's
   * (this process).
   */
  cpu: { serverMain: number; server: number; generator: number };
}

export const LOAD = { connections: 10, seconds: 3 };

/** Drives the server at the scenario's path (or `path`) with autocannon for LOAD.seconds. */
export async function load(server: ServerProcess, scenario: Scenario, path = scenario.path): Promise<LoadResult> {
  const { body } = scenario;
  // The baseline is driven at a path of its own, which stays fixed.
  const freshPath = path === scenario.path ? scenario.freshPath : undefined;
  // autocannon's own histogram keeps whole milliseconds and only 2xx answers; keep every one, exact.
  const latencies: number[] = [];
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    const options: autocannon.Options = {
      url: server.url + path,
      connections: LOAD.connections,
      duration: LOAD.seconds,
      requests: [
        {
          method: scenario.method,
          path,
          headers: scenario.headers,
          ...(body || freshPath
            ? { setupRequest: (req: autocannon.Request) => ({ ...req, ...(body ? { body: body() } : {}), ...(freshPath ? { path: freshPath() } : {}) }) }
            : {}),
        },
      ],
    };
    instance = autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
  });
  instance!.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const serverBefore = { all: cpuTimeOf(server.pid), main: cpuTimeOf(server.pid, 'main') };
  const generatorBefore = process.cpuUsage();
  const result = await done;
  const generatorUsed = process.cpuUsage(generatorBefore);
  const serverUsed = { all: cpuTimeOf(server.pid) - serverBefore.all, main: cpuTimeOf(server.pid, 'main') - serverBefore.main };
  const answers = Math.max(1, latencies.length);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const stats = (result.statusCodeStats ?? {}) as Record<string, { count: number } | undefined>;
  const expected = stats[String(scenario.expectStatus)]?.count ?? 0;
  return {
    rps: result.requests.average,
    p50: at(0.5),
    p99: at(0.99),
    wrong: result.requests.total - expected + result.errors,
    cpu: { serverMain: serverUsed.main / answers, server: serverUsed.all / answers, generator: (generatorUsed.user + generatorUsed.system) / answers },
  };
}
