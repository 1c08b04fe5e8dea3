import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Context, Middleware } from 'koa';
import { PACKAGE_ROOT } from '../package-root.js';

/** The dashboard's own files, shipped as they are: no build step, no CDN, nothing fetched at run time. */
const UI_DIR = join(PACKAGE_ROOT, 'ui');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The page may load and call only its own origin, and no other site may frame it (a framed
 * dashboard could be clicked into a reset).
 */
const HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

interface StaticFile {
  type: string;
  bytes: Buffer;
}

/**
 * Every file of ui/ read once, by name. A request names a file of this map or nothing, so no
 * path it sends can reach another file.
 */
export function dashboardFiles(dir: string = UI_DIR): ReadonlyMap<string, StaticFile> {
  const out = new Map<string, StaticFile>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type !== undefined) out.set(name, { type, bytes: readFileSync(join(dir, name)) });
  }
  return out;
}

/** Answers `name` from the files; false when there is no such file. */
export function sendDashboardFile(ctx: Context, files: ReadonlyMap<string, StaticFile>, name: string): boolean {
  const file = files.get(name === '' ? 'index.html' : name);
  if (file === undefined) return false;
  for (const [k, v] of Object.entries(HEADERS)) ctx.set(k, v);
  ctx.type = file.type;
  ctx.body = file.bytes;
  return true;
}

export const DASHBOARD_PATH = '/_emulator/ui/';

/** A 302 to the dashboard, its body plain text (Koa would write HTML for a browser). */
export function redirectToDashboard(ctx: Context): void {
  ctx.redirect(DASHBOARD_PATH);
  ctx.type = 'text/plain; charset=utf-8';
  ctx.body = `Redirecting to ${DASHBOARD_PATH}`;
}

/** [E] The host root, a 404 in Qualys's own API, leads a browser to the dashboard. */
export function rootRedirect(): Middleware {
  return (ctx, next) => {
    if (ctx.path !== '/' || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    redirectToDashboard(ctx);
    return Promise.resolve();
  };
}
