import { qualysErrors, type QualysError } from '../qualys/errors.js';
import { authenticatedUser, type AppMiddleware } from './state.js';

export interface RateLimitSettings {
  /** [Q] docs/fidelity.md §8: off by default, as real clients sleep when they see a block. */
  enforce: boolean;
  /** Calls per user per endpoint in the rolling window. */
  limit: number;
  windowSec: number;
  /** Calls of one user to one endpoint running at once. */
  concurrency: number;
}

export interface Admission {
  /** [Q] the six headers, in the order Qualys sends them. */
  headers: [string, string][];
  /** Set when enforcement refuses the call: 1960 (concurrency) or 1965 (rate). */
  refusal?: QualysError;
  /** Ends an admitted call's share of the concurrency count. */
  release(): void;
}

export interface RateState {
  user: string;
  endpoint: string;
  calls_in_window: number;
  running: number;
  remaining: number;
  oldest_leaves_in_sec: number | null;
}

/**
 * The times of one key's last admitted calls, oldest first, at most `limit` of them: a ring, so
 * that counting a call never moves the others (a window full at 300 had copied them every call).
 * It grows as calls come, doubling, so a limit of a million costs nothing until it is used.
 */
class CallWindow {
  private times = new Float64Array(16);
  private start = 0;
  count = 0;

  constructor(readonly limit: number) {}

  /** Forgets the calls at or before `cutoff`. */
  expire(cutoff: number): void {
    while (this.count > 0 && this.times[this.start] <= cutoff) this.drop();
  }

  /** Counts a call at `now`, forgetting the oldest when `limit` are kept. */
  add(now: number): void {
    if (this.count === this.limit) this.drop();
    if (this.count === this.times.length) this.grow();
    this.times[(this.start + this.count) % this.times.length] = now;
    this.count++;
  }

  /** The oldest time kept; only when `count` > 0. */
  oldest(): number {
    return this.times[this.start];
  }

  private drop(): void {
    this.start = (this.start + 1) % this.times.length;
    this.count--;
  }

  private grow(): void {
    const next = new Float64Array(Math.min(this.limit, 2 * this.times.length));
    for (let i = 0; i < this.count; i++) next[i] = this.times[(this.start + i) % this.times.length];
    this.times = next;
    this.start = 0;
  }
}

/**
 * [Q] docs/fidelity.md §8: calls count per user per endpoint over a rolling window, whether or not the
 * limits are enforced. [E] A refused call is not counted, so a client that waits as told gets
 * through; the window keeps at most `limit` timestamps per key, all it needs to say how long to wait.
 */
export class RateLimiter {
  private readonly calls = new Map<string, CallWindow>();
  private readonly running = new Map<string, number>();

  constructor(
    private readonly settings: () => RateLimitSettings,
    /** Milliseconds on a monotonic clock. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Starts every count afresh: on reset and on any change of the settings. Running calls stay running. */
  restart(): void {
    this.calls.clear();
  }

  /**
   * Each user's count per endpoint as it stands, for the dashboard: the calls in the window, those
   * running, and in how many seconds the oldest leaves the window. Nothing is counted by asking.
   */
  state(): RateState[] {
    const s = this.settings();
    const now = this.now();
    const keys = new Set([...this.calls.keys(), ...this.running.keys()]);
    return [...keys].sort().map((key) => {
      const [user, endpoint] = key.split('\n');
      // expired calls are forgotten, as the next call would; none is added
      const window = this.calls.get(key);
      window?.expire(now - s.windowSec * 1000);
      const count = window?.count ?? 0;
      return {
        user,
        endpoint,
        calls_in_window: count,
        running: this.running.get(key) ?? 0,
        remaining: Math.max(0, s.limit - count),
        oldest_leaves_in_sec: count === 0 ? null : Math.max(0, Math.ceil((window!.oldest() + s.windowSec * 1000 - now) / 1000)),
      };
    });
  }

  admit(user: string, endpoint: string): Admission {
    const s = this.settings();
    const key = `${user}\n${endpoint}`;
    const now = this.now();
    const window = this.windowOf(key, s);
    window.expire(now - s.windowSec * 1000);
    let running = this.running.get(key) ?? 0;
    let refusal: QualysError | undefined;
    let toWait = 0;
    if (s.enforce && running >= s.concurrency) {
      refusal = qualysErrors.concurrencyLimit(running - s.concurrency + 1);
    } else if (s.enforce && window.count >= s.limit) {
      // The call may run once the oldest of the last `limit` calls leaves the window.
      toWait = Math.max(1, Math.ceil((window.oldest() + s.windowSec * 1000 - now) / 1000));
      refusal = qualysErrors.rateLimited(toWait);
    }
    let released = refusal !== undefined;
    if (!refusal) {
      window.add(now);
      this.running.set(key, ++running);
    }
    // [Q] without enforcement Remaining never drops below 1, so clients never decide to sleep.
    const remaining = Math.max(s.limit - window.count, s.enforce ? 0 : 1);
    // [Q recorded: 0 in every answer captured, 2017 to 2022, docs/fidelity.md §8] the other calls
    // running: an admitted call, already in `running`, is not counted; a refused one never was.
    const othersRunning = refusal ? running : running - 1;
    const headers: [string, string][] = [
      ['X-RateLimit-Limit', String(s.limit)],
      ['X-RateLimit-Window-Sec', String(s.windowSec)],
      ['X-Concurrency-Limit-Limit', String(s.concurrency)],
      ['X-Concurrency-Limit-Running', String(othersRunning)],
      ['X-RateLimit-ToWait-Sec', String(toWait)],
      ['X-RateLimit-Remaining', String(remaining)],
    ];
    return {
      headers,
      refusal,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.running.get(key) ?? 1) - 1;
        if (left > 0) this.running.set(key, left);
        else this.running.delete(key);
      },
    };
  }

  /** The key's window, new (empty) when there is none yet or the limit it was sized for changed. */
  private windowOf(key: string, s: RateLimitSettings): CallWindow {
    let window = this.calls.get(key);
    if (window === undefined || window.limit !== s.limit) {
      window = new CallWindow(s.limit);
      this.calls.set(key, window);
    }
    return window;
  }
}

/**
 * Counts an authenticated call, sets the headers, refuses it when enforcement says so. [Q]
 * docs/fidelity.md §7: the session endpoint is not rate limited, so its route group does not use this guard.
 */
export function rateLimit(limiter: RateLimiter): AppMiddleware {
  return async (ctx, next) => {
    const admission = limiter.admit(authenticatedUser(ctx), ctx.path);
    // Straight to Node: Koa's own setter, six times a call, was a twentieth of a short list's time.
    for (const [name, value] of admission.headers) ctx.res.setHeader(name, value);
    if (admission.refusal) throw admission.refusal;
    try {
      await next();
    } catch (err) {
      admission.release();
      throw err;
    }
    // A streamed answer (the host lists) runs until its last byte leaves, or its client goes.
    if (typeof (ctx.body as { pipe?: unknown } | undefined)?.pipe === 'function') ctx.res.once('close', admission.release);
    else admission.release();
  };
}
