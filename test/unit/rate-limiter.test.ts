import { describe, expect, it } from 'vitest';
import { RateLimiter, type RateLimitSettings } from '../../src/http/rate-limit.js';

/** A limiter on a clock the test moves by hand. */
function limiter(settings: Partial<RateLimitSettings>) {
  const s: RateLimitSettings = { enforce: true, limit: 3, windowSec: 10, concurrency: 2, ...settings };
  let now = 1_000_000;
  const l = new RateLimiter(
    () => s,
    () => now,
  );
  const admit = (user = 'u', endpoint = '/e/') => {
    const a = l.admit(user, endpoint);
    a.release();
    return { code: a.refusal?.code, headers: Object.fromEntries(a.headers) };
  };
  return { l, admit, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('counts over a rolling window and says how long to wait for the oldest call to leave it', () => {
    const { admit, advance } = limiter({});
    expect(admit().code).toBeUndefined();
    advance(4000);
    admit();
    advance(4000);
    admit();
    advance(500);
    // Calls at 0, 4 and 8 s; at 8.5 s the first leaves the window at 10 s: wait 1.5 s, rounded up.
    const refused = admit();
    expect(refused.code).toBe('1965');
    expect(refused.headers['X-RateLimit-ToWait-Sec']).toBe('2');
    advance(1500);
    expect(admit().code).toBeUndefined();
    // The refused call did not count: calls at 4, 8 and 10 s fill the window until 14 s.
    advance(3999);
    expect(admit().code).toBe('1965');
    advance(1);
    expect(admit().code).toBeUndefined();
  });

  it('keeps the last `limit` calls however many come, and waits for the oldest of them', () => {
    const s: RateLimitSettings = { enforce: false, limit: 3, windowSec: 10, concurrency: 2 };
    let now = 0;
    const l = new RateLimiter(
      () => s,
      () => now,
    );
    // 20 calls a second apart without enforcement: the window has held the last three, at 17, 18 and 19 s
    for (let i = 0; i < 20; i++, now += 1000) l.admit('u', '/e/').release();
    now = 19_500;
    s.enforce = true;
    const refused = l.admit('u', '/e/');
    expect(refused.refusal?.code).toBe('1965');
    // the oldest kept (17 s) leaves the window at 27 s
    expect(Object.fromEntries(refused.headers)['X-RateLimit-ToWait-Sec']).toBe('8');
    expect(l.state()[0]).toMatchObject({ calls_in_window: 3, remaining: 0, oldest_leaves_in_sec: 8 });
  });

  it('grows its window as calls come, past its first size, still keeping the last `limit`', () => {
    const s: RateLimitSettings = { enforce: false, limit: 40, windowSec: 1000, concurrency: 2 };
    let now = 0;
    const l = new RateLimiter(
      () => s,
      () => now,
    );
    const calls = (n: number) => {
      for (let i = 0; i < n; i++, now += 1000) l.admit('u', '/e/').release();
    };
    calls(25);
    expect(l.state()[0]).toMatchObject({ calls_in_window: 25, remaining: 15 });
    calls(75);
    // calls at 0..99 s: the window keeps the last 40, from 60 s; the oldest leaves at 1060 s
    now = 100_000;
    expect(l.state()[0]).toMatchObject({ calls_in_window: 40, remaining: 0, oldest_leaves_in_sec: 960 });
    now = 1_060_000;
    expect(l.state()[0]).toMatchObject({ calls_in_window: 39 });
  });

  it('keeps separate counts per user and per endpoint, and restarts them on demand', () => {
    const { l, admit } = limiter({ limit: 1 });
    admit('a', '/x/');
    expect(admit('a', '/x/').code).toBe('1965');
    expect(admit('b', '/x/').code).toBeUndefined();
    expect(admit('a', '/y/').code).toBeUndefined();
    l.restart();
    expect(admit('a', '/x/').code).toBeUndefined();
  });

  it('checks concurrency first, and releases a slot once', () => {
    const { l } = limiter({ limit: 1, concurrency: 1 });
    const first = l.admit('u', '/e/');
    const second = l.admit('u', '/e/');
    expect(second.refusal?.code).toBe('1960');
    expect(Object.fromEntries(first.headers)['X-Concurrency-Limit-Running']).toBe('0');
    expect(Object.fromEntries(second.headers)['X-Concurrency-Limit-Running']).toBe('1');
    first.release();
    first.release();
    expect(l.admit('u', '/e/').refusal?.code).toBe('1965');
  });

  it('without enforcement counts but never refuses', () => {
    const { admit } = limiter({ enforce: false, limit: 1 });
    expect(admit().headers['X-RateLimit-Remaining']).toBe('1');
    const again = admit();
    expect(again.code).toBeUndefined();
    expect(again.headers).toMatchObject({ 'X-RateLimit-Remaining': '1', 'X-RateLimit-ToWait-Sec': '0' });
  });
});
