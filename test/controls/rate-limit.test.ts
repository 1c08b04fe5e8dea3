import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { all, AUTH, call, DOCKER, expectError, startTestEmulator, text, USER, type XmlResponse } from '../helpers/emulator.js';
import { admin, rawHeaderOrder } from '../helpers/admin.js';

const OTHER = { login: 'other', password: 'pw2' };
const OTHER_AUTH = 'Basic ' + Buffer.from(`${OTHER.login}:${OTHER.password}`).toString('base64');
const emulator = await startTestEmulator({ users: [USER, OTHER] });

const RATE_HEADERS = [
  'X-RateLimit-Limit',
  'X-RateLimit-Window-Sec',
  'X-Concurrency-Limit-Limit',
  'X-Concurrency-Limit-Running',
  'X-RateLimit-ToWait-Sec',
  'X-RateLimit-Remaining',
];
const rateHeaders = (res: XmlResponse) => Object.fromEntries(RATE_HEADERS.map((h) => [h, res.headers.get(h)]));
const list = (auth?: string) => call(emulator, DOCKER, { query: { action: 'list' }, auth });

/** A Qualys client's backoff: on a 409 it sleeps X-RateLimit-ToWait-Sec seconds and tries again. */
async function withBackoff(send: () => Promise<XmlResponse>, maxAttempts = 5): Promise<{ res: XmlResponse; attempts: number; waited: number[] }> {
  const waited: number[] = [];
  for (let attempt = 1; ; attempt++) {
    const res = await send();
    if (res.status !== 409 || attempt === maxAttempts) return { res, attempts: attempt, waited };
    const seconds = Number(res.headers.get('X-RateLimit-ToWait-Sec'));
    waited.push(seconds);
    await sleep(seconds * 1000);
  }
}

beforeEach(async () => {
  await emulator.reset();
  await admin(emulator, 'PATCH', 'config', { rate_limit: { enforce: false, limit: 300, window_sec: 3600, concurrency: 2 } });
});

describe('rate-limit headers (docs/fidelity.md §8)', () => {
  it('come on every API answer, success or error, in the documented order', async () => {
    const order = await rawHeaderOrder(emulator, `${DOCKER}?action=list`, { Authorization: AUTH, 'X-Requested-With': 'vitest' });
    expect(order.filter((h) => h.startsWith('X-RateLimit') || h.startsWith('X-Concurrency'))).toEqual(RATE_HEADERS);
    const ok = await list();
    expect(rateHeaders(ok)).toEqual({
      'X-RateLimit-Limit': '300',
      'X-RateLimit-Window-Sec': '3600',
      'X-Concurrency-Limit-Limit': '2',
      'X-Concurrency-Limit-Running': '0',
      'X-RateLimit-ToWait-Sec': '0',
      'X-RateLimit-Remaining': '298',
    });
    const refused = await call(emulator, DOCKER, { query: { action: 'nope' } });
    expectError(refused, 400, '1905', 'parameter action has invalid value: nope');
    expect(refused.headers.get('X-RateLimit-Remaining')).toBe('297');
    const noHeader = await call(emulator, DOCKER, { query: { action: 'list' }, xrw: null });
    expect(noHeader.status).toBe(400);
    expect(noHeader.headers.get('X-RateLimit-Limit')).toBe('300');
  });

  it('count in X-Concurrency-Limit-Running the other calls running, not the one answered', async () => {
    // Every answer captured from the live service (2017 EU, 2020 and 2022 US) says 0 for a lone call.
    expect((await list()).headers.get('X-Concurrency-Limit-Running')).toBe('0');
    await admin(emulator, 'PUT', 'faults', { rules: [{ path: DOCKER, action: 'list', delay_ms: 1000, times: 1 }] });
    const slow = list();
    await sleep(100);
    // the slow call still runs while this one is answered
    expect((await list()).headers.get('X-Concurrency-Limit-Running')).toBe('1');
    expect((await slow).headers.get('X-Concurrency-Limit-Running')).toBe('0');
  });

  it('are left off answers to unauthenticated calls, which count against nobody', async () => {
    const res = await call(emulator, DOCKER, { query: { action: 'list' }, auth: 'Basic bm86bm8=' });
    expectError(res, 401, '2000', 'Bad Login/Password');
    for (const h of RATE_HEADERS) expect(res.headers.get(h)).toBeNull();
  });

  it('count per user: one user reaching the limit leaves another untouched', async () => {
    await admin(emulator, 'PATCH', 'config', { rate_limit: { limit: 2 } });
    await list();
    expect((await list()).headers.get('X-RateLimit-Remaining')).toBe('1');
    expect((await list(OTHER_AUTH)).headers.get('X-RateLimit-Remaining')).toBe('1');
  });

  it('without enforcement, never refuse and never show Remaining below 1', async () => {
    await admin(emulator, 'PATCH', 'config', { rate_limit: { limit: 3 } });
    const remaining = [];
    for (let i = 0; i < 5; i++) {
      const res = await list();
      expect(res.status).toBe(200);
      remaining.push(res.headers.get('X-RateLimit-Remaining'));
    }
    expect(remaining).toEqual(['2', '1', '1', '1', '1']);
  });
});

