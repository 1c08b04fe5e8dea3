import { beforeEach, describe, expect, it } from 'vitest';
import { JsonError } from '../../src/index.js';
import { call, DOCKER, expectError, startTestEmulator } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';

const emulator = await startTestEmulator();

beforeEach(() => emulator.reset());

const list = () => call(emulator, DOCKER, { query: { action: 'list' } });

describe('the programmatic handle: faults and the journal without HTTP', () => {
  it('sets, adds, removes and clears fault rules as /_emulator/faults does, and the API obeys them', async () => {
    const set = await emulator.faults.set({ seed: 4, rules: [{ action: 'list', status: 503, text: 'Down' }] });
    expect(set).toEqual({ seed: 4, rules: [{ id: 1, action: 'list', status: 503, text: 'Down' }] });
    expectError(await list(), 503, '999', 'Down');
    const added = await emulator.faults.add([{ action: 'create', status: 500 }]);
    expect(added.rules.map((r) => r.id)).toEqual([1, 2]);
    expect(await emulator.faults.get()).toEqual((await admin(emulator, 'GET', 'faults')).json);
    expect((await emulator.faults.remove(1)).rules.map((r) => r.id)).toEqual([2]);
    expect((await list()).status).toBe(200);
    expect((await emulator.faults.clear()).rules).toEqual([]);
  });

  it('rejects what the admin API refuses, with its status and message, and changes nothing', async () => {
    await emulator.faults.set({ seed: 4, rules: [{ action: 'list', status: 503 }] });
    const refusals: [Promise<unknown>, number, string][] = [
      [
        emulator.faults.add([{ status: 500 }, { action: 'list' }]),
        400,
        'rules[1] does nothing: give status, code or text to answer, delay_ms to slow down, or drop',
      ],
      [emulator.faults.set({ seed: -1, rules: [] }), 400, 'seed must be a whole number from 0 to 4294967295'],
      [emulator.faults.remove(7), 404, 'No fault rule 7 is in force (a rule with times is gone once used up)'],
    ];
    for (const [refused, status, message] of refusals) {
      const err = await refused.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(JsonError);
      expect(err).toMatchObject({ status, message });
    }
    expect(await emulator.faults.get()).toEqual({ seed: 4, rules: [{ id: 1, action: 'list', status: 503 }] });
  });

  it('reads the journal, filtered as GET /_emulator/requests filters it', async () => {
    await call(emulator, DOCKER, { form: { action: 'create', title: 'one', ips: '10.0.0.1' } });
    await list();
    const creates = await emulator.requests({ action: 'create' });
    expect(creates).toHaveLength(1);
    expect(creates[0]).toMatchObject({ method: 'POST', status: 200, params: { action: 'create', title: 'one', ips: '10.0.0.1' } });
    expect(await emulator.requests()).toEqual((await admin(emulator, 'GET', 'requests')).json.requests);
    expect((await emulator.requests({ limit: 1 })).map((e) => e.action)).toEqual(['list']);
    expect(await emulator.requests({ status: 404 })).toEqual([]);
    expect(await emulator.requests({ status: 200 })).toHaveLength(2);
    // a Date counts to the millisecond, as the ISO time it stands for
    const last = Date.parse((await emulator.requests()).at(-1)!.time);
    expect(await emulator.requests({ since: new Date(last) })).toHaveLength(1);
    expect(await emulator.requests({ since: new Date(last + 1) })).toEqual([]);
    // copies: changing one changes nothing kept
    const [copy] = await emulator.requests({ action: 'create' });
    copy.status = 999;
    (copy.params as Record<string, string>).title = 'changed';
    expect((await emulator.requests({ action: 'create' }))[0]).toMatchObject({ status: 200, params: { title: 'one' } });
    const err = await emulator.requests({ limit: 0 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ status: 400, message: 'limit must be a whole number from 1 to 1000' });
  });
});
