import Router from '@koa/router';
import { ROUTER_OPTIONS } from '../http/router-options.js';
import type { Context } from 'koa';
import type { Config } from '../config.js';
import type { Authenticator } from '../http/auth.js';
import { toolErrors, ToolHttpError } from './errors.js';
import { readJsonObject } from './json-body.js';
import type { ProcessGroups } from './process-groups.js';
import { runRequest, type ToolResponse } from './run-request.js';
import type { ToolDefinition } from './tool.js';
import { kubeBench } from './kube-bench.js';
import { dockerBench } from './docker-bench.js';

export const TOOLS: readonly ToolDefinition[] = [kubeBench, dockerBench];

export interface ToolRouteOptions {
  config: Config;
  /** The same authenticators as the Qualys API: these endpoints run programs. */
  authenticators: readonly Authenticator[];
  /** Where the running tools' process groups are kept, so stopping the emulator can end them. */
  groups: ProcessGroups;
  /** Told of each run that answered 200, e.g. to list it on the dashboard. */
  onRun?(tool: string, user: string, response: ToolResponse): void;
}

function sendJson(ctx: Context, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  ctx.status = status;
  for (const [k, v] of Object.entries(headers)) ctx.set(k, v);
  ctx.body = body;
  ctx.type = 'application/json';
}

/**
 * `POST /api/tools/<tool>`. Every answer, errors included, is JSON written here: the outer error
 * envelope would turn a thrown error into Qualys XML, so nothing leaves this handler thrown.
 * Order: credentials (401, so nothing is told to a stranger), method (405), body (400, 413, 415),
 * fields (400), busy (409), run.
 */
export function toolRoutes({ config, authenticators, groups, onRun }: ToolRouteOptions): Router {
  const router = new Router(ROUTER_OPTIONS);
  const running = new Set<string>();
  for (const tool of TOOLS) {
    router.all(`/api/tools/${tool.name}`, async (ctx) => {
      let claimed = false;
      try {
        const user = authenticators.map((find) => find(ctx)).find((login) => login !== undefined);
        if (user === undefined) throw toolErrors.unauthorized();
        if (ctx.method !== 'POST') throw toolErrors.methodNotAllowed(ctx.method);
        ctx.state.user = user;
        const prepared = tool.prepare(await readJsonObject(ctx, config.maxBody), config);
        // No await between the check and the claim, so two requests cannot both pass.
        if (running.has(tool.name)) throw toolErrors.busy(tool.name);
        running.add(tool.name);
        claimed = true;
        const response = await runRequest(tool, prepared, config, groups);
        onRun?.(tool.name, user, response);
        sendJson(ctx, 200, response);
      } catch (err) {
        const e = err instanceof ToolHttpError ? err : unexpected(tool.name, err);
        sendJson(ctx, e.status, { error: e.message }, e.headers);
      } finally {
        if (claimed) running.delete(tool.name);
      }
    });
  }
  return router;
}

function unexpected(tool: string, err: unknown): ToolHttpError {
  console.error(`Unexpected fault in ${tool} endpoint:`, err);
  const code = (err as NodeJS.ErrnoException)?.code;
  return toolErrors.server(typeof code === 'string' ? `${code} while running ${tool}` : `unexpected fault while running ${tool}`);
}
