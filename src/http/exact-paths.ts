import type Router from '@koa/router';
import type { AppMiddleware, AppState } from './state.js';

/** What answers each exact path (no patterns: every route of the app is a fixed path). */
export type PathRoutes = ReadonlyMap<string, AppMiddleware>;

/**
 * One step answering every route group's paths: a Map lookup on the exact path, where a router
 * per group matched each of its patterns in turn on every request (docs/architecture.md). Paths
 * nothing answers pass by. The groups answer disjoint paths; two claiming one path is a wiring bug.
 */
export function exactPaths(groups: readonly PathRoutes[]): AppMiddleware {
  const routes = new Map<string, AppMiddleware>();
  for (const group of groups) {
    for (const [path, handle] of group) {
      if (routes.has(path)) throw new Error(`two route groups answer ${path}`);
      routes.set(path, handle);
    }
  }
  return (ctx, next) => {
    const handle = routes.get(ctx.path);
    return handle === undefined ? next() : handle(ctx, next);
  };
}

/** A router's fixed paths, each handed to the router itself (it still answers methods and guards). */
export function routerPaths(router: Router<AppState>): PathRoutes {
  const routes = router.routes() as AppMiddleware;
  return new Map(
    router.stack.map((layer) => {
      if (layer.paramNames.length > 0) throw new Error(`${layer.path}: only fixed paths can be looked up exactly`);
      return [String(layer.path), routes] as const;
    }),
  );
}
