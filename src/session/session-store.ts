import { randomBytes } from 'node:crypto';

interface Session {
  user: string;
  /** When the session was last used, in the clock's milliseconds. */
  lastSeen: number;
}

/**
 * [E] At most this many live sessions: logins that never log out (a CI job per build, or a loop)
 * must not grow memory without bound within `--session-timeout`. A login beyond it ends the
 * session used least recently (docs/api.md#sessions).
 */
export const MAX_SESSIONS = 10_000;

/**
 * Live sessions, in memory: a restart logs everyone out, as a real server restart would [E].
 * A session ends at logout, after `idleMs` without use, or when `maxSessions` newer ones push it
 * out; every use restarts the idle clock.
 */
export class SessionStore {
  /** In order of last use, least recent first: expired sessions are always a prefix. */
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxSessions: number = MAX_SESSIONS,
  ) {}

  /** [Q] the token is 32 hex characters. */
  open(user: string): string {
    this.sweep();
    for (const token of this.sessions.keys()) {
      if (this.sessions.size < this.maxSessions) break;
      this.sessions.delete(token);
    }
    const token = randomBytes(16).toString('hex');
    this.sessions.set(token, { user, lastSeen: this.now() });
    return token;
  }

  /** The user of a live session, refreshing its idle clock; undefined when unknown or expired. */
  use(token: string): string | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    const now = this.now();
    this.sessions.delete(token);
    if (now - session.lastSeen > this.idleMs) return undefined;
    session.lastSeen = now;
    // re-inserted, so the Map stays in order of last use
    this.sessions.set(token, session);
    return session.user;
  }

  close(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every session (the emulator's reset). */
  clear(): void {
    this.sessions.clear();
  }

  /**
   * Drops expired sessions, so logins without logouts do not pile up; they lead the Map, so
   * this stops at the first live one instead of walking every session on every login.
   */
  private sweep(): void {
    const now = this.now();
    for (const [token, s] of this.sessions) {
      if (now - s.lastSeen <= this.idleMs) break;
      this.sessions.delete(token);
    }
  }
}
