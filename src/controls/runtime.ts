import { BOUNDS, RATE_BOUNDS, type Bounds, type Config } from '../settings/config.js';
import type { RateLimitSettings } from '../http/rate-limit.js';
import { boolean, integerIn, objectOf } from './json-input.js';

/**
 * The switches a test harness may flip while the emulator runs (`/_emulator/config`). Config is
 * what the process was started with and never changes; this object starts from it and is the
 * one mutable place every middleware reads at each call.
 */
export interface RuntimeSettings {
  rateLimit: RateLimitSettings;
  requireXRequestedWith: boolean;
  /** Records needing host records must have their IPs covered by them (the record service reads it at each write). */
  requireHostRecord: boolean;
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
    requireHostRecord: config.requireHostRecord,
    pageSize: config.pageSize,
  };
}

/** The settings as the config API shows them: snake_case JSON. */
export function runtimeSettingsJson(s: RuntimeSettings) {
  return {
    rate_limit: { enforce: s.rateLimit.enforce, limit: s.rateLimit.limit, window_sec: s.rateLimit.windowSec, concurrency: s.rateLimit.concurrency },
    require_x_requested_with: s.requireXRequestedWith,
    require_host_record: s.requireHostRecord,
    page_size: s.pageSize,
  };
}

/** A runtime setting takes the range of the start-up option it starts from. */
const wholeIn = (value: unknown, where: string, b: Bounds) => integerIn(value, where, b.min, b.max);

// `require_unix_for_docker` is the first name of `require_host_record`, still accepted.
const TOP_KEYS = ['rate_limit', 'require_x_requested_with', 'require_host_record', 'require_unix_for_docker', 'page_size'];
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
    if (r.limit !== undefined) next.rateLimit.limit = wholeIn(r.limit, 'rate_limit.limit', RATE_BOUNDS.calls);
    if (r.window_sec !== undefined) next.rateLimit.windowSec = wholeIn(r.window_sec, 'rate_limit.window_sec', RATE_BOUNDS.windowSec);
    if (r.concurrency !== undefined) next.rateLimit.concurrency = wholeIn(r.concurrency, 'rate_limit.concurrency', BOUNDS.concurrencyLimit);
  }
  if (patch.require_x_requested_with !== undefined) next.requireXRequestedWith = boolean(patch.require_x_requested_with, 'require_x_requested_with');
  for (const key of ['require_unix_for_docker', 'require_host_record'] as const) {
    if (patch[key] !== undefined) next.requireHostRecord = boolean(patch[key], key);
  }
  if (patch.page_size !== undefined) next.pageSize = wholeIn(patch.page_size, 'page_size', BOUNDS.pageSize);
  Object.assign(s, next);
  return { rateLimitTouched: patch.rate_limit !== undefined };
}
