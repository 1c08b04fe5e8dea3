import type { Config } from '../settings/config.js';
import { qualysErrors } from '../qualys/errors.js';
import { allowedHostCheck } from './allowed-hosts.js';
import { fromOwnOrigin } from './cross-site.js';
import type { AppMiddleware } from './state.js';

/** The Qualys API and its DTDs answer XML; the tool runners, controls and /health answer JSON. */
const isQualysPath = (path: string) => path.startsWith('/api/') && !path.startsWith('/api/tools/');

/**
 * Refuses (403) a request a web page could have made a browser send, on every path and before
 * credentials are checked: a Host that is not this server's own (DNS rebinding), or an Origin
 * that is not its own (Qualys clients send none). A SIMPLE_RETURN on the Qualys paths, JSON on
 * the others (docs/security.md).
 */
export function ownSiteOnly(config: Pick<Config, 'host' | 'publicUrl' | 'allowedHosts'>): AppMiddleware {
  const hostAllowed = allowedHostCheck(config);
  return (ctx, next) => {
    let refusal: string | undefined;
    if (hostAllowed !== undefined && !hostAllowed(ctx.get('Host'))) {
      refusal = `Host ${JSON.stringify(ctx.get('Host'))} is not served here: only loopback names, the --public-url host and --allowed-hosts are`;
    } else if (!fromOwnOrigin(ctx, config.publicUrl)) {
      refusal = `Origin ${JSON.stringify(ctx.get('Origin'))} is not this server's own: requests from other web sites are refused`;
    }
    if (refusal === undefined) return next();
    if (isQualysPath(ctx.path)) throw qualysErrors.forbidden(refusal);
    // the outer error envelope answers XML, so the JSON refusal is written here
    ctx.status = 403;
    ctx.body = { error: refusal };
    return Promise.resolve();
  };
}
