import type { IncomingHttpHeaders } from 'node:http';
import { formEntries } from '../http/form-entries.js';
import { paramsOf } from '../http/body-parser.js';
import type { AppContext, AppMiddleware } from '../http/state.js';
import { qualysErrors } from '../qualys/errors.js';
import type { Exchange } from './har.js';
import type { Pair } from './redaction.js';

/** A client's call, its body read whole so that it can go to the upstream and to the emulator. */
export interface ClientCall {
  time: number;
  method: string;
  path: string;
  /** Path and query as sent. */
  target: string;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
  query: Pair[];
  params: readonly Pair[];
  action: string | null;
  body: Exchange['body'];
}

/** The body's bytes, at most `maxBody` of them (413 past that, as the body step answers). */
async function readBytes(ctx: AppContext, maxBody: number): Promise<Buffer> {
  if ((ctx.request.length ?? 0) > maxBody) throw qualysErrors.bodyTooLarge(maxBody);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBody) throw qualysErrors.bodyTooLarge(maxBody);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads the call: its body's bytes (kept for the body step, `bodyBytes`) and its parameters as the
 * body step reads them; a body that step refuses is still forwarded, and recorded as bytes only.
 */
export async function readCall(ctx: AppContext, maxBody: number, bodyStep: AppMiddleware): Promise<ClientCall> {
  const bytes = ctx.method === 'POST' ? await readBytes(ctx, maxBody) : Buffer.alloc(0);
  ctx.state.bodyBytes = bytes;
  let readable = true;
  try {
    await bodyStep(ctx, async () => {});
  } catch {
    readable = false;
  }
  const query = formEntries(ctx.querystring);
  const params = readable ? paramsOf(ctx).entries : query;
  const mimeType = ctx.get('Content-Type');
  let body: Exchange['body'] = null;
  if (readable && ctx.state.xmlBody !== undefined) body = { kind: 'xml', text: ctx.state.xmlBody, mimeType };
  else if (readable && ctx.is('multipart/form-data', 'application/x-www-form-urlencoded'))
    body = { kind: 'form', params: params.slice(query.length), mimeType };
  else if (bytes.length > 0) body = { kind: 'other', mimeType, bytes: bytes.length };
  return {
    time: Date.now(),
    method: ctx.method,
    path: ctx.path,
    target: ctx.url,
    headers: ctx.req.headers,
    bytes,
    query,
    params,
    action: readable ? (paramsOf(ctx).get('action') ?? null) : null,
    body,
  };
}
