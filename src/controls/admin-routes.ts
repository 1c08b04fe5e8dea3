import Router from '@koa/router';
import { ROUTER_OPTIONS } from '../http/router-options.js';
import { koaBody } from 'koa-body';
import type { Context } from 'koa';
import { parseBody, type BodyFault } from '../http/body-errors.js';
import { JsonError } from '../http/json-errors.js';
import { authenticatedUser, type AppMiddleware, type AppState } from '../http/state.js';
import type { EmulatorControls } from './controls.js';
import { parseJournalFilter } from './journal-requests.js';
import { objectOf } from './json-input.js';
import { parseAddedRules, parseFaultSet, removeFaultRule } from './fault-input.js';
import { parseConfigPatch } from './config-patch.js';
import { addDashboardRoutes } from './dashboard-routes.js';

/** `/_emulator/`: the test-harness controls, kept off the /api/ paths. */
export const ADMIN_PREFIX = '/_emulator/';

/** A path under the prefix that no control answered: 404, or 405 with `Allow` for a known path. */
export function unknownControls(): AppMiddleware {
  return async (ctx, next) => {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) throw new JsonError(404, `No such emulator control: ${ctx.path}`);
    if (ctx.status === 405) throw new JsonError(405, `Method ${ctx.method} not allowed here (allowed: ${ctx.response.get('Allow')})`);
  };
}

const bodyRefusal = ({ status, reason }: BodyFault) =>
  new JsonError(status, status === 413 ? 'Request body too large' : `Request body could not be read: ${reason}`);

/** Whether bytes follow the headers: chunked, or a Content-Length above 0. */
const hasBody = (ctx: Context) => ctx.get('Transfer-Encoding') !== '' || Number(ctx.get('Content-Length') || 0) > 0;

/**
 * JSON in: a body with any other Content-Type is refused rather than silently ignored. [E] A
 * request without a body passes whatever its Content-Type: a client library that labels every
 * request JSON must still reach the body-less controls (reset, show and clear).
 */
export function jsonBody(maxBody: number): AppMiddleware {
  const parse = koaBody({ json: true, jsonStrict: true, urlencoded: false, multipart: false, text: false, jsonLimit: maxBody });
  return async (ctx, next) => {
    if (!hasBody(ctx)) return next();
    if (!ctx.is('json')) throw new JsonError(415, 'Send JSON: Content-Type must be application/json');
    return parseBody(parse, ctx, next, bodyRefusal);
  };
}

/**
 * The controls themselves, JSON out; `routes()` then `allowedMethods()` (405 with `Allow`).
 * `publicUrl` is the base of the DOCTYPEs in the list XML the dashboard shows.
 */
export function adminRouter(controls: EmulatorControls, publicUrl: string | undefined): Router<AppState> {
  const router = new Router<AppState>({ ...ROUTER_OPTIONS, prefix: ADMIN_PREFIX.slice(0, -1) });
  const bodyOf = (ctx: Context) => ctx.request.body ?? {};
  router.post('/reset', (ctx) => {
    // it takes nothing: a body, if any, is an empty object, as the other controls refuse what they do not know
    objectOf(bodyOf(ctx), 'the body', []);
    controls.reset();
    ctx.body = { reset: true };
  });
  for (const path of controls.familyControls.keys()) {
    router.post(`/${path}`, async (ctx) => {
      ctx.body = await controls.run(path, bodyOf(ctx));
    });
  }
  router.post('/seed', (ctx) => {
    ctx.body = controls.seed(bodyOf(ctx), authenticatedUser(ctx));
  });
  router.get('/requests', (ctx) => {
    ctx.body = { generation: controls.journal.generation, requests: controls.journal.query(parseJournalFilter(ctx.query)) };
  });
  router.delete('/requests', (ctx) => {
    ctx.body = { deleted: controls.journal.clear() };
  });
  router.get('/faults', (ctx) => {
    ctx.body = controls.faults.json();
  });
  router.put('/faults', (ctx) => {
    ctx.body = controls.faults.replace(parseFaultSet(bodyOf(ctx)));
  });
  router.post('/faults', (ctx) => {
    ctx.body = controls.faults.add(parseAddedRules(bodyOf(ctx), controls.faults.inForce));
  });
  router.delete('/faults', (ctx) => {
    ctx.body = controls.faults.clear();
  });
  router.delete('/faults/:id', (ctx) => {
    ctx.body = removeFaultRule(controls.faults, ctx.params.id);
  });
  router.get('/accounts', (ctx) => {
    ctx.body = controls.accounts.json();
  });
  router.put('/accounts/:login', (ctx) => {
    ctx.body = controls.accounts.set(ctx.params.login, bodyOf(ctx));
  });
  router.get('/config', (ctx) => {
    ctx.body = controls.config();
  });
  router.patch('/config', (ctx) => {
    ctx.body = controls.patchConfig(parseConfigPatch(bodyOf(ctx)));
  });
  router.get('/conformance', (ctx) => {
    ctx.body = controls.conformance.json();
  });
  router.delete('/conformance', (ctx) => {
    ctx.body = { deleted: controls.conformance.clear() };
  });
  addDashboardRoutes(router, controls, publicUrl);
  return router;
}
