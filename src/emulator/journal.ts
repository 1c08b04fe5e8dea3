import { clip } from './clip.js';

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
}

/** What the middleware hands over: everything but the ID, at full length; the store cuts it. */
export type JournalRecord = Omit<JournalEntry, 'id' | 'params' | 'params_truncated' | 'body_truncated'> & {
  /** Distinct names in order of first appearance, each with its last value, secrets already masked. */
  params: Iterable<readonly [string, string]>;
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

const cost = (s: string | null) => (s === null ? 0 : STRING_OVERHEAD + 2 * s.length);

function costOf(e: JournalEntry): number {
  let n = ENTRY_OVERHEAD + cost(e.time) + cost(e.user) + cost(e.method) + cost(e.path) + cost(e.action) + cost(e.code) + cost(e.text) + cost(e.body);
  for (const [k, v] of Object.entries(e.params)) n += cost(k) + cost(v);
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
    const n = clip(name, JOURNAL_LIMITS.nameChars);
    const v = clip(value, JOURNAL_LIMITS.valueChars);
    truncated ||= n.cut || v.cut;
    kept[n.text] = v.text;
    count++;
  }
  return { params: kept, truncated };
}

const clipped = (s: string | null, max: number) => (s === null ? null : clip(s, max).text);

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
  private ring: (JournalEntry | undefined)[];
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

  add(record: JournalRecord): JournalEntry {
    const { params, truncated } = keptParams(record.params);
    const body = record.body === null ? { text: null, cut: false } : clip(record.body, JOURNAL_LIMITS.bodyChars);
    const entry: JournalEntry = {
      id: this.nextId++,
      time: record.time,
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
    };
    const size = costOf(entry);
    while (this.count > 0 && (this.count === this.limits.entries || this.held + size > this.limits.bytes)) this.evictOldest();
    // An entry alone above the byte limit is still kept (the per-entry cuts make it small).
    const slot = (this.head + this.count) % this.limits.entries;
    this.ring[slot] = entry;
    this.costs[slot] = size;
    this.held += size;
    this.count++;
    return entry;
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

  /** The kept entries in the order they were added. */
  *entries(): Generator<JournalEntry> {
    for (let i = 0; i < this.count; i++) yield this.ring[(this.head + i) % this.limits.entries]!;
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
