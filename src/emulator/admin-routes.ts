import Router from '@koa/router';
import { ROUTER_OPTIONS } from '../http/router-options.js';
import { koaBody } from 'koa-body';
import compose from 'koa-compose';
import type { Context, Middleware } from 'koa';
import { QualysError } from '../qualys/errors.js';
import { baseUrlOf } from '../http/send.js';
import { parseBody, type BodyFault } from '../http/body-errors.js';
import type { EmulatorControls } from './controls.js';
import { AdminError } from './json-input.js';
import { parseJournalFilter } from './journal.js';

const ADMIN_PREFIX = '/_emulator/';

export interface AdminOptions {
  /** The API's own authentication: the admin API takes the same credentials. */
  authenticate: Middleware;
  maxBody: number;
  publicUrl?: string;
}

/** Any failure leaves as `{"error": "..."}` JSON with its status, never as XML. */
function jsonErrors(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AdminError(404, `No such emulator control: ${ctx.path}`);
      if (ctx.status === 405) throw new AdminError(405, `Method ${ctx.method} not allowed here (allowed: ${ctx.response.get('Allow')})`);
    } catch (err) {
      let status = 500;
      let body: Record<string, unknown> = { error: 'Server error: unexpected fault' };
      if (err instanceof AdminError) {
        status = err.status;
        body = { error: err.message, ...err.details };
      } else if (err instanceof QualysError) {
        status = err.status;
        body = { error: err.text };
        for (const [k, v] of Object.entries(err.headers)) ctx.set(k, v);
      } else {
        console.error('Unexpected fault in /_emulator/:', err);
      }
      ctx.status = status;
      ctx.body = body;
    }
  };
}

const bodyRefusal = ({ status, reason }: BodyFault) =>
  new AdminError(status, status === 413 ? 'Request body too large' : `Request body could not be read: ${reason}`);

/** Whether bytes follow the headers: chunked, or a Content-Length above 0. */
const hasBody = (ctx: Context) => ctx.get('Transfer-Encoding') !== '' || Number(ctx.get('Content-Length') || 0) > 0;

/**
 * JSON in: a body with any other Content-Type is refused rather than silently ignored. [E] A
 * request without a body passes whatever its Content-Type: a client library that labels every
 * request JSON must still reach the body-less controls (reset, show and clear).
 */
function jsonBody(maxBody: number): Middleware {
  const parse = koaBody({ json: true, jsonStrict: true, urlencoded: false, multipart: false, text: false, jsonLimit: maxBody });
  return async (ctx, next) => {
    if (!hasBody(ctx)) return next();
    if (!ctx.is('json')) throw new AdminError(415, 'Send JSON: Content-Type must be application/json');
    return parseBody(parse, ctx, next, bodyRefusal);
  };
}

function routes(controls: EmulatorControls, options: AdminOptions): Router {
  const router = new Router({ ...ROUTER_OPTIONS, prefix: ADMIN_PREFIX.slice(0, -1) });
  const bodyOf = (ctx: Context) => ctx.request.body ?? {};
  router.post('/reset', (ctx) => {
    controls.reset();
    ctx.body = { reset: true };
  });
  router.post('/seed', (ctx) => {
    ctx.body = controls.seed(bodyOf(ctx), ctx.state.user as string, baseUrlOf(ctx, options.publicUrl));
  });
  router.get('/requests', (ctx) => {
    ctx.body = { requests: controls.journal.query(parseJournalFilter(ctx.query)) };
  });
  router.delete('/requests', (ctx) => {
    ctx.body = { deleted: controls.journal.clear() };
  });
  router.get('/faults', (ctx) => {
    ctx.body = controls.faults.json();
  });
  router.put('/faults', (ctx) => {
    controls.faults.replace(bodyOf(ctx));
    ctx.body = controls.faults.json();
  });
  router.delete('/faults', (ctx) => {
    controls.faults.clear();
    ctx.body = controls.faults.json();
  });
  router.get('/config', (ctx) => {
    ctx.body = controls.config();
  });
  router.patch('/config', (ctx) => {
    ctx.body = controls.patchConfig(bodyOf(ctx));
  });
  return router;
}

/**
 * `/_emulator/`: the test-harness controls, JSON in and out, behind the API's credentials and
 * kept off the /api/ paths. Every other path passes through untouched.
 */
export function adminRoutes(controls: EmulatorControls, options: AdminOptions): Middleware {
  const router = routes(controls, options);
  const handle = compose<Context>([
    jsonErrors(),
    options.authenticate,
    jsonBody(options.maxBody),
    router.routes() as Middleware,
    // A known path with another method: 405 with `Allow`, given its JSON body by jsonErrors.
    router.allowedMethods() as Middleware,
  ]);
  return (ctx, next) => (ctx.path.startsWith(ADMIN_PREFIX) ? handle(ctx, async () => {}) : next());
}
