import type Router from '@koa/router';
import type { DashboardRequest } from '../api-family.js';
import { authenticatedUser, type AppContext, type AppState } from '../http/state.js';
import { baseUrlOf } from '../http/send.js';
import { JsonError } from '../http/json-errors.js';
import type { EmulatorControls } from './controls.js';
import { dashboardFiles, redirectToDashboard, sendDashboardFile } from './dashboard-files.js';
import { objectOf } from './json-input.js';

/** A dashboard read as the family answering it sees it. */
function dashboardRequest(ctx: AppContext & { params: Record<string, string> }, publicUrl: string | undefined): DashboardRequest {
  return {
    params: ctx.params,
    query: (allowed) => objectOf({ ...ctx.query }, 'the query', allowed) as Record<string, string | string[] | undefined>,
    user: authenticatedUser(ctx),
    baseUrl: baseUrlOf(ctx, publicUrl),
    secure: ctx.secure,
    refuse(status, message) {
      throw new JsonError(status, message);
    },
  };
}

/**
 * What the dashboard reads besides the harness controls: its own files under `ui/`, what each
 * API family shows (records, vaults), the rate counts and the tool runs. All behind the
 * controls' credentials, JSON out, never journaled.
 */
export function addDashboardRoutes(router: Router<AppState>, controls: EmulatorControls, publicUrl: string | undefined): void {
  for (const route of controls.dashboards.flatMap((d) => d.routes)) {
    router.get(`/${route.path}`, (ctx) => {
      ctx.body = route.answer(dashboardRequest(ctx, publicUrl));
    });
  }
  router.get('/rate-limits', (ctx) => {
    ctx.body = { rate_limit: controls.config().rate_limit, counts: controls.limiter.state() };
  });
  router.get('/tool-runs', (ctx) => {
    ctx.body = { runs: controls.toolRuns.list() };
  });
  const files = dashboardFiles();
  router.get('/ui', redirectToDashboard);
  router.get('/ui/', (ctx) => sendDashboardFile(ctx, files, ''));
  router.get('/ui/:file', (ctx) => sendDashboardFile(ctx, files, ctx.params.file));
}
