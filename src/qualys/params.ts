import { qualysErrors } from './errors.js';
import { hasNonXmlChars } from './xml.js';

/**
 * The parameters of one call: query string first, then the body, in received order [Q].
 * Names are case-sensitive and the last occurrence of a name wins [Q].
 */
export class RequestParams {
  readonly entries: readonly (readonly [string, string])[];
  private readonly last = new Map<string, string>();

  /**
   * [Q: Microsoft Sentinel's Qualys connector sends `=&` on every detection call with its shipped
   * default filter, so the live service takes it] a pair without a name is no parameter: [E] left
   * out at every endpoint, as Qualys parses every form one way, before names are checked.
   */
  constructor(entries: readonly (readonly [string, string])[]) {
    this.entries = entries.some(([k]) => k === '') ? entries.filter(([k]) => k !== '') : entries;
    for (const [k, v] of this.entries) this.last.set(k, v);
  }

  get(name: string): string | undefined {
    return this.last.get(name);
  }

  has(name: string): boolean {
    return this.last.has(name);
  }

  /** Distinct names, in order of first appearance. */
  names(): string[] {
    return [...this.last.keys()];
  }

  /** A value that must be present and non-empty (the dispatcher has checked presence). */
  require(name: string): string {
    const value = this.get(name);
    if (value === undefined || value === '') throw qualysErrors.missingParameters([name]);
    return value;
  }

  /** Free text: refused when it holds characters XML cannot carry, or exceeds `max` [Q limits, E check]. */
  text(name: string, max: number): string | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    if (hasNonXmlChars(value)) throw qualysErrors.invalidValue(name, value, 'contains characters that XML cannot carry');
    if ([...value].length > max) throw qualysErrors.invalidValue(name, value, `longer than ${max} characters`);
    return value;
  }

  /** A value from a fixed set; `caseInsensitive` matches Qualys's lenient enums. */
  oneOf<T extends string>(name: string, allowed: readonly T[], caseInsensitive = false): T | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    const found = allowed.find((a) => (caseInsensitive ? a.toLowerCase() === value.toLowerCase() : a === value));
    if (found === undefined) throw qualysErrors.invalidValue(name, value, `must be one of: ${allowed.join(', ')}`);
    return found;
  }

  /**
   * A decimal integer within `min`..`max`, returned without leading zeros [E: Qualys publishes no
   * bounds for most integers; the caller says them].
   */
  integer(name: string, min = 0, max = Number.MAX_SAFE_INTEGER, what = `an integer from ${min} to ${max}`): string | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    if (!/^-?\d{1,16}$/.test(value) || +value < min || +value > max) throw qualysErrors.invalidValue(name, value, `not ${what}`);
    return String(+value);
  }

  /** [Q] a date as Qualys's date filters take it, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ` (UTC). */
  date(name: string): string | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    const m = value.match(/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$/);
    const d = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
    // A date that rolls over (2024-02-30) is not the date written.
    if (!m || !d || d.toISOString().slice(0, 19) !== `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}`) {
      throw qualysErrors.invalidValue(name, value, 'not a date: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ');
    }
    return value;
  }

  /** A TCP port, 1 to 65535. */
  port(name: string): string | undefined {
    return this.integer(name, 1, 65535, 'a port from 1 to 65535');
  }

  /**
   * Comma-separated values, each one of `allowed` when given (matched case-insensitively, kept as
   * declared), at most `max` characters in all; empty items are refused.
   */
  list(name: string, max: number, allowed?: readonly string[]): string | undefined {
    const value = this.text(name, max);
    if (value === undefined || value === '') return value;
    const items = value.split(',').map((v) => v.trim());
    if (items.some((v) => v === '')) throw qualysErrors.invalidValue(name, value, 'an empty item in the list');
    if (!allowed) return items.join(',');
    return items
      .map((item) => {
        const found = allowed.find((a) => a.toLowerCase() === item.toLowerCase());
        if (found === undefined) throw qualysErrors.invalidValue(name, value, `each item must be one of: ${allowed.join(', ')}`);
        return found;
      })
      .join(',');
  }

  /** The same parameters with `name` set to `value` (replacing every occurrence), for next-page URLs. */
  with(name: string, value: string): RequestParams {
    const rest = this.entries.filter(([k]) => k !== name);
    return new RequestParams([...rest, [name, value]]);
  }

  toQueryString(): string {
    return new URLSearchParams(this.entries.map(([k, v]) => [k, v])).toString();
  }
}
