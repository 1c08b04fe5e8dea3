import { describe, expect, it } from 'vitest';
import { JsonError, type ScanJson } from '../../src/index.js';
import { admin } from '../helpers/admin.js';
import { call, startTestEmulator, text } from '../helpers/emulator.js';

const emulator = await startTestEmulator({ scanStepSeconds: 0 });
await emulator.seed({
  ips: [{ ips: '10.2.0.0/24', enable_vm: 1 }],
  records: [],
  scans: [{ ip: '10.2.0.1-10.2.0.2', option_title: 'Initial Options', scan_title: 'Seeded' }],
});
const latest = async () => (await admin(emulator, 'GET', 'scans')).json as unknown as { scans: ScanJson[] };
const state = async (ref: string) =>
  text((await call(emulator, '/api/2.0/fo/scan/', { query: { action: 'list', scan_ref: ref } })).root, 'RESPONSE/SCAN_LIST/SCAN/STATUS/STATE');

describe('the scan controls', () => {
  it('list, step, force and fail authentication from the handle, as a client then sees', async () => {
    const { scans } = await latest();
    expect(scans).toHaveLength(1);
    const { ref } = scans[0];
    expect(scans[0]).toMatchObject({ kind: 'vm', type: 'API', title: 'Seeded', state: 'Queued', processed: false, target: ['10.2.0.1-10.2.0.2'] });
    expect((await emulator.scans.step(ref)).scan.state).toBe('Running');
    expect(await state(ref)).toBe('Running');
    const failed = await emulator.scans.failAuth(ref, 'unix', '10.2.0.2');
    expect(failed.scan.auth.find((h) => h.ip === '10.2.0.2')?.technologies).toContainEqual({ type: 'unix', status: 'Failed' });
    expect((await emulator.scans.force(ref, 'Error')).scan.state).toBe('Error');
    expect(await state(ref)).toBe('Error');
    await expect(emulator.scans.step(ref)).rejects.toMatchObject({ status: 400 });
    await expect(emulator.scans.step('scan/1.99999')).rejects.toBeInstanceOf(JsonError);
    await expect(emulator.scans.force(ref, 'Sleeping' as 'Error')).rejects.toMatchObject({ status: 400 });
  });

  it('refuses over the admin API what it does not know, changing nothing', async () => {
    const { ref } = (await latest()).scans[0];
    expect((await admin(emulator, 'POST', 'scans/step', { ref, extra: 1 })).status).toBe(400);
    expect((await admin(emulator, 'POST', 'scans/auth', { ref, technology: 'unix', ips: '10.2.0.1', status: 'Passed' })).status).toBe(400);
    expect((await admin(emulator, 'POST', 'scans/auth', { ref, technology: 'unix', ips: 'nonsense', status: 'Failed' })).status).toBe(400);
    expect((await admin(emulator, 'POST', 'scans/step', { ref: 'scan/1.99999' })).status).toBe(400);
    expect((await admin(emulator, 'GET', 'scans/step')).status).toBe(405);
    expect(await state(ref)).toBe('Error');
  });

  it('a reset empties the scans', async () => {
    await emulator.reset();
    expect((await latest()).scans).toEqual([]);
  });
});
