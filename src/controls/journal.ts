import { MASK } from '../qualys/secrets.js';
import { clip, clipApart } from './clip.js';
import type { StructuralDifference } from '../conformance/structure.js';

/** One API request as the harness sees it in `GET /_emulator/requests`. */
export interface JournalEntry {
  /** Increasing in the order entries were kept; `?after=` asks for the ones past it. */
  id: number;
  /** When it arrived, ISO 8601 with milliseconds. */
  time: string;
  /** The authenticated login; null when authentication failed. */
  user: string | null;
  method: string;
  path: string;
  action: string | null;
  /** Query and form parameters, the last occurrence of a name winning as in the API; secrets masked. */
  params: Record<string, string>;
  /** Some parameters were left out, or some names or values cut, to keep the journal bounded. */
  params_truncated: boolean;
  /** null when a fault dropped the connection. */
  status: number | null;
  /** The Qualys CODE of an error answer (SIMPLE_RETURN), else null. */
  code: string | null;
  /** The TEXT (or JSON `error`) of an error answer, else null. */
  text: string | null;
  /** The answer's body as text; null when there was none (a dropped connection). */
  body: string | null;
  body_truncated: boolean;
  duration_ms: number;
  /** In compare mode, how the upstream's answer and the emulator's differed; absent when they agreed (docs/conformance.md). */
  difference?: StructuralDifference;
}

/** What the middleware hands over: everything but the ID, at full length; the store cuts it. */
export type JournalRecord = Omit<JournalEntry, 'id' | 'time' | 'params' | 'params_truncated' | 'body' | 'body_truncated'> & {
  /** When it arrived, in milliseconds since the epoch (written out as ISO 8601 only when read). */
  time: number;
  /** Distinct names in order of first appearance, each with its last value, secrets already masked. */
  params: Iterable<readonly [string, string]>;
  /** The answer's body as text, or a way to it, read only when the entry is (`held`). */
  body: string | null | (() => string | null);
  /**
   * If given, at least the bytes the params and body count (`heldBytes`): they are then read only
   * when someone reads the journal, unless the entry would hold over `LAZY_BYTES` until then.
   * Cutting and masking every request's parameters and body was a twentieth of its time.
   */
  held?: number;
};

/**
 * [E] The journal's bounds, in entries and in bytes, so that no stream of requests, with or
 * without credentials, grows memory past them (docs/controls.md, "Request journal").
 */
export const JOURNAL_LIMITS = {
  entries: 1000,
  /** Every string counted at two bytes a character, plus a fixed overhead for each string and entry. */
  bytes: 16 * 1024 * 1024,
  params: 100,
  nameChars: 256,
  valueChars: 1024,
  /** Also the path, the action and the TEXT. */
  bodyChars: 64 * 1024,
} as const;

const STRING_OVERHEAD = 32;
const ENTRY_OVERHEAD = 256;
/** Entries holding more than this until they are read are cut at once instead. */
const LAZY_BYTES = 16 * 1024;

const cost = (s: string | null) => (s === null ? 0 : STRING_OVERHEAD + 2 * s.length);

/** An ISO 8601 time with milliseconds, as every entry's `time` is. */
const TIME_COST = cost(new Date(0).toISOString());

/** What an entry counts besides its parameters and body. */
const scalarsCost = (e: Omit<JournalRecord, 'params' | 'body' | 'time'>) =>
  ENTRY_OVERHEAD +
  TIME_COST +
  cost(e.user) +
  cost(e.method) +
  cost(e.path) +
  cost(e.action) +
  cost(e.code) +
  cost(e.text) +
  (e.difference === undefined ? 0 : cost(JSON.stringify(e.difference)));

function costOf(e: JournalEntry): number {
  let n = scalarsCost(e) + cost(e.body);
  for (const [k, v] of Object.entries(e.params)) n += cost(k) + cost(v);
  return n;
}

/**
 * At least what parameters `entries` read from `sourceChars` characters of URL and body, and an
 * answer's body, count as they are held until read and once kept: a mask may be longer than its
 * secret, a UTF-8 body takes at most two bytes a byte as text, and a small Buffer keeps its whole
 * shared slab alive. A lazy entry is counted at this.
 */
export function heldBytes(entries: readonly (readonly [string, string])[], body: Buffer | string | null, sourceChars: number): number {
  // the parameters may be views of all of the request's URL and body, which they then keep alive
  let n = 2 * sourceChars;
  n += body === null ? 0 : typeof body === 'string' ? cost(body) : STRING_OVERHEAD + Math.max(2 * body.length, body.buffer.byteLength);
  for (const [k, v] of entries) {
    n += 2 * STRING_OVERHEAD + 2 * (k.length + Math.max(v.length, MASK.length));
    if (n > LAZY_BYTES) break;
  }
  return n;
}

/** The first parameters within the limits, each name and value cut to its limit. */
function keptParams(params: Iterable<readonly [string, string]>): { params: Record<string, string>; truncated: boolean } {
  // No prototype, so a parameter named `__proto__` is kept as any other.
  const kept: Record<string, string> = Object.create(null);
  let count = 0;
  let truncated = false;
  for (const [name, value] of params) {
    if (count === JOURNAL_LIMITS.params) {
      truncated = true;
      break;
    }
    const n = clipApart(name, JOURNAL_LIMITS.nameChars);
    const v = clipApart(value, JOURNAL_LIMITS.valueChars);
    truncated ||= n.cut || v.cut;
    kept[n.text] = v.text;
    count++;
  }
  return { params: kept, truncated };
}

