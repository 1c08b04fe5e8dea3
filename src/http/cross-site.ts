import { JsonError } from './json-errors.js';
import type { AppContext, AppMiddleware } from './state.js';

/** The origin (scheme, host, port) of a URL, or undefined for `null` and anything unparsable. */
function originOf(url: string): string | undefined {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * Whether the request comes from no web page (no `Origin`: curl, SDKs, scripts) or from a page
 * of this server itself: its scheme and Host, or the origin of `--public-url` when a proxy
 * serves it under another name. `Origin: null` (sandboxed frames, files) is nobody's own.
 */
export function fromOwnOrigin(ctx: AppContext, publicUrl: string | undefined): boolean {
  const origin = ctx.get('Origin');
  if (origin === '') return true;
  const own = [`${ctx.protocol}://${ctx.host}`, publicUrl].filter((url) => url !== undefined).map(originOf);
  const theirs = originOf(origin);
  return theirs !== undefined && own.includes(theirs);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The JSON endpoints take a request that changes something only if a browser would have asked
 * first (a CORS preflight, which this server never grants) before sending it from another
 * site: `Content-Type: application/json` or any `X-Requested-With`, with or without a body.
 * Else 403, before credentials are checked (docs/security.md).
 */
export function requirePreflightedRequest(): AppMiddleware {
  return async (ctx, next) => {
    const preflighted =
      SAFE_METHODS.has(ctx.method) ||
      ctx.get('X-Requested-With').trim() !== '' ||
      ctx.get('Content-Type').split(';')[0].trim().toLowerCase() === 'application/json';
    if (!preflighted) {
      throw new JsonError(403, `${ctx.method} needs Content-Type: application/json or an X-Requested-With header, which no other web site can send`);
    }
    return next();
  };
}
