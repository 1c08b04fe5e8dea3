import { normalise, type IntervalSet } from './interval-set.js';
import { qualysErrors } from './errors.js';

/**
 * IPv4 sets: addresses, `a.b.c.d-e.f.g.h` ranges and CIDR blocks, as ranges of 32-bit integers.
 * [Q] the accepted forms; [E] IPv6 refused with a TEXT that says so.
 */
/** 0 to 255 in decimal, no sign, no leading zero; else undefined. */
function parseOctet(text: string): number | undefined {
  if (text.length === 0 || text.length > 3 || (text.length > 1 && text[0] === '0')) return undefined;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    n = n * 10 + digit;
  }
  return n <= 255 ? n : undefined;
}

/** Dotted quad to its 32-bit number. By hand, not a regular expression: a set may hold 150,000 addresses. */
function parseAddress(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    const octet = parseOctet(part);
    if (octet === undefined) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

export function formatAddress(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function parseEntry(entry: string): [number, number] | string {
  if (entry.includes(':')) return 'IPv6 addresses are not supported by the emulator';
  const slash = entry.indexOf('/');
  if (slash >= 0) {
    const base = parseAddress(entry.slice(0, slash).trim());
    const prefixText = entry.slice(slash + 1).trim();
    if (base === undefined || !/^\d{1,2}$/.test(prefixText) || +prefixText > 32) return 'not a valid CIDR block';
    const size = 2 ** (32 - +prefixText);
    const lo = base - (base % size);
    return [lo, lo + size - 1];
  }
  const dash = entry.indexOf('-');
  if (dash >= 0) {
    const lo = parseAddress(entry.slice(0, dash).trim());
    const hi = parseAddress(entry.slice(dash + 1).trim());
    if (lo === undefined || hi === undefined) return 'not a valid IP range';
    if (lo > hi) return 'range start is greater than its end';
    return [lo, hi];
  }
  const address = parseAddress(entry);
  return address === undefined ? 'not a valid IPv4 address' : [address, address];
}

/** Parses a comma-separated IP list into a normalised set; a bad entry is a 1905 naming it. */
export function parseIpSet(name: string, value: string): IntervalSet {
  const ranges: [number, number][] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    // [E] empty entries (`1.2.3.4,`) are skipped, as a trailing comma is a common slip.
    if (entry === '') continue;
    const parsed = parseEntry(entry);
    if (typeof parsed === 'string') throw qualysErrors.invalidValue(name, value, `${parsed}: ${entry}`);
    ranges.push(parsed);
  }
  if (ranges.length === 0) throw qualysErrors.invalidValue(name, value, 'no IP address given');
  return normalise(ranges);
}

export type IpSetEntry = { kind: 'IP' | 'IP_RANGE'; value: string };

/** [Q] single addresses as IP, runs as IP_RANGE `a.b.c.d-e.f.g.h`. */
export function formatIpRange([lo, hi]: readonly [number, number]): IpSetEntry {
  return lo === hi ? { kind: 'IP', value: formatAddress(lo) } : { kind: 'IP_RANGE', value: `${formatAddress(lo)}-${formatAddress(hi)}` };
}

export function formatIpSet(set: IntervalSet): IpSetEntry[] {
  return set.map(formatIpRange);
}
