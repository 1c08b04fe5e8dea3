import { HttpMethodEnum, koaBody } from 'koa-body';
import type { Context, Middleware } from 'koa';
import { RequestParams } from '../qualys/params.js';

/**
 * [Q] urlencoded and multipart bodies both carry parameters (the Postman collection sends
 * multipart). The raw urlencoded text is kept so the received order survives for echo.
 */
export function bodyParser(maxBody: number): Middleware {
  return koaBody({
    multipart: true,
    urlencoded: true,
    json: false,
    text: false,
    includeUnparsed: true,
    formLimit: maxBody,
    parsedMethods: [HttpMethodEnum.POST],
    formidable: { maxFieldsSize: maxBody, maxFileSize: maxBody, maxTotalFileSize: maxBody },
  });
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
