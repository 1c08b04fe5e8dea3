import coBody from 'co-body';
import formidable from 'formidable';
import type { Context } from 'koa';
import type { IncomingMessage } from 'node:http';
import { Readable, Writable } from 'node:stream';
import { RequestParams } from '../qualys/params.js';
import { type QualysError, qualysErrors } from '../qualys/errors.js';
import { bodyFault } from './body-errors.js';
import { formEntries } from './form-entries.js';
import type { AppContext, AppMiddleware } from './state.js';

type Entries = [string, string][];

/** Swallows a multipart file part: parameters are fields, and nothing is written to disk. */
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/**
 * [Q] urlencoded and multipart bodies both carry parameters (the Postman collection sends
 * multipart), with the same rules as the query string: every occurrence kept in received order,
 * the last one winning, any name. So an urlencoded body is read as text and parsed exactly as a
 * query string is, and multipart fields are taken as they arrive: a generic form parser would
 * regroup repeated names, read `a[b]` as nesting and drop fields past its own limits.
 * A body that declares more than `maxBody` bytes is refused before it is read; one that turns
 * out larger (chunked) is refused by the readers' limits; both are a 413.
 */
export function bodyParser(maxBody: number): AppMiddleware {
  // not async where it only passes on (docs/architecture.md, "Steps that pass on")
  return (ctx, next) => {
    if ((ctx.request.length ?? 0) > maxBody) throw qualysErrors.bodyTooLarge(maxBody);
    // [E] only POST bodies carry parameters: any other call's body is ignored
    if (ctx.method !== 'POST') {
      ctx.state.params = new RequestParams(queryEntries(ctx));
      return next();
    }
    return readBody(ctx, next, maxBody);
  };
}

async function readBody(ctx: AppContext, next: () => Promise<unknown>, maxBody: number): Promise<unknown> {
  let body: Entries;
  try {
    body = await readBodyParams(ctx, maxBody);
  } catch (err) {
    throw bodyError(err, maxBody);
  }
  ctx.state.params = new RequestParams([...queryEntries(ctx), ...body]);
  return next();
}

/**
 * [E] only bodies of the two form types carry parameters. [Q] An XML body (a Unix record's
 * UNIX_AUTH_PARAMS, sent as text/xml by Qualys's samples) is kept as text for the action to read;
 * any other body is ignored.
 */
async function readBodyParams(ctx: AppContext, maxBody: number): Promise<Entries> {
  const type = ctx.is('multipart/form-data', 'application/x-www-form-urlencoded', 'text/xml', 'application/xml', '+xml');
  if (type === 'multipart/form-data') return readMultipart(ctx, maxBody);
  if (type === 'application/x-www-form-urlencoded') return formEntries(await coBody.text(bodySource(ctx), { limit: maxBody, encoding: 'utf8' }));
  if (type !== false && type !== null) ctx.state.xmlBody = await coBody.text(bodySource(ctx), { limit: maxBody, encoding: 'utf8' });
  return [];
}

async function readMultipart(ctx: AppContext, maxBody: number): Promise<Entries> {
  const entries: Entries = [];
  const form = formidable({
    maxFieldsSize: maxBody,
    maxFileSize: maxBody,
    maxTotalFileSize: maxBody,
    // The byte limit bounds the number of fields; formidable's own default (1000) would cut a valid body.
    maxFields: maxBody,
    // [E] file parts are ignored, empty or not, rather than refused.
    allowEmptyFiles: true,
    minFileSize: 0,
    fileWriteStreamHandler: discard,
  });
  form.on('field', (name: string, value: string) => entries.push([name, value]));
  await form.parse(bodySource(ctx));
  return entries;
}

/**
 * Where the body's bytes come from: the request itself, or, once the conformance step has read
 * them to forward them (src/conformance/), those bytes again, under the request's own headers.
 */
function bodySource(ctx: AppContext): IncomingMessage {
  const bytes = ctx.state.bodyBytes;
  if (bytes === undefined) return ctx.req;
  return Object.assign(Readable.from([bytes]), { headers: ctx.req.headers }) as unknown as IncomingMessage;
}

function bodyError(err: unknown, maxBody: number): QualysError {
  const fault = bodyFault(err);
  return fault.status === 413 ? qualysErrors.bodyTooLarge(maxBody) : qualysErrors.badBody(fault.reason, fault.status);
}

const queryEntries = (ctx: Context): Entries => formEntries(ctx.querystring);

/**
 * [Q] The call's parameters, query string first, then the body, in received order: those the body
 * step parsed, or, for a request answered before it, the query string alone, parsed on first read.
 */
export function paramsOf(ctx: AppContext): RequestParams {
  ctx.state.params ??= new RequestParams(queryEntries(ctx));
  return ctx.state.params;
}
