import { describe, expect, it } from 'vitest';
import { call, DOCKER, expectError, startTestEmulator, text } from '../helpers/emulator.js';

const UNIX = '/api/2.0/fo/auth/unix/';
const strict = await startTestEmulator({ requireHostRecord: true });
const lenient = await startTestEmulator();

const create = (on: typeof strict, path: string, form: Record<string, string>) => call(on, path, { form: { action: 'create', ...form } });
const unix = (title: string, ips: string) => create(strict, UNIX, { title, username: 'root', password: 'p', ips });

describe('--require-host-record', () => {
  it('is off by default: a Docker record needs no Unix record', async () => {
    const res = await create(lenient, DOCKER, { title: 'alone', ips: '10.9.0.1' });
    expect(res.status, res.body).toBe(200);
  });

  it('when on, refuses Docker IPs not covered by Unix records with 1905 naming the uncovered addresses', async () => {
    expectError(
      await create(strict, DOCKER, { title: 'd', ips: '10.0.0.1' }),
      400,
      '1905',
      'parameter ips has invalid value: 10.0.0.1 (not covered by Unix records)',
    );
    expect((await unix('u1', '10.0.0.0-10.0.0.9')).status).toBe(200);
    expect((await unix('u2', '10.0.0.20')).status).toBe(200);
    expectError(
      await create(strict, DOCKER, { title: 'd', ips: '10.0.0.5-10.0.0.21,10.0.0.30' }),
      400,
      '1905',
      'parameter ips has invalid value: 10.0.0.10-10.0.0.19, 10.0.0.21, 10.0.0.30 (not covered by Unix records)',
    );
    const ok = await create(strict, DOCKER, { title: 'd', ips: '10.0.0.5-10.0.0.9,10.0.0.20' });
    expect(ok.status, ok.body).toBe(200);
    const id = text(ok.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')!;
    expectError(
      await call(strict, DOCKER, { form: { action: 'update', ids: id, add_ips: '10.0.0.1,10.0.0.50' } }),
      400,
      '1905',
      'parameter ips has invalid value: 10.0.0.50 (not covered by Unix records)',
    );
  });
});
