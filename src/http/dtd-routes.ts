import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import type { BundledDtd } from '../qualys/bundled-dtd.js';
import type { PathRoutes } from './exact-paths.js';
import type { AppMiddleware } from './state.js';

/** Where the bundled DTDs are. */
export const DTD_DIR = join(PACKAGE_ROOT, 'dtd');

/** The text of each declared DTD, read from its file, by the URL path its DOCTYPEs name. */
export function readDtds(dtds: readonly BundledDtd[]): Map<string, string> {
  return new Map(dtds.map((d) => [d.url, readFileSync(join(DTD_DIR, d.file), 'utf8')]));
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
