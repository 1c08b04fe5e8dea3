/**
 * The kinds of value a setting takes: how a flag's or a variable's text becomes one, how a value
 * given from code (a `startEmulator` option) is checked, how `--help` shows a default, and what
 * the runtime config API takes for it. The settings themselves are declared in settings.ts.
 */
import { isHostName, isLoopback } from '../host-names.js';

/** A refused flag, variable or option; the program reports it on one line and does not start. */
export class ConfigError extends Error {}

/**
 * A number's range, whichever way it arrives (flag, variable, `startEmulator` option, or
 * `/_emulator/config` for the settings that change at run time).
 */
export interface Bounds {
  min: number;
  max: number;
  /** Seconds may have fractions; everything else is a whole number. */
  fractions?: boolean;
  /** The minimum itself is excluded (a timeout of 0 s means nothing). */
  above?: boolean;
}

export function inBounds(n: unknown, b: Bounds): boolean {
  return typeof n === 'number' && Number.isFinite(n) && (b.fractions || Number.isInteger(n)) && (b.above ? n > b.min : n >= b.min) && n <= b.max;
}

export function describeBounds(b: Bounds): string {
  return b.fractions ? `a number of seconds above ${b.min} and at most ${b.max}` : `a whole number from ${b.min} to ${b.max}`;
}

/** What the runtime config API takes for a value: true or false, or a whole number within bounds. */
export type JsonValue = 'boolean' | Bounds;

export interface Kind<T> {
  /** Its argument in `--help` (`PORT`); none: a switch, which given bare means true. */
  readonly arg?: string;
  /** A flag's or variable's text as a value (undefined: a switch given bare); refusals name it, `name`. */
  parse(name: string, text: string | undefined): T;
  /**
   * What is wrong with a value given from code, named `key`, or undefined; absent where any
   * value of the type is taken as it is.
   */
  problem?(value: unknown, key: string): string | undefined;
  /** A value as `--help` shows a default. */
  show(value: T): string;
  /** What the runtime config API takes for it; a value of several parts, for each part. */
  readonly json?: JsonValue | { readonly [P in keyof T]: JsonValue };
}

function required(name: string, text: string | undefined): string {
  if (text === undefined || text === '') throw new ConfigError(`${name} needs a value`);
  return text;
}

/** The items of a comma-separated list, trimmed, empty ones dropped. */
const items = (name: string, text: string | undefined) =>
  required(name, text)
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** Any non-empty text: a name, an address, a path. */
export function text(arg: string): Kind<string> {
  return { arg, parse: required, show: (v) => v };
}

/** A base URL, `http(s)://host:port`, without a final slash. */
export function baseUrl(arg: string): Kind<string> {
  return {
    arg,
    parse(name, t) {
      const url = required(name, t).replace(/\/$/, '');
      if (!/^https?:\/\/[^/\s]+$/.test(url)) throw new ConfigError(`${name} must be like http://host:port, got ${JSON.stringify(t)}`);
      return url;
    },
    show: (v) => v,
  };
}

/**
 * [E] Where the conformance modes send the client's credentials: an origin (no path, query or
 * user), `https://`, or `http://` to a loopback address only, so a password never crosses a
 * network in clear text.
 */
export function upstreamUrl(arg: string): Kind<string> {
  const problem = (label: string, v: unknown): string | undefined => {
    let url: URL;
    try {
      url = new URL(String(v));
    } catch {
      return `${label} must be a URL like https://qualysapi.qualys.com, got ${JSON.stringify(v)}`;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${label} must be an https:// URL, got ${JSON.stringify(v)}`;
    if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || url.pathname !== '/')
      return `${label} must be a scheme, host and port only (no path, query or user), got ${JSON.stringify(v)}`;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (url.protocol === 'http:' && !isLoopback(host)) return `${label} must be https:// unless it is a loopback address, got ${JSON.stringify(v)}`;
    return undefined;
  };
  return {
    arg,
    parse(name, t) {
      const refusal = problem(name, required(name, t));
      if (refusal !== undefined) throw new ConfigError(refusal);
      return new URL(t!).origin;
    },
    problem: (v, key) => (typeof v === 'string' ? problem(key, v) : `${key} must be a URL like https://qualysapi.qualys.com, got ${JSON.stringify(v)}`),
    show: (v) => v,
  };
}

function numberText(name: string, t: string | undefined, b: Bounds): number {
  const shape = b.fractions ? /^\d+(\.\d+)?$/ : /^\d+$/;
  if (t === undefined || !shape.test(t) || !inBounds(+t, b)) throw new ConfigError(`${name} must be ${describeBounds(b)}, got ${JSON.stringify(t)}`);
  return +t;
}

function number(arg: string, b: Bounds): Kind<number> {
  return {
    arg,
    parse: (name, t) => numberText(name, t, b),
    problem: (v, key) => (inBounds(v, b) ? undefined : `${key} must be ${describeBounds(b)}, got ${JSON.stringify(v)}`),
    show: String,
    json: b,
  };
}

export const wholeNumber = (arg: string, min: number, max: number) => number(arg, { min, max });

/** Seconds above 0, fractions allowed. */
export const seconds = (arg: string, max: number) => number(arg, { min: 0, max, fractions: true, above: true });

