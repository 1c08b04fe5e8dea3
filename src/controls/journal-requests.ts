import { paramsOf } from '../http/body-parser.js';
import type { RequestParams } from '../qualys/params.js';
import type { AppContext, AppMiddleware } from '../http/state.js';
import { JsonError } from '../http/json-errors.js';
import type { SecretParams } from '../qualys/secrets.js';
import { integerIn, objectOf } from './json-input.js';
import type { StructuralDifference } from '../conformance/structure.js';
import { heldBytes, JOURNAL_LIMITS, type Journal, type JournalFilter } from './journal.js';

/** Reads the filters of `GET /_emulator/requests` from its query string. */
export function parseJournalFilter(query: Record<string, string | string[] | undefined>): JournalFilter {
  const q = objectOf({ ...query }, 'the query', ['path', 'action', 'status', 'since', 'after', 'limit']);
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
  return {
    path: one('path'),
    action: one('action'),
    status: wholeNumber('status', 100, 599),
    since,
    after: wholeNumber('after', 0, Number.MAX_SAFE_INTEGER),
    limit: wholeNumber('limit', 1, JOURNAL_LIMITS.entries),
  };
}

/** [E] Every request under /api/ is journaled except the DTD downloads of validating parsers. */
const journaled = (path: string) => path.startsWith('/api/') && !path.endsWith('.dtd');

/**
 * Enough of a UTF-8 body for the journal to keep its first `bodyChars` characters and to know
 * whether it cut any: one byte past them when those bytes are one character each (all of an XML
 * answer's markup), else as many bytes as that many characters can take, so a large answer is
 * never decoded whole (bench/README.md).
 */
function bufferText(body: Buffer): string {
  const chars = JOURNAL_LIMITS.bodyChars + 1;
  if (body.length > chars) {
    const text = body.toString('utf8', 0, chars);
    // a shorter string, or a last character cut in two, means some took more than one byte
    if (text.length === chars && !text.endsWith('\uFFFD')) return text;
  }
  return body.toString('utf8', 0, Math.min(body.length, 4 * JOURNAL_LIMITS.bodyChars));
}

/** The answer's body as text: XML as sent, JSON as it will be serialised; a stream is not read. */
function answerText(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return bufferText(body);
  if (typeof (body as { pipe?: unknown }).pipe === 'function') return null;
  try {
    return JSON.stringify(body);
  } catch {
    // too deep to write out (a stack overflow) or cyclic: the entry is kept without its body
    return null;
  }
}

/** The TEXT of a Qualys error, or the `error` of a JSON one. */
function errorText(ctx: AppContext): string | null {
  if (ctx.state.errorText !== undefined) return ctx.state.errorText;
  const error = (ctx.body as { error?: unknown } | null | undefined)?.error;
  return ctx.status >= 400 && typeof error === 'string' ? error : null;
}

/**
 * The characters of URL and body a request's parameters were read from, at most: a body's
 * declared bytes (a form is read only from a POST), none known for a chunked one.
 */
const sourceChars = (ctx: AppContext) => ctx.url.length + (ctx.method === 'POST' ? (ctx.request.length ?? Infinity) : 0);

/** Lazily, so a request with 100,000 names costs the journal only the ones it keeps. */
function* maskedParams(params: RequestParams, secrets: SecretParams): Generator<readonly [string, string]> {
  for (const name of params.names()) yield [name, secrets.maskAnyCase(name, params.get(name)!)];
}

/**
 * Outermost middleware: records each API request once its answer is final, secrets masked whatever
 * their case [E], with the difference compare mode found in it (`differenceOf`).
 */
export function journalRequests(journal: Journal, secrets: SecretParams, differenceOf: (ctx: AppContext) => StructuralDifference | null): AppMiddleware {
  return async (ctx, next) => {
    if (!journaled(ctx.path)) return next();
    const time = Date.now();
    const started = performance.now();
    try {
      await next();
    } finally {
      const params = paramsOf(ctx);
      const dropped = ctx.state.dropped === true;
      const difference = differenceOf(ctx);
      const answer: unknown = dropped ? null : ctx.body;
      // XML as sent is read when the journal is; a JSON answer is taken now, as it stands.
      const later = answer === null || answer === undefined || typeof answer === 'string' || Buffer.isBuffer(answer);
      journal.add({
        time,
        user: ctx.state.user ?? null,
        method: ctx.method,
        path: ctx.path,
        action: params.get('action') ?? null,
        params: maskedParams(params, secrets),
        status: dropped ? null : ctx.status,
        code: ctx.state.errorCode ?? null,
        text: dropped ? null : errorText(ctx),
        body: later ? () => answerText(answer) : answerText(answer),
        held: later ? heldBytes(params.entries, (answer as Buffer | string | undefined) ?? null, sourceChars(ctx)) : undefined,
        duration_ms: Math.round(performance.now() - started),
        ...(difference === null ? {} : { difference }),
      });
    }
  };
}
