import type { Context } from 'koa';

/** [Q] the cookie a session login sets and every later call sends back. */
const SESSION_COOKIE = 'QualysSession';

export function sessionTokenOf(ctx: Context): string | undefined {
  return ctx.cookies.get(SESSION_COOKIE) || undefined;
}

/**
 * [Q] `QualysSession=<token>; path=/api`, plus `; secure` only over TLS: over plain HTTP a
 * client would never send a Secure cookie back. [E] `HttpOnly; SameSite=Strict`, which Qualys
 * does not document: no script can read the cookie and no other site's request carries it,
 * while clients that replay it are unaffected (docs/security.md).
 */
export function sessionCookieHeader(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; path=/api; HttpOnly; SameSite=Strict${secure ? '; secure' : ''}`;
}
