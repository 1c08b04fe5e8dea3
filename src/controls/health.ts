import Router from '@koa/router';
import { ROUTER_OPTIONS } from '../http/router-options.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ToolSettings } from '../settings/config.js';
import type { Db } from '../db/connection.js';
import type { DatabaseCondition } from '../db/condition.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { findBinary } from '../tools/binaries.js';
import { TOOLS } from '../tools/routes.js';
import type { AppMiddleware, AppState } from '../http/state.js';

const VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function databaseReachable(db: Db): boolean {
  try {
    return (db.prepare('SELECT 1 AS one').get() as { one: number }).one === 1;
  } catch {
    return false;
  }
}

/**
 * [E] `GET /health`, without credentials: 200 `status: "ok"` while the database answers and
 * nothing is known to be wrong with its file, else 503 `status: "error"`, `database.problems`
 * saying what (the file deleted or replaced, damage quick_check found). A missing tool is
 * reported, not unhealthy: the Qualys API works without it.
 */
export function healthRoutes(toolSettings: ToolSettings, db: Db, condition: DatabaseCondition, guards: readonly AppMiddleware[]): Router<AppState> {
  const started = Date.now();
  const router = new Router<AppState>(ROUTER_OPTIONS);
  router.get('/health', ...guards, (ctx) => {
    const reachable = databaseReachable(db);
    const problems = condition.problems();
    const healthy = reachable && problems.length === 0;
    // Only whether each is found (and kube-bench its configuration): the answer needs no
    // credentials, so it names no path on the host.
    const tools = Object.fromEntries(
      TOOLS.map((tool) => {
        const binary = findBinary(tool.configuredBin(toolSettings), tool.commands);
        const status = { found: binary !== undefined };
        return [tool.name, tool.defaultConfigFound ? { ...status, config: binary !== undefined && tool.defaultConfigFound(binary) } : status];
      }),
    );
    ctx.status = healthy ? 200 : 503;
    ctx.body = {
      status: healthy ? 'ok' : 'error',
      version: VERSION,
      uptime: Math.round((Date.now() - started) / 10) / 100,
      database: { reachable, problems },
      tools,
    };
    ctx.type = 'application/json';
  });
  return router;
}