describe('rate-limit enforcement', () => {
  it('answers the fourth call of a 3-call window with 409, CODE 1965, the TEXT, ITEM and headers', async () => {
    const patched = await admin(emulator, 'PATCH', 'config', { rate_limit: { enforce: true, limit: 3 } });
    expect(patched.json.rate_limit).toEqual({ enforce: true, limit: 3, window_sec: 3600, concurrency: 2 });
    for (let i = 0; i < 3; i++) expect((await list()).status).toBe(200);
    const res = await list();
    const words = /^This API cannot be run again for another (\d+) hours, (\d+) minutes and (\d+) seconds\.$/;
    expectError(res, 409, '1965', words);
    const [hours, minutes, seconds] = words.exec(text(res.root, 'RESPONSE/TEXT')!)!.slice(1).map(Number);
    expect(minutes).toBeLessThan(60);
    expect(seconds).toBeLessThan(60);
    const wait = String(hours * 3600 + minutes * 60 + seconds);
    expect(Number(wait)).toBeGreaterThan(3500);
    const items = all(res.root, 'RESPONSE/ITEM_LIST', 'ITEM').map((i) => [text(i, 'KEY'), text(i, 'VALUE')]);
    expect(items).toEqual([['SECONDS_TO_WAIT', wait]]);
    // [Q recorded] Running counts the other calls running: none here, the refused one never ran.
    expect(rateHeaders(res)).toMatchObject({
      'X-RateLimit-Limit': '3',
      'X-Concurrency-Limit-Running': '0',
      'X-RateLimit-ToWait-Sec': wait,
      'X-RateLimit-Remaining': '0',
    });
    // A refused call is not counted, and the other user still gets through.
    expect((await list(OTHER_AUTH)).status).toBe(200);
    // Changing the settings starts the count afresh.
    await admin(emulator, 'PATCH', 'config', { rate_limit: { window_sec: 60 } });
    expect((await list()).headers.get('X-RateLimit-Remaining')).toBe('2');
  });

  it('is reset by POST /_emulator/reset', async () => {
    await admin(emulator, 'PATCH', 'config', { rate_limit: { enforce: true, limit: 1 } });
    expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(409);
    await admin(emulator, 'POST', 'reset');
    expect((await list()).status).toBe(200);
  });

  it('refuses a call over the concurrency limit with 1960 and CALLS_TO_FINISH', async () => {
    await admin(emulator, 'PATCH', 'config', { rate_limit: { enforce: true, concurrency: 1 } });
    // A slow answer holds the only slot while the second call arrives.
    await admin(emulator, 'PUT', 'faults', { rules: [{ path: DOCKER, action: 'list', delay_ms: 1500, times: 1 }] });
    const first = list();
    await sleep(100);
    const second = await list();
    expectError(second, 409, '1960', 'This API cannot be run again until 1 currently running API instance has finished.');
    expect(all(second.root, 'RESPONSE/ITEM_LIST', 'ITEM').map((i) => [text(i, 'KEY'), text(i, 'VALUE')])).toEqual([['CALLS_TO_FINISH', '1']]);
    // The slow call, really running; the refused one never ran.
    expect(second.headers.get('X-Concurrency-Limit-Running')).toBe('1');
    expect((await first).status).toBe(200);
    expect((await list()).status).toBe(200);
  });

  it('is on from the start with the start-up options', async () => {
    const limited = await startTestEmulator({ enforceRateLimits: true, rateLimit: { calls: 3, windowSec: 3600 }, concurrencyLimit: 4 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(limited, DOCKER, { query: { action: 'list' } })).status);
    expect(statuses).toEqual([200, 200, 200, 409]);
    expect((await admin(limited, 'GET', 'config')).json.rate_limit).toEqual({ enforce: true, limit: 3, window_sec: 3600, concurrency: 4 });
  });
});

describe('a client backing off on X-RateLimit-ToWait-Sec', () => {
  it('recovers from a 1965 fault', async () => {
    await admin(emulator, 'PUT', 'faults', { rules: [{ path: DOCKER, action: 'list', code: '1965', wait_sec: 1, times: 1 }] });
    const { res, attempts, waited } = await withBackoff(() => list());
    expect(res.status).toBe(200);
    expect(attempts).toBe(2);
    expect(waited).toEqual([1]);
  });

  it('recovers from real enforcement once the window has rolled on', async () => {
    await admin(emulator, 'PATCH', 'config', { rate_limit: { enforce: true, limit: 2, window_sec: 1 } });
    expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(200);
    const { res, attempts, waited } = await withBackoff(() => list());
    expect(res.status).toBe(200);
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(waited[0]).toBe(1);
  });
});
