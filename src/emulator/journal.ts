import { maskSecret } from '../qualys/secrets.js';
import { paramsOf } from '../http/params.js';
import type { AppMiddleware } from '../http/state.js';
import { JsonError } from '../http/json-errors.js';
import { integerIn, objectOf } from './json-input.js';

/** One API request as the harness sees it in `GET /_emulator/requests`. */
export interface JournalEntry {
  /** When it arrived, ISO 8601 with milliseconds. */
  time: string;
  /** The authenticated login; null when authentication failed. */
  user: string | null;
  method: string;
  path: string;
  action: string | null;
  /** Query and form parameters, the last occurrence of a name winning as in the API; secrets masked. */
  params: Record<string, string>;
  /** null when a fault dropped the connection. */
  status: number | null;
  /** The Qualys CODE of an error answer (SIMPLE_RETURN), else null. */
  code: string | null;
  duration_ms: number;
}

/** [E] The journal keeps the most recent 1000 requests; older ones are dropped. */
const JOURNAL_LIMIT = 1000;

export interface JournalFilter {
  path?: string;
  action?: string;
  status?: number;
  /** ISO time; entries at or after it. */
  since?: string;
  /** The most recent `limit` matching entries (still listed oldest first). */
  limit?: number;
}

export class Journal {
  private entries: JournalEntry[] = [];

  /** Entries are added as answers complete; a slow one is placed by its arrival time. */
  add(entry: JournalEntry): void {
    let i = this.entries.length;
    while (i > 0 && this.entries[i - 1].time > entry.time) i--;
    this.entries.splice(i, 0, entry);
    if (this.entries.length > JOURNAL_LIMIT) this.entries.splice(0, this.entries.length - JOURNAL_LIMIT);
  }

  /** Empties the journal; answers how many entries it held. */
  clear(): number {
    const count = this.entries.length;
    this.entries = [];
    return count;
  }

  /** Matching entries, oldest first. */
  query(f: JournalFilter): JournalEntry[] {
    const since = f.since === undefined ? undefined : Date.parse(f.since);
    const found = this.entries.filter(
      (e) =>
        (f.path === undefined || e.path === f.path) &&
        (f.action === undefined || e.action === f.action) &&
        (f.status === undefined || e.status === f.status) &&
        (since === undefined || Date.parse(e.time) >= since),
    );
    return f.limit === undefined ? found : found.slice(Math.max(0, found.length - f.limit));
  }
}

/** Reads the filters of `GET /_emulator/requests` from its query string. */
export function parseJournalFilter(query: Record<string, string | string[] | undefined>): JournalFilter {
  const q = objectOf({ ...query }, 'the query', ['path', 'action', 'status', 'since', 'limit']);
  const one = (name: string): string | undefined => {
    const v = q[name] as string | string[] | undefined;
    return Array.isArray(v) ? v[v.length - 1] : v;
  };
  const wholeNumber = (name: string, min: number, max: number) => {
    const v = one(name);
    if (v === undefined) return undefined;
    return integerIn(/^\d+$/.test(v) ? Number(v) : NaN, name, min, max);
  };
  const since = one('since');
  if (since !== undefined && Number.isNaN(Date.parse(since))) throw new JsonError(400, 'since must be an ISO 8601 time, e.g. 2024-01-31T12:00:00.000Z');
  return { path: one('path'), action: one('action'), status: wholeNumber('status', 100, 599), since, limit: wholeNumber('limit', 1, JOURNAL_LIMIT) };
}

/** [E] Every request under /api/ is journaled except the DTD downloads of validating parsers. */
const journaled = (path: string) => path.startsWith('/api/') && !path.endsWith('.dtd');

/** Outermost middleware: records each API request once its answer is final. */
export function journalRequests(journal: Journal): AppMiddleware {
  return async (ctx, next) => {
    if (!journaled(ctx.path)) return next();
    const time = new Date().toISOString();
    const started = performance.now();
    try {
      await next();
    } finally {
      const params = paramsOf(ctx);
      journal.add({
        time,
        user: ctx.state.user ?? null,
        method: ctx.method,
        path: ctx.path,
        action: params.get('action') ?? null,
        params: Object.fromEntries(params.names().map((n) => [n, maskSecret(n, params.get(n)!)])),
        status: ctx.state.dropped ? null : ctx.status,
        code: ctx.state.errorCode ?? null,
        duration_ms: Math.round(performance.now() - started),
      });
    }
  };
}
