import compose from 'koa-compose';
import { dispatch, type Endpoint, type Method } from '../qualys/endpoint.js';
import { qualysErrors } from '../qualys/errors.js';
import { qualysDateTime } from '../qualys/envelopes.js';
import { baseUrlOf, type XmlOutput } from './send.js';
import { paramsOf } from './body-parser.js';
import type { AppContext, AppMiddleware } from './state.js';
import type { PathRoutes } from './exact-paths.js';
import type { GroupCommit } from '../db/group-commit.js';
import type { SecretParams } from '../qualys/secrets.js';
import { sessionTokenOf } from '../session/session-cookie.js';

export interface ApiRouteOptions {
  endpoints: readonly Endpoint[];
  /** Runs before dispatch on every endpoint call: authentication, headers, body parsing. */
  guards: readonly AppMiddleware[];
  output: XmlOutput;
  publicUrl?: string;
  /** Whose batch a call's writes and reads joined, taken as its action returns. */
  commits: GroupCommit;
  /** Masked in the REQUEST block an echo_request=1 adds. */
  secrets: SecretParams;
}

/**
 * Mounts each Qualys endpoint at its path. [Q recorded] the path without its trailing slash
 * answers 301 to the slash form, query kept; it is the only redirect.
 */
export function apiRoutes(options: ApiRouteOptions): PathRoutes {
  const routes = new Map<string, AppMiddleware>();
  for (const endpoint of options.endpoints) {
    routes.set(endpoint.path.slice(0, -1), (ctx) => {
      ctx.status = 301;
      ctx.set('Location', endpoint.path + (ctx.querystring ? `?${ctx.querystring}` : ''));
      ctx.body = '';
      // Koa would call an empty string body text/html; a redirect carries no document at all.
      ctx.remove('Content-Type');
    });
    const answer: AppMiddleware = (ctx): Promise<void> | undefined => {
      const method = ctx.method === 'HEAD' ? 'GET' : ctx.method;
      if (method !== 'GET' && method !== 'POST') throw qualysErrors.methodNotAllowed(ctx.method);
      const result = dispatch(
        endpoint,
        {
          method: method as Method,
          params: paramsOf(ctx),
          // The session endpoint's login runs before anyone is known.
          user: ctx.state.user ?? '',
          baseUrl: baseUrlOf(ctx, options.publicUrl),
          path: endpoint.path,
          datetime: qualysDateTime(),
          secure: ctx.secure,
          sessionToken: sessionTokenOf(ctx),
          xmlBody: ctx.state.xmlBody,
          render: (doc) => options.output.render(ctx, doc),
        },
        options.secrets,
      );
      // Now, before anything else runs: a reset could commit the batch, or fail to, before this
      // answer reaches the step that waits for it (docs/architecture.md, Group commit).
      ctx.state.batch = options.commits.settled() ?? null;
      // the journal records who logged in, as it records who made any other call
      if (result.identified !== undefined) ctx.state.user = result.identified;
      // a streamed answer is only a read: no headers of its own, nothing identified
      if (!Buffer.isBuffer(result.xml)) return options.output.stream(ctx, result.status ?? 200, result.xml.stream, result.contentType);
      options.output.write(ctx, result.status ?? 200, result.xml, result.headers, result.contentType);
      return undefined;
    };
    routes.set(endpoint.path, compose<AppContext>([...options.guards, answer]));
  }
  return routes;
}
