import { HttpMethodEnum, koaBody } from 'koa-body';
import type { Context, Middleware } from 'koa';
import { Writable } from 'node:stream';
import { RequestParams } from '../qualys/params.js';
import { QualysError, qualysErrors } from '../qualys/errors.js';

/** Swallows a multipart file part: parameters are fields, and nothing is written to disk. */
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/**
 * [Q] urlencoded and multipart bodies both carry parameters (the Postman collection sends
 * multipart). The raw urlencoded text is kept so the received order survives for echo. A body
 * that declares more than `maxBody` bytes is refused before it is read; one that turns out larger
 * (chunked) is refused by the parsers' own limits; both are a 413.
 */
export function bodyParser(maxBody: number): Middleware {
  const parse = koaBody({
    multipart: true,
    urlencoded: true,
    json: false,
    text: false,
    includeUnparsed: true,
    formLimit: maxBody,
    parsedMethods: [HttpMethodEnum.POST],
    formidable: {
      maxFieldsSize: maxBody,
      maxFileSize: maxBody,
      maxTotalFileSize: maxBody,
      // [E] file parts are ignored, empty or not, rather than refused.
      allowEmptyFiles: true,
      minFileSize: 0,
      fileWriteStreamHandler: discard,
    },
  });
  return async (ctx, next) => {
    if ((ctx.request.length ?? 0) > maxBody) throw qualysErrors.bodyTooLarge(maxBody);
    let parsed = false;
    try {
      await parse(ctx, () => {
        parsed = true;
        return next();
      });
    } catch (err) {
      throw parsed ? err : bodyError(err, maxBody);
    }
  };
}

/**
 * Whatever fails while the body is read is the client's body: too large (413), or unreadable
 * (400): a bad charset, a cut multipart, bytes that do not match their Content-Encoding (zlib
 * and brotli errors carry no HTTP status of their own).
 */
function bodyError(err: unknown, maxBody: number): QualysError {
  const e = err as { status?: number; httpCode?: number; type?: string; message?: string };
  if (e?.status === 413 || e?.httpCode === 413 || e?.type === 'entity.too.large') return qualysErrors.bodyTooLarge(maxBody);
  return qualysErrors.badBody(e?.message || 'malformed');
}

const UNPARSED = Symbol.for('unparsedBody');

function bodyEntries(ctx: Context): [string, string][] {
  const body = ctx.request.body as Record<string | symbol, unknown> | undefined;
  if (!body) return [];
  if (ctx.is('application/x-www-form-urlencoded') && typeof body[UNPARSED] === 'string') {
    return [...new URLSearchParams(body[UNPARSED] as string)];
  }
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(body)) {
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') out.push([key, v]);
  }
  return out;
}

/** [Q] query string first, then the body, in received order. */
export function requestParams(ctx: Context): RequestParams {
  return new RequestParams([...new URLSearchParams(ctx.querystring), ...bodyEntries(ctx)]);
}
