import { beforeEach, describe, expect, it } from 'vitest';
import { all, AUTH, call, DOCKER, expectError, startTestEmulator, text } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';

const emulator = await startTestEmulator();

beforeEach(() => emulator.reset());

const list = () => call(emulator, DOCKER, { query: { action: 'list' } });
const create = (title: string, ip: string) => call(emulator, DOCKER, { form: { action: 'create', title, ips: ip } });

describe('/_emulator/faults', () => {
  it('answers a matching call with the chosen status, CODE and TEXT, then expires after `times`', async () => {
    const put = await admin(emulator, 'PUT', 'faults', {
      seed: 7,
      rules: [{ path: DOCKER, action: 'create', method: 'post', status: 503, code: '999', text: 'Service down for maintenance', times: 2 }],
    });
    expect(put.json).toEqual({ seed: 7, rules: [{ path: DOCKER, action: 'create', method: 'POST', status: 503, code: '999', text: 'Service down for maintenance', times: 2 }] });
    // Other actions are untouched.
    expect((await list()).status).toBe(200);
    expectError(await create('a', '10.0.0.1'), 503, '999', 'Service down for maintenance');
    expect((await admin(emulator, 'GET', 'faults')).json.rules[0].times).toBe(1);
    expectError(await create('a', '10.0.0.1'), 503, '999', 'Service down for maintenance');
    expect((await admin(emulator, 'GET', 'faults')).json.rules).toEqual([]);
    const created = await create('a', '10.0.0.1');
    expect(created.status).toBe(200);
    // The faulted calls changed nothing: the first real create got ID 1.
    expect(text(created.root, 'RESPONSE/BATCH_LIST/BATCH/ID_SET/ID')).toBe('1');
    const journal = (await admin(emulator, 'GET', 'requests?action=create')).json.requests;
    expect(journal.map((r) => [r.status, r.code])).toEqual([[503, '999'], [503, '999'], [200, null]]);
  });

  it('mimics the real 1965 envelope: TEXT, ITEM_LIST and X-RateLimit-ToWait-Sec', async () => {
    await admin(emulator, 'PUT', 'faults', { rules: [{ code: '1965', wait_sec: 42 }] });
    const res = await list();
    expectError(res, 409, '1965', 'This API cannot be run again for another 42 seconds.');
    expect(all(res.root, 'RESPONSE/ITEM_LIST', 'ITEM').map((i) => [text(i, 'KEY'), text(i, 'VALUE')])).toEqual([['SECONDS_TO_WAIT', '42']]);
    expect(res.headers.get('X-RateLimit-ToWait-Sec')).toBe('42');
    expect(res.headers.get('X-RateLimit-Remaining')).toBe('0');
    expect(res.headers.get('X-RateLimit-Limit')).toBe('300');
  });

  it('drops the connection without an answer', async () => {
    await admin(emulator, 'PUT', 'faults', { rules: [{ action: 'list', drop: true, times: 1 }] });
    await expect(fetch(`${emulator.url}${DOCKER}?action=list`, { headers: { Authorization: AUTH, 'X-Requested-With': 'x' } })).rejects.toThrow();
    expect((await list()).status).toBe(200);
    const [dropped] = (await admin(emulator, 'GET', 'requests')).json.requests;
    expect(dropped).toMatchObject({ action: 'list', status: null, code: null });
  });

  it('with only delay_ms, still gives the normal answer', async () => {
    await admin(emulator, 'PUT', 'faults', { rules: [{ delay_ms: 50 }] });
    const res = await create('slow', '10.0.0.2');
    expect(res.status).toBe(200);
    expect(text(res.root, 'RESPONSE/BATCH_LIST/BATCH/TEXT')).toBe('Successfully Created');
  });

  it('draws probabilities from a seeded PRNG: the same seed replays the same faults', async () => {
    const run = async (seed: number) => {
      await admin(emulator, 'PUT', 'faults', { seed, rules: [{ action: 'list', status: 500, probability: 0.5 }] });
      const statuses = [];
      for (let i = 0; i < 16; i++) statuses.push((await list()).status);
      return statuses;
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run(43)).not.toEqual(first);
    await admin(emulator, 'PUT', 'faults', { rules: [{ status: 500, probability: 0 }] });
    expect((await list()).status).toBe(200);
  });

  it('picks a seed when none is given and shows it, so a run can be replayed', async () => {
    const { json } = await admin(emulator, 'PUT', 'faults', { rules: [] });
    expect(Number.isInteger(json.seed)).toBe(true);
  });

  it('is cleared by DELETE and by reset', async () => {
    await admin(emulator, 'PUT', 'faults', { rules: [{ status: 500 }] });
    expect((await admin(emulator, 'DELETE', 'faults')).json.rules).toEqual([]);
    expect((await list()).status).toBe(200);
    await admin(emulator, 'PUT', 'faults', { rules: [{ status: 500 }] });
    await emulator.reset();
    expect((await list()).status).toBe(200);
  });

  it('refuses invalid rules with a JSON 400 and keeps the rules it had', async () => {
    await admin(emulator, 'PUT', 'faults', { rules: [{ status: 500, action: 'create' }] });
    for (const body of [
      { rules: [{ status: 99 }] },
      { rules: [{ probability: 2, status: 500 }] },
      { rules: [{ times: 0, status: 500 }] },
      { rules: [{ drop: true, status: 500 }] },
      { rules: [{ path: DOCKER }] },
      { rules: [{ status: 500, colour: 'red' }] },
      { rules: {} },
      { seed: -1 },
      [],
    ]) {
      const res = await admin(emulator, 'PUT', 'faults', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error).toBeTypeOf('string');
    }
    expect((await admin(emulator, 'GET', 'faults')).json.rules).toEqual([{ status: 500, action: 'create' }]);
  });

  it('refuses statuses that cannot carry a SIMPLE_RETURN, naming the field', async () => {
    await admin(emulator, 'PUT', 'faults', { rules: [{ status: 500, action: 'create' }] });
    for (const status of [100, 101, 199, 204, 205, 304, 600]) {
      const res = await admin(emulator, 'PUT', 'faults', { rules: [{ action: 'list', delay_ms: 1 }, { action: 'list', status }] });
      expect(res.status, String(status)).toBe(400);
      expect(res.json.error).toMatch(/^rules\[1\]\.status must be /);
    }
    expect((await admin(emulator, 'GET', 'faults')).json.rules).toEqual([{ status: 500, action: 'create' }]);
  });

  it.each([200, 302, 599])('answers a fault with status %i as a SIMPLE_RETURN', async (status) => {
    await admin(emulator, 'PUT', 'faults', { rules: [{ action: 'list', status, text: 'Injected' }] });
    expectError(await list(), status, '999', 'Injected');
  });
});
