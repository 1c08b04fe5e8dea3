import type { IncomingMessage } from 'node:http';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createUnzip } from 'node:zlib';

/**
 * A request body decoded from its Content-Encoding, as koa-body decodes the bodies it parses:
 * `gzip` and `deflate` (either framing), `br`, `identity`. Any other encoding throws a 415,
 * classified by `bodyFault`; bytes that do not decode fail the returned stream.
 */
export function decodedBody(req: IncomingMessage): Readable {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return req;
  const decoder = encoding === 'gzip' || encoding === 'deflate' ? createUnzip() : encoding === 'br' ? createBrotliDecompress() : undefined;
  if (!decoder) throw Object.assign(new Error(`Unsupported Content-Encoding: ${encoding}`), { status: 415 });
  // pipeline, not pipe: a client that goes away fails the decoder instead of leaving it open.
  return pipeline(req, decoder, () => {});
}
