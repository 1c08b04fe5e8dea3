import type { ApiFamily } from '../api-family.js';
import type { CredentialCheck } from './credentials.js';
import type { SessionStore } from './session-store.js';
import { SESSION_MAX_BODY, sessionEndpoint } from './session-endpoint.js';

/** What the session endpoint takes from the app, whose authentication step shares both. */
export interface SessionLinks {
  sessions: SessionStore;
  credentials: CredentialCheck;
}

/**
 * [Q: docs/fidelity.md §7] Session login and logout (/api/2.0/fo/session/): no credentials, as
 * login is how a caller gets them and logout checks its own cookie; no rate limit.
 */
export const sessionFamily: ApiFamily<SessionLinks> = {
  name: 'session',
  callers: 'anyone',
  maxBody: SESSION_MAX_BODY,
  // the login's own parameter
  secrets: ['password'],
  // login and logout answer SIMPLE_RETURN
  dtds: [],
  // documented by hand in docs/api.md, "Sessions"
  docs: [],
  build: ({ links }) => ({
    endpoints: [sessionEndpoint(links.sessions, links.credentials)],
    reset: () => links.sessions.clear(),
    offers: {},
  }),
};
