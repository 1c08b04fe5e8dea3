import { beforeEach, describe, expect, it } from 'vitest';
import { all, AUTH, call, DOCKER, expectError, startTestEmulator, text } from '../helpers/emulator.js';
import { admin } from '../helpers/admin.js';
import { MAX_RULES } from '../../src/controls/faults.js';

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
    expect(put.json).toEqual({
      seed: 7,
      rules: [{ id: 1, path: DOCKER, action: 'create', method: 'POST', status: 503, code: '999', text: 'Service down for maintenance', times: 2 }],
    });
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
    expect(journal.map((r) => [r.status, r.code])).toEqual([
      [503, '999'],
      [503, '999'],
      [200, null],
    ]);
  });

  it('mimics the real 1965 envelope: TEXT, ITEM_LIST and X-RateLimit-ToWait-Sec', async () => {
    await admin(emulator, 'PUT', 'faults', { rules: [{ code: '1965', wait_sec: 42 }] });
    const res = await list();
    expectError(res, 409, '1965', 'This API cannot be run again for another 0 hours, 0 minutes and 42 seconds.');
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

  describe('`after`: the Nth matching call', () => {
    const statuses = async (n: number) => {
      const out = [];
      for (let i = 0; i < n; i++) out.push((await list()).status);
      return out;
    };

    it('lets the first `after` matching calls through, counting down, then applies `times` times', async () => {
      const put = await admin(emulator, 'PUT', 'faults', { rules: [{ path: DOCKER, action: 'list', code: '1965', after: 2, times: 1 }] });
      expect(put.json.rules).toEqual([{ id: 1, path: DOCKER, action: 'list', code: '1965', after: 2, times: 1 }]);
      expect((await list()).status).toBe(200);
      // a call the rule does not match is not counted
      expect((await create('a', '10.0.0.1')).status).toBe(200);
      expect((await admin(emulator, 'GET', 'faults')).json.rules).toEqual([{ id: 1, path: DOCKER, action: 'list', code: '1965', after: 1, times: 1 }]);
      expect((await list()).status).toBe(200);
      expect((await admin(emulator, 'GET', 'faults')).json.rules).toEqual([{ id: 1, path: DOCKER, action: 'list', code: '1965', times: 1 }]);
      expectError(await list(), 409, '1965', 'This API cannot be run again for another 0 hours, 0 minutes and 1 seconds.');
      expect(await statuses(2)).toEqual([200, 200]);
      expect((await admin(emulator, 'GET', 'faults')).json.rules).toEqual([]);
      const journal = (await admin(emulator, 'GET', 'requests?action=list')).json.requests;
      expect(journal.map((r) => [r.status, r.code])).toEqual([
        [200, null],
        [200, null],
        [409, '1965'],
        [200, null],
        [200, null],
      ]);
    });

    it('passes a call it lets through on to the rules after it', async () => {
      await admin(emulator, 'PUT', 'faults', {
        rules: [
          { action: 'list', status: 503, after: 1 },
          { action: 'list', status: 500, times: 1 },
        ],
      });
      expect(await statuses(3)).toEqual([500, 503, 503]);
    });

    it('draws no probability number for the calls it lets through', async () => {
      const run = async (after?: number) => {
        await admin(emulator, 'PUT', 'faults', { seed: 42, rules: [{ action: 'list', status: 500, probability: 0.5, after }] });
        return statuses(after === undefined ? 12 : 12 + after);
      };
      const straight = await run();
      expect(straight).toContain(500);
      expect(straight).toContain(200);
      expect(await run(3)).toEqual([200, 200, 200, ...straight]);
    });

    it('refuses an `after` that is not a whole number from 0, naming the field; 0 applies at once', async () => {
      await admin(emulator, 'PUT', 'faults', { rules: [{ status: 500, action: 'create' }] });
      for (const after of [-1, 1.5, '2', null, true, Number.MAX_SAFE_INTEGER + 1]) {
        const res = await admin(emulator, 'PUT', 'faults', {
          rules: [
            { action: 'list', delay_ms: 1 },
            { action: 'list', status: 500, after },
          ],
        });
        expect(res.status, String(after)).toBe(400);
        expect(res.json.error).toMatch(/^rules\[1\]\.after must be a whole number from 0 to /);
      }
      expect((await admin(emulator, 'GET', 'faults')).json.rules).toEqual([{ id: 1, status: 500, action: 'create' }]);
      expect((await admin(emulator, 'PUT', 'faults', { rules: [{ action: 'list', status: 500, after: 0 }] })).json.rules).toEqual([
        { id: 2, action: 'list', status: 500 },
      ]);
      expect((await list()).status).toBe(500);
    });
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
    expect((await admin(emulator, 'GET', 'faults')).json.rules).toEqual([{ id: 1, status: 500, action: 'create' }]);
  });

  it('refuses statuses that cannot carry a SIMPLE_RETURN, naming the field', async () => {
    await admin(emulator, 'PUT', 'faults', { rules: [{ status: 500, action: 'create' }] });
    for (const status of [100, 101, 199, 204, 205, 304, 600]) {
      const res = await admin(emulator, 'PUT', 'faults', {
        rules: [
          { action: 'list', delay_ms: 1 },
          { action: 'list', status },
        ],
      });
      expect(res.status, String(status)).toBe(400);
      expect(res.json.error).toMatch(/^rules\[1\]\.status must be /);
    }
    expect((await admin(emulator, 'GET', 'faults')).json.rules).toEqual([{ id: 1, status: 500, action: 'create' }]);
  });

  it.each([200, 302, 599])('answers a fault with status %i as a SIMPLE_RETURN', async (status) => {
    await admin(emulator, 'PUT', 'faults', { rules: [{ action: 'list', status, text: 'Injected' }] });
    expectError(await list(), status, '999', 'Injected');
  });

  describe('one rule at a time', () => {
    const ids = async () => (await admin(emulator, 'GET', 'faults')).json.rules.map((r) => r.id);

    it('POST adds rules after those in force, numbered on; DELETE /faults/ID removes one', async () => {
      await admin(emulator, 'PUT', 'faults', {
        rules: [
          { action: 'list', status: 500 },
          { action: 'create', status: 501 },
        ],
      });
      const added = await admin(emulator, 'POST', 'faults', { rules: [{ action: 'list', status: 502 }] });
      expect(added.status).toBe(200);
      expect(added.json.rules.map((r) => [r.id, r.status])).toEqual([
        [1, 500],
        [2, 501],
        [3, 502],
      ]);
      // First match wins: the older list rule still answers.
      expectError(await list(), 500, '999', /./);
      const removed = await admin(emulator, 'DELETE', 'faults/1');
      expect(removed.status).toBe(200);
      expect(removed.json.rules.map((r) => r.id)).toEqual([2, 3]);
      expectError(await list(), 502, '999', /./);
      expectError(await create('a', '10.0.0.1'), 501, '999', /./);
    });

    it('answers 404 for a rule not in force, used up or never made, and changes nothing', async () => {
      await admin(emulator, 'PUT', 'faults', {
        rules: [
          { action: 'list', status: 500, times: 1 },
          { action: 'create', status: 501 },
        ],
      });
      expectError(await list(), 500, '999', /./);
      for (const id of ['1', '3', '0', 'abc']) {
        const res = await admin(emulator, 'DELETE', `faults/${id}`);
        expect(res.status, id).toBe(404);
        expect(res.json.error).toBe(`No fault rule ${id} is in force (a rule with times is gone once used up)`);
      }
      expect(await ids()).toEqual([2]);
    });

    it("never gives a removed rule's ID to another until a reset, which numbers from 1 again", async () => {
      await admin(emulator, 'PUT', 'faults', { rules: [{ status: 500 }] });
      await admin(emulator, 'DELETE', 'faults');
      await admin(emulator, 'PUT', 'faults', { rules: [{ status: 500 }] });
      await admin(emulator, 'DELETE', 'faults/2');
      await admin(emulator, 'POST', 'faults', { rules: [{ status: 500 }] });
      expect(await ids()).toEqual([3]);
      await emulator.reset();
      await admin(emulator, 'POST', 'faults', { rules: [{ status: 500 }] });
      expect(await ids()).toEqual([1]);
    });

    it('takes back what GET shows, IDs and all, numbering the rules afresh', async () => {
      await admin(emulator, 'PUT', 'faults', { seed: 5, rules: [{ action: 'list', status: 500 }] });
      const shown = (await admin(emulator, 'GET', 'faults')).json;
      const put = await admin(emulator, 'PUT', 'faults', shown);
      expect(put.status).toBe(200);
      expect(put.json).toEqual({ seed: 5, rules: [{ id: 2, action: 'list', status: 500 }] });
    });

    it('POST keeps the seed and where the PRNG is, so a run replays with or without it', async () => {
      const rule = { action: 'list', status: 500, probability: 0.5 };
      const statuses = async (n: number) => {
        const out = [];
        for (let i = 0; i < n; i++) out.push((await list()).status);
        return out;
      };
      await admin(emulator, 'PUT', 'faults', { seed: 42, rules: [rule] });
      const straight = await statuses(12);
      await admin(emulator, 'PUT', 'faults', { seed: 42, rules: [rule] });
      const before = await statuses(6);
      const added = await admin(emulator, 'POST', 'faults', { rules: [{ action: 'create', delay_ms: 1 }] });
      expect(added.json.seed).toBe(42);
      expect([...before, ...(await statuses(6))]).toEqual(straight);
      expect(straight).toContain(500);
      expect(straight).toContain(200);
    });

    it('refuses a POST it cannot take whole with a JSON 400, adding nothing', async () => {
      await admin(emulator, 'PUT', 'faults', { seed: 9, rules: [{ action: 'create', status: 500 }] });
      for (const body of [{}, { rules: {} }, { rules: [{ status: 500 }, { status: 99 }] }, { seed: 1, rules: [] }, []]) {
        const res = await admin(emulator, 'POST', 'faults', body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.json.error).toBeTypeOf('string');
      }
      expect((await admin(emulator, 'GET', 'faults')).json).toEqual({ seed: 9, rules: [{ id: 1, action: 'create', status: 500 }] });
      // nor did it use up an ID
      expect((await admin(emulator, 'POST', 'faults', { rules: [{ status: 500 }] })).json.rules.map((r) => r.id)).toEqual([1, 2]);
    });

    it('bounds the strings a rule keeps: 4096 characters of text, 1024 of the others', async () => {
      const long = (n: number) => 'x'.repeat(n);
      expect(
        (await admin(emulator, 'POST', 'faults', { rules: [{ path: long(1024), action: long(1024), method: long(1024), code: long(1024), text: long(4096) }] }))
          .status,
      ).toBe(200);
      for (const [field, n, max] of [
        ['text', 4097, 4096],
        ['path', 1025, 1024],
        ['action', 1025, 1024],
        ['method', 1025, 1024],
        ['code', 1025, 1024],
      ] as const) {
        const res = await admin(emulator, 'POST', 'faults', { rules: [{ status: 500, [field]: long(n) }] });
        expect(res.status, field).toBe(400);
        expect(res.json.error).toBe(`rules[0].${field} must be at most ${max} characters`);
      }
      expect(await ids()).toEqual([1]);
    });

    it(`holds at most ${MAX_RULES} rules in force, however they come`, async () => {
      const many = (n: number) => Array.from({ length: n }, () => ({ action: 'create', delay_ms: 1 }));
      const tooMany = await admin(emulator, 'PUT', 'faults', { rules: many(MAX_RULES + 1) });
      expect(tooMany.status).toBe(400);
      expect(tooMany.json.error).toBe(`At most ${MAX_RULES} fault rules can be in force: 0 are, and this adds ${MAX_RULES + 1}`);
      expect((await admin(emulator, 'PUT', 'faults', { rules: many(MAX_RULES - 1) })).status).toBe(200);
      expect((await admin(emulator, 'POST', 'faults', { rules: many(1) })).status).toBe(200);
      const full = await admin(emulator, 'POST', 'faults', { rules: many(1) });
      expect(full.status).toBe(400);
      expect(full.json.error).toBe(`At most ${MAX_RULES} fault rules can be in force: ${MAX_RULES} are, and this adds 1`);
      expect(await ids()).toHaveLength(MAX_RULES);
    });
  });
});
