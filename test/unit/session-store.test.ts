import { describe, expect, it } from 'vitest';
import { MAX_SESSIONS, SessionStore } from '../../src/session/session-store.js';

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

describe('SessionStore bounds', () => {
  it('keeps at most the session limit: a login beyond it ends the session used least recently', () => {
    let now = 0;
    const store = new SessionStore(60_000, () => now, 3);
    const [a, b, c] = ['a', 'b', 'c'].map((user) => store.open(user));
    now = 1;
    expect(store.use(a)).toBe('a'); // a is now the most recently used; b the least
    const d = store.open('d');
    expect(store.use(b)).toBeUndefined();
    expect([store.use(a), store.use(c), store.use(d)]).toEqual(['a', 'c', 'd']);
  });

  it('ends an expired session at the next login even when a later-opened one was used since', () => {
    let now = 0;
    const store = new SessionStore(1000, () => now, 2);
    const a = store.open('a');
    now = 500;
    const b = store.open('b');
    now = 900;
    expect(store.use(a)).toBe('a');
    now = 1600; // b idle 1100 ms: expired; a idle 700 ms
    store.open('c');
    expect(store.use(b)).toBeUndefined();
    expect(store.use(a)).toBe('a');
  });

  it('holds MAX_SESSIONS by default, enough for a CI fleet that never logs out', () => {
    expect(MAX_SESSIONS).toBeGreaterThanOrEqual(1000);
    const store = new SessionStore(60_000);
    const first = store.open('x');
    for (let i = 0; i < MAX_SESSIONS; i++) store.open('x');
    expect(store.use(first)).toBeUndefined();
  });
});
