import { afterAll, describe, expect, it } from 'vitest';
import { pythonClient, qualysapiEnv } from '../helpers/clients.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { throwAwayCert } from '../helpers/tls-cert.js';

const qualysapi = pythonClient('qualysapi', ['qualysapi', 'lxml', 'requests']);
if (typeof qualysapi === 'string') console.warn(`qualysapi client tests skipped: ${qualysapi}`);

const HOSTS = 10_000;

describe.skipIf(typeof qualysapi === 'string')('qualysapi, unchanged, paging the host list of a generated subscription (issue 23)', async () => {
  const tls = await throwAwayCert();
  const emulator = await startTestEmulator({ tlsCert: tls.cert, tlsKey: tls.key });
  afterAll(() => tls.remove());

  it(`gets each of ${HOSTS.toLocaleString('en')} hosts once, a page at a time by each WARNING URL's id_min`, { timeout: 300_000 }, async () => {
    const generated = await emulator.generateHosts({ seed: 23, count: HOSTS });
    const hosts = (await (qualysapi as Exclude<typeof qualysapi, string>).run('qualysapi/hosts_not_scanned.py', {
      ...qualysapiEnv(emulator.port, tls.cert),
      // generated hosts were last scanned before 2026: all of them, whatever today is
      QUALYS_DAYS: '0',
    })) as { id: number; ip: string; last_scan: string }[];
    expect(hosts.map((h) => h.id)).toEqual(Array.from({ length: HOSTS }, (_, n) => generated.first_id + n));
    // the client read each host's IP and parsed its LAST_VULN_SCAN_DATETIME as a date
    expect(hosts.filter((h) => !/^\d+\.\d+\.\d+\.\d+$/.test(h.ip) || !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(h.last_scan))).toEqual([]);
  });
});