function truth(name: string, t: string | undefined): boolean {
  if (t === undefined || /^(1|true|yes|on)$/i.test(t)) return true;
  if (/^(0|false|no|off)$/i.test(t)) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(t)}`);
}

/** A switch: given bare it means true; `=false` (or `0`, `no`, `off`) turns it off. */
export function onOff(): Kind<boolean> {
  return { parse: truth, show: String, json: 'boolean' };
}

/** True or false, always spelled out: a setting that is on by default. */
export function trueFalse(arg: string): Kind<boolean> {
  return { arg, parse: (name, t) => truth(name, required(name, t)), show: String, json: 'boolean' };
}

/** One of a few words, exactly as written. */
export function oneOf<W extends string>(arg: string, words: readonly W[]): Kind<W> {
  const refusal = (label: string, v: unknown) => `${label} must be one of ${words.join(', ')}, got ${JSON.stringify(v)}`;
  return {
    arg,
    parse(name, t) {
      const found = words.find((w) => w === t);
      if (found === undefined) throw new ConfigError(refusal(name, t));
      return found;
    },
    problem: (v, key) => (words.includes(v as W) ? undefined : refusal(key, v)),
    show: (v) => v,
  };
}

export const HOST_NAMES_RULE = 'host names or addresses without a port, e.g. ci.example,10.0.0.5';

/** Host names or addresses without a port, comma-separated. */
export function hostNames(arg: string): Kind<string[]> {
  return {
    arg,
    parse(name, t) {
      const hosts = items(name, t);
      const bad = hosts.find((h) => !isHostName(h));
      if (hosts.length === 0 || bad !== undefined) throw new ConfigError(`${name} must be ${HOST_NAMES_RULE}, got ${JSON.stringify(bad ?? t)}`);
      return hosts;
    },
    problem: (v, key) =>
      Array.isArray(v) && v.every((h) => typeof h === 'string' && isHostName(h)) ? undefined : `${key} must be ${HOST_NAMES_RULE}, got ${JSON.stringify(v)}`,
    show: (v) => v.join(','),
  };
}

/** Network IDs, comma-separated; each once, in order. 0, the default network, is always valid and not listed. */
export function networkIds(arg: string): Kind<number[]> {
  const id: Bounds = { min: 1, max: 2 ** 31 - 1 };
  return {
    arg,
    parse(name, t) {
      const ids = required(name, t)
        .split(',')
        .map((v) => numberText(name, v.trim(), id));
      return [...new Set(ids)].sort((a, b) => a - b);
    },
    problem: (v, key) =>
      Array.isArray(v) && v.every((n) => inBounds(n, id)) ? undefined : `${key} must be network IDs, ${describeBounds(id)}, got ${JSON.stringify(v)}`,
    show: (v) => v.join(','),
  };
}

/** Paths, comma-separated. */
export function paths(arg: string): Kind<string[]> {
  return { arg, parse: items, show: (v) => v.join(',') };
}

export interface User {
  login: string;
  password: string;
}

/** `LOGIN:PASSWORD`; each text is one user, and a setting of this kind is given once per user. */
export function credentials(arg: string): Kind<User[]> {
  return {
    arg,
    parse(name, t) {
      const pair = required(name, t);
      const colon = pair.indexOf(':');
      if (colon <= 0 || colon === pair.length - 1) throw new ConfigError(`${name} must be login:password, got ${JSON.stringify(pair)}`);
      return [{ login: pair.slice(0, colon), password: pair.slice(colon + 1) }];
    },
    problem(v, key) {
      if (!Array.isArray(v) || v.length === 0) return `${key} must name at least one login:password`;
      const bad = v.find((u) => typeof u?.login !== 'string' || u.login === '' || u.login.includes(':') || typeof u.password !== 'string' || u.password === '');
      return bad === undefined ? undefined : `${key} must be non-empty logins (without ':') with non-empty passwords, got ${JSON.stringify(bad)}`;
    },
    show: (v) => v.map((u) => `${u.login}:${u.password}`).join(','),
  };
}

export interface Rate {
  calls: number;
  windowSec: number;
}

/** `CALLS/SECONDS`: calls in a rolling window. */
export function callsPerWindow(arg: string, parts: { calls: Bounds; windowSec: Bounds }): Kind<Rate> {
  const keys = ['calls', 'windowSec'] as const;
  return {
    arg,
    parse(name, t) {
      const match = /^(\d+)\/(\d+)$/.exec(required(name, t));
      if (!match) throw new ConfigError(`${name} must be CALLS/SECONDS, e.g. 300/3600, got ${JSON.stringify(t)}`);
      return { calls: numberText(name, match[1], parts.calls), windowSec: numberText(name, match[2], parts.windowSec) };
    },
    problem(v, key) {
      const bad = keys.find((part) => !inBounds((v as Partial<Rate> | undefined)?.[part], parts[part]));
      return bad === undefined
        ? undefined
        : `${key}.${bad} must be ${describeBounds(parts[bad])}, got ${JSON.stringify((v as Partial<Rate> | undefined)?.[bad])}`;
    },
    show: (v) => `${v.calls}/${v.windowSec}`,
    json: parts,
  };
}
