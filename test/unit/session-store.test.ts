import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/session/session-store.js';

describe('SessionStore', () => {
  it('expires a session after the idle time, each use restarting the clock', () => {
    let now = 0;
    const store = new SessionStore(1000, () => now);
    const token = store.open('alice');
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    now = 1000;
    expect(store.use(token)).toBe('alice');
    now = 2000;
    expect(store.use(token)).toBe('alice');
    now = 3001;
    expect(store.use(token)).toBeUndefined();
    now = 3002;
    expect(store.use(token)).toBeUndefined();
  });

  it('ends a session at close, and knows no made-up token', () => {
    const store = new SessionStore(1000);
    const token = store.open('bob');
    store.close(token);
    expect(store.use(token)).toBeUndefined();
    expect(store.use('f'.repeat(32))).toBeUndefined();
  });
});
