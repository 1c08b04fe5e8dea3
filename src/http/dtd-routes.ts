import Router from '@koa/router';
import { ROUTER_OPTIONS } from './router-options.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

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
export function dtdRoutes(dtds: ReadonlyMap<string, string>): Router {
  const router = new Router(ROUTER_OPTIONS);
  for (const [path, text] of dtds) {
    router.get(path, (ctx) => {
      ctx.body = text;
      ctx.set('Content-Type', 'application/xml-dtd;charset=UTF-8');
    });
  }
  return router;
}
