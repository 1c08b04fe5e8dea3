import Router from '@koa/router';
import { ROUTER_OPTIONS } from '../http/router-options.js';
import type { ToolSettings } from '../settings/config.js';
import { JsonError } from '../http/json-errors.js';
import { authenticatedUser, type AppMiddleware, type AppState } from '../http/state.js';
import { toolErrors } from './errors.js';
import { readJsonObject } from './json-body.js';
import type { ProcessGroups } from './process-groups.js';
import { runRequest, type ToolResponse } from './run-request.js';
import type { ToolDefinition } from './tool.js';
import { kubeBench } from './kube-bench.js';
import { dockerBench } from './docker-bench.js';

export const TOOLS: readonly ToolDefinition[] = [kubeBench, dockerBench];

export interface ToolRouteOptions {
  settings: ToolSettings;
  /** Largest request body, in bytes. */
  maxBody: number;
  /** Run before each tool endpoint: JSON errors and authentication (these endpoints run programs). */
  guards: readonly AppMiddleware[];
  /** Where the running tools' process groups are kept, so stopping the emulator can end them. */
  groups: ProcessGroups;
  /** Told of each run that answered 200, e.g. to list it on the dashboard. */
  onRun?(tool: string, user: string, response: ToolResponse): void;
}

/**
 * `POST /api/tools/<tool>`, after the guards: method (405), body (400, 413, 415), fields (400),
 * busy (409), run. Every answer, errors included, is JSON.
 */
export function toolRoutes({ settings, maxBody, guards, groups, onRun }: ToolRouteOptions): Router<AppState> {
  const router = new Router<AppState>(ROUTER_OPTIONS);
  const running = new Set<string>();
  for (const tool of TOOLS) {
    router.all(`/api/tools/${tool.name}`, ...guards, async (ctx) => {
      if (ctx.method !== 'POST') throw toolErrors.methodNotAllowed(ctx.method);
      let claimed = false;
      try {
        const prepared = tool.prepare(await readJsonObject(ctx, maxBody), settings);
        // No await between the check and the claim, so two requests cannot both pass.
        if (running.has(tool.name)) throw toolErrors.busy(tool.name);
        running.add(tool.name);
        claimed = true;
        const response = await runRequest(tool, prepared, settings, groups);
        onRun?.(tool.name, authenticatedUser(ctx), response);
        // written out here, inside the JSON errors, not by Koa after every step has returned
        ctx.body = JSON.stringify(response);
        ctx.type = 'application/json';
      } catch (err) {
        throw err instanceof JsonError ? err : unexpected(tool.name, err);
      } finally {
        if (claimed) running.delete(tool.name);
      }
    });
  }
  return router;
}

function unexpected(tool: string, err: unknown): JsonError {
  console.error(`Unexpected fault in ${tool} endpoint:`, err);
  const code = (err as NodeJS.ErrnoException)?.code;
  return toolErrors.server(typeof code === 'string' ? `${code} while running ${tool}` : `unexpected fault while running ${tool}`);
}
