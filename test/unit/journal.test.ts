import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { heldBytes, Journal, JOURNAL_LIMITS, type JournalEntry, type JournalRecord } from '../../src/controls/journal.js';

const record = (over: Partial<JournalRecord> = {}): JournalRecord => ({
  time: Date.now(),
  user: 'u',
  method: 'POST',
  path: '/api/2.0/fo/session/',
  action: 'login',
  params: [['action', 'login']],
  status: 200,
  code: null,
  text: null,
  body: '<x/>',
  duration_ms: 1,
  ...over,
});

/** The entry `id` as the journal gives it out. */
const entry = (store: Journal, id: number): JournalEntry => [...store.entries()].find((e) => e.id === id)!;

/** 110,000 distinct names, as the 1 MiB body that once grew the heap by 17 MiB a request. */
const manyParams = (): [string, string][] => Array.from({ length: 110_000 }, (_, i) => [`p${i}`, 'v']);

describe('Journal', () => {
  it('keeps the most recent entries up to the entry limit, oldest evicted first, IDs increasing', () => {
    const store = new Journal({ entries: 3, bytes: 1 << 20 });
    for (let i = 0; i < 5; i++) store.add(record({ action: `a${i}` }));
    expect([...store.entries()].map((e) => [e.id, e.action])).toEqual([
      [3, 'a2'],
      [4, 'a3'],
      [5, 'a4'],
    ]);
    expect(store.clear()).toBe(3);
    expect([...store.entries()]).toEqual([]);
    expect(store.bytes).toBe(0);
    expect(store.add(record())).toBe(6);
  });

  it('lists by arrival time, a slow answer in its place, and polls with `after` by ID', () => {
    const store = new Journal();
    store.add(record({ time: Date.parse('2024-01-01T00:00:02.000Z'), action: 'fast' }));
    store.add(record({ time: Date.parse('2024-01-01T00:00:01.000Z'), action: 'slow' }));
    store.add(record({ time: Date.parse('2024-01-01T00:00:03.000Z'), action: 'last' }));
    expect(store.query({}).map((e) => e.action)).toEqual(['slow', 'fast', 'last']);
    expect(store.query({ after: 1 }).map((e) => e.action)).toEqual(['slow', 'last']);
    expect(store.query({ limit: 2 }).map((e) => e.action)).toEqual(['fast', 'last']);
  });

  it('cuts parameters, names, values and bodies to the limits, and says so', () => {
    const store = new Journal();
    const long = 'x'.repeat(JOURNAL_LIMITS.valueChars + 10);
    const e = entry(store, store.add(record({ params: [['a', long], ...manyParams()], body: 'b'.repeat(JOURNAL_LIMITS.bodyChars + 1) })));
    expect(Object.keys(e.params)).toHaveLength(JOURNAL_LIMITS.params);
    expect(e.params.a).toHaveLength(JOURNAL_LIMITS.valueChars);
    expect(e.params_truncated).toBe(true);
    expect(e.body).toHaveLength(JOURNAL_LIMITS.bodyChars);
    expect(e.body_truncated).toBe(true);
    const small = entry(
      store,
      store.add(
        record({
          params: [
            ['__proto__', 'x'],
            ['constructor', 'y'],
          ],
        }),
      ),
    );
    expect([small.params_truncated, small.body_truncated]).toEqual([false, false]);
    expect(JSON.parse(JSON.stringify(small.params))).toEqual(JSON.parse('{"__proto__": "x", "constructor": "y"}'));
  });

  it('never counts more than its byte limit, whatever is added', () => {
    const store = new Journal();
    const value = 'v'.repeat(2000);
    const params = manyParams().map(([k]) => [`${k}${'n'.repeat(300)}`, value] as [string, string]);
    const [body, text, path] = ['b'.repeat(200_000), 't'.repeat(100_000), `/api/${'p'.repeat(100_000)}`];
    for (let i = 0; i < 300; i++) {
      store.add(record({ params, body, text, path }));
      expect(store.bytes).toBeLessThanOrEqual(JOURNAL_LIMITS.bytes);
    }
    expect(store.size).toBeLessThan(300);
    expect(store.size).toBeGreaterThan(10);
  });

  it('holds no more heap than its limit: a cut string does not keep its whole original alive', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const store = new Journal();
    gc();
    const before = process.memoryUsage().heapUsed;
    // 100 bodies of 1 MiB each, every one a new string, as answers are.
    for (let i = 0; i < 100; i++) store.add(record({ body: `${i}`.padEnd(1 << 20, 'x') }));
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(store.size).toBe(100);
    expect(grown).toBeLessThan(32 * 1024 * 1024);
  });

  it("reads a small entry's parameters and body only when the journal is read, and keeps them as it would have at once", () => {
    const store = new Journal();
    const reads: string[] = [];
    const params = [
      ['action', 'list'],
      ['password', 'secret'],
    ] as const;
    const lazily = function* () {
      reads.push('params');
      yield* params;
    };
    const body = Buffer.from('<x/>');
    // one arrival time for both, so only how they were kept can tell them apart
    const time = Date.now();
    const readBody = () => {
      reads.push('body');
      return body.toString();
    };
    const id = store.add(record({ time, params: lazily(), body: readBody, held: heldBytes(params, body, 40) }));
    const now = store.add(record({ time, params: [...params], body: '<x/>' }));
    expect(reads).toEqual([]);
    const [a, b] = [entry(store, id), entry(store, now)];
    expect(reads).toEqual(['params', 'body']);
    expect({ ...a, id: 0 }).toEqual({ ...b, id: 0 });
    // read once, then kept as read
    entry(store, id);
    expect(reads).toEqual(['params', 'body']);
  });

  it('cuts at once an entry that would hold more than a few KiB until read', () => {
    const store = new Journal();
    let read = false;
    const params = manyParams();
    const body = 'b'.repeat(100_000);
    store.add(
      record({
        params: (function* () {
          read = true;
          yield* params;
        })(),
        body: () => body,
        held: heldBytes(params, body, 40),
      }),
    );
    expect(read).toBe(true);
  });

  it('never counts more than its byte limit with entries read later, each counted at what it holds', () => {
    const store = new Journal();
    const params = [
      ['action', 'list'],
      ['ids', '1-10'],
    ] as const;
    for (let i = 0; i < 3000; i++) {
      // a small Buffer keeps its pool slab alive: counted, so the byte limit holds what is held
      const body = Buffer.from(`<x>${i}</x>`);
      store.add(record({ params: [...params], body: () => body.toString(), held: heldBytes(params, body, 40) }));
      expect(store.bytes).toBeLessThanOrEqual(JOURNAL_LIMITS.bytes);
    }
    expect(heldBytes(params, Buffer.from('<x/>'), 40)).toBeGreaterThanOrEqual(Buffer.poolSize);
    expect(store.size).toBe(JOURNAL_LIMITS.entries);
  });
});
