import type Router from '@koa/router';
import { authenticatedUser, type AppState } from '../http/state.js';
import { baseUrlOf } from '../http/send.js';
import type { EmulatorControls } from './controls.js';
import { dashboardFiles, redirectToDashboard, sendDashboardFile } from './dashboard-files.js';

/**
 * What the dashboard reads besides the harness controls: its own files under `ui/`, the records
 * with their declared fields, the vaults, the rate counts and the tool runs. All behind the controls'
 * credentials, JSON out, never journaled.
 */
export function addDashboardRoutes(router: Router<AppState>, controls: EmulatorControls, publicUrl: string | undefined): void {
  router.get('/records', (ctx) => {
    ctx.body = controls.records.types();
  });
  router.get('/records/:type', (ctx) => {
    ctx.body = controls.records.list(ctx.params.type, ctx.query);
  });
  router.get('/records/:type/:id/xml', (ctx) => {
    const call = { user: authenticatedUser(ctx), baseUrl: baseUrlOf(ctx, publicUrl), secure: ctx.secure };
    ctx.body = controls.records.xml(ctx.params.type, ctx.params.id, call);
  });
  router.get('/vaults', (ctx) => {
    ctx.body = controls.vaults.list();
  });
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
