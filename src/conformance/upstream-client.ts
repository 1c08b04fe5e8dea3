import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { qualysErrors, type QualysError } from '../qualys/errors.js';

/** A call as it is sent to the upstream. */
export interface UpstreamCall {
  method: string;
  /** Path and query string, as the client sent them. */
  target: string;
  headers: Readonly<Record<string, string>>;
  body: Buffer;
}

/** The upstream's answer, whole. */
export interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface UpstreamLimits {
  timeoutMs: number;
  /** Larger answers are refused, so that no answer holds more memory than this. */
  maxBytes: number;
}

/**
 * [E] The most of an upstream's answer held in memory (docs/conformance.md): far more than a
 * Qualys page of 1,000 records, small enough that many at once stay bounded.
 */
export const UPSTREAM_BODY_CAP = 32 * 1024 * 1024;

/**
 * [Q] The request headers a Qualys client's call depends on: credentials, its session, the
 * header every v2 call needs, what its body is. Nothing else of the client's is forwarded.
 */
const FORWARDED = ['authorization', 'cookie', 'x-requested-with', 'content-type', 'content-encoding', 'user-agent', 'accept'];

/** The client's headers that go to the upstream. */
export function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}

/** Words for a connection failure's code, which a client's user reads in the error TEXT. */
function reasonOf(err: NodeJS.ErrnoException): string {
  if (err.code === 'ECONNREFUSED') return 'connection refused';
  if (err.code === 'ECONNRESET') return 'connection reset';
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return 'host not found';
  return err.code ?? err.message;
}

/**
 * Sends `call` to the upstream origin and reads its whole answer, or rejects with the Qualys error
 * the client then gets: a timeout covers the whole exchange, and an answer over `maxBytes` is cut
 * off, so a slow or endless upstream never holds a request or memory longer than the limits.
 */
export function sendUpstream(origin: string, call: UpstreamCall, limits: UpstreamLimits): Promise<UpstreamAnswer> {
  const url = new URL(call.target, origin);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<UpstreamAnswer>((resolve, reject) => {
    let failed: QualysError | undefined;
    const fail = (err: QualysError) => {
      clearTimeout(timer);
      failed ??= err;
      req.destroy();
      reject(failed);
    };
    const timer = setTimeout(() => fail(qualysErrors.upstreamTimeout(limits.timeoutMs / 1000)), limits.timeoutMs);
    // no compression asked for: the recording keeps bodies as plain text
    const headers = { ...call.headers, 'accept-encoding': 'identity', 'content-length': String(call.body.length) };
    const req = send(url, { method: call.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) fail(qualysErrors.upstreamFailed(`its answer exceeds ${limits.maxBytes} bytes`));
        else chunks.push(chunk);
      });
      res.on('error', (err) => fail(qualysErrors.upstreamFailed(reasonOf(err))));
      res.on('aborted', () => fail(qualysErrors.upstreamFailed('its answer was cut off')));
      res.on('end', () => {
        clearTimeout(timer);
        if (failed === undefined) resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', (err) => fail(qualysErrors.upstreamFailed(reasonOf(err))));
    req.end(call.body);
  });
}
