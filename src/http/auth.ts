import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import { qualysErrors, QualysError } from '../qualys/errors.js';
import type { User } from '../config.js';

/** Finds the login a request authenticates as, or undefined. */
export type Authenticator = (ctx: Context) => string | undefined;

const digest = (s: string) => createHash('sha256').update(s).digest();

/** HTTP Basic against the configured users, compared in constant time. */
export function basicAuthenticator(users: readonly User[]): Authenticator {
  const known = users.map((u) => ({ login: u.login, hash: digest(`${u.login}:${u.password}`) }));
  return (ctx) => {
    const header = ctx.get('Authorization');
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    if (!match) return undefined;
    const hash = digest(Buffer.from(match[1], 'base64').toString('utf8'));
    return known.find((k) => timingSafeEqual(k.hash, hash))?.login;
  };
}

/** [Q] 401, CODE 2000, with a Basic challenge. The login is kept in `ctx.state.user`. */
export function authenticate(authenticators: readonly Authenticator[]): Middleware {
  return async (ctx, next) => {
    for (const find of authenticators) {
      const user = find(ctx);
      if (user !== undefined) {
        ctx.state.user = user;
        return next();
      }
    }
    const e = qualysErrors.badLogin();
    throw new QualysError(e.status, e.code, e.text, e.items, { 'WWW-Authenticate': 'Basic realm="Qualys API Emulator"' });
  };
}

/** [Q] every v2 call needs a non-empty X-Requested-With; the check can be switched off. */
export function requireXRequestedWith(enabled: () => boolean): Middleware {
  return async (ctx, next) => {
    if (enabled() && ctx.get('X-Requested-With').trim() === '') throw qualysErrors.missingHeader('X-Requested-With');
    return next();
  };
}
