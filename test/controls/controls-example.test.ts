import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from 'qualys-emulator';

const user = { login: 'ci', password: 'ci-secret' };
const auth = 'Basic ' + Buffer.from(`${user.login}:${user.password}`).toString('base64');
let qualys: EmulatorHandle;

beforeAll(async () => {
  qualys = await startEmulator({ port: 0, users: [user] }); // in-memory database
});
afterAll(() => qualys.close());
beforeEach(() => qualys.reset()); // no records, empty journal, no faults, IDs from 1

it('creates a Docker record the way our sync job does', async () => {
  await qualys.seed({ records: [{ type: 'docker', title: 'existing', ips: '10.0.0.1' }] });

  // The code under test would send this; here it is inline.
  const res = await fetch(`${qualys.url}/api/2.0/fo/auth/docker/`, {
    method: 'POST',
    headers: { Authorization: auth, 'X-Requested-With': 'sync-job' },
    body: new URLSearchParams({ action: 'create', title: 'web-01', ips: '10.0.0.2' }),
  });
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('Successfully Created');

  // What did the client send? Ask the journal.
  const requests = await qualys.requests({ action: 'create' });
  expect(requests).toHaveLength(1);
  expect(requests[0]).toMatchObject({ user: 'ci', method: 'POST', status: 200, params: { title: 'web-01', ips: '10.0.0.2' } });
});

it('retries when Qualys says to wait', async () => {
  // The next create is refused as the real rate limit refuses it: 409, CODE 1965, SECONDS_TO_WAIT 1.
  await qualys.faults.add([{ action: 'create', code: '1965', wait_sec: 1, times: 1 }]);
  const create = () =>
    fetch(`${qualys.url}/api/2.0/fo/auth/docker/`, {
      method: 'POST',
      headers: { Authorization: auth, 'X-Requested-With': 'sync-job' },
      body: new URLSearchParams({ action: 'create', title: 'web-02', ips: '10.0.0.3' }),
    });
  const refused = await create();
  expect(refused.status).toBe(409);
  expect(refused.headers.get('X-RateLimit-ToWait-Sec')).toBe('1');
  expect((await create()).status).toBe(200);
});
