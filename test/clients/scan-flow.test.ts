import { afterAll, describe, expect, it } from 'vitest';
import { pythonClient, qualysapiEnv } from '../helpers/clients.js';
import { startTestEmulator, USER } from '../helpers/emulator.js';
import { throwAwayCert } from '../helpers/tls-cert.js';

const qualysapi = pythonClient('qualysapi', ['qualysapi', 'lxml', 'requests']);
if (typeof qualysapi === 'string') console.warn(`qualysapi client tests skipped: ${qualysapi}`);

/** The states a scan goes through, in order, as [STATE, PROCESSED]. */
const MACHINE = [
  ['Queued', 0],
  ['Running', 0],
  ['Finished', 0],
  ['Finished', 1],
];
const TARGET = '10.40.0.7';

describe.skipIf(typeof qualysapi === 'string')('qualysapi, unchanged, launching a scan, waiting on it and fetching its results (issue 24)', async () => {
  const tls = await throwAwayCert();
  // each step of a scan lasts the default 2 seconds
  const emulator = await startTestEmulator({ tlsCert: tls.cert, tlsKey: tls.key });
  await emulator.seed({ records: [], appliances: [{ name: 'scanner1', type: 'physical', status: 'Online' }] });
  afterAll(() => tls.remove());

  it('sees the scan Queued, then each state in turn until Finished and processed, and its results for the target', { timeout: 60_000 }, async () => {
    const seen = (await (qualysapi as Exclude<typeof qualysapi, string>).run('qualysapi/scan_flow.py', {
      ...qualysapiEnv(emulator.port, tls.cert),
      QUALYS_SCAN_IP: TARGET,
      QUALYS_SCANNER: 'scanner1',
      QUALYS_OPTION: 'Initial Options',
      QUALYS_POLL_SECONDS: '30',
    })) as { launched: Record<string, unknown>; states: [string, number][]; results: { ip: string; qid: number }[] };

    expect(seen.launched).toEqual({
      ref: expect.stringMatching(/^scan\/\d+\.\d{5}$/),
      status: 'Queued',
      processed: 0,
      target: [TARGET],
      title: 'client flow',
      type: 'API',
      user_login: USER.login,
    });
    // polled every 0.2 s: every state it saw is the machine's, in order, ending Finished and processed
    const order = seen.states.map((s) => MACHINE.findIndex((m) => m[0] === s[0] && m[1] === s[1]));
    expect(order).not.toContain(-1);
    expect(order).toEqual([...order].sort());
    expect(seen.states.at(-1)).toEqual(['Finished', 1]);
    expect(seen.results.length).toBeGreaterThan(0);
    for (const r of seen.results) expect([r.ip, typeof r.qid]).toEqual([TARGET, 'number']);
  });
});
