import { afterAll, describe, expect, it } from 'vitest';
import { pythonClient, qualysapiEnv } from '../helpers/clients.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { throwAwayCert } from '../helpers/tls-cert.js';

// paragbaxi/qualysapi (test/clients/README.md) builds every URL as https://{hostname}/.
const qualysapi = pythonClient('qualysapi', ['qualysapi', 'lxml', 'requests']);
if (typeof qualysapi === 'string') console.warn(`qualysapi client tests skipped: ${qualysapi}`);

describe.skipIf(typeof qualysapi === 'string')('qualysapi, unchanged, managing asset groups and the subscription IPs (issue 22)', async () => {
  const tls = await throwAwayCert();
  const emulator = await startTestEmulator({ tlsCert: tls.cert, tlsKey: tls.key });
  afterAll(() => tls.remove());

  it('adds IPs, adds a group, edits its IPs through its AssetGroup object, is refused an IP outside the subscription, deletes it', async () => {
    const seen = await (qualysapi as Exclude<typeof qualysapi, string>).run('qualysapi/asset_groups.py', qualysapiEnv(emulator.port, tls.cert));
    expect(seen).toEqual({
      added: { code: '', text: 'Asset Group successfully added.' },
      // [Q] group IP sets keep IP_RANGE entries as given
      listed: ['10.20.0.1-10.20.0.2'],
      after_add: ['10.20.0.1-10.20.0.2', '10.20.0.5'],
      after_set: ['10.20.0.3-10.20.0.4', '10.20.0.6'],
      refused: { status: 400, code: '1905', text: 'IP(s) do not exist.' },
      after_refusal: ['10.20.0.3-10.20.0.4', '10.20.0.6'],
      deleted: { code: '', text: 'Asset Group Deleted Successfully' },
    });
  });
});
