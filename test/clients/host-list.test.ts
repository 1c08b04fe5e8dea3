import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonClient, qualysapiEnv } from '../helpers/clients.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { throwAwayCert } from '../helpers/tls-cert.js';

const qualysapi = pythonClient('qualysapi', ['qualysapi', 'lxml', 'requests']);
if (typeof qualysapi === 'string') console.warn(`qualysapi client tests skipped: ${qualysapi}`);

const HOSTS = 10_000;
const HOST_LIST = '/api/2.0/fo/asset/host/';

describe.skipIf(typeof qualysapi === 'string')('qualysapi, unchanged, paging the host list of a generated subscription (issue 23)', async () => {
  const tls = await throwAwayCert();
  const emulator = await startTestEmulator({ tlsCert: tls.cert, tlsKey: tls.key });
  afterAll(() => tls.remove());
  let generated: { first_id: number };
  beforeAll(async () => {
    generated = await emulator.generateHosts({ seed: 23, count: HOSTS });
  }, 120_000);

  const expectEachOnce = (hosts: { id: number; ip: string; last_scan: string }[]) => {
    expect(hosts.map((h) => h.id)).toEqual(Array.from({ length: HOSTS }, (_, n) => generated.first_id + n));
    // the client read each host's IP and parsed its LAST_VULN_SCAN_DATETIME as a date
    expect(hosts.filter((h) => !/^\d+\.\d+\.\d+\.\d+$/.test(h.ip) || !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(h.last_scan))).toEqual([]);
  };
  const notScannedSince = async () =>
    (await (qualysapi as Exclude<typeof qualysapi, string>).run('qualysapi/hosts_not_scanned.py', {
      ...qualysapiEnv(emulator.port, tls.cert),
      // generated hosts were last scanned before 2026: all of them, whatever today is
      QUALYS_DAYS: '0',
    })) as { id: number; ip: string; last_scan: string }[];

  it(`gets each of ${HOSTS.toLocaleString('en')} hosts once, a page at a time by each WARNING URL's id_min`, { timeout: 300_000 }, async () => {
    expectEachOnce(await notScannedSince());
  });

  // [Q] 1965 is the rate limit's refusal (docs/fidelity.md §8): the client sleeps the
  // X-RateLimit-ToWait-Sec it names and sends the same page's request again.
  it('waits out a 409 1965 on its third page and still gets each host once', { timeout: 300_000 }, async () => {
    await emulator.faults.set({ rules: [{ path: HOST_LIST, action: 'list', code: '1965', wait_sec: 1, after: 2, times: 1 }] });
    const since = new Date();
    const hosts = await notScannedSince();
    const pages = HOSTS / emulator.config.pageSize;
    expect((await emulator.requests({ path: HOST_LIST, since })).map((r) => r.code ?? r.status)).toEqual([200, 200, '1965', ...Array(pages - 2).fill(200)]);
    expect((await emulator.faults.get()).rules).toEqual([]);
    expectEachOnce(hosts);
  });
});