/** A request's own string cut to `max`, sharing no memory with what it was read from. */
const clipped = (s: string | null, max: number) => (s === null ? null : clipApart(s, max).text);

/** The entry `record` is kept as, each part cut to its limit. */
function entryOf(id: number, record: JournalRecord): JournalEntry {
  const { params, truncated } = keptParams(record.params);
  const text = typeof record.body === 'function' ? record.body() : record.body;
  const body = text === null ? { text: null, cut: false } : clip(text, JOURNAL_LIMITS.bodyChars);
  return {
    id,
    time: new Date(record.time).toISOString(),
    user: clipped(record.user, JOURNAL_LIMITS.nameChars),
    method: clipped(record.method, JOURNAL_LIMITS.nameChars)!,
    path: clipped(record.path, JOURNAL_LIMITS.bodyChars)!,
    action: clipped(record.action, JOURNAL_LIMITS.valueChars),
    params,
    params_truncated: truncated,
    status: record.status,
    code: clipped(record.code, JOURNAL_LIMITS.nameChars),
    text: clipped(record.text, JOURNAL_LIMITS.bodyChars),
    body: body.text,
    body_truncated: body.cut,
    duration_ms: record.duration_ms,
    ...(record.difference === undefined ? {} : { difference: record.difference }),
  };
}

export interface JournalFilter {
  path?: string;
  action?: string;
  status?: number;
  /** ISO time; entries at or after it. */
  since?: string;
  /** An entry ID; entries kept after it, to poll for what is new. */
  after?: number;
  /** The most recent `limit` matching entries (still listed oldest first). */
  limit?: number;
}

/**
 * The request journal: a ring of at most `entries` entries and `bytes` bytes, the oldest kept
 * entry evicted first, each in constant time.
 */
export class Journal {
  /** Each slot an entry, or a record not yet cut (lazy) with the ID it was given. */
  private ring: (JournalEntry | { id: number; record: JournalRecord } | undefined)[];
  private readonly costs: number[];
  private head = 0;
  private count = 0;
  private held = 0;
  private nextId = 1;
  private clears = 0;

  constructor(private readonly limits: { entries: number; bytes: number } = JOURNAL_LIMITS) {
    this.ring = new Array(limits.entries);
    this.costs = new Array(limits.entries).fill(0);
  }

  /** The bytes the kept entries are counted at: at most the `bytes` limit, or one entry if that alone is larger. */
  get bytes(): number {
    return this.held;
  }

  /** Counts the clears, so a reader polling with `after` knows to start over. */
  get generation(): number {
    return this.clears;
  }

  get size(): number {
    return this.count;
  }

  /** Keeps `record`; answers its ID. */
  add(record: JournalRecord): number {
    const id = this.nextId++;
    let kept: JournalEntry | { id: number; record: JournalRecord };
    let size: number;
    const lazySize = record.held === undefined ? Infinity : scalarsCost(record) + record.held;
    if (lazySize <= LAZY_BYTES) {
      kept = { id, record };
      size = lazySize;
    } else {
      kept = entryOf(id, record);
      size = costOf(kept);
    }
    while (this.count > 0 && (this.count === this.limits.entries || this.held + size > this.limits.bytes)) this.evictOldest();
    // An entry alone above the byte limit is still kept (the per-entry cuts make it small).
    const slot = (this.head + this.count) % this.limits.entries;
    this.ring[slot] = kept;
    this.costs[slot] = size;
    this.held += size;
    this.count++;
    return id;
  }

  private evictOldest(): void {
    this.held -= this.costs[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.limits.entries;
    this.count--;
  }

  /** Empties the journal; answers how many entries it held. */
  clear(): number {
    const count = this.count;
    this.ring = new Array(this.limits.entries);
    this.head = 0;
    this.count = 0;
    this.held = 0;
    this.clears++;
    return count;
  }

  /** The kept entries in the order they were added; a lazy one is cut now, still counted as before. */
  *entries(): Generator<JournalEntry> {
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) % this.limits.entries;
      let kept = this.ring[slot]!;
      if ('record' in kept) {
        kept = entryOf(kept.id, kept.record);
        this.ring[slot] = kept;
      }
      yield kept;
    }
  }

  /**
   * Matching entries, oldest first by arrival. Entries are kept as their answers complete, so
   * a slow one is placed here by the time it arrived.
   */
  query(f: JournalFilter): JournalEntry[] {
    const since = f.since === undefined ? undefined : Date.parse(f.since);
    const found = [...this.entries()].filter(
      (e) =>
        (f.path === undefined || e.path === f.path) &&
        (f.action === undefined || e.action === f.action) &&
        (f.status === undefined || e.status === f.status) &&
        (f.after === undefined || e.id > f.after) &&
        (since === undefined || Date.parse(e.time) >= since),
    );
    found.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id - b.id));
    return f.limit === undefined ? found : found.slice(Math.max(0, found.length - f.limit));
  }
}
