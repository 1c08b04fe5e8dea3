import { randomBytes } from 'node:crypto';

interface Session {
  user: string;
  /** When the session was last used, in the clock's milliseconds. */
  lastSeen: number;
}

/**
 * Live sessions, in memory: a restart logs everyone out, as a real server restart would [E].
 * A session ends at logout or after `idleMs` without use; every use restarts the idle clock.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** [Q] the token is 32 hex characters. */
  open(user: string): string {
    this.sweep();
    const token = randomBytes(16).toString('hex');
    this.sessions.set(token, { user, lastSeen: this.now() });
    return token;
  }

  /** The user of a live session, refreshing its idle clock; undefined when unknown or expired. */
  use(token: string): string | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    const now = this.now();
    if (now - session.lastSeen > this.idleMs) {
      this.sessions.delete(token);
      return undefined;
    }
    session.lastSeen = now;
    return session.user;
  }

  close(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every session (the emulator's reset). */
  clear(): void {
    this.sessions.clear();
  }

  /** Drops expired sessions, so logins without logouts do not pile up. */
  private sweep(): void {
    const now = this.now();
    for (const [token, s] of this.sessions) if (now - s.lastSeen > this.idleMs) this.sessions.delete(token);
  }
}
