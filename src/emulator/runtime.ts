import type { Config } from '../config.js';
import { boolean, integerIn, objectOf } from './json-input.js';

/**
 * The switches a test harness may flip while the emulator runs (`/_emulator/config`). Config is
 * what the process was started with and never changes; this object starts from it and is the
 * one mutable place every middleware reads at each call.
 */
export interface RateLimitSettings {
  /** [Q] docs/fidelity.md §8: off by default, as real clients sleep when they see a block. */
  enforce: boolean;
  /** Calls per user per endpoint in the rolling window. */
  limit: number;
  windowSec: number;
  /** Calls of one user to one endpoint running at once. */
  concurrency: number;
}

export interface RuntimeSettings {
  rateLimit: RateLimitSettings;
  requireXRequestedWith: boolean;
  /** A Docker record's IPs must be covered by Unix records (the record service reads it at each write). */
  requireUnixForDocker: boolean;
  pageSize: number;
}

export function initialRuntimeSettings(config: Config): RuntimeSettings {
  return {
    rateLimit: {
      enforce: config.enforceRateLimits,
      limit: config.rateLimit.calls,
      windowSec: config.rateLimit.windowSec,
      concurrency: config.concurrencyLimit,
    },
    requireXRequestedWith: config.requireXRequestedWith,
    requireUnixForDocker: config.requireUnixForDocker,
    pageSize: config.pageSize,
  };
}

/** The settings as the config API shows them: snake_case JSON. */
export function runtimeSettingsJson(s: RuntimeSettings) {
  return {
    rate_limit: { enforce: s.rateLimit.enforce, limit: s.rateLimit.limit, window_sec: s.rateLimit.windowSec, concurrency: s.rateLimit.concurrency },
    require_x_requested_with: s.requireXRequestedWith,
    require_unix_for_docker: s.requireUnixForDocker,
    page_size: s.pageSize,
  };
}

const TOP_KEYS = ['rate_limit', 'require_x_requested_with', 'require_unix_for_docker', 'page_size'];
const RATE_KEYS = ['enforce', 'limit', 'window_sec', 'concurrency'];

/**
 * Applies a PATCH body: any subset of the keys, `rate_limit` itself partial. Everything is
 * validated before anything changes. Returns whether the body touched `rate_limit`.
 */
export function patchRuntimeSettings(s: RuntimeSettings, body: unknown): { rateLimitTouched: boolean } {
  const patch = objectOf(body, 'the body', TOP_KEYS);
  const next: RuntimeSettings = { ...s, rateLimit: { ...s.rateLimit } };
  if (patch.rate_limit !== undefined) {
    const r = objectOf(patch.rate_limit, 'rate_limit', RATE_KEYS);
    if (r.enforce !== undefined) next.rateLimit.enforce = boolean(r.enforce, 'rate_limit.enforce');
    if (r.limit !== undefined) next.rateLimit.limit = integerIn(r.limit, 'rate_limit.limit', 1, 1_000_000);
    if (r.window_sec !== undefined) next.rateLimit.windowSec = integerIn(r.window_sec, 'rate_limit.window_sec', 1, 31_536_000);
    if (r.concurrency !== undefined) next.rateLimit.concurrency = integerIn(r.concurrency, 'rate_limit.concurrency', 1, 10_000);
  }
  if (patch.require_x_requested_with !== undefined) next.requireXRequestedWith = boolean(patch.require_x_requested_with, 'require_x_requested_with');
  if (patch.require_unix_for_docker !== undefined) next.requireUnixForDocker = boolean(patch.require_unix_for_docker, 'require_unix_for_docker');
  if (patch.page_size !== undefined) next.pageSize = integerIn(patch.page_size, 'page_size', 1, 1_000_000);
  Object.assign(s, next);
  return { rateLimitTouched: patch.rate_limit !== undefined };
}
