import type { Context } from 'koa';
import { qualysErrors, type QualysError } from '../qualys/errors.js';
import type { CredentialCheck } from '../session/credentials.js';
import type { SessionStore } from '../session/session-store.js';
import { sessionTokenOf } from '../session/session-cookie.js';
import type { AppMiddleware } from './state.js';

/** Finds the login a request authenticates as, or undefined. */
export type Authenticator = (ctx: Context) => string | undefined;

/**
 * How many Authorization headers Basic remembers the answer to. Clients send the same header on
 * every call, and decoding and hashing it was a tenth of a small request's time; the bound keeps a
 * stream of different headers from growing memory.
 */
const REMEMBERED_HEADERS = 64;

/** HTTP Basic against the configured users (fixed for the app's life, so an answer stays true). */
export function basicAuthenticator(check: CredentialCheck): Authenticator {
  const known = new Map<string, string | undefined>();
  const decode = (header: string): string | undefined => {
    const match = header.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
    if (!match) return undefined;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? undefined : check(decoded.slice(0, colon), decoded.slice(colon + 1));
  };
  return (ctx) => {
    const header = ctx.get('Authorization');
    if (known.has(header)) return known.get(header);
    const user = decode(header);
    if (known.size >= REMEMBERED_HEADERS) known.clear();
    known.set(header, user);
    return user;
  };
}

/** [Q] the `QualysSession` cookie of a live session, in place of Basic. */
export function sessionAuthenticator(sessions: SessionStore): Authenticator {
  return (ctx) => {
    const token = sessionTokenOf(ctx);
    return token === undefined ? undefined : sessions.use(token);
  };
}

/** [E] The Basic challenge a browser needs to show its login prompt (the dashboard). */
export const BASIC_CHALLENGE = { 'WWW-Authenticate': 'Basic realm="Qualys API Emulator"' } as const;

/** What Qualys answers a caller it knows whose account it refuses (expired, inactive, ...); undefined when it serves it. */
export interface AccountGate {
  refusal(login: string): QualysError | undefined;
}

export interface AuthenticateOptions {
  /**
   * Whether a refusal carries the Basic challenge: only where a browser calls (the dashboard and
   * its controls), never on /api/, where Qualys sends none and a client that waits for one before
   * sending credentials must fail as it would against Qualys.
   */
  challenge?: boolean;
  /**
   * The account states: a caller whose credentials are good but whose account Qualys would refuse
   * gets that refusal, before the rate limiter counts it (the recorded 2001 carries no rate headers).
   */
  accounts?: AccountGate;
}

/** The first authenticator that knows the caller wins; its login is kept in `ctx.state.user`. */
export function authenticate(authenticators: readonly Authenticator[], options: AuthenticateOptions = {}): AppMiddleware {
  const refusal = () => qualysErrors.badLogin(options.challenge ? BASIC_CHALLENGE : {});
  return (ctx, next) => {
    for (const find of authenticators) {
      const user = find(ctx);
      if (user !== undefined) {
        ctx.state.user = user;
        const refused = options.accounts?.refusal(user);
        if (refused) throw refused;
        return next();
      }
    }
    throw refusal();
  };
}

/** [Q] every v2 call needs a non-empty X-Requested-With; the check can be switched off. */
export function requireXRequestedWith(enabled: () => boolean): AppMiddleware {
  return (ctx, next) => {
    if (enabled() && ctx.get('X-Requested-With').trim() === '') throw qualysErrors.missingHeader('X-Requested-With');
    return next();
  };
}

/** A credential check that answers the account's refusal, when Qualys would refuse it, for a session login. */
export function gatedCheck(check: CredentialCheck, accounts: AccountGate): CredentialCheck {
  return (login, password) => {
    const user = check(login, password);
    const refused = user === undefined ? undefined : accounts.refusal(user);
    if (refused) throw refused;
    return user;
  };
}
