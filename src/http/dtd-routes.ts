import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import type { PathRoutes } from './exact-paths.js';
import type { AppMiddleware } from './state.js';

const DTD_DIR = join(PACKAGE_ROOT, 'dtd');

/** Every bundled DTD by the URL path its DOCTYPEs name: `dtd/X` is served at `/api/2.0/X`. */
export function bundledDtds(dir: string = DTD_DIR): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.dtd')) out.set('/api/2.0/' + relative(dir, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** [E] DTDs are public, as validating parsers fetch them without credentials. */
export function dtdRoutes(dtds: ReadonlyMap<string, string>): PathRoutes {
  const routes = new Map<string, AppMiddleware>();
  for (const [path, text] of dtds) {
    // GET and HEAD, as a router's get(); any other method passes by, to the 404 of unknown paths
    routes.set(path, (ctx, next) => {
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
      ctx.body = text;
      ctx.set('Content-Type', 'application/xml-dtd;charset=UTF-8');
      return undefined;
    });
  }
  return routes;
}
