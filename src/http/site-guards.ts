import type { Config } from '../settings/config.js';
import { qualysErrors } from '../qualys/errors.js';
import { allowedHostCheck } from './allowed-hosts.js';
import { fromOwnOrigin } from './cross-site.js';
import type { AppContext, AppMiddleware } from './state.js';

/** The Qualys API and its DTDs answer XML; the tool runners, controls and /health answer JSON. */
const isQualysPath = (path: string) => path.startsWith('/api/') && !path.startsWith('/api/tools/');

/** How many Host headers the request carried: Node keeps only the first in `headers`. */
function hostHeaders(raw: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i].length === 4 && raw[i].toLowerCase() === 'host') count++;
  return count;
}

/**
 * The authority of an absolute-form request target (`POST http://host/path`), which HTTP/1.1
 * says a server takes instead of the Host header; '' for the usual `/path`; undefined for a
 * target that is neither (`*`, or no URL at all).
 */
function targetAuthority(url: string): string | undefined {
  if (url.startsWith('/')) return '';
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

interface Refusal {
  status: 400 | 403;
  reason: string;
}

/**
 * Refuses a request a web page could have made a browser send, on every path and before
 * credentials are checked: a Host that is not this server's own (DNS rebinding), or an Origin
 * that is not its own (Qualys clients send none), 403. A request whose host is ambiguous, as a
 * proxy in front might read another value than this server does, gets 400 (several Host headers,
 * a target neither a path nor a URL); an absolute-form target has its authority checked as a
 * Host is. A SIMPLE_RETURN on the Qualys paths, JSON on the others (docs/security.md).
 */
export function ownSiteOnly(config: Pick<Config, 'host' | 'publicUrl' | 'allowedHosts'>): AppMiddleware {
  const hostAllowed = allowedHostCheck(config);
  const foreignHost = (host: string): Refusal | undefined =>
    hostAllowed === undefined || hostAllowed(host)
      ? undefined
      : { status: 403, reason: `Host ${JSON.stringify(host)} is not served here: only loopback names, the --public-url host and --allowed-hosts are` };
  const refusalOf = (ctx: AppContext): Refusal | undefined => {
    if (hostHeaders(ctx.req.rawHeaders) > 1) return { status: 400, reason: 'A request may carry only one Host header' };
    const authority = targetAuthority(ctx.req.url ?? '');
    if (authority === undefined) return { status: 400, reason: `Request target ${JSON.stringify(ctx.req.url)} is neither a path nor an absolute URL` };
    const refusal = foreignHost(ctx.get('Host')) ?? (authority === '' ? undefined : foreignHost(authority));
    if (refusal !== undefined) return refusal;
    if (!fromOwnOrigin(ctx, config.publicUrl)) {
      return { status: 403, reason: `Origin ${JSON.stringify(ctx.get('Origin'))} is not this server's own: requests from other web sites are refused` };
    }
    return undefined;
  };
  return (ctx, next) => {
    const refusal = refusalOf(ctx);
    if (refusal === undefined) return next();
    if (isQualysPath(ctx.path)) throw qualysErrors.refused(refusal.status, refusal.reason);
    // the outer error envelope answers XML, so the JSON refusal is written here
    ctx.status = refusal.status;
    ctx.body = { error: refusal.reason };
    return Promise.resolve();
  };
}
