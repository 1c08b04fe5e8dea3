import { qualysErrors } from '../qualys/errors.js';
import type { ActionSpec, Endpoint } from '../qualys/endpoint.js';
import { simpleReturn } from '../qualys/envelopes.js';
import type { CredentialCheck } from './credentials.js';
import { sessionCookieHeader } from './session-cookie.js';
import type { SessionStore } from './session-store.js';

const SESSION_PATH = '/api/2.0/fo/session/';

/**
 * [E] The largest session request body read, whatever `--max-body` says: login reads its body
 * before anyone is identified, and needs three short parameters. A full `--max-body` of parameter
 * names costs tens of milliseconds and megabytes to parse, per connection, for anyone who can
 * connect (docs/security.md#bounded-requests).
 */
export const SESSION_MAX_BODY = 16 * 1024;

/**
 * [Q] /api/2.0/fo/session/ (docs/fidelity.md §7): login trades a username and password for a
 * `QualysSession` cookie; logout ends the session the cookie names.
 */
export function sessionEndpoint(sessions: SessionStore, check: CredentialCheck): Endpoint {
  const login: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'username', 'password'],
    required: ['username', 'password'],
    handle(ctx) {
      const user = check(ctx.params.require('username'), ctx.params.require('password'));
      if (user === undefined) throw qualysErrors.badLogin();
      const token = sessions.open(user);
      return {
        xml: ctx.render(simpleReturn({ datetime: ctx.datetime, text: 'Logged in' })),
        headers: { 'Set-Cookie': sessionCookieHeader(token, ctx.secure) },
        identified: user,
      };
    },
  };

  const logout: ActionSpec = {
    methods: ['POST'],
    allowed: ['action'],
    handle(ctx) {
      // [E] logging out needs a live session; without one the answer is the usual 401.
      const user = ctx.sessionToken === undefined ? undefined : sessions.use(ctx.sessionToken);
      if (user === undefined) throw qualysErrors.badLogin();
      sessions.close(ctx.sessionToken!);
      return { xml: ctx.render(simpleReturn({ datetime: ctx.datetime, text: 'Logged out' })), identified: user };
    },
  };

  return { path: SESSION_PATH, actions: { login, logout } };
}
